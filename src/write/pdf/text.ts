import LineBreaker from 'linebreak';
import type { FontChain } from './fonts.js';
import { fontNamed, measure } from './fonts.js';
import { directionalRuns, hasRtl } from './bidi.js';
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
export function breakLines(runs: readonly InlineRun[], width: number, fonts: FontChain): Line[] {
  if (!runs.length) return [];
  // The same paragraph in the same fonts at the same width breaks the same
  // way: a process rendering leaflet after leaflet breaks each paragraph once.
  const memo = fontNamed(fonts, runs[0]!.font).lines;
  const key = JSON.stringify([width, runs.map((r) => [fontNamed(fonts, r.font).path, r.font, r.size, r.colour, r.struct, r.text])]);
  let lines = memo.get(key);
  if (!lines) {
    lines = breakLinesOnce(runs, width, fonts);
    // a bound: patient text is different in every handout
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, lines);
  }
  // callers may add to the list, never change a line
  return [...lines];
}

const MEMO_LIMIT = 4000;

function breakLinesOnce(runs: readonly InlineRun[], width: number, fonts: FontChain): Line[] {
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
  const rtl = hasRtl(all);
  const segments: Segment[] = [];
  const breaker = new LineBreaker(all);
  const held = unbreakableRanges(all);
  const extra = urlPathBreaks(all);
  let last = 0;
  const cut = (position: number, required: boolean) => {
    if (position <= last) return;
    segments.push(segmentOf(last, position, required));
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
    const laid = rtl ? directional(pieces, fc) : pieces;
    let width = 0;
    for (const p of laid) {
      const ink = p.text.replace(/ +$/, '');
      width = p.x + (ink === p.text ? p.width : ink ? measure(fontNamed(fc, p.font), ink, p.size) : 0);
    }
    return { pieces: laid, width };
  }
}

/**
 * A piece holding right-to-left text becomes its directional runs
 * (bidi.ts), placed left to right: each is shaped in its own direction when
 * drawn, and the layout shows the order they are drawn in.
 */
function directional(pieces: LinePiece[], fonts: FontChain): LinePiece[] {
  const out: LinePiece[] = [];
  let x = 0;
  for (const p of pieces) {
    if (!hasRtl(p.text)) {
      out.push({ ...p, x });
      x += p.width;
      continue;
    }
    for (const d of directionalRuns(p.text)) {
      const width = measure(fontNamed(fonts, p.font), d.text, p.size);
      out.push({ ...p, text: d.text, x, width });
      x += width;
    }
  }
  return out;
}

function hyphenWidth(seg: { parts: { run: number }[] }, runs: readonly InlineRun[], fonts: FontChain): number {
  const last = seg.parts[seg.parts.length - 1];
  if (!last) return 0;
  const run = runs[last.run]!;
  return measure(fontNamed(fonts, run.font), '-', run.size);
}

/** A word wider than the line: cut it between characters, each piece as wide as fits. */
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
    for (const ch of p.text) {
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
