import LineBreaker from 'linebreak';
import type { FontChain } from './fonts.js';
import { fontNamed, measure, measureRun } from './fonts.js';
import { hasRtl, isMirrored, levelRuns, visualOrder } from './bidi.js';
import { scriptsIn } from './scripts.js';
import { insideRange, unbreakableRanges, urlPathBreaks } from './unbreakable.js';

/** A run of inline text in one font and colour, before line breaking. */
export interface InlineRun {
  text: string;
  font: string;
  size: number;
  colour: string;
  /** structure element it belongs to; null: decoration, drawn as an Artifact */
  struct: number | null;
}

export interface LinePiece extends InlineRun {
  /** left edge relative to the line start */
  x: number;
  width: number;
  /** at a right-to-left embedding level: shaped and drawn right to left */
  rtl?: true;
}

export interface Line {
  pieces: LinePiece[];
  /** width without trailing spaces */
  width: number;
}

const SHY = '\u00AD';

/**
 * Breaks inline runs into lines no wider than `width`, at the break
 * opportunities of the Unicode line breaking algorithm (UAX #14, the same
 * package pdfkit uses), except inside a date, a time, a phone number, a
 * number with its unit or a URL's host (unbreakable.ts). A soft hyphen is a break opportunity that shows a
 * hyphen only when the line breaks there; a word longer than the line is
 * broken between characters rather than overflowing the margin. Spaces at
 * the end of a line are kept in the text (so extracted text keeps its
 * word boundaries) but take no width.
 */
export function breakLines(runs: readonly InlineRun[], width: number, fonts: FontChain, rtl = false): Line[] {
  if (!runs.length) return [];
  // The same paragraph in the same fonts at the same width breaks the same
  // way: a process rendering leaflet after leaflet breaks each paragraph once.
  const memo = fontNamed(fonts, runs[0]!.font).lines;
  const key = JSON.stringify([width, rtl || undefined, runs.map((r) => [fontNamed(fonts, r.font).path, r.font, r.size, r.colour, r.struct, r.text])]);
  let lines = memo.get(key);
  if (!lines) {
    lines = breakLinesOnce(runs, width, fonts, rtl);
    // a bound: patient text is different in every handout
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, lines);
  }
  // callers may add to the list, never change a line
  return [...lines];
}

const MEMO_LIMIT = 4000;

function breakLinesOnce(runs: readonly InlineRun[], width: number, fonts: FontChain, rtl: boolean): Line[] {
  const all = runs.map((r) => r.text).join('');
  if (!all) return [];
  const starts: number[] = [];
  let acc = 0;
  for (const r of runs) {
    starts.push(acc);
    acc += r.text.length;
  }
  const runAt = (offset: number): number => {
    let lo = 0;
    let hi = runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  /** A stretch of text between two break opportunities, split where the run changes. */
  interface Segment {
    parts: { run: number; text: string; width: number }[];
    width: number;
    /** width without its trailing spaces */
    inkWidth: number;
    required: boolean;
    shy: boolean;
  }
  const segmentOf = (from: number, to: number, required: boolean): Segment => {
    const parts: Segment['parts'] = [];
    let i = from;
    while (i < to) {
      const r = runAt(i);
      // empty runs share a start offset with the next run; skip to the one holding i
      let k = r;
      while (k + 1 < runs.length && starts[k + 1]! <= i) k++;
      const end = Math.min(to, starts[k]! + runs[k]!.text.length);
      const raw = all.slice(i, end);
      const text = raw.split(SHY).join('').replace(/\n/g, '');
      const run = runs[k]!;
      parts.push({ run: k, text, width: text ? measure(fontNamed(fonts, run.font), text, run.size) : 0 });
      i = end;
    }
    const w = parts.reduce((s, p) => s + p.width, 0);
    let ink = w;
    const last = parts[parts.length - 1];
    if (last && / +$/.test(last.text)) {
      const run = runs[last.run]!;
      const trimmed = last.text.replace(/ +$/, '');
      ink = w - last.width + (trimmed ? measure(fontNamed(fonts, run.font), trimmed, run.size) : 0);
    }
    const rawSeg = all.slice(from, to);
    return { parts, width: w, inkWidth: ink, required, shy: rawSeg.replace(/ +$/, '').endsWith(SHY) };
  };

  // once per paragraph, not once per line: on a 1 MB paragraph the per-line
  // scan of the whole text was most of a 30 s render
  const mixed = hasRtl(all);
  const segments: Segment[] = [];
  const breaker = new LineBreaker(all);
  const held = unbreakableRanges(all);
  const extra = urlPathBreaks(all);
  let last = 0;
  /** where the previous segment ends in the text, to read the characters either side of a break */
  let lastEnd = 0;
  // the line rules of Chinese text, only for paragraphs that hold some (Latin text breaks as before)
  const cjk = scriptsIn(all).has('han');
  const cut = (position: number, required: boolean) => {
    if (position <= last) return;
    const seg = segmentOf(last, position, required);
    const prev = segments[segments.length - 1];
    if (cjk && prev && !prev.required && !keepsBreak(all, lastEnd, last)) {
      // Chinese line rules (kinsoku): the break UAX #14 allows here is not taken
      prev.parts.push(...seg.parts);
      prev.inkWidth = prev.width + seg.inkWidth;
      prev.width += seg.width;
      prev.required = seg.required;
      prev.shy = seg.shy;
    } else segments.push(seg);
    lastEnd = position;
    last = position;
  };
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    while (extra.length && extra[0]! < bk.position) cut(extra.shift()!, false);
    if (!bk.required && insideRange(held, bk.position)) continue;
    cut(bk.position, bk.required);
  }

  const lines: Line[] = [];
  let current: Segment[] = [];
  let used = 0;
  const flush = () => {
    lines.push(toLine(current, runs, fonts));
    current = [];
    used = 0;
  };
  for (const seg of segments) {
    const hyphen = seg.shy ? hyphenWidth(seg, runs, fonts) : 0;
    if (current.length && used + seg.inkWidth + hyphen > width + 0.01) flush();
    if (!current.length && seg.inkWidth > width + 0.01) {
      for (const piece of splitLongSegment(seg, width, runs, fonts)) {
        current.push(piece);
        flush();
      }
      continue;
    }
    current.push(seg);
    used += seg.width;
    if (seg.required) flush();
  }
  if (current.length) flush();
  return lines;

  function toLine(segs: Segment[], rs: readonly InlineRun[], fc: FontChain): Line {
    const pieces: LinePiece[] = [];
    let x = 0;
    for (const s of segs)
      for (const p of s.parts) {
        if (!p.text) continue;
        const prev = pieces[pieces.length - 1];
        const run = rs[p.run]!;
        if (prev && prev.struct === run.struct && prev.font === run.font && prev.colour === run.colour && prev.size === run.size) {
          prev.text += p.text;
          prev.width += p.width;
        } else {
          pieces.push({ ...run, text: p.text, x, width: p.width });
        }
        x += p.width;
      }
    const end = segs[segs.length - 1];
    if (end?.shy) {
      // the line breaks at a soft hyphen: show the hyphen
      const lastPiece = pieces[pieces.length - 1];
      if (lastPiece) {
        lastPiece.text = lastPiece.text.replace(/ +$/, '') + '-';
        lastPiece.width = measure(fontNamed(fc, lastPiece.font), lastPiece.text, lastPiece.size);
      }
    }
    const laid = rtl || mixed ? ordered(pieces, fc, rtl) : pieces;
    let width = 0;
    for (const p of laid) {
      const ink = p.text.replace(/ +$/, '');
      width = p.x + (ink === p.text ? p.width : ink ? measureRun(fontNamed(fc, p.font), ink, p.size, p.rtl === true) : 0);
    }
    return { pieces: laid, width };
  }
}

/**
 * The pieces of a line cut where the embedding level changes (bidi.ts) and
 * put in visual order, each measured in its own direction. A line of a
 * right-to-left paragraph is laid out as its mirror image — the piece read
 * first at x = 0 — and the page is mirrored as a whole after pagination
 * (mirror.ts), which right-aligns it and puts its first piece on the right.
 */
function ordered(pieces: LinePiece[], fonts: FontChain, rtl: boolean): LinePiece[] {
  const text = pieces.map((p) => p.text).join('');
  const levels = levelRuns(text, rtl);
  const cut: (LinePiece & { level: number })[] = [];
  let offset = 0;
  for (const p of pieces) {
    const end = offset + p.text.length;
    for (const r of levels) {
      const from = Math.max(offset, r.start);
      const to = Math.min(end, r.end);
      if (from >= to) continue;
      const { rtl: _drop, ...rest } = p;
      void _drop;
      // a mirrored bracket in a right-to-left run is a piece of its own: it alone needs ActualText
      // (paint.ts), and brackets join no letter, so cutting there changes no shape
      for (const t of r.rtl ? splitMirrored(text.slice(from, to)) : [text.slice(from, to)])
        cut.push({ ...rest, text: t, level: r.level, ...(r.rtl && { rtl: true as const }), x: 0, width: measureRun(fontNamed(fonts, p.font), t, p.size, r.rtl) });
    }
    offset = end;
  }
  const visual = visualOrder(cut);
  if (rtl) visual.reverse();
  let x = 0;
  return visual.map(({ level: _level, ...p }) => {
    void _level;
    const placed = { ...p, x };
    x += p.width;
    return placed;
  });
}

/** No line starts with these: closing brackets and quotes, CJK full stops, commas and marks (GB/T 15834, JIS X 4051). */
const NO_LINE_START = new Set([...'。．，、；：？！」』）〕］｝〉》】〗〙〛”’・…‥ー々〻ゝゞヽヾ％‰'].concat(['\uFF09', '\uFF0C', '\uFF1A', '\uFF1B', '\uFF1F', '\uFF01', '\uFF0E']));
/** No line ends with these: opening brackets and quotes. */
const NO_LINE_END = new Set([...'「『（〔［｛〈《【〖〘〚“‘'].concat(['\uFF08']));

/** Whether a line may break at `at`, between `text[..at)` and `text[at..]`, by the CJK line-start and line-end rules. */
function keepsBreak(text: string, _from: number, at: number): boolean {
  const before = text[at - 1];
  const after = text[at];
  if (after !== undefined && NO_LINE_START.has(after)) return false;
  if (before !== undefined && NO_LINE_END.has(before)) return false;
  return true;
}

/** The text cut before and after every character a right-to-left level mirrors. */
function splitMirrored(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of text) {
    if (isMirrored(ch)) {
      if (current) out.push(current);
      out.push(ch);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function hyphenWidth(seg: { parts: { run: number }[] }, runs: readonly InlineRun[], fonts: FontChain): number {
  const last = seg.parts[seg.parts.length - 1];
  if (!last) return 0;
  const run = runs[last.run]!;
  return measure(fontNamed(fonts, run.font), '-', run.size);
}

let segmenter: Intl.Segmenter | undefined;
/** The text's extended grapheme clusters (UAX #29); one per code point for plain Latin text. */
function graphemes(text: string): Iterable<string> {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u02FF]*$/.test(text)) return text;
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** A word wider than the line: cut it between characters (grapheme clusters), each piece as wide as fits. */
function splitLongSegment(
  seg: { parts: { run: number; text: string; width: number }[]; required: boolean },
  width: number,
  runs: readonly InlineRun[],
  fonts: FontChain,
) {
  type Part = { run: number; text: string; width: number };
  const out: { parts: Part[]; width: number; inkWidth: number; required: boolean; shy: boolean }[] = [];
  let parts: Part[] = [];
  let used = 0;
  const push = () => {
    out.push({ parts, width: used, inkWidth: used, required: false, shy: false });
    parts = [];
    used = 0;
  };
  for (const p of seg.parts) {
    const run = runs[p.run]!;
    const font = fontNamed(fonts, run.font);
    // whole grapheme clusters: a Devanagari conjunct or a letter with its vowel sign is never cut
    for (const ch of graphemes(p.text)) {
      const w = measure(font, ch, run.size);
      if (used + w > width && used > 0) push();
      const prev = parts[parts.length - 1];
      if (prev && prev.run === p.run) {
        prev.text += ch;
        prev.width += w;
      } else parts.push({ run: p.run, text: ch, width: w });
      used += w;
    }
  }
  if (parts.length) push();
  return out;
}
