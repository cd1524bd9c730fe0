import { CODES } from '../../diagnostics/codes.js';
import { inlineToText } from '../../compose/inline.js';
import type { Finding, Rule } from '../model.js';
import { place, quote, shortPlace } from '../locate.js';
import { normalise, splitSentences, words } from '../sentences.js';

export interface UntranslatedOptions {
  /** sentences with fewer words are not compared: they are mostly names, drugs, acronyms, numbers */
  minWords: number;
  /** texts that may stay as in the source (names of places, people, products) */
  allow: string[];
}

/**
 * Text in a translation that is the same as the source's text at the same
 * place, sentence by sentence (so one sentence left in Italian inside an
 * English paragraph is found too). Case, spacing, bold/italic markers and the
 * final full stop do not count as a change.
 *
 * Single words are not compared by default: a one-word text left as it is, is
 * far more often a name (a drug, a hospital, "MRI") than a forgotten
 * translation, while a translated term is a different string even when it is
 * a near cognate ("Periduroscopia" → "Periduroscopy") and is never flagged.
 */
export const translationUntranslated: Rule<UntranslatedOptions> = {
  id: 'translation-untranslated',
  description: 'text in a translation identical to the source text at the same place',
  severity: 'warning',
  defaults: { minWords: 2, allow: [] },
  options: {
    minWords: { type: 'integer', min: 1, description: 'shortest text (in words) that is compared' },
    allow: { type: 'strings', description: 'texts that may stay as in the source' },
  },
  check({ leaflet, units }, o) {
    const source = leaflet.languages.find((l) => l.lang === leaflet.source);
    if (!source) return [];
    const allowed = new Set(o.allow.map(normalise));
    const srcUnits = new Map(units(source).map((u) => [u.pointer, u]));
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      if (lang === source) continue;
      for (const u of units(lang)) {
        const s = srcUnits.get(u.pointer);
        if (!s || s.role !== u.role) continue;
        const sourceSentences = new Set(splitSentences(s.text).map((x) => normalise(inlineToText(x.text))));
        for (const sentence of splitSentences(u.text)) {
          const key = normalise(inlineToText(sentence.text));
          if (!/\p{L}/u.test(key) || allowed.has(key) || !sourceSentences.has(key)) continue;
          if (words(inlineToText(sentence.text), lang.lang).length < o.minWords) continue;
          out.push({
            code: CODES.LINT_UNTRANSLATED,
            message: `${quote(sentence.text)} is the same as in ${shortPlace(place(source, s.pointer))}: translate it, or list it under this rule's 'allow' option if it is a name.`,
            ...place(lang, u.pointer, sentence.start),
          });
        }
      }
    }
    return out;
  },
};
