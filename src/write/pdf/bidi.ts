/**
 * Directional runs by the Unicode bidirectional algorithm (bidi-js, a kept
 * implementation of UAX #9), for paragraphs of either direction.
 *
 * fontkit picks a direction per call from the first script it meets, so
 * text shaped in one call that starts with a Hebrew letter came out
 * reversed as a whole ("שלום<script>" drawn as ">tpircs<שלום"). Text is
 * therefore cut where its embedding level changes, each run shaped on its
 * own in its own direction (fonts.ts), and the runs of a line placed in
 * visual order (rule L2).
 */
import bidiFactory, { type Bidi } from 'bidi-js';
import { ltrRuns } from '../../markup/ltr-runs.js';


/** Characters of the scripts fontkit 2.0.4 shapes right to left (its RTL script list). */
const RTL_CLASS =
  '\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}' +
  '\\p{Script=Mandaic}\\p{Script=Cypriot}\\p{Script=Kharoshthi}\\p{Script=Phoenician}\\p{Script=Lydian}\\p{Script=Avestan}' +
  '\\p{Script=Imperial_Aramaic}\\p{Script=Inscriptional_Pahlavi}\\p{Script=Inscriptional_Parthian}\\p{Script=Old_South_Arabian}' +
  '\\p{Script=Old_Turkic}\\p{Script=Meroitic_Cursive}\\p{Script=Meroitic_Hieroglyphs}\\p{Script=Manichaean}' +
  '\\p{Script=Mende_Kikakui}\\p{Script=Nabataean}\\p{Script=Old_North_Arabian}\\p{Script=Palmyrene}\\p{Script=Psalter_Pahlavi}';
/**
 * Where those scripts' blocks lie: a cheap first test, since building the
 * script-property expressions costs tens of milliseconds at start-up and
 * most text never needs them.
 */
const RTL_BLOCKS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

let expressions: { has: RegExp; run: RegExp } | undefined;
function rtlExpressions(): { has: RegExp; run: RegExp } {
  if (!expressions) {
    const R = `[${RTL_CLASS}]`;
    /** neither a right-to-left character nor a letter or digit of another script: spaces, punctuation, symbols, marks */
    const N = `(?:(?!${R})[^\\p{L}\\p{N}])`;
    expressions = { has: new RegExp(R, 'u'), run: new RegExp(`${R}(?:${N}*${R})*`, 'gu') };
  }
  return expressions;
}

export interface DirectionalRun {
  text: string;
  rtl: boolean;
}

/** A stretch of text at one embedding level: its place in the text and whether it is drawn right to left. */
export interface LevelRun {
  start: number;
  end: number;
  rtl: boolean;
  level: number;
}

/** Whether the text holds any right-to-left character (most leaflet text does not: the fast path). */
export function hasRtl(text: string): boolean {
  return RTL_BLOCKS.test(text) && rtlExpressions().has.test(text);
}

let algorithm: Bidi | undefined;
/**
 * bidi-js builds its character tables when made: only texts with
 * right-to-left characters pay for it. Its package is CommonJS whose export
 * is the factory itself, which its types declare as a default export.
 */
const uba = (): Bidi => (algorithm ??= (bidiFactory as unknown as () => Bidi)());

/**
 * The text cut where its embedding level changes, in logical order, by the
 * Unicode bidirectional algorithm (UAX #9, bidi-js) with the paragraph's
 * direction given: numbers, Latin drug names, phone numbers and URLs inside
 * Arabic text get their own left-to-right level.
 */
export function levelRuns(text: string, rtlParagraph: boolean): LevelRun[] {
  if (!rtlParagraph && !hasRtl(text)) return text ? [{ start: 0, end: text.length, rtl: false, level: 0 }] : [];
  const levels = isolatedLevels(text, rtlParagraph);
  const base = rtlParagraph ? 1 : 0;
  const out: LevelRun[] = [];
  for (let i = 0; i < text.length; ) {
    let level = levels[i]!;
    let j = i + 1;
    while (j < text.length && levels[j] === level) j++;
    // rule L1: spaces at the end of a line take the paragraph's level
    if (j === text.length && /^\s+$/.test(text.slice(i, j))) level = base;
    out.push({ start: i, end: j, rtl: (level & 1) === 1, level });
    i = j;
  }
  return out;
}

/**
 * Phone numbers, URLs, e-mail addresses and numeric dates: read left to
 * right as one piece wherever they stand. By the algorithm alone, the
 * spaces of "+39 06 1234 5678" after an Arabic word take the right-to-left
 * level and the groups come out in reverse order; a writer would wrap such
 * a number in a left-to-right isolate (LRI … PDI, as HTML's <bdi>), and
 * leaflet authors cannot be asked to type invisible characters.
 */
const LTR_UNITS = /(?:https?:\/\/|www\.)[^\s]+[^\s.,;:!?)\]»"'،؛]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()./-]{5,}\d/gu;
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * Embedding levels of the text's characters, with LTR_UNITS isolated and, in
 * a right-to-left paragraph, the left-to-right runs the HTML isolates too
 * (markup/ltr-runs.ts: "38 °C", "500 mg" after a Hebrew word); one level per
 * UTF-16 unit of `text`.
 */
function isolatedLevels(text: string, rtlParagraph: boolean): Uint8Array {
  const spans = [...text.matchAll(LTR_UNITS)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  if (rtlParagraph) spans.push(...ltrRuns(text));
  spans.sort((a, b) => a.start - b.start);
  let marked = '';
  let at = 0;
  for (const span of spans) {
    // overlapping spans (a phone number inside a run) join into one isolate
    if (span.start < at) {
      if (span.end > at) {
        marked = marked.slice(0, -1) + text.slice(at, span.end) + PDI;
        at = span.end;
      }
      continue;
    }
    marked += `${text.slice(at, span.start)}${LRI}${text.slice(span.start, span.end)}${PDI}`;
    at = span.end;
  }
  marked += text.slice(at);
  const { levels } = uba().getEmbeddingLevels(marked, rtlParagraph ? 'rtl' : 'ltr');
  if (marked === text) return levels;
  const out = new Uint8Array(text.length);
  let k = 0;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === LRI || c === PDI) continue;
    out[k++] = levels[i]!;
  }
  return out;
}

/**
 * Rule L2: from the highest level down to the lowest odd one, every
 * sequence of items at that level or above is reversed. Returns the items
 * in the order they are drawn, left to right.
 */
export function visualOrder<T extends { level: number }>(items: readonly T[]): T[] {
  const out = [...items];
  if (!out.length) return out;
  const max = Math.max(...out.map((r) => r.level));
  const minOdd = Math.min(...out.map((r) => (r.level & 1 ? r.level : r.level + 1)));
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; ) {
      if (out[i]!.level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && out[j]!.level >= level) j++;
      const reversed = out.slice(i, j).reverse();
      out.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return out;
}

/** The text of a left-to-right paragraph cut into directional runs, in logical order; the concatenated runs are the text. */
export function directionalRuns(text: string): DirectionalRun[] {
  if (!hasRtl(text)) return [{ text, rtl: false }];
  return levelRuns(text, false).map((r) => ({ text: text.slice(r.start, r.end), rtl: r.rtl }));
}

/** The text with every character that has a mirrored form (brackets, « », ≤) replaced by it: how a right-to-left level shows them. */
export function mirrored(text: string): string {
  let out = '';
  for (const ch of text) out += uba().getMirroredCharacter(ch) ?? ch;
  return out;
}

/** Whether a right-to-left level shows the character as another (a bracket, « », ≤): such a glyph does not spell its character. */
export function isMirrored(ch: string): boolean {
  return uba().getMirroredCharacter(ch) !== null;
}
