import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { FRONT, sourceHashes } from '../section-hash.js';

/**
 * A translation is stale when the source changed after the translation was
 * stamped: the hash recorded for a section in `translatedFrom.sections` is
 * not the hash of the source section now. Each changed section is reported at
 * the translation's section, so the translator knows what to update; a
 * translation with no stamps gets one warning saying how to stamp it.
 */
export const translationStale: Rule = {
  id: 'translation-stale',
  description: 'translations whose source sections changed since they were stamped, or that were never stamped',
  severity: 'warning',
  defaults: {},
  options: {},
  check({ leaflet }) {
    const source = leaflet.languages.find((l) => l.lang === leaflet.source);
    if (!source) return [];
    const now = sourceHashes(source);
    const srcName = source.file.split(/[\\/]/).pop()!;
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      if (lang === source) continue;
      const stampCmd = `leaflets lint --stamp ${leaflet.id} --lang ${lang.lang}`;
      const from = lang.translatedFrom;
      if (!from?.sections) {
        out.push({
          code: CODES.LINT_NOT_STAMPED,
          message: `This translation does not record which version of ${srcName} it was made from, so changes to the source cannot be detected. When it is up to date, run \`${stampCmd}\`.`,
          ...place(lang, from ? '/translatedFrom' : '/lang'),
        });
        continue;
      }
      if (from.lang !== source.lang) {
        out.push({
          code: CODES.LINT_STALE,
          message: `translatedFrom.lang is '${from.lang}' but the leaflet's source language is '${source.lang}'. Translate from ${srcName}, then run \`${stampCmd}\`.`,
          ...place(lang, '/translatedFrom/lang'),
        });
        continue;
      }
      const sectionPointer = new Map<string, string>();
      for (const s of lang.sections) {
        sectionPointer.set(s.path, `${s.at.pointer}/title`);
        for (const sub of s.sections) sectionPointer.set(sub.path, `${sub.at.pointer}/title`);
      }
      for (const [key, hash] of Object.entries(now)) {
        const stamped = from.sections[key];
        if (stamped === hash) continue;
        const what = key === FRONT ? 'The title, subtitle or summary' : `Section '${key}'`;
        const why = stamped === undefined ? 'has no stamp (it is new in the source or was never stamped)' : `changed in ${srcName} since this translation was stamped`;
        out.push({
          code: CODES.LINT_STALE,
          message: `${what} ${why}. Update the translation, then run \`${stampCmd}\`.`,
          ...place(lang, key === FRONT ? '/title' : (sectionPointer.get(key) ?? '/sections')),
        });
      }
    }
    return out;
  },
};
