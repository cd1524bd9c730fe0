import { beforeAll, describe, expect, it } from 'vitest';
import type { LaidOutDocument, PageItem } from '../../src/model/layout.js';
import { layoutOf, readPdf, renderPdf, tmpFile, tool, type ReadPdf } from './helpers.js';

const CATARACT = { leaflet: 'cataract-surgery' } as const;
let bytes: Uint8Array;
let pdf: ReadPdf;
let tree: string;
beforeAll(async () => {
  bytes = await renderPdf({ ...CATARACT, lang: 'it' });
  pdf = await readPdf(bytes);
  tree = tool('pdfinfo', ['-struct-text', tmpFile('cataract.pdf', bytes)]);
});

const texts = (items: PageItem[]) => items.filter((i) => i.kind === 'text').map((i) => (i.kind === 'text' ? i.runs.map((r) => r.text).join('') : ''));

describe('the new blocks in the PDF structure tree', () => {
  it('a table is Table / THead / TBody / TR / TH / TD, every TH with its /Scope', () => {
    for (const r of ['Table', 'Caption', 'THead', 'TBody', 'TR', 'TH', 'TD']) expect(pdf.roles.flat(), r).toContain(r);
    const raw = Buffer.from(bytes).toString('latin1');
    const ths = raw.match(/\/S \/TH\b/g)!.length;
    const scoped = raw.match(/\/S \/TH[\s\S]{0,200}?\/Scope \/(Column|Row)/g)?.length ?? 0;
    expect(ths).toBeGreaterThan(0);
    expect(scoped).toBe(ths);
    expect(tree).toMatch(/THead\s+TR\s+TH[^\n]*\n\s+\/Scope \/Column\s+"Medicinale"/);
    expect(tree).toMatch(/TH[^\n]*\n\s+\/Scope \/Row\s+"Pasti leggeri"/);
  });

  it('a checklist is a list whose boxes are drawn, not typed', () => {
    expect(tree).toMatch(/L \(block\)\s+LI \(block\)\s+LBody \(block\)\s+"Documento d'identità/);
    // no ballot-box glyph anywhere in the text
    expect(pdf.text.join('')).not.toMatch(/[☐□■]/);
  });

  it('a glossary is a list of Lbl (term) and LBody (definition)', () => {
    expect(tree).toMatch(/LI \(block\)\s+Lbl \(block\)\s+"Cristallino"\s+LBody \(block\)\s+"La lente naturale/);
  });

  it('the urgent box is a Div with its heading and the emergency number', () => {
    expect(tree).toMatch(/Div\s+H3 \(block\)\s+"Chieda aiuto subito"/);
    expect(pdf.text.join(' ')).toMatch(/Numero di emergenza:\s*112/);
  });
});

describe('the new blocks on the page', () => {
  let doc: LaidOutDocument;
  beforeAll(async () => {
    doc = await layoutOf({ ...CATARACT, lang: 'it' });
  });

  it('the urgent box is never split: its heading and number are on one page', () => {
    const page = doc.pages.findIndex((p) => texts(p.items).some((t) => t.includes('Chieda aiuto subito')));
    expect(texts(doc.pages[page]!.items).join(' ')).toContain('112');
  });

  it('notes are ruled lines (artifacts) under a tagged prompt', () => {
    const page = doc.pages.find((p) => texts(p.items).some((t) => t.includes("Le sue domande per l'équipe")))!;
    const lines = page.artifacts.flatMap((a) => a.items).filter((i) => i.kind === 'line');
    // 6 rules for notes, besides the header and footer rules
    expect(lines.length).toBeGreaterThanOrEqual(6);
  });

  it('a phone number in a link keeps its spaces unbreakable', () => {
    const all = doc.pages.flatMap((p) => texts(p.items)).join('\n');
    expect(all).toContain('02\u00a00000\u00a00000');
  });
});

describe('a table across pages (large print)', () => {
  let doc: LaidOutDocument;
  beforeAll(async () => {
    doc = await layoutOf({ ...CATARACT, lang: 'en', template: 'large-print' });
  });

  it('splits only between rows and repeats the header row, as an Artifact, on the next page', () => {
    const pages = doc.pages.filter((p) => texts([...p.items, ...p.artifacts.flatMap((a) => a.items)]).some((t) => t === 'Medicine'));
    expect(pages.length).toBe(2);
    const [first, second] = pages;
    // on the first page the header is content; on the next it is drawn again as an artifact only
    expect(texts(first!.items)).toContain('Medicine');
    expect(texts(second!.items)).not.toContain('Medicine');
    expect(texts(second!.artifacts.flatMap((a) => a.items))).toContain('Medicine');
    // a row's two cells are on the same page
    for (const row of ['Blood thinners', 'Insulin and']) {
      const on = doc.pages.filter((p) => texts(p.items).some((t) => t.startsWith(row)));
      expect(on, row).toHaveLength(1);
    }
  });
});

describe('large print re-flows a table too narrow for its text', () => {
  it('four columns at 18 pt on A5 become one block a row: "column header: value"', async () => {
    const { tempRoot } = await import('../support/root.js');
    const { Renderer } = await import('../../src/render.js');
    const t = await tempRoot({ leaflets: ['cataract-surgery'] });
    try {
      await t.edit('data/leaflets/cataract-surgery/en.yaml', (s) =>
        s
          .replace('head: [Food, Yes or no]', 'head: [Food, Yes or no, How much, Until when]')
          .replace('- [Light meals, "Yes"]', '- [Light meals, "Yes", A small plate, The evening before]')
          .replace('- [Alcohol, "No"]', '- [Alcohol, "No", None, Three days before]')
          .replace('- [Water, "Yes, until 2 hours before"]', '- [Water, "Yes", As you like, 2 hours before]'),
      );
      const r = new Renderer({ root: t.root, cwd: t.root });
      const doc = await layoutOf({ ...CATARACT, lang: 'en', template: 'large-print', paper: 'a5' }, r);
      const all = doc.pages.flatMap((p) => texts(p.items)).join('\n');
      expect(all).toMatch(/How much: A small plate/);
      expect(all).toMatch(/Until when: Three days before/);
      // the standard template on A4 keeps it a grid
      const grid = (await layoutOf({ ...CATARACT, lang: 'en' }, r)).pages.flatMap((p) => texts(p.items)).join('\n');
      expect(grid).not.toMatch(/How much: /);
    } finally {
      await t.remove();
    }
  });
});
