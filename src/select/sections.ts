import type { Section } from '../model/content.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/suggest.js';

/** Every address a user may name: "procedure" and "procedure.steps". */
export function sectionPaths(sections: readonly Section[]): string[] {
  return sections.flatMap((s) => [s.path, ...s.sections.map((c) => c.path)]);
}

/**
 * Keeps the sections named in `include` (a parent keeps all its
 * subsections; parent.child keeps that one under its parent), then removes
 * those in `skip`. The leaflet's order is kept.
 */
export function selectSections(
  sections: readonly Section[],
  include: readonly string[] | undefined,
  skip: readonly string[],
  origin: { include: string; skip: string },
): { sections: Section[]; diagnostics: Diagnostic[] } {
  const known = sectionPaths(sections);
  const diagnostics: Diagnostic[] = [];
  const check = (ids: readonly string[], flag: string) => {
    for (const id of ids)
      if (!known.includes(id)) {
        const guess = closest(id, known);
        diagnostics.push({
          code: CODES.UNKNOWN_SECTION,
          severity: 'error',
          message: `${flag}: there is no section '${id}'.${guess ? ` Did you mean '${guess}'?` : ''} Sections: ${known.join(', ')}.`,
        });
      }
  };
  if (include) check(include, origin.include);
  check(skip, origin.skip);
  if (diagnostics.length) return { sections: [], diagnostics };

  const wanted = (s: Section, parent?: Section): boolean => {
    if (skip.includes(s.path)) return false;
    if (!include) return true;
    if (include.includes(s.path)) return true;
    if (parent && include.includes(parent.path)) return true;
    return false;
  };
  const out: Section[] = [];
  for (const s of sections) {
    if (skip.includes(s.path)) continue;
    const children = s.sections.filter((c) => wanted(c, s));
    const keepWhole = !include || include.includes(s.path);
    // A parent whose subsections were all removed and that has nothing of its own would be a bare heading.
    if (keepWhole && !(s.sections.length && !children.length && !s.blocks.length)) out.push({ ...s, sections: children });
    else if (children.length) out.push({ ...s, blocks: [], sections: children });
  }
  return { sections: out, diagnostics };
}
