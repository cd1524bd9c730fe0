/**
 * Control characters and bidi overrides are stripped where text enters an
 * output: the leaflet markup (both writers), the HTML title, description and
 * attributes, and the PDF Info dictionary and XMP.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeLeaflet, type Composed } from '../../src/pipeline.js';
import { writeHtml } from '../../src/write/html.js';
import { infoOf, metadataOf, xmpOf } from '../../src/write/pdf/metadata.js';
import { findControls, stripControls } from '../../src/markup/controls.js';
import type { Template } from '../../src/model/template.js';
import type { MarkupNode } from '../../src/model/markup.js';
import { DATE, rendererFor } from '../html/helpers.js';

/** Every text and attribute value of a markup tree. */
const treeText = (n: MarkupNode): string =>
  n.type === 'text' ? n.value : `${Object.values(n.attrs).join(' ')} ${n.children.map(treeText).join(' ')}`;

let base: Composed;
let template: Template;

beforeAll(async () => {
  const renderer = rendererFor();
  const c = await renderer.compose({ leaflet: 'periduroscopia', template: 'standard', brand: 'demo-clinic', formats: ['html'], paper: 'a4', skip: [] });
  const t = await renderer.template('standard');
  if (!c.ok || !t.ok) throw new Error('the bundled leaflet does not compose');
  [base, template] = [c.value, t.value];
});

const NOT_TEXT = ['\u0000', '\u0007', '\u001b', '\u0008', '\u000b', '\u007f', '\u0085', '\u009b', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
/** Text with control characters mixed in (and always at least one). */
const tainted = fc
  .tuple(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', 'è', 'ש', '<', '&', ...NOT_TEXT), maxLength: 30 }), fc.constantFrom(...NOT_TEXT))
  .map(([s, c]) => `Titolo ${c}${s} fine`);

describe('characters that are not text never reach an output raw', () => {
  it('property: the leaflet markup, and the HTML title, description, headings and brand name, hold no control or bidi-override character', async () => {
    await fc.assert(
      fc.asyncProperty(tainted, tainted, tainted, tainted, async (title, subtitle, heading, brand) => {
        const view = {
          ...base.view,
          title,
          subtitle,
          brand: { ...base.view.brand, name: brand },
          sections: base.view.sections.map((s, i) => (i === 0 ? { ...s, title: heading } : s)),
        };
        const composed = composeLeaflet(view, template);
        if (!composed.ok) throw new Error(composed.diagnostics[0]!.message);
        // the markup both writers start from (the PDF draws its text and outline from it)
        expect(findControls(treeText(composed.value.tree))).toEqual([]);
        const html = await writeHtml(composed.value, { template, date: DATE });
        if (!html.ok) throw new Error(html.diagnostics[0]!.message);
        const out = new TextDecoder().decode(html.value);
        expect(findControls(out)).toEqual([]);
        // stripped, not replaced: the words around them are still there
        expect(out).toContain(`<title>${stripControls(title).replace(/&/g, '&amp;').replace(/</g, '&lt;')}`);
      }),
      { numRuns: 40 },
    );
  });

  it('property: the PDF Info dictionary and XMP hold no control or bidi-override character', () => {
    fc.assert(
      fc.property(tainted, tainted, tainted, (title, subtitle, brand) => {
        const meta = metadataOf({ ...base.view, title, subtitle, brand: { ...base.view.brand, name: brand } }, DATE);
        const info = infoOf(meta);
        for (const v of Object.values(info)) if (typeof v === 'string') expect(findControls(v)).toEqual([]);
        expect(findControls(xmpOf(meta))).toEqual([]);
        expect(meta.title).toBe(stripControls(title));
      }),
      { numRuns: 200 },
    );
  });

  it('tab and line breaks are text and stay', () => {
    expect(stripControls('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(findControls('a\tb\nc')).toEqual([]);
  });

  it('names each character and counts its position in characters, not UTF-16 units', () => {
    expect(findControls('😀x\u001b')).toEqual([{ index: 3, position: 3, codePoint: 0x1b, name: 'U+001B ESCAPE' }]);
  });
});
