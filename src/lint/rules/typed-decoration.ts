import { CODES } from '../../diagnostics/codes.js';
import type { Finding, Rule } from '../model.js';
import { place } from '../locate.js';
import type { UnitRole } from '../units.js';

export interface TypedDecorationOptions {
  /** more callout labels to look for, in any language (a clinic's own wording) */
  labels: string[];
}

/**
 * Decoration typed into the text that the template already adds (DESIGN.md:
 * "Decoration such as ①, → or a repeated 'Consiglio pratico' label belongs
 * to the template, not to the content"; docs/content.md rule 5). Copied from
 * a web page or a word processor, it prints twice ("1. 1. Arrivo"), is read
 * out twice by screen readers, and a typed "1." does not renumber when a
 * step is added. Three kinds:
 * - a typed number ("1. ", "2) ") at the start of a step, list item,
 *   question or key point — the template numbers steps, questions and points;
 * - a bullet, arrow, check mark or circled digit (•, →, ✓, ①…) at the start
 *   of any item, point, question or callout;
 * - a callout label ("Attenzione:", "Consiglio pratico:", "Warning:",
 *   "Tip:") at the start of a tip or warning, which the template prints above
 *   every callout in the leaflet's language: the template's own strings for
 *   that language, and a table of usual wordings.
 */
export const typedDecoration: Rule<TypedDecorationOptions> = {
  id: 'typed-decoration',
  description: 'numbers, bullets, arrows, circled digits and callout labels typed into text the template decorates itself',
  severity: 'warning',
  defaults: { labels: [] },
  options: { labels: { type: 'strings', description: 'more callout labels to flag at the start of a tip or warning' } },
  check({ leaflet, units, calloutLabels }, o) {
    const out: Finding[] = [];
    for (const lang of leaflet.languages)
      for (const u of units(lang)) {
        if (!DECORATED.has(u.role)) continue;
        const lead = /^[\s*_]*/.exec(u.text)![0].length; // bold/italic markers before the decoration
        const rest = u.text.slice(lead);
        const at = (offset: number) => place(lang, u.pointer, lead + offset);
        const number = NUMBERED.has(u.role) ? /^(\d{1,2}[.)])[*_]*(?=\s)/.exec(rest) : null;
        const symbol = SYMBOL.exec(rest);
        const label = CALLOUTS.has(u.role)
          ? calloutLabel(rest, [...(LABELS[lang.lang.split('-')[0]!] ?? []), ...(calloutLabels?.get(lang.lang) ?? []), ...o.labels])
          : undefined;
        if (number)
          out.push({
            code: CODES.LINT_TYPED_NUMBER,
            message:
              u.role === 'item'
                ? `A typed number “${number[1]}” starts this list item. Remove it; if the order matters, make the list a steps block, which the template numbers.`
                : `A typed number “${number[1]}” starts this ${ROLE_NAMES[u.role]}: the template numbers ${u.role === 'label' ? 'key point' : ROLE_NAMES[u.role]}s itself. Remove it.`,
            hints: [`Delete “${number[1]}” at the start.`],
            ...at(0),
          });
        else if (symbol)
          out.push({
            code: CODES.LINT_TYPED_SYMBOL,
            message: `A typed “${symbol[1]}” starts this ${ROLE_NAMES[u.role]}: bullets, numbers and arrows come from the template. Remove it.`,
            hints: [`Delete “${symbol[0].trimEnd()}” at the start.`],
            ...at(0),
          });
        else if (label)
          out.push({
            code: CODES.LINT_TYPED_LABEL,
            message: `“${label}” repeats the label the template prints on every ${u.role === 'warning' ? 'warning' : 'tip'}. Remove it and start with the advice itself.`,
            hints: [`Delete “${label}” at the start.`],
            ...at(0),
          });
      }
    return out;
  },
};

const DECORATED: ReadonlySet<UnitRole> = new Set<UnitRole>(['item', 'step', 'question', 'point', 'label', 'tip', 'warning', 'faq-tip']);
/** what the template numbers (a list item's number is flagged too: the list should be steps) */
const NUMBERED: ReadonlySet<UnitRole> = new Set<UnitRole>(['item', 'step', 'question', 'point', 'label']);
const CALLOUTS: ReadonlySet<UnitRole> = new Set<UnitRole>(['tip', 'warning', 'faq-tip']);

const ROLE_NAMES: Partial<Record<UnitRole, string>> = {
  item: 'list item',
  step: 'step',
  question: 'question',
  point: 'key point',
  label: 'key point label',
  tip: 'tip',
  warning: 'warning',
  'faq-tip': 'tip',
};

/**
 * Bullets, arrows, check marks, boxes and circled or dingbat digits (①–⑳,
 * ❶–❿, ➀–➓), and a dash used as a bullet, followed by a space (or, for
 * circled digits, by anything).
 */
const SYMBOL =
  /^([•·◦▪▫■□●○◆◇►▶▸➢➤→⇒➔➜➝➞⟶↳✓✔✗✘☐☑☒★☆👉–—]|[\u2460-\u2473\u2776-\u2793])(?:\s+|(?<=[\u2460-\u2473\u2776-\u2793]))/u;

/**
 * Callout labels as editors type them, per language: the bundled template's
 * label ("Consiglio pratico", "Attenzione") and the usual synonyms. The
 * labels of the templates being linted against (their "tip" and "warning"
 * strings, in every language they have, a clinic's own included) are added
 * to these. A label counts when a colon, dash or exclamation mark follows it.
 */
const LABELS: Record<string, string[]> = {
  it: ['Consiglio pratico', 'Consiglio', 'Suggerimento', 'Nota', 'Attenzione', 'Avvertenza', 'Importante'],
  en: ['Practical tip', 'Tip', 'Advice', 'Note', 'Warning', 'Caution', 'Important'],
  de: ['Praktischer Tipp', 'Tipp', 'Hinweis', 'Achtung', 'Warnung', 'Wichtig'],
  fr: ['Conseil pratique', 'Conseil', 'Astuce', 'Remarque', 'Attention', 'Avertissement', 'Important'],
  es: ['Consejo práctico', 'Consejo', 'Nota', 'Atención', 'Advertencia', 'Importante'],
  pt: ['Dica prática', 'Dica', 'Conselho', 'Nota', 'Atenção', 'Aviso', 'Importante'],
};

function calloutLabel(text: string, labels: readonly string[]): string | undefined {
  for (const l of [...labels].sort((a, b) => b.length - a.length)) {
    const m = new RegExp(`^(${escapeRe(l)})[*_]*\\s*[:!–—-][*_]*`, 'iu').exec(text);
    if (m) return m[0].replace(/[*_]/g, '');
  }
  return undefined;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
