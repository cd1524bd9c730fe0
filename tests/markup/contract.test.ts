import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadLeaflet } from '../../src/content/leaflet.js';
import { loadTemplate } from '../../src/content/template.js';
import { loadBrand } from '../../src/content/brand.js';
import { selectView } from '../../src/select/view.js';
import { composeLeaflet } from '../../src/pipeline.js';
import { CONTRACT } from '../../src/markup/contract.js';
import type { Leaflet } from '../../src/model/content.js';
import type { Brand } from '../../src/model/brand.js';
import type { Template } from '../../src/model/template.js';
import type { MarkupElement, MarkupNode } from '../../src/model/markup.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { REPO } from '../html/helpers.js';
import { stringsFor } from '../support/strings.js';
import type { SelectedStrings } from '../../src/select/view.js';

const opts = { root: REPO, cwd: REPO };
let leaflet: Leaflet;
let brand: Brand;
const templates = new Map<string, Template>();
const packs = new Map<string, SelectedStrings>();

beforeAll(async () => {
  const l = await loadLeaflet('periduroscopia', opts);
  const b = await loadBrand('demo-clinic', opts);
  if (!l.ok || !b.ok) throw new Error('the bundled content does not load');
  [leaflet, brand] = [l.value, b.value];
  for (const name of ['standard', 'large-print']) {
    const t = await loadTemplate(name, opts);
    if (!t.ok) throw new Error(`template ${name} does not load`);
    templates.set(name, t.value);
    for (const lang of ['it', 'en']) packs.set(`${name}:${lang}`, await stringsFor(lang, t.value, REPO));
  }
});

function compose(template: Template, lang: string) {
  const patient = { name: 'Mario Esempio', appointment: { date: '2026-03-03', time: '08:30' }, note: 'Una nota.' };
  const view = selectView(leaflet, template, brand, { lang, patient, allowDraft: true }, packs.get(`${template.name}:${lang}`)!);
  if (!view.ok) throw new Error(view.diagnostics[0]!.message);
  return composeLeaflet(view.value, template);
}

const elements = (n: MarkupNode): MarkupElement[] => (n.type === 'element' ? [n, ...n.children.flatMap(elements)] : []);

describe('the bundled templates stay inside the markup contract', () => {
  for (const name of ['standard', 'large-print'])
    for (const lang of ['it', 'en'])
      it(`${name} in ${lang}, with a brand and a patient box`, () => {
        const r = compose(templates.get(name)!, lang);
        if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
        for (const el of elements(r.value.tree)) {
          expect(CONTRACT[el.tag], `<${el.tag}>`).toBeDefined();
          for (const c of el.classes) expect(CONTRACT[el.tag]!.classes, `${el.tag}.${c}`).toContain(c);
        }
        const root = r.value.tree;
        expect(root.tag).toBe('article');
        expect(root.classes).toContain('leaflet');
        if (name === 'large-print') expect(root.classes).toContain('large-print');
        // The structure the PDF writer lays out.
        expect(root.children.filter((c): c is MarkupElement => c.type === 'element').map((c) => c.tag)).toEqual(
          lang === 'en' ? ['header', 'div', 'main', 'footer'] : ['header', 'main', 'footer'],
        );
      });
});

describe('a template that leaves the contract gets a clear error', () => {
  const base = () => templates.get('standard')!;
  const withPartial = (file: string, source: string): Template => {
    const t = base();
    const partials = new Map(t.partials);
    partials.set(file, { ...t.partials.get(file)!, source });
    return { ...t, partials };
  };

  it('an element outside the contract names the element and the template file', () => {
    const t = withPartial('list', '<marquee>\n  {{#each items}}<span>{{inline this}}</span>{{/each}}\n</marquee>');
    const r = compose(t, 'it');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(CODES.MARKUP_OUTSIDE_CONTRACT);
    expect(r.diagnostics[0]!.message).toContain('<marquee>');
    expect(r.diagnostics[0]!.file).toBe(t.partials.get('list')!.display);
    expect(r.diagnostics[0]!.line).toBe(1);
  });

  it('a class outside the contract names the class and the file that writes it', () => {
    const t = withPartial('tip', '<div class="callout tip fancy-box"><p class="callout-label">{{@root.t.tip}}</p><p>{{inline text}}</p></div>');
    const r = compose(t, 'it');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(CODES.MARKUP_OUTSIDE_CONTRACT);
    expect(r.diagnostics[0]!.message).toContain('fancy-box');
    expect(r.diagnostics[0]!.file).toBe(t.partials.get('tip')!.display);
  });

  it('an image from the web is refused', () => {
    const t = withPartial('header', '<header class="leaflet-header"><img class="logo" src="https://example.org/x.png" alt="x"></header>');
    const r = compose(t, 'it');
    expect(!r.ok && r.diagnostics[0]!.code).toBe(CODES.MARKUP_OUTSIDE_CONTRACT);
  });

  it('a script element is refused', () => {
    const t = withPartial('text', '<p>{{inline text}}</p><script>alert(1)</script>');
    const r = compose(t, 'it');
    expect(!r.ok && r.diagnostics[0]!.message).toContain('<script>');
  });
});

describe('docs/templates.md documents the contract', () => {
  let doc: string;
  beforeAll(async () => {
    doc = await readFile(path.join(REPO, 'docs', 'templates.md'), 'utf8');
  });

  it('names every element of the contract in its elements table', () => {
    for (const tag of Object.keys(CONTRACT)) expect(doc, tag).toMatch(new RegExp(`^\\| \`${tag}\`|^\\| [^|]*\`${tag}\``, 'm'));
  });

  it('explains every class of the contract in its classes table', () => {
    for (const [tag, rule] of Object.entries(CONTRACT))
      for (const c of rule.classes) expect(doc, `${tag}.${c}`).toMatch(new RegExp(`^\\| \`${c}\` \\|[^|]*\`${tag}\``, 'm'));
  });
});

describe('a QR code in the markup', () => {
  it('is refused unless it holds an https address of at most 400 bytes', async () => {
    const { parseMarkup } = await import('../../src/markup/parse.js');
    const doc = (qr: string) => `<article class="leaflet"><main><div class="online"><figure class="qr" data-qr="${qr}" aria-label="QR"></figure></div></main></article>`;
    expect(parseMarkup(doc('https://clinic.example/a')).ok).toBe(true);
    for (const bad of ['http://clinic.example/a', 'javascript:alert(1)', `https://clinic.example/${'a'.repeat(400)}`]) {
      const r = parseMarkup(doc(bad));
      expect(!r.ok && r.diagnostics[0]!.code, bad).toBe(CODES.MARKUP_OUTSIDE_CONTRACT);
    }
  });
});
