import type { Block, LanguageContent, Section } from '../model/content.js';

/** What a piece of text is, which decides the checks it gets. */
export type UnitRole =
  | 'title'
  | 'subtitle'
  | 'summary'
  | 'heading'
  | 'text'
  | 'item'
  | 'step'
  | 'tip'
  | 'warning'
  | 'question'
  | 'answer'
  | 'faq-tip'
  | 'label'
  | 'point'
  | 'caption'
  | 'cell'
  | 'alt';

/**
 * One string of a language file with its JSON pointer. Pointers are the same
 * across languages for the same place (ids and order are checked at load),
 * which is how a translation's text is paired with the source's.
 */
export interface TextUnit {
  text: string;
  pointer: string;
  role: UnitRole;
  /** section path ("procedure.steps"); undefined for title, subtitle and summary */
  section?: string;
}

/** Running text a reader reads as sentences: what readability and sentence length measure. */
export const PROSE: ReadonlySet<UnitRole> = new Set<UnitRole>([
  'summary',
  'text',
  'item',
  'step',
  'tip',
  'warning',
  'question',
  'answer',
  'faq-tip',
  'point',
  'caption',
]);

/** Everything printed on the page (alt text is not drawn). */
export const PRINTED: ReadonlySet<UnitRole> = new Set<UnitRole>([...PROSE, 'title', 'subtitle', 'heading', 'label', 'cell']);

/** Every string of a language file, in reading order. */
export function textUnits(lang: LanguageContent): TextUnit[] {
  const out: TextUnit[] = [{ text: lang.title, pointer: '/title', role: 'title' }];
  if (lang.subtitle !== undefined) out.push({ text: lang.subtitle, pointer: '/subtitle', role: 'subtitle' });
  lang.summary.forEach((text, i) => out.push({ text, pointer: `/summary/${i}`, role: 'summary' }));
  for (const s of lang.sections) sectionUnits(s, out);
  return out;
}

/** The strings of one section: its title, its blocks, then its subsections. */
export function sectionUnits(section: Section, out: TextUnit[] = [], deep = true): TextUnit[] {
  const at = section.path;
  out.push({ text: section.title, pointer: `${section.at.pointer}/title`, role: 'heading', section: at });
  for (const b of section.blocks) blockUnits(b, at, out);
  if (deep) for (const sub of section.sections) sectionUnits(sub, out);
  return out;
}

function blockUnits(b: Block, section: string, out: TextUnit[]): void {
  const p = b.at.pointer;
  const add = (text: string, pointer: string, role: UnitRole) => out.push({ text, pointer, role, section });
  switch (b.kind) {
    case 'text':
    case 'tip':
    case 'warning':
      add(b.text, `${p}/${b.kind}`, b.kind);
      break;
    case 'list':
    case 'steps':
      b.items.forEach((t, i) => add(t, `${p}/${b.kind}/${i}`, b.kind === 'list' ? 'item' : 'step'));
      break;
    case 'faq':
      for (const f of b.items) {
        add(f.q, `${f.at.pointer}/q`, 'question');
        f.a.forEach((t, i) => add(t, `${f.at.pointer}/a/${i}`, 'answer'));
        if (f.tip !== undefined) add(f.tip, `${f.at.pointer}/tip`, 'faq-tip');
      }
      break;
    case 'points':
      for (const k of b.items) {
        add(k.label, `${k.at.pointer}/label`, 'label');
        add(k.text, `${k.at.pointer}/text`, 'point');
      }
      break;
    case 'figure':
      if (b.caption !== undefined) add(b.caption, `${p}/figure/caption`, 'caption');
      add(b.alt, `${p}/figure/alt`, 'alt');
      break;
    case 'table':
      if (b.caption !== undefined) add(b.caption, `${p}/table/caption`, 'caption');
      b.head.forEach((t, i) => add(t, `${p}/table/head/${i}`, 'cell'));
      b.rows.forEach((row, r) => row.forEach((t, i) => add(t, `${p}/table/rows/${r}/${i}`, 'cell')));
      break;
    case 'checklist':
      b.items.forEach((t, i) => add(t, `${p}/checklist/${i}`, 'item'));
      break;
    case 'urgent':
      if (b.text !== undefined) add(b.text, `${p}/urgent/text`, 'warning');
      b.items.forEach((t, i) => add(t, `${p}/urgent/items/${i}`, 'item'));
      break;
    case 'terms':
      for (const t of b.items) {
        add(t.term, `${t.at.pointer}/term`, 'label');
        add(t.definition, `${t.at.pointer}/definition`, 'text');
      }
      break;
    case 'timeline':
      for (const e of b.entries) e.items.forEach((t, i) => add(t, `${e.at.pointer}/items/${i}`, 'item'));
      break;
    case 'notes':
      break;
  }
}

/** Every section and subsection, parents before their children. */
export function allSections(lang: LanguageContent): Section[] {
  return lang.sections.flatMap((s) => [s, ...s.sections]);
}
