import type { InlineRun, Line } from '../text.js';
import { insideRange, unbreakableRanges } from '../unbreakable.js';

/**
 * The rules a figure is sized and placed by in the PDF, kept beside the
 * template's CSS so the two outputs agree (docs/templates.md, "Figures in
 * print"). Pure functions: the page-flow core (layout.ts) draws with them.
 */

/** CSS pixels are 0.75 pt: a figure without a width is printed at the size a browser shows it. */
export const PT_PER_PX = 0.75;

/**
 * The text beside a side figure keeps at least this many ems of body text
 * a line (about 35 characters): a narrower column holds two or three words
 * a line, and the figure goes above the text instead (large print, A5).
 */
export const SIDE_MEASURE_EMS = 20;

/**
 * An image with its caption beside the text takes at most this share of the
 * flow area's height: a taller one (a long caption in a narrow column) would
 * leave a page of narrow text, and goes above the text instead.
 */
export const SIDE_HEIGHT_SHARE = 0.6;

export interface FigureSizing {
  /** the image's size in pixels */
  image: { width: number; height: number };
  /** `data-width` as a share of the column (0.2–1), or null when the content gives none */
  share: number | null;
  column: number;
  /** the flow area's height: no figure is taller than half of it */
  area: number;
  /**
   * Large print: a figure with a width takes the whole column, as the
   * large-print style.css gives every `w-*` class `width: 100%` (a share
   * of a column at 18 pt made the picture smaller than its own labels).
   */
  wholeColumn: boolean;
}

/** The image's size in points: its share of the column (the whole column in large print), else its own size; never wider than the column nor taller than half the page. */
export function figureSize(s: FigureSizing): { width: number; height: number } {
  const { image, column, area } = s;
  const tallest = (area * 0.5) / image.height;
  const wanted = s.share !== null ? (column * (s.wholeColumn ? 1 : Math.min(1, s.share))) / image.width : Math.min(PT_PER_PX, column / image.width);
  const scale = Math.min(wanted, tallest);
  return { width: image.width * scale, height: image.height * scale };
}

/** Whether the text beside a figure `figureWidth` wide keeps a readable measure (SIDE_MEASURE_EMS), and its caption, if any, too (SIDE_CAPTION_EMS). */
export function besideFits(column: number, figureWidth: number, gutter: number, bodySize: number, captionSize: number | null): boolean {
  if (captionSize !== null && figureWidth < SIDE_CAPTION_EMS * captionSize) return false;
  return column - figureWidth - gutter >= SIDE_MEASURE_EMS * bodySize;
}

/**
 * A captioned figure beside the text is at least this many ems of its
 * caption's text wide: in a narrower column (a 40-pixel icon is 30 pt) the
 * caption broke inside its words and phone numbers, and the figure goes
 * above the text instead, its caption the column's width.
 */
export const SIDE_CAPTION_EMS = 10;

const SHY = '\u00AD';

/**
 * A paragraph cut after its first `count` lines (those beside a side
 * figure): the lines that stay and the runs of what goes on below. The
 * text of those lines is counted off the source — the breaker drops soft
 * hyphens and line-break characters and changes no other — so the cut falls
 * exactly where line `count` starts, and the lines are kept as they are.
 * Where a line broke at a soft hyphen (drawn as "-", its spaces trimmed) the
 * count is not exact: the cut falls back to the last space a line may break
 * at before it, and the words before it are broken again (`rebreak`). Every
 * character is on one side of the cut, never both.
 */
export function cutAfterLines(runs: readonly InlineRun[], lines: readonly Line[], count: number, rebreak: (runs: InlineRun[]) => Line[]): { kept: Line[]; rest: InlineRun[] } {
  if (lines.length <= count) return { kept: [...lines], rest: [] };
  const all = runs.map((r) => r.text).join('');
  let visible = 0;
  for (const line of lines.slice(0, count)) for (const p of line.pieces) visible += p.text.length;
  let pos = 0;
  let seen = 0;
  let shy = false;
  while (seen < visible && pos < all.length) {
    const ch = all[pos]!;
    pos++;
    if (ch === SHY) shy = true;
    else if (ch !== '\n') seen++;
  }
  // what ends the last line without being drawn: a line break, a soft hyphen
  while (pos < all.length && (all[pos] === '\n' || all[pos] === SHY)) {
    if (all[pos] === SHY) shy = true;
    pos++;
  }
  if (!shy) {
    const [, rest] = splitRuns(runs, pos);
    return { kept: lines.slice(0, count), rest };
  }
  // back to a space a line may break at: not one inside a date or a phone number, which would break differently cut in two
  const held = unbreakableRanges(all);
  let space = all.lastIndexOf(' ', pos - 1);
  while (space >= 0 && insideRange(held, space + 1)) space = all.lastIndexOf(' ', space - 1);
  if (space >= 0) pos = space + 1;
  const [before, rest] = splitRuns(runs, pos);
  return { kept: rebreak(before), rest };
}

/** The runs cut at `offset` of their joined text: what comes before and what comes after, every character in one of them. */
export function splitRuns(runs: readonly InlineRun[], offset: number): [InlineRun[], InlineRun[]] {
  const before: InlineRun[] = [];
  const after: InlineRun[] = [];
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length;
    if (end <= offset) before.push(r);
    else if (at >= offset) after.push(r);
    else {
      before.push({ ...r, text: r.text.slice(0, offset - at) });
      after.push({ ...r, text: r.text.slice(offset - at) });
    }
    at = end;
  }
  return [before, after.filter((r) => r.text.length > 0)];
}
