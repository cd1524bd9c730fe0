import { CODES } from '../../diagnostics/codes.js';
import type { FontChain, Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { PRINTED } from '../units.js';

/**
 * Not drawn, so no glyph needed: white space, controls, joiners, variation
 * selectors, and the bidi embeddings, overrides and isolates, which the
 * writers strip (control-characters reports them instead).
 */
const INVISIBLE = /[\s\p{Cc}\u200b-\u200d\u2060\ufe00-\ufe0f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Characters the template's fonts cannot draw. pdfkit has no font fallback:
 * a missing glyph prints as an empty box, silently (REFERENCES.md, Fonts).
 * Any printed text may be set in any body face (headings bold, captions
 * italic), so a character must be in every body face or in a fallback font.
 * Each character is reported once per text, at its line and column.
 */
export const glyphCoverage: Rule = {
  id: 'glyph-coverage',
  description: "characters the template's fonts cannot draw",
  severity: 'error',
  defaults: {},
  options: {},
  check({ leaflet, units, fonts }) {
    const out: Finding[] = [];
    const missingCache = new Map<string, Map<number, string[]>>();
    const missingFaces = (chain: FontChain, cp: number): string[] => {
      let cache = missingCache.get(chain.template);
      if (!cache) missingCache.set(chain.template, (cache = new Map()));
      let missing = cache.get(cp);
      if (!missing) {
        missing = chain.fallback.some((f) => f.has(cp)) ? [] : chain.faces.filter((f) => !f.has(cp)).map((f) => f.name);
        cache.set(cp, missing);
      }
      return missing;
    };
    for (const lang of leaflet.languages)
      for (const u of units(lang)) {
        if (!PRINTED.has(u.role)) continue;
        const reported = new Set<number>();
        for (let i = 0; i < u.text.length; ) {
          const cp = u.text.codePointAt(i)!;
          const ch = String.fromCodePoint(cp);
          if (!INVISIBLE.test(ch) && !reported.has(cp)) {
            const gaps = fonts
              .map((chain) => ({ chain, missing: missingFaces(chain, cp) }))
              .filter((g) => g.missing.length);
            if (gaps.length) {
              reported.add(cp);
              const which = gaps.map((g) => `${g.chain.template}: ${g.missing.join(', ')}`).join('; ');
              out.push({
                code: CODES.LINT_MISSING_GLYPH,
                message: `The character ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) is not in the template's fonts (${which}); it would print as an empty box. Replace it, or add a font that has it to fonts.fallback in theme.yaml.`,
                ...place(lang, u.pointer, i),
              });
            }
          }
          i += ch.length;
        }
      }
    return out;
  },
};
