/**
 * Figures in print (docs/templates.md, "Figures in print"): the width the
 * content asks for, the whole column in large print, and a side figure
 * beside the paragraphs after it — on the side the content says, mirrored
 * in a right-to-left leaflet — or above them where the column is too narrow.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/model/content.js';
import type { ImageItem, LaidOutDocument, TextItem } from '../../src/model/layout.js';
import { PAPER_SIZES } from '../../src/write/pdf/styles.js';
import { cutAfterLines } from '../../src/write/pdf/blocks/figure.js';
import { loadFonts, type FontChain } from '../../src/write/pdf/fonts.js';
import { breakLines, type InlineRun } from '../../src/write/pdf/text.js';
import { lay, loadShared, type Case } from './generated.js';
import { Renderer } from '../../src/render.js';
import { tempRoot } from '../support/root.js';
import { renderer, renderPdf, tmpFile, tool } from './helpers.js';

beforeAll(loadShared);

const at = { file: 'figures.yaml', pointer: '' };
const LONG = Array.from({ length: 14 }, (_, i) => `Frase numero ${i + 1} del testo che segue la figura e scorre accanto a essa.`).join(' ');
const figure = (over: Partial<Extract<Block, { kind: 'figure' }>> = {}): Block => ({
  kind: 'figure',
  src: 'fig-800x600.png',
  path: '/generated/fig-800x600.png',
  folder: '/generated',
  srcAt: {},
  alt: 'Disegno',
  caption: 'Lo spazio epidurale',
  at,
  ...over,
});
const text = (t: string): Block => ({ kind: 'text', text: t, at });

const leaflet = (blocks: Block[], over: Partial<Case> = {}): LaidOutDocument =>
  lay({
    lang: 'it',
    template: 'standard',
    paper: 'a4',
    brand: 'neutral',
    draft: false,
    title: 'Figure',
    summary: [],
    patient: null,
    sections: [{ id: 's1', path: 's1', title: 'Sezione', blocks, sections: [], at }],
    ...over,
  }).doc;

/** the flow's column on the page, from the template's margins */
async function column(template: 'standard' | 'large-print', paper: 'a4' | 'letter' | 'a5') {
  const t = await renderer.template(template);
  if (!t.ok) throw new Error(template);
  const mm = 72 / 25.4;
  const left = t.value.theme.margins.left * mm;
  return { left, right: PAPER_SIZES[paper]![0] - t.value.theme.margins.right * mm };
}

const imageOf = (doc: LaidOutDocument): ImageItem => doc.pages.flatMap((p) => p.items).find((i): i is ImageItem => i.kind === 'image' && i.struct !== null)!;
/** the lines of the paragraph holding `words` */
const linesOf = (doc: LaidOutDocument, words: string): TextItem[] => {
  const all = doc.pages[0]!.items.filter((i): i is TextItem => i.kind === 'text');
  const struct = all.find((i) => i.runs.map((r) => r.text).join('').includes(words))!.runs[0]!.struct;
  return all.filter((i) => i.runs.some((r) => r.struct === struct));
};
const left = (l: TextItem) => Math.min(...l.runs.map((r) => r.x));
/** a line's right edge; its trailing space (kept in the text for copying) may reach a space's width further */
const right = (l: TextItem) => Math.max(...l.runs.map((r) => r.x + r.width)) - (/ $/.test(l.runs[l.runs.length - 1]!.text) ? SPACE : 0);
const SPACE = 4;

describe('the width of a figure', () => {
  it('a figure with a width takes that share of the column in the standard template', async () => {
    const col = await column('standard', 'a4');
    const img = imageOf(leaflet([figure({ width: 33 })]));
    expect(img.width).toBeCloseTo((col.right - col.left) * 0.33, 0);
  });

  for (const paper of ['a4', 'letter'] as const)
    it(`large print gives a figure with a width the whole column, as its style.css does (${paper})`, async () => {
      const col = await column('large-print', paper);
      // a wide image: a tall one is held to half the page's height first
      const img = imageOf(leaflet([figure({ width: 33, src: 'fig-1200x400.png', path: '/generated/fig-1200x400.png' })], { template: 'large-print', paper }));
      expect(img.x).toBeCloseTo(col.left, 1);
      expect(img.width).toBeCloseTo(col.right - col.left, 1);
    });

  it('large print never makes a figure taller than half the page', () => {
    const doc = leaflet([figure({ width: 50, src: 'fig-300x2000.png', path: '/generated/fig-300x2000.png' })], { template: 'large-print' });
    const img = imageOf(doc);
    expect(img.height).toBeLessThanOrEqual(PAPER_SIZES.a4![1] / 2);
  });
});

describe('a figure beside the text', () => {
  it('side start: the image at the start of the column, the text beside it, then back to the full column below it', async () => {
    const col = await column('standard', 'a4');
    const doc = leaflet([figure({ width: 33, side: 'start' }), text(LONG)]);
    const img = imageOf(doc);
    const lines = linesOf(doc, 'Frase numero 1 ');
    expect(img.x).toBeCloseTo(col.left, 1);
    const beside = lines.filter((l) => l.y < img.y + img.height);
    const below = lines.filter((l) => l.y - 12 > img.y + img.height + 20);
    expect(beside.length).toBeGreaterThanOrEqual(3);
    expect(below.length).toBeGreaterThanOrEqual(1);
    // beside: right of the image and its 1 em gutter, never past the column
    for (const l of beside) {
      expect(left(l)).toBeGreaterThanOrEqual(img.x + img.width + 10);
      expect(right(l)).toBeLessThanOrEqual(col.right + 0.5);
    }
    // the first line sits level with the top of the image
    expect(beside[0]!.y).toBeLessThan(img.y + 20);
    // below the figure and its caption: the whole column again
    for (const l of below) expect(left(l)).toBeCloseTo(col.left, 1);
  });

  it('side end: the image at the end of the column, the text before it', async () => {
    const col = await column('standard', 'a4');
    const doc = leaflet([figure({ width: 33, side: 'end' }), text(LONG)]);
    const img = imageOf(doc);
    expect(img.x + img.width).toBeCloseTo(col.right, 1);
    for (const l of linesOf(doc, 'Frase numero 1 ').filter((l) => l.y < img.y + img.height)) expect(right(l)).toBeLessThanOrEqual(img.x - 10);
  });

  it('right to left: side start is the right-hand side of the page, the text to its left', async () => {
    const col = await column('standard', 'a4');
    const doc = leaflet([figure({ width: 33, side: 'start' }), text(LONG)], { lang: 'ar' });
    const img = imageOf(doc);
    expect(img.x + img.width).toBeCloseTo(PAPER_SIZES.a4![0] - col.left, 1);
    const beside = linesOf(doc, 'Frase numero 1 ').filter((l) => l.y < img.y + img.height);
    expect(beside.length).toBeGreaterThanOrEqual(3);
    for (const l of beside) expect(right(l)).toBeLessThanOrEqual(img.x - 10);
  });

  it('the Figure comes before the paragraphs beside it in the structure tree, its caption between them', () => {
    const doc = leaflet([figure({ width: 33, side: 'start' }), text('Primo paragrafo.'), text('Secondo paragrafo.')]);
    const sect = doc.structure.nodes.find((n) => n.role === 'Sect')!;
    expect(sect.children.map((id) => doc.structure.nodes[id]!.role)).toEqual(['H2', 'Figure', 'P', 'P', 'P']);
    // and the page gives them in that order: image, caption, text
    const order = doc.pages[0]!.items.flatMap((i) => (i.kind === 'image' ? ['image'] : i.kind === 'text' ? [i.runs.map((r) => r.text).join('')] : []));
    expect(order.slice(order.indexOf('image'), order.indexOf('image') + 4)).toEqual(['image', 'Lo spazio epidurale', 'Primo paragrafo.', 'Secondo paragrafo.']);
  });

  it('short text beside the figure: what follows starts below the figure and its caption', () => {
    const doc = leaflet([figure({ width: 33, side: 'start' }), text('Breve.'), { kind: 'list', items: ['Primo', 'Secondo'], at }]);
    const img = imageOf(doc);
    const item = doc.pages[0]!.items.find((i): i is TextItem => i.kind === 'text' && i.runs.some((r) => r.text === 'Primo'))!;
    const caption = doc.pages[0]!.items.find((i): i is TextItem => i.kind === 'text' && i.runs.some((r) => r.text === 'Lo spazio epidurale'))!;
    expect(item.y).toBeGreaterThan(Math.max(img.y + img.height, caption.y));
  });

  const above = (doc: LaidOutDocument) => {
    const img = imageOf(doc);
    for (const l of linesOf(doc, 'Frase numero 1 ')) expect(l.y - 12).toBeGreaterThan(img.y + img.height);
  };
  it('on A5 a figure a third of the column wide goes above the text: beside it the text would keep under 20 ems', () => above(leaflet([figure({ width: 33, side: 'start' }), text(LONG)], { paper: 'a5' })));
  it('large print keeps one column: a side figure goes above the text, as in its HTML', () => above(leaflet([figure({ width: 25, side: 'end' }), text(LONG)], { template: 'large-print', paper: 'letter' })));
  it('a figure followed by no paragraph goes above what follows', () => {
    const doc = leaflet([figure({ width: 33, side: 'start' }), { kind: 'list', items: ['Primo', 'Secondo'], at }]);
    const img = imageOf(doc);
    const item = doc.pages[0]!.items.find((i): i is TextItem => i.kind === 'text' && i.runs.some((r) => r.text === 'Primo'))!;
    expect(item.y).toBeGreaterThan(img.y + img.height);
  });
});

describe('a figure and its caption', () => {
  it('an image never ends a page without the first lines of its caption, even when the two are taller than a page (large print, A5)', () => {
    // found by the caption property: the image ended page 4 alone, its caption went to page 5
    const caption = `3 marzo 2026, dolore 3 marzo 2026, ${Array.from({ length: 11 }, () => 'dolore').join(' ')} elettroencefalografista ${Array.from({ length: 20 }, () => 'dolore').join(' ')}`;
    const { doc } = lay({
      lang: 'it',
      template: 'large-print',
      paper: 'a5',
      brand: 'demo-clinic',
      draft: false,
      title: 'dolore',
      summary: [],
      patient: { note: 'dolore', place: 'dolore' },
      sections: [
        { id: 's1', path: 's1', title: '3 marzo 2026,', blocks: [{ kind: 'warning', text: 'dolore dolore dolore dolore dolore', at }, figure({ src: 'fig-40x40.png', path: '/generated/fig-40x40.png', width: 20, caption })], sections: [], at },
        { id: 's2', path: 's2', title: 'dolore', blocks: [text('dolore dolore dolore dolore dolore dolore')], sections: [], at },
      ],
    });
    const page = doc.pages.findIndex((p) => p.items.some((i) => i.kind === 'image' && i.struct !== null));
    const fig = doc.structure.nodes.find((n) => n.role === 'Figure')!;
    const captionLines = doc.pages[page]!.items.filter((i) => i.kind === 'text' && i.runs.some((r) => r.struct === fig.id + 1));
    expect(captionLines.length).toBeGreaterThanOrEqual(2);
  });
});

describe('a small captioned figure', () => {
  it('goes above the text: beside it the caption would break inside its words', () => {
    const doc = leaflet([figure({ src: 'fig-40x40.png', path: '/generated/fig-40x40.png', side: 'start', caption: '+39 000 000 0000, 3 marzo 2026' }), text(LONG)]);
    const img = imageOf(doc);
    for (const l of linesOf(doc, 'Frase numero 1 ')) expect(l.y - 12).toBeGreaterThan(img.y + img.height);
    expect(linesOf(doc, '+39').map((l) => l.runs.map((r) => r.text).join(''))).toEqual(['+39 000 000 0000, 3 marzo 2026']);
  });

  it('without a caption sits beside the text', () => {
    const doc = leaflet([figure({ src: 'fig-40x40.png', path: '/generated/fig-40x40.png', side: 'start', caption: undefined }), text(LONG)]);
    const img = imageOf(doc);
    expect(left(linesOf(doc, 'Frase numero 1 ')[0]!)).toBeGreaterThan(img.x + img.width);
  });
});

describe('a paragraph cut at the foot of a side figure (property)', () => {
  const word = fc.constantFrom('dolore', 'procedura', 'il', 'la', 'elettroencefalografista', 'post-operatorio', '3 marzo 2026,', '+39 000 000 0000', 'perché?', 'sovra\u00ADcca\u00ADrico', 'https://www.example.org/a/b', 'العملية', 'الطبيب');
  const paragraph = fc.tuple(fc.array(word, { minLength: 1, maxLength: 60 }), fc.integer({ min: 40, max: 400 }), fc.integer({ min: 0, max: 20 }), fc.boolean());
  let fonts: FontChain;
  beforeAll(async () => {
    const t = await renderer.template('standard');
    if (!t.ok) throw new Error('standard');
    const f = loadFonts(t.value.theme, renderer.writerCache, 'theme.yaml', { scripts: new Set(['arabic']), primary: null });
    if (!f.ok) throw new Error('fonts');
    fonts = f.value;
  });
  const runsOf = (words: string[]): InlineRun[] => [{ text: words.slice(0, 3).join(' ') + ' ', font: 'bold', size: 11, colour: '#000', struct: 1 }, { text: words.slice(3).join(' '), font: 'regular', size: 11, colour: '#000', struct: 1 }].filter((r) => r.text.length > 0);
  const shown = (lines: { pieces: { text: string }[] }[]) => lines.map((l) => l.pieces.map((p) => p.text).join(''));

  const chars = (t: string) => [...t.replace(/[\u00AD\n]/g, '')].sort().join('');
  it('every character is on one side of the cut; without soft hyphens the lines kept are the first ones, holding exactly the text before the cut', () => {
    fc.assert(
      fc.property(paragraph, ([words, width, count, rtl]) => {
        const runs = runsOf(words);
        const lines = breakLines(runs, width, fonts, rtl);
        const { kept, rest } = cutAfterLines(runs, lines, count, (before) => breakLines(before, width, fonts, rtl));
        const all = runs.map((r) => r.text).join('');
        const after = rest.map((r) => r.text).join('');
        expect(all.endsWith(after)).toBe(true);
        const before = all.slice(0, all.length - after.length);
        if (lines.length <= count) expect(after).toBe('');
        if (words.some((w) => w.includes('\u00AD'))) expect(chars(shown(kept).join('').replace(/-/g, ''))).toEqual(chars(before.replace(/-/g, '')));
        else {
          expect(shown(kept)).toEqual(shown(lines.slice(0, count)));
          expect(chars(shown(kept).join(''))).toEqual(chars(before));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('a side figure in the PDF file', () => {
  it('the Figure (with its alternative text), its caption and the paragraphs beside it are tagged in that order', async () => {
    const t = await tempRoot({ leaflets: ['cataract-surgery'] });
    try {
      await t.put('data/leaflets/cataract-surgery/eye.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300"><ellipse cx="200" cy="150" rx="170" ry="100" fill="#ffffff" stroke="#1f4e79" stroke-width="6"/><circle cx="200" cy="150" r="60" fill="#1f4e79"/></svg>');
      await t.edit('data/leaflets/cataract-surgery/it.yaml', (s) =>
        s.replace('      - text: Segua questo programma.', '      - figure:\n          src: eye.svg\n          alt: Disegno di un occhio\n          caption: Il cristallino\n          width: 33\n          side: start\n      - text: Segua questo programma.'),
      );
      const bytes = await renderPdf({ leaflet: 'cataract-surgery', lang: 'it' }, new Renderer({ root: t.root, cwd: t.root }));
      const tree = tool('pdfinfo', ['-struct-text', tmpFile('side-figure.pdf', bytes)]);
      expect(tree).toMatch(/Figure[^\n]*\n(?:\s+\/Alt[^\n]*\n)?[\s\S]{0,200}?P \(block\)\s+"Il cristallino"\s+P \(block\)\s+"Segua questo programma\./);
      expect(Buffer.from(bytes).toString('latin1')).toContain('/Alt (Disegno di un occhio)');
    } finally {
      await t.remove();
    }
  });
});
