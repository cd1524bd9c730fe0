/**
 * English syllable count for the Flesch–Kincaid grade. Dictionaries (CMUdict)
 * are the exact answer but weigh megabytes; the grade is a guide (REFERENCES:
 * "lint warns, never blocks"), so this counts vowel groups and corrects the
 * patterns that fool a plain count most often in patient text:
 * - a final silent "e" (make, procedure), but not consonant + "le" (possible);
 * - "-es" and "-ed" endings that add no syllable (takes, planned), but do
 *   after s/x/z/ch/sh/c/g and t/d (boxes, places, needed, treated);
 * - silent "e" before -ly and -ment (likely, management);
 * - "ia", "io", "eo", "ua", "uo" spoken as two syllables (anaesthesia,
 *   physiotherapy, video, gradual), except in -tion, -sion, -cial, -cious…;
 * - "y" at the start of a word is a consonant (you, yes).
 * - a few frequent words no pattern gets right (people, area, sciatica).
 * Numbers are read aloud, so a number counts one syllable a digit, at most 4.
 */
export function englishSyllables(word: string): number {
  const lower = word.toLowerCase().replace(/[’']s$/, '').replace(/[’']/g, '');
  if (!/[a-z]/.test(lower)) {
    const digits = lower.replace(/\D/g, '').length;
    return Math.max(1, Math.min(4, digits));
  }
  // hyphenated words: the sum of their parts (mini-invasive, check-up)
  if (lower.includes('-'))
    return lower
      .split('-')
      .filter(Boolean)
      .reduce((n, part) => n + englishSyllables(part), 0);
  let w = lower.replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;

  const known = EXCEPTIONS.get(w);
  if (known) return known;

  let adjust = 0;
  if (w.length > 5 && (/[^aeiouy]ely$/.test(w) || /[^aeiouy]ement$/.test(w))) adjust -= 1;
  if (/[bcdfgkptz]le$/.test(w)) {
    /* possible, little, muscle: consonant + le is its own syllable, keep the e */
  } else if (/(?:[sxz]|ch|sh|[cg])es$/.test(w)) {
    /* boxes, places, pages: the -es is spoken */
  } else if (/[^aeiouy]es$/.test(w)) w = w.slice(0, -2);
  else if (/[td]ed$/.test(w)) {
    /* needed, treated: the -ed is spoken */
  } else if (/[^aeiouy]ed$/.test(w) || /[aeiouy][^aeiouy]ed$/.test(w)) w = w.slice(0, -2);
  else if (/[^aeiouy]e$/.test(w) || /[aeiou][^aeiouy]e$/.test(w)) w = w.slice(0, -1);

  w = w.replace(/^y/, '');
  const groups = w.match(/[aeiouy]+/g) ?? [];
  let count = groups.length;
  // vowel pairs spoken as two syllables, unless part of a one-syllable ending
  const split = w.match(/(?<![tc])i[ao](?<![sgx]i[ao](?=[nu]))|eo|u[ao](?!u)/g) ?? [];
  count += split.length;
  count += adjust;
  return Math.max(1, count);
}

/** Frequent words in patient text that the patterns miscount. */
const EXCEPTIONS = new Map<string, number>([
  ['people', 2],
  ['area', 3],
  ['areas', 3],
  ['idea', 3],
  ['ideas', 3],
  ['create', 2],
  ['created', 3],
  ['sciatica', 4],
  ['sciatic', 3],
  ['someone', 2],
  ['something', 2],
  ['sometimes', 2],
  ['everyone', 3],
  ['everything', 3],
  ['anyone', 3],
  ['business', 2],
  ['every', 2],
  ['different', 3],
  ['several', 3],
]);
