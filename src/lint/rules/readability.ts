import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { indexFor } from '../readability.js';
import { place } from '../locate.js';
import { languageStats } from '../stats.js';

export interface ReadabilityOptions {
  /** Italian: warn when the Gulpease index is below this (60: hard for readers with middle-school education) */
  gulpeaseMin: number;
  /** English: warn when the Flesch–Kincaid grade is above this (patient material: grade 6–8) */
  gradeMax: number;
  /** German (Amstad) and French (Kandel–Moles): warn below this Flesch reading ease (60: standard) */
  fleschMin: number;
  /** Spanish: warn below this Szigriszt-Pazos score (55: the lower bound of "normal" on the INFLESZ scale) */
  inflezMin: number;
  /** sections with fewer words are not scored: the formulas mean little on a few lines */
  minWords: number;
}

/**
 * Readability per section and per leaflet, with the published formula of
 * each language (REFERENCES.md, docs/lint.md). A guide, so a warning by
 * default. Sections that only hold subsections are judged through their
 * subsections. Languages without a formula get counts (--stats), no warning.
 */
export const readability: Rule<ReadabilityOptions> = {
  id: 'readability',
  description:
    'Gulpease (Italian), Flesch–Kincaid grade (English), Amstad (German), Kandel–Moles (French) or Szigriszt-Pazos/INFLESZ (Spanish) of every section and of the whole leaflet',
  severity: 'warning',
  defaults: { gulpeaseMin: 60, gradeMax: 8, fleschMin: 60, inflezMin: 55, minWords: 20 },
  options: {
    gulpeaseMin: { type: 'number', description: 'lowest acceptable Gulpease index (Italian)' },
    gradeMax: { type: 'number', description: 'highest acceptable Flesch–Kincaid grade (English)' },
    fleschMin: { type: 'number', description: 'lowest acceptable Flesch reading ease (German: Amstad, French: Kandel–Moles)' },
    inflezMin: { type: 'number', description: 'lowest acceptable Szigriszt-Pazos score (Spanish, INFLESZ scale)' },
    minWords: { type: 'integer', min: 0, description: 'sections with fewer words are not scored' },
  },
  check({ leaflet }, o) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      const index = indexFor(lang.lang);
      if (!index) continue;
      const stats = languageStats(leaflet.id, lang);
      const limit = o[index.limit];
      const bad = (score: number | undefined) =>
        score !== undefined && (index.higherIsEasier ? score < limit : score > limit);
      const limitText = index.higherIsEasier ? `below ${limit}` : `above ${limit}`;
      const advice = 'Use shorter sentences and everyday words.';
      const describe = (what: string, s: { score?: number; words: number; sentences: number }) =>
        `${what} is hard to read: ${index.label} ${s.score!.toFixed(1)} (${limitText}; ${s.words} words in ${s.sentences} sentences). ${advice}`;
      const byPath = new Map(stats.sections.map((s) => [s.section, s]));
      const scored: { path: string; pointer: string }[] = [];
      if (lang.summary.length) scored.push({ path: 'summary', pointer: '/summary' });
      for (const s of lang.sections) {
        if (s.blocks.length || !s.sections.length) scored.push({ path: s.path, pointer: `${s.at.pointer}/title` });
        for (const sub of s.sections) scored.push({ path: sub.path, pointer: `${sub.at.pointer}/title` });
      }
      for (const { path, pointer } of scored) {
        const s = byPath.get(path)!;
        if (s.words >= o.minWords && bad(s.score))
          out.push({
            code: CODES.LINT_READABILITY,
            message: describe(path === 'summary' ? 'The summary' : `Section '${path}'`, s),
            ...place(lang, pointer),
          });
      }
      if (bad(stats.total.score))
        out.push({
          code: CODES.LINT_READABILITY,
          message: describe(`The leaflet in '${lang.lang}' as a whole`, stats.total),
          ...place(lang, '/title'),
        });
    }
    return out;
  },
};
