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

/** Numbers are read aloud: one syllable a digit, at most 4 (as in English). */
function numberSyllables(word: string): number | undefined {
  if (/\p{L}/u.test(word)) return undefined;
  return Math.max(1, Math.min(4, word.replace(/\D/g, '').length));
}

function sumParts(word: string, count: (part: string) => number): number | undefined {
  if (!word.includes('-')) return undefined;
  return word
    .split('-')
    .filter(Boolean)
    .reduce((n, part) => n + count(part), 0);
}

/**
 * German syllables for Amstad's Flesch adaptation: vowels (a, e, i, o, u, ä,
 * ö, ü, y), where diphthongs (ei, ai, au, eu, äu), "ie" and doubled vowels
 * (Beet, Boot) count once, as German hyphenation splits words (Be-hand-lung,
 * dau-ert). Hiatus that looks like a diphthong (Mu-se-um, Fa-mi-li-e) is
 * undercounted; close, not exact.
 */
export function germanSyllables(word: string): number {
  const w = word.toLowerCase();
  const n = numberSyllables(w) ?? sumParts(w, germanSyllables);
  if (n !== undefined) return n;
  // in a run of vowels, each diphthong, "ie" or doubled vowel is one syllable and
  // any other vowel one more (dau-ert, Feu-er); the u of qu is a consonant
  const groups = w.replace(/qu/g, 'q').match(/[aeiouyäöü]+/g) ?? [];
  const count = groups.reduce((n, g) => n + (g.match(/ei|ai|au|eu|äu|ie|aa|ee|oo|[aeiouyäöü]/g) ?? []).length, 0);
  return Math.max(1, count);
}

/**
 * French syllables for Kandel–Moles: written syllables, as French
 * hyphenation splits words (ap-pel-le, mé-de-cin): vowel groups (with the
 * accented vowels, œ and æ), so "ou", "oi", "ai", "eau" count once; a mute
 * final e after a consonant (par-le) and a verb's -ent (par-lent) count, as
 * they do in written syllables. An elided article (l’, d’) is no syllable.
 */
export function frenchSyllables(word: string): number {
  const w = word.toLowerCase().replace(/^[a-z]['’]/, '');
  const n = numberSyllables(w) ?? sumParts(w, frenchSyllables);
  if (n !== undefined) return n;
  return Math.max(1, (w.match(/[aeiouyàâäéèêëîïôöûùüÿœæ]+/g) ?? []).length);
}

/**
 * Spanish syllables for Szigriszt-Pazos: vowel groups (a, e, i, o, u with
 * their accents, ü, and a final y as in muy, hoy), so diphthongs of a weak
 * vowel (i, u) with any vowel count once (tratamien-to, cui-da-do); two
 * strong vowels (a, e, o) side by side are two syllables (a-or-ta, le-er),
 * as is a stressed í or ú next to another vowel (dí-a, re-ú-ne).
 */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase();
  const n = numberSyllables(w) ?? sumParts(w, spanishSyllables);
  if (n !== undefined) return n;
  const groups = w.replace(/y$/, 'i').match(/[aeiouáéíóúü]+/g) ?? [];
  let count = groups.length;
  for (const g of groups)
    for (let i = 1; i < g.length; i++) {
      const a = g[i - 1]!;
      const b = g[i]!;
      const strong = (c: string) => 'aeoáéó'.includes(c);
      if ((strong(a) && strong(b)) || 'íú'.includes(a) || 'íú'.includes(b)) count++;
    }
  return Math.max(1, count);
}
