import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';

/**
 * The template strings of a language (labels, "Page 1 of 3", the patient
 * box) were machine- or non-native-written until a speaker checks them:
 * a translator reviews the pack once and records it (reviewed: true).
 */
export const stringsReviewed: Rule = {
  id: 'strings-reviewed',
  description: "a language's template strings not yet reviewed by a speaker",
  severity: 'warning',
  defaults: {},
  options: {},
  check({ leaflet, packs }) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      const pack = packs?.get(lang.lang);
      if (!pack || pack.reviewed) continue;
      out.push({
        code: CODES.LINT_STRINGS_UNREVIEWED,
        message: `The template strings for '${lang.lang}' (${pack.files.join(' + ')}) have not been reviewed by a speaker. Have a translator check them once, then add reviewed: true (and reviewedBy) to ${pack.clinicFile}.`,
        ...place({ file: lang.file, sourceMap: lang.sourceMap }, '/lang'),
      });
    }
    return out;
  },
};
