import { CODES } from '../../diagnostics/codes.js';
import type { LanguageContent } from '../../model/content.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import { PRINTED, type TextUnit } from '../units.js';

/**
 * One convention a leaflet language file: a reader notices "70-80%" on one
 * page and "70–80%" on the next, or "l'intervento" beside "l’accesso", and
 * the two forms also look different in print. For each convention the form
 * used more often in the file is the file's own; each use of the other form
 * is reported where it is, with the fix. On a tie the typographic form wins
 * (the en dash for ranges, as Italian and English style guides ask; the
 * curly apostrophe and quotes, which docs/content.md asks for). Files that
 * use one form only — whichever it is — are left alone.
 */
export const mixedTypography: Rule = {
  id: 'mixed-typography',
  description: 'hyphen and en dash in number ranges, straight and typographic apostrophes or quotes mixed in one language file',
  severity: 'warning',
  defaults: {},
  options: {},
  check({ leaflet, units }) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages) {
      const printed = units(lang).filter((u) => PRINTED.has(u.role));
      for (const c of CONVENTIONS) out.push(...mixed(c, printed, lang));
    }
    return out;
  },
};

interface Convention {
  code: string;
  /** after the form's name: " in number ranges" */
  what: string;
  /** every use of either form: where, which form (0 plain, 1 typographic), the text found */
  find(text: string): { index: number; form: 0 | 1; found: string }[];
  /** the text with the other form */
  fix(found: string, to: 0 | 1): string;
  names: [string, string];
}

const CONVENTIONS: Convention[] = [
  {
    code: CODES.LINT_MIXED_RANGE_DASH,
    what: ' in number ranges',
    names: ['a hyphen', 'an en dash'],
    find: (text) =>
      // 70-80, 1-2, 3,5-4: a single dash between numbers, not dates (2026-11-24) or phone numbers (02-123-456)
      [...text.matchAll(/(?<![\d\-–.,/])\d+(?:[.,]\d+)?\s?([-–])\s?\d+(?:[.,]\d+)?(?![\d\-–]|[.,/]\d)/gu)]
        .filter((m) => !/^\d{4}-\d{2}$/.test(m[0]))
        .map((m) => ({ index: m.index!, form: m[1] === '–' ? 1 : 0, found: m[0] })),
    fix: (found, to) => found.replace(/[-–]/, to ? '–' : '-'),
  },
  {
    code: CODES.LINT_MIXED_APOSTROPHE,
    what: '',
    names: ["the straight apostrophe (')", 'the typographic apostrophe (’)'],
    find: (text) =>
      [...text.matchAll(/\p{L}(['’])(?=\p{L})/gu)].map((m) => ({
        index: m.index! + 1,
        form: m[1] === '’' ? 1 : 0,
        found: word(text, m.index! + 1),
      })),
    fix: (found, to) => found.replace(/['’]/g, to ? '’' : "'"),
  },
  {
    code: CODES.LINT_MIXED_QUOTES,
    what: '',
    names: ['straight quotes (")', 'typographic quotes (“ ” or « »)'],
    find: (text) =>
      [...text.matchAll(/"[^"\n]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]/gu)].map((m) => ({
        index: m.index!,
        form: m[0].startsWith('"') ? 0 : 1,
        found: m[0],
      })),
    fix: (found, to) => (to ? `“${found.slice(1, -1)}”` : `"${found.slice(1, -1)}"`),
  },
];

function mixed(c: Convention, printed: TextUnit[], lang: LanguageContent): Finding[] {
  const uses = printed.flatMap((u) => c.find(u.text).map((f) => ({ ...f, unit: u })));
  const counts = [uses.filter((u) => u.form === 0).length, uses.filter((u) => u.form === 1).length] as const;
  if (!counts[0] || !counts[1]) return [];
  const kept: 0 | 1 = counts[0] > counts[1] ? 0 : 1;
  const odd = (1 - kept) as 0 | 1;
  return uses
    .filter((u) => u.form === odd)
    .map((u) => ({
      code: c.code,
      message: `This file uses ${c.names[kept]}${c.what} (${counts[kept]} times), but here ${c.names[odd]}: ${show(u.found)}. Write ${show(c.fix(u.found, kept))}, as in the rest of the file.`,
      hints: [`Replace ${show(u.found)} with ${show(c.fix(u.found, kept))}.`],
      ...place(lang, u.unit.pointer, u.index),
    }));
}

/** The word around an apostrophe, for the message: "l'intervento". */
function word(text: string, at: number): string {
  const before = /[\p{L}'’]*$/u.exec(text.slice(0, at))![0];
  const after = /^['’][\p{L}'’]*/u.exec(text.slice(at))![0];
  return before + after;
}

/** A found form in a message: quoted with ‹ › (the text may hold quotes itself), long quotations shortened. */
function show(found: string): string {
  return `‹${found.length > 40 ? `${found.slice(0, 38)}…${found.slice(-1)}` : found}›`;
}
