import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';

/**
 * A heading with nothing under it: screen readers announce an empty section
 * and printed pages show an orphan heading (WCAG 2.4.6 asks headings to
 * describe content that is there).
 */
export const emptySection: Rule = {
  id: 'empty-section',
  description: 'sections with a heading and no blocks or subsections',
  severity: 'warning',
  defaults: {},
  options: {},
  check({ leaflet }) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages)
      for (const s of lang.sections.flatMap((x) => [x, ...x.sections]))
        if (!s.blocks.length && !s.sections.length)
          out.push({
            code: CODES.LINT_EMPTY_SECTION,
            message: `Section '${s.path}' has a heading and nothing under it. Add its content, or remove the section.`,
            ...place(lang, `${s.at.pointer}/title`),
          });
    return out;
  },
};
