import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { spaceSeparated, type EmbeddedInternals } from '../../src/write/pdf/paint.js';
import { REPO } from './helpers.js';

const FACES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', '@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Regular.ttf', '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf'];

describe("text without features is laid out as pdfkit lays it out", () => {
  it.each(FACES.map((f) => [f]))('property: %s — any text of words, spaces and tabs gives pdfkit’s glyphs, positions and width, piece by piece from the same cache', (face) => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(readFileSync(join(REPO, 'node_modules', face)));
    type Laid = { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
    const font = (doc as unknown as { _font: EmbeddedInternals })._font;
    const original = font.layout.bind(font) as (text: string, features?: unknown, onlyWidth?: boolean) => Laid;
    const piece = fc.oneof(fc.constantFrom(' ', '\t', '  ', 'è', 'fi', 'ffi', 'नमस्ते', 'سلام', '38 °C', '-', ''), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, onlyWidth) => {
        const text = pieces.join('');
        const want = original(text, undefined, onlyWidth);
        const got = spaceSeparated(font, text, onlyWidth) as Laid;
        expect(got.advanceWidth).toBe(want.advanceWidth);
        expect(got.glyphs).toEqual(want.glyphs);
        expect(got.positions).toEqual(want.positions);
        // the very objects of the cache, as pdfkit hands them on
        if (got.glyphs && want.glyphs) got.glyphs.forEach((g, i) => expect(g).toBe(want.glyphs![i]));
      }),
      { numRuns: 150 },
    );
  });
});
