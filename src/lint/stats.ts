import type { LanguageContent, Section } from '../model/content.js';
import type { LanguageStats, SectionStats } from './model.js';
import { addCounts, countText, indexFor, NO_COUNTS, type TextCounts } from './readability.js';
import { PROSE, sectionUnits, type TextUnit } from './units.js';

/**
 * Readability counts and scores of one language: the summary, every section
 * (a section with subsections counts them too), every subsection, and the
 * whole leaflet. Headings and key-point labels are not running text and are
 * left out; list items, steps, questions and tips each count as a sentence.
 */
export function languageStats(leafletId: string, lang: LanguageContent): LanguageStats {
  const index = indexFor(lang.lang);
  const row = (section: string, counts: TextCounts): SectionStats => ({
    section,
    ...counts,
    score: index?.score(counts),
  });
  const count = (units: TextUnit[]) =>
    units.filter((u) => PROSE.has(u.role)).reduce((c, u) => addCounts(c, countText(u.text, lang.lang)), NO_COUNTS);

  const summary = lang.summary.reduce((c, t) => addCounts(c, countText(t, lang.lang)), NO_COUNTS);
  const sections: SectionStats[] = [];
  if (lang.summary.length) sections.push(row('summary', summary));
  let total = summary;
  const visit = (s: Section) => {
    const counts = count(sectionUnits(s));
    sections.push(row(s.path, counts));
    return counts;
  };
  for (const s of lang.sections) {
    total = addCounts(total, visit(s));
    for (const sub of s.sections) visit(sub);
  }
  return { leaflet: leafletId, lang: lang.lang, index: index?.name, sections, total: row('(leaflet)', total) };
}
