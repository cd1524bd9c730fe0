import path from 'node:path';
import { CODES } from '../../diagnostics/codes.js';
import { inlineToText } from '../../compose/inline.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { normalise } from '../sentences.js';

export interface FigureAltOptions {
  /** alt texts that say nothing about the picture */
  generic: string[];
}

/**
 * A figure's alt text is all a reader who cannot see it gets (PDF/UA: every
 * Figure has alt text; WCAG 1.1.1). The schema requires `alt`; this flags
 * alt texts that say nothing: blank, the file name, a generic word
 * ("image", "immagine"), or a copy of the caption, which a screen reader
 * would then read twice.
 */
export const figureAlt: Rule<FigureAltOptions> = {
  id: 'figure-alt',
  description: 'figures whose alt text is blank, the file name, a generic word or the caption again',
  severity: 'warning',
  defaults: {
    generic: ['image', 'picture', 'photo', 'figure', 'graphic', 'img', 'immagine', 'foto', 'figura', 'grafico', 'disegno'],
  },
  options: { generic: { type: 'strings', description: 'alt texts that say nothing about the picture' } },
  check({ leaflet }, o) {
    const generic = new Set(o.generic.map(normalise));
    const out: Finding[] = [];
    for (const lang of leaflet.languages)
      for (const s of lang.sections.flatMap((x) => [x, ...x.sections]))
        for (const b of s.blocks) {
          if (b.kind !== 'figure') continue;
          const alt = normalise(b.alt);
          const file = path.basename(b.src);
          const stem = file.replace(/\.[^.]+$/, '');
          let why: string | undefined;
          if (!alt) why = 'is blank';
          else if (alt === normalise(file) || alt === normalise(stem) || alt === normalise(stem.replace(/[-_]+/g, ' ')))
            why = 'is only the file name';
          else if (generic.has(alt)) why = `is only '${b.alt.trim()}'`;
          else if (b.caption !== undefined && alt === normalise(inlineToText(b.caption)))
            why = 'repeats the caption (a screen reader would read it twice)';
          if (why)
            out.push({
              code: CODES.LINT_FIGURE_ALT,
              message: `The alt text of figure '${b.src}' ${why}. Say in a sentence what the picture shows.`,
              ...place(lang, `${b.at.pointer}/figure/alt`),
            });
        }
    return out;
  },
};
