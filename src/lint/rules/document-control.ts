import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';

/** Values that hold a place rather than say something. */
const PLACEHOLDER = /^(?:|tbd|tba|todo|fixme|xxx+|\?+|-+|n\/?a|none|draft)$/i;

/**
 * An approved language is one a clinic may hand out, so its footer must name
 * the document it is (reference and version). The schema already requires
 * both fields; this catches blanks and placeholders, and an approved
 * translation of a source that is itself still a draft.
 */
export const documentControl: Rule = {
  id: 'document-control',
  description: 'approved languages without a real document reference and version',
  severity: 'error',
  defaults: {},
  options: {},
  check({ leaflet }) {
    const out: Finding[] = [];
    const source = leaflet.languages.find((l) => l.lang === leaflet.source);
    const approved = leaflet.languages.filter((l) => l.status === 'approved');
    if (approved.length)
      for (const field of ['reference', 'version'] as const) {
        const value = leaflet.document[field].trim();
        if (PLACEHOLDER.test(value))
          out.push({
            code: CODES.LINT_DOCUMENT_CONTROL,
            message: `${approved.map((l) => `${l.lang}.yaml`).join(' and ')} ${approved.length > 1 ? 'are' : 'is'} approved, but document.${field} is ${value ? `'${value}'` : 'blank'}. Give the document its real ${field}, or set status: draft.`,
            ...place(leaflet, `/document/${field}`),
          });
      }
    for (const lang of approved)
      if (source && lang !== source && source.status !== 'approved')
        out.push({
          code: CODES.LINT_DOCUMENT_CONTROL,
          message: `This translation is approved but its source ${source.lang}.yaml is a draft. Approve the source first, or set status: draft here.`,
          ...place(lang, '/status'),
        });
    return out;
  },
};
