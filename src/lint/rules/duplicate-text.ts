import { CODES } from '../../diagnostics/codes.js';
import { inlineToText } from '../../compose/inline.js';
import type { Finding, Rule } from '../model.js';
import { place, quote, shortPlace } from '../locate.js';
import { normalise, splitSentences, words } from '../sentences.js';
import { PROSE, type UnitRole } from '../units.js';

export interface DuplicateOptions {
  /** shorter sentences ("Yes.", "No.") may repeat */
  minWords: number;
}

const TIPS: ReadonlySet<UnitRole> = new Set<UnitRole>(['tip', 'faq-tip']);

/**
 * The same sentence or tip twice in one language (the seed page prints every
 * practical tip twice; the data holds each once). Compared after removing
 * bold/italic markers, extra spaces, case and the end mark. Reported at the
 * second occurrence, pointing at the first.
 */
export const duplicateText: Rule<DuplicateOptions> = {
  id: 'duplicate-text',
  description: 'the same sentence or tip repeated inside one language of a leaflet',
  severity: 'warning',
  defaults: { minWords: 4 },
  options: { minWords: { type: 'integer', min: 1, description: 'shortest sentence (in words) that must not repeat' } },
  check({ leaflet, units }, o) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      const seen = new Map<string, { pointer: string; start: number }>();
      for (const u of units(lang)) {
        if (!PROSE.has(u.role)) continue;
        const candidates = TIPS.has(u.role) ? [{ text: u.text, start: 0, whole: true }] : [];
        for (const s of splitSentences(u.text)) candidates.push({ ...s, whole: false });
        for (const c of candidates) {
          const plain = inlineToText(c.text);
          const key = `${c.whole ? 'tip' : 's'}:${normalise(plain)}`;
          if (!c.whole && words(plain, lang.lang).length < o.minWords) continue;
          const first = seen.get(key);
          if (!first) {
            seen.set(key, { pointer: u.pointer, start: c.start });
            continue;
          }
          out.push({
            code: CODES.LINT_DUPLICATE,
            message: `${c.whole ? 'This tip' : 'This sentence'} repeats ${shortPlace(place(lang, first.pointer, first.start))} (${quote(c.text)}). Say it once.`,
            ...place(lang, u.pointer, c.start),
          });
          // a one-sentence tip is also that sentence: report it once
          if (c.whole) break;
        }
      }
    }
    return out;
  },
};
