/**
 * Sentences and words of inline text, for readability, long-sentence and
 * duplicate checks. Offsets are UTF-16 indexes into the text as written, so a
 * finding can be located with SourceMap.locateChar.
 *
 * Definitions (the ones the readability formulas are computed with):
 * - A sentence ends at `.`, `!`, `?` or `…` (one or more; also Arabic `؟`
 *   and the Devanagari danda `।`) followed by the end of the text, or by
 *   white space and then a capital letter, a digit or an opening quote or
 *   bracket, or a letter of a script without capitals (Arabic, Devanagari).
 *   So "e.g. the", "3.5" and "ecc. e" do not end a sentence. The full stops
 *   of Chinese and Japanese (`。！？`) end a sentence wherever they stand:
 *   those scripts put no space after them. Text with no end mark is one
 *   sentence: a list item, a heading or a key point counts as one sentence.
 * - Italian and English: a word is a run of letters and digits; hyphens and
 *   (in English) apostrophes inside a run keep it one word ("mini-invasiva", "70-80",
 *   "doctor's"). In Italian an apostrophe separates the elided article from
 *   the next word ("dell’intervento" is two words), as Italian readers and
 *   the Gulpease word counts treat it. Other languages: the words of
 *   Unicode word segmentation (see segmentWords).
 * - The letters of a word are its letters and digits (Gulpease counts
 *   characters of words, not punctuation or the `**` of bold text).
 */

export interface Span {
  text: string;
  /** UTF-16 offset of the first character in the text as written */
  start: number;
}

const END = /[.!?…。！？؟।]+/gu;
/** Full stops of scripts written without spaces end a sentence wherever they stand. */
const CLOSED = /[。！？]/u;
const OPENER = /[\p{Lu}\p{Lo}\p{N}"“«(\[‘']/u;

export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const stop = m.index + m[0].length;
    const rest = text.slice(stop);
    const after = /^[\s)\]"”»’*]*/u.exec(rest)![0];
    const atEnd = stop + after.length >= text.length;
    const spaced = /\s/u.test(after);
    const next = text[stop + after.length];
    if (atEnd || (spaced && next !== undefined && OPENER.test(next)) || CLOSED.test(m[0])) {
      // keep closing quotes/brackets/bold markers with the sentence they close
      const close = /^[)\]"”»’*]*/u.exec(rest)![0];
      push(out, text, from, stop + close.length);
      from = stop + after.length;
      END.lastIndex = from;
    }
  }
  push(out, text, from, text.length);
  return out;
}

function push(out: Span[], text: string, from: number, to: number): void {
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  if (body && /[\p{L}\p{N}]/u.test(body)) out.push({ text: body, start: from + lead });
}

const WORD_EN = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
const WORD_IT = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** The words of a text in a language ('it', 'en', …); see the definitions above. */
export function words(text: string, lang: string): Span[] {
  if (lang !== 'en' && lang !== 'it') return segmentWords(text, lang);
  const re = lang === 'en' ? WORD_EN : WORD_IT;
  re.lastIndex = 0;
  const out: Span[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ text: m[0], start: m.index });
  return out;
}

/**
 * Other languages: the words of Unicode word segmentation (Intl.Segmenter,
 * CLDR/ICU rules and dictionaries), so languages written without spaces
 * (Chinese, Japanese, Thai) get real words rather than one "word" a
 * sentence. Hyphenated words and ranges stay one word, as in Italian and
 * English; punctuation and symbols are not words.
 */
function segmentWords(text: string, lang: string): Span[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  }
  const out: Span[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike || !/[\p{L}\p{N}]/u.test(s.segment)) continue;
    const last = out.at(-1);
    if (last && last.start + last.text.length + 1 === s.index && text[s.index - 1] === '-')
      last.text = text.slice(last.start, s.index + s.segment.length);
    else out.push({ text: s.segment, start: s.index });
  }
  return out;
}

/** Letters and digits of a word: what Gulpease calls its letters. */
export function letterCount(word: string): number {
  return (word.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** For comparing sentences: no markers, one space, lower case, no end mark. */
export function normalise(text: string): string {
  return text
    .replace(/\*+/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s.!?…:;,]+$/u, '')
    .toLocaleLowerCase();
}
