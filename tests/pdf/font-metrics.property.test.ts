import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { metricsFor, tableLayout, type FontMetrics } from '../../src/write/font-metrics.js';
import { SHAPING } from '../../src/write/pdf/fonts.js';

const require = createRequire(import.meta.url);
const FACES = ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique', 'DejaVuSans-BoldOblique'];

interface Face {
  name: string;
  font: fontkit.Font;
  metrics: FontMetrics;
}
const faces: Face[] = FACES.map((name) => {
  const bytes = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
  const font = fontkit.create(bytes);
  const metrics = metricsFor(bytes, font.unitsPerEm);
  if (!metrics) throw new Error(`no build-time metrics for ${name}: run npm run build`);
  return { name, font, metrics };
});

/** fontkit's layout with the writer's features, scaled as pdfkit scales it (fonts.ts scaleRun). */
function fontkitRun(font: fontkit.Font, text: string) {
  const run = font.layout(text, SHAPING);
  const scale = 1000 / font.unitsPerEm;
  const positions = run.positions.map((p, i) => {
    const out: Record<string, number> = {};
    for (const key of Object.keys(p)) out[key] = p[key]! * scale;
    out.advanceWidth = run.glyphs[i]!.advanceWidth * scale;
    return out;
  });
  return { glyphs: run.glyphs, positions, advanceWidth: positions.reduce((s, p) => s + p.xAdvance!, 0) };
}

const same = (face: Face, text: string) => {
  const table = tableLayout(face.metrics, face.font, text);
  expect(table, `${face.name}: ${JSON.stringify(text)} is laid out from the table`).toBeDefined();
  const ref = fontkitRun(face.font, text);
  expect(table!.glyphs.map((g) => g.id)).toEqual(ref.glyphs.map((g) => g.id));
  // the very glyph objects fontkit hands out, so pdfkit's ToUnicode map is the same
  table!.glyphs.forEach((g, i) => expect(g).toBe(ref.glyphs[i]));
  expect(table!.positions).toEqual(ref.positions);
  expect(table!.advanceWidth).toBe(ref.advanceWidth);
};

/** Letters that kern in DejaVu Sans, so that random text meets many kerning pairs. */
const kerning = [...'AVTWYLPFRKkovywrf.,:;-"\'()«»“”‘’ '];
const latin = [...'abcdefghijklmnopqrstuvwxyzàèéìòùçñüößæøåœ'];
const greek = [...'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΩάέήίόύώ'];
const cyrillic = [...'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЗЯЁё'];
const symbols = [...'0123456789 %€$£→←↑↓⇒①②③④⑤•·–—…«»±×÷°µ§¶©®™'];

const textFrom = (face: Face) => {
  const all = [...face.metrics.table.chars];
  return fc
    .array(fc.oneof(fc.constantFrom(...kerning), fc.constantFrom(...latin), fc.constantFrom(...greek), fc.constantFrom(...cyrillic), fc.constantFrom(...symbols), fc.constantFrom(...all)), {
      minLength: 1,
      maxLength: 40,
    })
    .map((cs) => cs.join(''));
};

describe('font metrics computed at build time', () => {
  it('every bundled body face has a table that covers Latin-1, Latin Extended-A, Greek and Cyrillic letters, arrows and circled digits', () => {
    for (const face of faces)
      for (const ch of [...latin, ...greek, ...cyrillic, ...symbols, ...'ĀāĂăĄąĆćČčĐđĘęĚěĞğİıŁłŃńŇňŐőŘřŚśŞşŠšŢţŤťŰűŹźŻżŽž'])
        expect(face.metrics.index[ch.charCodeAt(0)], `${face.name} ${ch}`).toBeGreaterThan(0);
  });

  for (const face of faces)
    it(`${face.name}: a run of table characters laid out from the table is fontkit's layout — glyph ids, glyph objects, advances, offsets, kerning`, () => {
      fc.assert(
        fc.property(textFrom(face), (text) => same(face, text)),
        { numRuns: 400 },
      );
    });

  it('the script whose kerning applies is that of the first letter: Latin pairs after a Cyrillic or Greek letter are not kerned, as in fontkit', () => {
    for (const face of faces) for (const text of ['AV Te', 'ЖAV Te', 'αAV', '12 AV', 'AVЖ', '“AV”', 'Wo.']) same(face, text);
  });

  it('a piece with a character outside the table is left to fontkit (marks, ligature-forming and other scripts, soft hyphen, surrogates)', () => {
    for (const face of faces)
      for (const text of ['e\u0301', 'a\u00ADb', 'ab\u200D', 'שלום', 'नमस्ते', '中文', 'x😀', 'a\u2044b'])
        expect(tableLayout(face.metrics, face.font, text), JSON.stringify(text)).toBeUndefined();
  });

  it('another font file has no table (identity by length and head checksum)', () => {
    const bytes = readFileSync(require.resolve('@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf'));
    expect(metricsFor(bytes, fontkit.create(bytes).unitsPerEm)).toBeUndefined();
    const changed = Buffer.from(readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
    changed.writeUInt32BE((changed.readUInt32BE(0) + 0) >>> 0, 0);
    const head = [...Array(changed.readUInt16BE(4)).keys()].map((i) => 12 + i * 16).find((at) => changed.toString('latin1', at, at + 4) === 'head')!;
    const offset = changed.readUInt32BE(head + 8);
    changed.writeUInt32BE((changed.readUInt32BE(offset + 8) + 1) >>> 0, offset + 8);
    expect(metricsFor(changed, 2048)).toBeUndefined();
  });
});
