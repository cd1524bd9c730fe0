import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { composeLeaflet, type Composed } from '../../src/pipeline.js';
import { writeHtml } from '../../src/write/html.js';
import type { Template } from '../../src/model/template.js';
import { DATE, rendererFor } from './helpers.js';

type El = DefaultTreeAdapterMap['element'];
const isEl = (n: DefaultTreeAdapterMap['childNode']): n is El => 'tagName' in n;
const all = (n: El | DefaultTreeAdapterMap['document']): El[] => n.childNodes.filter(isEl).flatMap((c) => [c, ...all(c)]);
const text = (n: DefaultTreeAdapterMap['childNode']): string =>
  n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : isEl(n) ? n.childNodes.map(text).join('') : '';

let base: Composed;
let template: Template;

beforeAll(async () => {
  const renderer = rendererFor();
  const c = await renderer.compose({ leaflet: 'periduroscopia', template: 'standard', brand: 'demo-clinic', formats: ['html'], paper: 'a4', skip: [] });
  const t = await renderer.template('standard');
  if (!c.ok || !t.ok) throw new Error('the bundled leaflet does not compose');
  [base, template] = [c.value, t.value];
});

describe('whatever a brand or a footer says, the page shows it as text', () => {
  it('brand name and footer text survive compose and the HTML writer literally, adding no element', async () => {
    const tricky = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '<', '>', '&', '"', "'", '/', '=', '{', '}', 'script', 'img', '</style>', '-->', '&amp;', 'è', '①') , minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(tricky, tricky, async (name, footer) => {
        const view = { ...base.view, brand: { ...base.view.brand, name, footer } };
        const composed = composeLeaflet(view, template);
        if (!composed.ok) throw new Error(composed.diagnostics[0]!.message);
        const html = await writeHtml(composed.value, { template, date: DATE });
        if (!html.ok) throw new Error(html.diagnostics[0]!.message);
        const doc = parse(new TextDecoder().decode(html.value));
        const elements = all(doc);
        const brandName = elements.find((e) => e.attrs.some((a) => a.name === 'class' && a.value === 'brand-name'))!;
        const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
        expect(collapse(text(brandName))).toBe(collapse(name));
        expect(brandName.childNodes.every((n) => n.nodeName === '#text')).toBe(true);
        // the brand's footer line closes the leaflet in the contacts block
        const contacts = elements.find((e) => e.attrs.some((a) => a.name === 'class' && a.value === 'contacts'))!;
        const lines = contacts.childNodes.filter(isEl).map((e) => collapse(text(e)));
        expect(lines).toContain(collapse(footer));
        expect(elements.filter((e) => e.tagName === 'script')).toEqual([]);
        expect(elements.filter((e) => e.tagName === 'style')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });

  it('the date in the page metadata is the one passed in (SOURCE_DATE_EPOCH), never the clock', async () => {
    const html = await writeHtml(base, { template, date: new Date('2030-01-02T00:00:00Z') });
    expect(html.ok && new TextDecoder().decode(html.value)).toContain('<meta name="dcterms.modified" content="2030-01-02">');
  });
});
