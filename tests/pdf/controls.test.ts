import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { findControls } from '../../src/markup/controls.js';
import { EN, tempRoot } from '../support/root.js';
import { readPdf, request, type ReadPdf } from './helpers.js';

describe('a PDF never carries control or bidi-override characters raw', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  let pdf: ReadPdf;
  beforeAll(async () => {
    t = await tempRoot();
    await t.edit(EN, (s) => s.replace(/^title: .*$/m, 'title: "Peri\\e[31mduro\\u202Escopy\\a"').replace(/^(  - id: what-it-is\n    title: ).*$/m, '$1"What it \\u2066is\\u2069 for\\x07"'));
    const result = await new Renderer({ root: t.root, cwd: t.root }).render(request({ lang: 'en', brand: 'demo-clinic' }));
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    pdf = await readPdf(result.value[0]!.bytes);
  });
  afterAll(async () => t.remove());

  it('the Info title and the XMP hold the title without them', () => {
    expect(pdf.info.Title).toBe('Peri[31mduroscopy');
    for (const v of Object.values(pdf.info)) if (typeof v === 'string') expect(findControls(v)).toEqual([]);
    expect(findControls(pdf.xmp)).toEqual([]);
    expect(pdf.xmp).toContain('<rdf:li xml:lang="x-default">Peri[31mduroscopy</rdf:li>');
  });

  it('the bookmarks and the page text hold none either', () => {
    expect(findControls(pdf.outline.flatMap((o) => [o.title, ...o.items.map((i) => i.title)]).join('\n'))).toEqual([]);
    expect(pdf.outline.map((o) => o.title)).toContain('What it is for');
    for (const page of pdf.text) expect(findControls(page)).toEqual([]);
  });
});
