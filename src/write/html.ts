import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { MarkupElement, MarkupNode } from '../model/markup.js';
import type { Paper, Template, Theme } from '../model/template.js';
import type { Asset, ViewModel } from '../model/view.js';
import type { Composed } from '../pipeline.js';
import { CODES } from '../diagnostics/codes.js';
import { CONTRACT } from '../markup/contract.js';
import { inlineToText } from '../compose/inline.js';
import { stripControls } from '../markup/controls.js';
import { readImage } from './images.js';
import { qrCode, qrSideMm, qrSvgPath } from './qr.js';

export interface HtmlOptions {
  template: Template;
  date: Date;
}

/**
 * Wraps leaflet markup into one self-contained HTML document: the template's
 * CSS inline after custom properties generated from theme.yaml, a print
 * stylesheet (@page size, margins, page numbers in margin boxes), images as
 * data URIs. Nothing is fetched when the file is opened.
 *
 * The document is re-serialized from the checked tree, not pasted from the
 * template's output: only elements and attributes the contract allows reach
 * the file, and every text and attribute value is escaped here again.
 */
export async function writeHtml(composed: Composed, options: HtmlOptions): Promise<Result<Uint8Array>> {
  const { view, tree } = composed;
  const diagnostics: Diagnostic[] = [];

  const vars = themeProperties(view.theme, options.template, diagnostics);
  // checked when the template was loaded (src/content/stylesheet.ts); the
  // one thing checked again is what would end the style element, for a
  // Template made some other way
  const css = options.template.css;
  if (/<\/style/i.test(css))
    diagnostics.push({
      code: CODES.BAD_STYLESHEET,
      severity: 'error',
      message: `style.css of template '${options.template.name}' contains "</style", which would end the stylesheet early.`,
      file: `${options.template.dir}/style.css`,
    });
  const images = await embedImages(tree, view, diagnostics);
  if (diagnostics.length) return { ok: false, diagnostics };

  const pageFormat = findPageFormat(tree);
  const draftWord = view.draft ? draftLabel(tree) : undefined;
  const head = [
    '<meta charset="utf-8">',
    // Before anything it governs: whatever slips past the template checks
    // still cannot run or fetch (issue 10, class 3).
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // A light page in every reader: the contrast was checked on these colours.
    '<meta name="color-scheme" content="light">',
    `<title>${escapeText(inlineToText(view.title))}</title>`,
    ...(view.subtitle ? [`<meta name="description" content="${escapeAttr(inlineToText(view.subtitle))}">`] : []),
    `<meta name="dcterms.modified" content="${options.date.toISOString().slice(0, 10)}">`,
    '<meta name="generator" content="patient-leaflets">',
    `<style>\n${vars}\n${pageRule(view, pageFormat, draftWord)}\n${css.trim()}\n</style>`,
  ];
  const body = serializeRoot(tree, images);
  const html = `<!DOCTYPE html>\n<html lang="${escapeAttr(view.lang)}" dir="${view.dir}">\n<head>\n${head.join('\n')}\n</head>\n${body}\n</html>\n`;
  return { ok: true, value: new TextEncoder().encode(html), warnings: [] };
}

/**
 * No script, no network, no plugins, no forms, no <base>: the document may
 * use only its own inline styles and data: images. (frame-ancestors cannot
 * be set from a <meta>.)
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/* ---------- theme → CSS custom properties ---------- */

const COLOUR = /^#[0-9a-f]{6}$/i;
/** The theme schema's family names: letters, digits, spaces, hyphens, underscores. */
const FAMILY = /^[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*$/;
const GENERIC_FAMILIES = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-sans-serif', 'ui-serif']);

/**
 * Every theme value the stylesheet may use, as `--name: value`; changing
 * theme.yaml changes the HTML. The theme schema has typed every value at
 * load; here each is still written by a serialiser of its own type (number
 * and unit, #rrggbb, quoted family names), so no theme text reaches the CSS
 * as written.
 */
function themeProperties(theme: Theme, template: Template, diagnostics: Diagnostic[]): string {
  const props: [string, string][] = [];
  const bad = (key: string) =>
    diagnostics.push({
      code: CODES.BAD_THEME,
      severity: 'error',
      message: `theme.yaml of template '${template.name}': ${key} has a value that cannot be used in a stylesheet. Check it against schemas/theme.schema.json.`,
      file: `${template.dir}/theme.yaml`,
    });
  const num = (key: string, v: unknown, unit: string, name: string) => {
    // bounded, so the number is written in plain digits (never 1e+21)
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 10000) props.push([name, `${round(v)}${unit}`]);
    else bad(key);
  };
  const stack = fontFamilies(theme.fontStack);
  if (stack) props.push(['font-stack', stack]);
  else bad('fontStack');
  for (const [k, v] of Object.entries(theme.sizes ?? {})) num(`sizes.${k}`, v, 'pt', `size-${kebab(k)}`);
  num('leading', theme.leading, '', 'leading');
  for (const [k, v] of Object.entries(theme.spacing ?? {})) num(`spacing.${k}`, v, 'pt', `space-${kebab(k)}`);
  for (const [k, v] of Object.entries(theme.margins ?? {})) num(`margins.${k}`, v, 'mm', `margin-${kebab(k)}`);
  num('logoHeight', theme.logoHeight, 'mm', 'logo-height');
  for (const [k, v] of Object.entries(theme.colours ?? {})) {
    if (typeof v === 'string' && COLOUR.test(v)) props.push([`colour-${kebab(k)}`, v.toLowerCase()]);
    else bad(`colours.${k}`);
  }
  // Large print forbids italics (UKAAF): the theme says so once, both writers obey.
  props.push(['em-style', theme.italic === false ? 'normal' : 'italic']);
  return `:root {\n${props.map(([k, v]) => `  --${identifier(k)}: ${v};`).join('\n')}\n}`;
}

/** `["DejaVu Sans", "sans-serif"]` → `"DejaVu Sans", sans-serif`; undefined when a name is not a plain family name. */
export function fontFamilies(families: unknown): string | undefined {
  if (!Array.isArray(families) || families.length === 0) return undefined;
  const out: string[] = [];
  for (const f of families) {
    if (typeof f !== 'string' || !FAMILY.test(f)) return undefined;
    out.push(GENERIC_FAMILIES.has(f) ? f : cssString(f));
  }
  return out.join(', ');
}

/** Property names are ours (theme keys, schema-checked); anything else becomes a hyphen. */
const identifier = (s: string) => s.replace(/[^a-z0-9-]/gi, '-');
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const round = (n: number) => Math.round(n * 1000) / 1000;

/* ---------- print: @page and its margin boxes ---------- */

const PAGE_SIZE: Record<Paper, string> = { a4: 'A4', letter: 'letter', a5: 'A5' };

function pageRule(view: ViewModel, format: string | undefined, draftWord: string | undefined): string {
  const t = view.theme;
  const m = t.margins;
  const box = (size: number, colour: string) =>
    `font-family: ${fontFamilies(t.fontStack) ?? 'sans-serif'}; font-size: ${round(size)}pt; color: ${COLOUR.test(colour) ? colour : 'inherit'};`;
  const lines = [`@page {`, `  size: ${PAGE_SIZE[view.paper]};`, `  margin: ${round(m.top)}mm ${round(m.right)}mm ${round(m.bottom)}mm ${round(m.left)}mm;`];
  // "Pagina {page} di {pages}" in the leaflet's language, from the footer's span.page-label.
  if (format) lines.push(`  @bottom-right { content: ${pageContent(format)}; ${box(t.sizes.footer, t.colours.muted)} }`);
  // A draft is marked on every printed page, not only where the banner falls.
  if (draftWord) lines.push(`  @top-right { content: ${cssString(draftWord)}; ${box(t.sizes.label, t.colours.warningBorder)} font-weight: bold; }`);
  lines.push('}');
  return lines.join('\n');
}

/** "Page {page} of {pages}" → `"Page " counter(page) " of " counter(pages)`. */
export function pageContent(format: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of format.matchAll(/\{(page|pages)\}/g)) {
    if (m.index! > last) parts.push(cssString(format.slice(last, m.index)));
    parts.push(`counter(${m[1]})`);
    last = m.index! + m[0].length;
  }
  if (last < format.length) parts.push(cssString(format.slice(last)));
  return parts.join(' ') || '""';
}

/** A CSS string literal that cannot end the string, the declaration or the style element. */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `).replace(/[\n\r\f\t]+/g, ' ')}"`;
}

function findPageFormat(root: MarkupElement): string | undefined {
  const label = find(root, (e) => e.tag === 'span' && e.classes.includes('page-label'));
  return label?.attrs['data-format'];
}

function draftLabel(root: MarkupElement): string | undefined {
  const mark = find(root, (e) => e.classes.includes('draft-mark'));
  if (!mark) return undefined;
  const strong = find(mark, (e) => e.tag === 'strong');
  return text(strong ?? mark).trim().replace(/\s+/g, ' ');
}

function find(node: MarkupElement, test: (e: MarkupElement) => boolean): MarkupElement | undefined {
  if (test(node)) return node;
  for (const c of node.children)
    if (c.type === 'element') {
      const hit = find(c, test);
      if (hit) return hit;
    }
  return undefined;
}

const text = (n: MarkupNode): string => (n.type === 'text' ? n.value : n.children.map(text).join(''));

/* ---------- images → data URIs ---------- */

async function embedImages(root: MarkupElement, view: ViewModel, diagnostics: Diagnostic[]): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  const walk = (n: MarkupNode) => {
    if (n.type !== 'element') return;
    if (n.tag === 'img' && n.attrs.src) wanted.add(n.attrs.src);
    n.children.forEach(walk);
  };
  walk(root);
  const out = new Map<string, string>();
  // Sorted, one at a time: the same order every run.
  for (const src of [...wanted].sort()) {
    const id = src.slice('asset:'.length);
    const asset = view.assets.find((a) => a.id === id);
    if (!asset) {
      diagnostics.push({
        code: CODES.BAD_IMAGE,
        severity: 'error',
        message: `The template shows the image ${src}, but the leaflet has no such asset (${view.assets.map((a) => `asset:${a.id}`).join(', ') || 'none'}).`,
      });
      continue;
    }
    const img = await readImage(asset);
    if (!img.ok) diagnostics.push(...img.diagnostics);
    else out.set(src, `data:${img.value.mime};base64,${img.value.bytes.toString('base64')}`);
  }
  return out;
}

/* ---------- the body ---------- */

const VOID = new Set(['img', 'br', 'wbr']);

/**
 * The root article becomes the body: `main` may not sit inside an article
 * (HTML, "hierarchically correct main element"), and header/footer directly
 * in the body are the page's banner and contentinfo landmarks. Its lang and
 * dir are already on <html>.
 */
function serializeRoot(root: MarkupElement, images: Map<string, string>): string {
  const attrs: Record<string, string> = {};
  if (root.attrs['data-status']) attrs['data-status'] = root.attrs['data-status'];
  const open = `<body${classAttr(root.classes)}${attrList(attrs)}>`;
  const inner = draftIntoMain(root.children)
    .map((c) => serialize(c, 1, images))
    .filter(Boolean)
    .join('\n');
  return `${open}\n${inner}\n</body>`;
}

/**
 * The draft mark sits between header and main in the markup; in the page it
 * opens main instead, so it is inside a landmark (axe "region") and the first
 * thing a screen reader hears on jumping to the content. It looks the same.
 */
function draftIntoMain(children: MarkupNode[]): MarkupNode[] {
  const mark = children.find((c) => c.type === 'element' && c.classes.includes('draft-mark'));
  const main = children.find((c): c is MarkupElement => c.type === 'element' && c.tag === 'main');
  if (!mark || !main) return children;
  return children.filter((c) => c !== mark).map((c) => (c === main ? { ...main, children: [mark, ...main.children] } : c));
}

function serialize(node: MarkupNode, depth: number, images: Map<string, string>): string {
  const pad = '  '.repeat(depth);
  if (node.type === 'text') return pad + escapeText(node.value.trim());
  // Page numbers come from the @page margin boxes; on screen a page label means nothing.
  if (node.classes.includes('pagination')) return '';
  if (node.tag === 'figure' && node.classes.includes('qr')) return pad + qrFigure(node);
  const attrs = { ...node.attrs };
  if (node.tag === 'img' && attrs.src) attrs.src = images.get(attrs.src) ?? '';
  const open = `<${node.tag}${classAttr(node.classes)}${attrList(attrs)}>`;
  if (VOID.has(node.tag)) return pad + open;
  if (CONTRACT[node.tag]?.inline) return `${pad}${open}${node.children.map(inline).join('')}</${node.tag}>`;
  const inner = node.children.map((c) => serialize(c, depth + 1, images)).filter(Boolean);
  return inner.length ? `${pad}${open}\n${inner.join('\n')}\n${pad}</${node.tag}>` : `${pad}${open}</${node.tag}>`;

  function inline(n: MarkupNode): string {
    // HTML whitespace only: a no-break space (a phone number's) is text, not a space to collapse
    if (n.type === 'text') return escapeText(n.value.replace(/[ \t\r\n\f]+/g, ' '));
    const a = { ...n.attrs };
    if (n.tag === 'img' && a.src) a.src = images.get(a.src) ?? '';
    const o = `<${n.tag}${classAttr(n.classes)}${attrList(a)}>`;
    return VOID.has(n.tag) ? o : `${o}${n.children.map(inline).join('')}</${n.tag}>`;
  }
}

/**
 * A QR code as inline SVG: an image with an accessible name (role="img",
 * aria-label and <title>), the dark modules one path on a white square that
 * includes the quiet zone. Inline SVG fetches nothing, so the page's
 * Content-Security-Policy allows it; CSS sets its size.
 */
function qrFigure(node: MarkupElement): string {
  const code = qrCode(node.attrs['data-qr'] ?? '');
  const side = code.size + 2 * code.quiet;
  // printed at its PDF size: at least 22 mm without the quiet zone
  const width = `${Math.round(((qrSideMm(code) * side) / code.size) * 10) / 10}mm`;
  const label = node.attrs['aria-label'] ?? '';
  const lang = node.attrs.lang ? ` lang="${escapeAttr(node.attrs.lang)}"` : '';
  return (
    `<figure class="qr"${lang}><svg role="img" aria-label="${escapeAttr(label)}" width="${width}" height="${width}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<title>${escapeText(label)}</title><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${qrSvgPath(code)}"/></svg></figure>`
  );
}

function classAttr(classes: readonly string[]): string {
  return classes.length ? ` class="${escapeAttr(classes.join(' '))}"` : '';
}

function attrList(attrs: Record<string, string>): string {
  return Object.keys(attrs)
    .map((k) => ` ${k}="${escapeAttr(attrs[k]!)}"`)
    .join('');
}

/** Control and bidi-override characters are stripped here too: the title and description come from the view, not the markup. */
function escapeText(s: string): string {
  return stripControls(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function escapeAttr(s: string): string {
  return stripControls(s).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
