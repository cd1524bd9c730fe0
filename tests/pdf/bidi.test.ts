import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { LaidOutDocument, PlacedRun } from '../../src/model/layout.js';
import { directionalRuns, levelRuns, visualOrder } from '../../src/write/pdf/bidi.js';
import { loadFonts, measure, shapeRtl } from '../../src/write/pdf/fonts.js';
import { layoutOf, renderPdf, tmpFile, tool } from './helpers.js';

// Only the patient box (with its note) and the first sections: quick to lay out, the note near the top of page 1.
const SKIP = ['faq', 'key-points', 'results', 'procedure', 'when-recommended'];
const withNote = (note: string) => ({ patient: { name: 'T', note }, skip: SKIP });

/** The runs of the line that holds `needle`, left to right as drawn. */
function lineWith(doc: LaidOutDocument, needle: string): PlacedRun[] {
  for (const page of doc.pages)
    for (const item of page.items) if (item.kind === 'text' && item.runs.map((r) => r.text).join('').includes(needle)) return item.runs;
  throw new Error(`no line holds ${needle}`);
}

describe('right-to-left words inside left-to-right text', () => {
  it('text is cut into directional runs by the Unicode bidirectional algorithm: a bracket pair around right-to-left text goes with it, numbers after it keep their own level', () => {
    expect(directionalRuns('plain text <b>')).toEqual([{ text: 'plain text <b>', rtl: false }]);
    expect(directionalRuns('שלום <script>')).toEqual([
      { text: 'שלום', rtl: true },
      { text: ' <script>', rtl: false },
    ]);
    expect(directionalRuns('abc שלום עולם, (מה) 12')).toEqual([
      { text: 'abc ', rtl: false },
      { text: 'שלום עולם, (מה) ', rtl: true },
      { text: '12', rtl: false },
    ]);
    expect(directionalRuns('مرحبا<script>')).toEqual([
      { text: 'مرحبا', rtl: true },
      { text: '<script>', rtl: false },
    ]);
  });

  it('a Hebrew word typed before "<script>" is drawn first and "<script>" after it, left to right, in the layout', async () => {
    const runs = lineWith(await layoutOf(withNote('שלום <script>alert(1)</script>')), 'שלום');
    const hebrew = runs.findIndex((r) => r.text === 'שלום');
    expect(hebrew).toBeGreaterThanOrEqual(0);
    // the space after the Hebrew word is set in the Hebrew face (a space takes the face before it), "<script>" in the body face
    const after = runs.slice(hebrew + 1);
    expect(after.map((r) => r.text).join('')).toBe(' <script>alert(1)</script>');
    // each run starts where the one before it ends, left to right (positions are rounded to 0.01 pt in the layout)
    for (let i = hebrew + 1; i < runs.length; i++) expect(Math.abs(runs[i]!.x - (runs[i - 1]!.x + runs[i - 1]!.width))).toBeLessThanOrEqual(0.011);
  });

  it('the same words come out of the PDF in reading order, "<script>" intact', async () => {
    const file = tmpFile('bidi.pdf', await renderPdf(withNote('שלום <script>alert(1)</script>')));
    // -raw: words in the order they are drawn. (poppler's default mode reorders a
    // whole line with a simpler rule that attaches the neutral "<" following
    // right-to-left text to it, whatever the drawing order.)
    const text = tool('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).replace(/[\u200e\u200f\u202a-\u202e]/g, '');
    expect(text).toContain('שלום <script>alert(1)</script>');
    expect(text).not.toContain('>tpircs');
  });

  it('Arabic is still shaped: "مرحبا" is drawn with its joining forms, not the isolated letters', async () => {
    const fonts = loadFonts(
      {
        fonts: {
          body: {
            regular: createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
            bold: createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
            italic: createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
            boldItalic: createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf'),
          },
          fallback: [],
          scripts: {},
        },
      } as never,
      new Map(),
      'theme.yaml',
    );
    if (!fonts.ok) throw new Error('fonts');
    const regular = fonts.value.faces.regular;
    const word = 'مرحبا';
    const isolated = [...word].map((ch) => (regular.font as unknown as { glyphForCodePoint(cp: number): { id: number } }).glyphForCodePoint(ch.codePointAt(0)!).id);
    const shaped = shapeRtl(regular, word).glyphs.map((g) => g.id);
    expect(shaped).toHaveLength(isolated.length);
    // right to left: the last letter is drawn first
    expect(shaped).not.toEqual(isolated);
    expect(shaped).not.toEqual([...isolated].reverse());
    // what layout measures is what is drawn
    expect(measure(regular, word, 10)).toBeCloseTo((shapeRtl(regular, word).advanceWidth / 1000) * 10, 9);

    const file = tmpFile('arabic.pdf', await renderPdf(withNote(`abc ${word} def`)));
    expect(tool('pdftotext', ['-enc', 'UTF-8', file, '-'])).toContain(word);
  });
});

describe('right-to-left paragraphs', () => {
  const visual = (text: string) =>
    visualOrder(levelRuns(text, true)).map((r) => text.slice(r.start, r.end));

  it('a phone number, a URL and a numeric date inside Arabic text read left to right as one piece, the Arabic around them right to left', () => {
    expect(visual('اتصل على +39 06 1234 5678 الآن')).toEqual([' الآن', '+39 06 1234 5678', 'اتصل على ']);
    expect(visual('زوروا https://example.org/a/b. شكرا')).toEqual(['. شكرا', 'https://example.org/a/b', 'زوروا ']);
    expect(visual('الموعد 2026-11-24 صباحا')).toEqual([' صباحا', '2026-11-24', 'الموعد ']);
  });

  it('a Latin drug name with its dose keeps its words in reading order, left to right', () => {
    expect(visual('تناول Paracetamol 500 mg مرتين')).toEqual([' مرتين', 'Paracetamol 500 mg', 'تناول ']);
  });
});
