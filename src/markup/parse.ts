import { parseFragment } from 'parse5';
import { excerpt } from '../diagnostics/excerpt.js';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { MarkupElement, MarkupNode } from '../model/markup.js';
import type { Template } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import { stripControls } from './controls.js';
import { ALLOWED_GLOBAL_ATTRS, ALLOWED_HREF, ALLOWED_QR, ALLOWED_SRC, CONTRACT, QR_MAX_BYTES } from './contract.js';

type P5Node = DefaultTreeAdapterMap['childNode'];

/**
 * Parses leaflet markup with a real HTML parser and checks it against the
 * contract. Whitespace-only text between block elements is dropped; text
 * inside inline elements is kept as written (the writers collapse spaces).
 */
export function parseMarkup(html: string, template?: Template): Result<MarkupElement> {
  // no source locations: a mistake is pointed at the template line that writes it (whereInTemplate), never at the rendered markup
  const fragment = parseFragment(html);
  const diagnostics: Diagnostic[] = [];
  const nodes = convert(fragment.childNodes as P5Node[], diagnostics, template);
  const roots = nodes.filter((n): n is MarkupElement => n.type === 'element');
  const strayText = nodes.some((n) => n.type === 'text' && n.value.trim());
  if (!diagnostics.length && (roots.length !== 1 || roots[0]!.tag !== 'article' || strayText))
    diagnostics.push({
      code: CODES.MARKUP_OUTSIDE_CONTRACT,
      severity: 'error',
      message: 'The template must render exactly one <article class="leaflet"> element and nothing around it.',
      file: template?.main.display,
    });
  // a partial used many times repeats its mistake many times: report each place once
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    return !seen.has(key) && seen.add(key);
  });
  if (unique.length) return { ok: false, diagnostics: unique };
  return { ok: true, value: roots[0]!, warnings: [] };
}

function convert(nodes: P5Node[], diagnostics: Diagnostic[], template: Template | undefined, inInline = false): MarkupNode[] {
  const out: MarkupNode[] = [];
  for (const n of nodes) {
    if (n.nodeName === '#text') {
      // Control and bidi-override characters never reach either output (controls.ts).
      const value = stripControls((n as DefaultTreeAdapterMap['textNode']).value);
      if (inInline || value.trim()) out.push({ type: 'text', value });
      continue;
    }
    if (n.nodeName === '#comment') continue;
    const el = n as DefaultTreeAdapterMap['element'];
    const rule = CONTRACT[el.tagName];
    const problem = (what: string) =>
      diagnostics.push({
        code: CODES.MARKUP_OUTSIDE_CONTRACT,
        severity: 'error',
        message: `${what} is outside the leaflet markup contract (docs/templates.md).`,
        ...whereInTemplate(template, el.tagName, what),
      });
    if (!rule) {
      problem(`The element <${el.tagName}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    let classes: string[] = [];
    for (const a of el.attrs) {
      if (a.name === 'class') {
        classes = a.value.split(/\s+/).filter(Boolean);
        for (const c of classes) if (!rule.classes.includes(c)) problem(`The class "${c}" on <${el.tagName}>`);
      } else if (!rule.attrs.includes(a.name) && !ALLOWED_GLOBAL_ATTRS.includes(a.name)) {
        problem(`The attribute ${a.name} on <${el.tagName}>`);
      } else if (a.name === 'href' && !ALLOWED_HREF.test(a.value)) {
        problem(`A link to "${excerpt(a.value)}"`);
      } else if (a.name === 'data-qr' && (!ALLOWED_QR.test(a.value) || new TextEncoder().encode(a.value).length > QR_MAX_BYTES)) {
        problem(`A QR code of "${excerpt(a.value)}" (only https:// addresses of at most ${QR_MAX_BYTES} bytes)`);
      } else if (a.name === 'src' && !ALLOWED_SRC.test(a.value)) {
        problem(`An image source other than asset:<id> ("${excerpt(a.value)}")`);
      } else attrs[a.name] = stripControls(a.value);
    }
    out.push({
      type: 'element',
      tag: el.tagName,
      classes,
      attrs,
      children: convert(el.childNodes as P5Node[], diagnostics, template, inInline || rule.inline === true),
    });
  }
  return out;
}

/** The rendered markup has no template lines; find the first template line that writes the offending tag. */
function whereInTemplate(template: Template | undefined, tag: string, what: string): { file?: string; line?: number; column?: number } {
  if (!template) return {};
  const needle = /class "([^"]+)"/.exec(what)?.[1] ?? /attribute (\S+)/.exec(what)?.[1];
  for (const file of [template.main, ...template.partials.values()]) {
    const lines = file.source.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      const at = l.indexOf(`<${tag}`);
      if (at >= 0 && (!needle || l.includes(needle))) return { file: file.display, line: i + 1, column: at + 1 };
    }
  }
  return { file: template.main.display };
}
