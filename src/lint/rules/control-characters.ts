import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { findControls } from '../../markup/controls.js';

/**
 * NUL, BEL, ESC and the other C0 and C1 controls, and the bidi embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), are not text: a
 * reader sees nothing, or words in an order the file does not show. The
 * writers strip them (markup/controls.ts); lint says where they are so the
 * content can be fixed. Tab and line breaks are text and are not reported.
 */
export const controlCharacters: Rule<Record<string, never>> = {
  id: 'control-characters',
  description: 'control characters (NUL, ESC, BEL, C1) and bidi overrides or isolates in the text',
  severity: 'error',
  defaults: {},
  options: {},
  check({ leaflet, units }) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages)
      for (const u of units(lang))
        for (const c of findControls(u.text))
          out.push({
            code: CODES.LINT_CONTROL_CHARACTER,
            message:
              c.codePoint >= 0x202a
                ? `${c.name} is not text: it prints as nothing and reorders the words around it. Remove it (most editors do not show it; delete the characters around the column and type them again).`
                : `${c.name} is not text: it prints as nothing. Remove it (editors often show it as a box, ^[ or <ESC>).`,
            ...place(lang, u.pointer, c.index),
          });
    return out;
  },
};
