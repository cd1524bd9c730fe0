import { inlineToText } from '../compose/inline.js';
import { letterCount, splitSentences, words } from './sentences.js';
import { englishSyllables, frenchSyllables, germanSyllables, spanishSyllables } from './syllables.js';

/** What the readability formulas count in a piece of text. */
export interface TextCounts {
  words: number;
  sentences: number;
  /** letters and digits of the words (Gulpease) */
  letters: number;
  /** syllables, for the languages whose formula needs them (en, de, fr, es); 0 for others */
  syllables: number;
  /** words of more than LONG_WORD letters (the "long words" of LIX and the Wiener Sachtextformel) */
  longWords: number;
}

/** A long word has more than this many letters (Björnsson's LIX, Bamberger & Vanecek's Sachtextformel). */
export const LONG_WORD = 6;

export const NO_COUNTS: TextCounts = { words: 0, sentences: 0, letters: 0, syllables: 0, longWords: 0 };

export function addCounts(a: TextCounts, b: TextCounts): TextCounts {
  return {
    words: a.words + b.words,
    sentences: a.sentences + b.sentences,
    letters: a.letters + b.letters,
    syllables: a.syllables + b.syllables,
    longWords: a.longWords + b.longWords,
  };
}

/** Counts one piece of inline text (a paragraph, a list item…): markers are removed first. */
export function countText(text: string, lang: string): TextCounts {
  const syllables = SYLLABLES[baseLanguage(lang)];
  let out = NO_COUNTS;
  for (const s of splitSentences(inlineToText(text))) {
    const ws = words(s.text, lang);
    if (!ws.length) continue;
    const letters = ws.map((w) => letterCount(w.text));
    out = addCounts(out, {
      words: ws.length,
      sentences: 1,
      letters: letters.reduce((n, l) => n + l, 0),
      syllables: syllables ? ws.reduce((n, w) => n + syllables(w.text), 0) : 0,
      longWords: letters.filter((l) => l > LONG_WORD).length,
    });
  }
  return out;
}

const SYLLABLES: Record<string, (word: string) => number> = {
  en: englishSyllables,
  de: germanSyllables,
  fr: frenchSyllables,
  es: spanishSyllables,
};

/** 'de' of 'de-CH', 'zh' of 'zh-Hans': formulas belong to languages, not regions or scripts. */
function baseLanguage(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0]!;
}

/**
 * Gulpease index (Lucisano & Piemontese, 1988), for Italian:
 * 89 + (300 × sentences − 10 × letters) / words. Higher is easier; below 80
 * is hard for readers with primary schooling, below 60 for middle school,
 * below 40 for a high-school diploma. Undefined for text without words.
 */
export function gulpease(c: TextCounts): number | undefined {
  if (!c.words) return undefined;
  return 89 + (300 * c.sentences - 10 * c.letters) / c.words;
}

/**
 * Flesch–Kincaid grade level (Kincaid et al., 1975), for English:
 * 0.39 × words/sentence + 11.8 × syllables/word − 15.59. The US school grade
 * a reader needs; patient material should be at grade 6–8 or below.
 */
export function fleschKincaidGrade(c: TextCounts): number | undefined {
  if (!c.words || !c.sentences) return undefined;
  return 0.39 * (c.words / c.sentences) + 11.8 * (c.syllables / c.words) - 15.59;
}

/**
 * Amstad's German adaptation of Flesch's reading ease (Amstad, 1978,
 * "Wie verständlich sind unsere Zeitungen?"): 180 − words/sentence − 58.5 ×
 * syllables/word. 0–100 like Flesch: 60–70 is plain everyday German, below 50
 * fairly hard, below 30 very hard.
 */
export function amstad(c: TextCounts): number | undefined {
  if (!c.words || !c.sentences) return undefined;
  return 180 - c.words / c.sentences - 58.5 * (c.syllables / c.words);
}

/**
 * Kandel & Moles' French adaptation of Flesch's reading ease (Kandel & Moles,
 * 1958, "Application de l'indice de Flesch à la langue française"): 207 −
 * 1.015 × words/sentence − 73.6 × syllables/word. Read like Flesch: 60–70
 * standard, below 50 fairly hard.
 */
export function kandelMoles(c: TextCounts): number | undefined {
  if (!c.words || !c.sentences) return undefined;
  return 207 - 1.015 * (c.words / c.sentences) - 73.6 * (c.syllables / c.words);
}

/**
 * Szigriszt-Pazos perspicuity for Spanish (Szigriszt Pazos, 1993), read on
 * the INFLESZ scale (Barrio-Cantalejo et al., 2008, for health texts):
 * 206.835 − 62.3 × syllables/word − words/sentence. Below 40 very hard,
 * 40–55 somewhat hard, 55–65 normal, above 65 easy. Chosen over Fernández
 * Huerta, whose published form is cited with two incompatible readings of its
 * sentence term.
 */
export function szigrisztPazos(c: TextCounts): number | undefined {
  if (!c.words || !c.sentences) return undefined;
  return 206.835 - 62.3 * (c.syllables / c.words) - c.words / c.sentences;
}

export type IndexName = 'gulpease' | 'flesch-kincaid-grade' | 'amstad' | 'kandel-moles' | 'szigriszt-pazos';

/** The option of the readability rule that holds a formula's limit. */
export type LimitOption = 'gulpeaseMin' | 'gradeMax' | 'fleschMin' | 'inflezMin';

/** Which formula a language is scored with, and which way is better. */
export interface ReadabilityIndex {
  name: IndexName;
  /** "Gulpease" or "FK grade", for tables */
  label: string;
  higherIsEasier: boolean;
  /** the rule option that sets the limit for this formula */
  limit: LimitOption;
  /** one line under --stats: how to read the score */
  scale: string;
  score: (c: TextCounts) => number | undefined;
}

const INDEXES: Record<string, ReadabilityIndex> = {
  it: { name: 'gulpease', label: 'Gulpease', higherIsEasier: true, limit: 'gulpeaseMin', scale: 'higher is easier; below 60 is hard with middle-school education', score: gulpease },
  en: { name: 'flesch-kincaid-grade', label: 'FK grade', higherIsEasier: false, limit: 'gradeMax', scale: 'school grade needed; patient material should be 8 or below', score: fleschKincaidGrade },
  de: { name: 'amstad', label: 'Amstad', higherIsEasier: true, limit: 'fleschMin', scale: 'Flesch (Amstad), higher is easier; 60–70 is plain German', score: amstad },
  fr: { name: 'kandel-moles', label: 'Kandel–Moles', higherIsEasier: true, limit: 'fleschMin', scale: 'Flesch (Kandel–Moles), higher is easier; 60–70 is standard', score: kandelMoles },
  es: { name: 'szigriszt-pazos', label: 'INFLESZ', higherIsEasier: true, limit: 'inflezMin', scale: 'Szigriszt-Pazos on the INFLESZ scale, higher is easier; 55–65 is normal', score: szigrisztPazos },
};

/** The published formula for a language, or undefined when we have none (counts, no score, no warning). */
export function indexFor(lang: string): ReadabilityIndex | undefined {
  return INDEXES[baseLanguage(lang)];
}
