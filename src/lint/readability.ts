import { inlineToText } from '../compose/inline.js';
import { letterCount, splitSentences, words } from './sentences.js';
import { englishSyllables } from './syllables.js';

/** What the readability formulas count in a piece of text. */
export interface TextCounts {
  words: number;
  sentences: number;
  /** letters and digits of the words (Gulpease) */
  letters: number;
  /** English syllables (Flesch–Kincaid); 0 for other languages */
  syllables: number;
}

export const NO_COUNTS: TextCounts = { words: 0, sentences: 0, letters: 0, syllables: 0 };

export function addCounts(a: TextCounts, b: TextCounts): TextCounts {
  return {
    words: a.words + b.words,
    sentences: a.sentences + b.sentences,
    letters: a.letters + b.letters,
    syllables: a.syllables + b.syllables,
  };
}

/** Counts one piece of inline text (a paragraph, a list item…): markers are removed first. */
export function countText(text: string, lang: string): TextCounts {
  let out = NO_COUNTS;
  for (const s of splitSentences(inlineToText(text))) {
    const ws = words(s.text, lang);
    if (!ws.length) continue;
    out = addCounts(out, {
      words: ws.length,
      sentences: 1,
      letters: ws.reduce((n, w) => n + letterCount(w.text), 0),
      syllables: lang === 'en' ? ws.reduce((n, w) => n + englishSyllables(w.text), 0) : 0,
    });
  }
  return out;
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

export type IndexName = 'gulpease' | 'flesch-kincaid-grade';

/** Which formula a language is scored with, and which way is better. */
export interface ReadabilityIndex {
  name: IndexName;
  /** "Gulpease" or "FK grade", for tables */
  label: string;
  higherIsEasier: boolean;
  score: (c: TextCounts) => number | undefined;
}

const INDEXES: Record<string, ReadabilityIndex> = {
  it: { name: 'gulpease', label: 'Gulpease', higherIsEasier: true, score: gulpease },
  en: { name: 'flesch-kincaid-grade', label: 'FK grade', higherIsEasier: false, score: fleschKincaidGrade },
};

/** The published formula for a language, or undefined when we have none (no score, no warning). */
export function indexFor(lang: string): ReadabilityIndex | undefined {
  return INDEXES[lang];
}
