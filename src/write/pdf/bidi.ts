/**
 * A minimal bidirectional split (after UAX #9, much reduced): enough that
 * right-to-left words inside left-to-right text are shaped right to left
 * while the text around them keeps its reading order.
 *
 * fontkit picks a direction per call from the first script it meets, so
 * text shaped in one call that starts with a Hebrew letter came out
 * reversed as a whole ("שלום<script>" drawn as ">tpircs<שלום"). Text is
 * therefore cut into directional runs first and each run shaped on its own.
 *
 * In a left-to-right paragraph (the only kind the PDF writer lays out so
 * far) a right-to-left run is a maximal sequence of right-to-left characters
 * together with the spaces and punctuation between them; everything else
 * is left to right. Runs are placed left to right in reading order.
 */

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

/** Whether the text holds any right-to-left character (most leaflet text does not: the fast path). */
export function hasRtl(text: string): boolean {
  return RTL_BLOCKS.test(text) && rtlExpressions().has.test(text);
}

/** The text cut into directional runs, in reading order; the concatenated runs are the text. */
export function directionalRuns(text: string): DirectionalRun[] {
  if (!hasRtl(text)) return [{ text, rtl: false }];
  const out: DirectionalRun[] = [];
  let last = 0;
  for (const m of text.matchAll(rtlExpressions().run)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index), rtl: false });
    out.push({ text: m[0], rtl: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), rtl: false });
  return out;
}
