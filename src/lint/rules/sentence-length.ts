import { CODES } from '../../diagnostics/codes.js';
import { inlineToText } from '../../compose/inline.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { splitSentences, words } from '../sentences.js';
import { PROSE } from '../units.js';

export interface SentenceLengthOptions {
  /** more words than this is a long sentence */
  max: number;
}

/** Long sentences are the first thing that makes patient text hard; each is pointed at where it starts. */
export const sentenceLength: Rule<SentenceLengthOptions> = {
  id: 'sentence-length',
  description: 'sentences longer than 25 words',
  severity: 'warning',
  defaults: { max: 25 },
  options: { max: { type: 'integer', min: 1, description: 'most words a sentence may have' } },
  check({ leaflet, units }, o) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages)
      for (const u of units(lang)) {
        if (!PROSE.has(u.role)) continue;
        for (const s of splitSentences(u.text)) {
          const n = words(inlineToText(s.text), lang.lang).length;
          if (n > o.max)
            out.push({
              code: CODES.LINT_LONG_SENTENCE,
              message: `This sentence has ${n} words (more than ${o.max}). Split it into shorter sentences.`,
              ...place(lang, u.pointer, s.start),
            });
        }
      }
    return out;
  },
};
