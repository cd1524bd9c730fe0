import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { measure, type LoadedFont } from '../../src/write/pdf/fonts.js';
import { spaceIsInert } from '../../src/write/pdf/trailing-space.js';
import { spaceProvenInert } from '../../src/write/font-metrics.js';
import { REPO } from './helpers.js';

const SCRIPT_FACES = {
  'Noto Sans Devanagari': '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
  'Noto Sans Devanagari Bold': '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf',
  'Noto Sans Bengali': '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf',
  'Noto Sans Bengali Bold': '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf',
  'Noto Sans Hebrew': '@embedpdf/fonts-hebrew/fonts/NotoSansHebrew-Regular.ttf',
  'Noto Naskh Arabic': '@embedpdf/fonts-arabic/fonts/NotoNaskhArabic-Regular.ttf',
};

/** A script face as loadFonts makes it: every default feature, nothing shaped yet. */
function loaded(file: string): LoadedFont {
  // by path: some font packages export no subpaths
  const path = join(REPO, 'node_modules', file);
  const bytes = readFileSync(path);
  return { path, bytes, font: fontkit.create(bytes), widths: new Map(), runs: Object.create(null), rtlWidths: new Map(), rtlRuns: new Map(), lines: new Map(), features: {} };
}

/** A fresh fontkit layout with every default feature, scaled as pdfkit scales it — what fonts.ts does without any memo. */
function fresh(font: fontkit.Font, text: string) {
  let run: fontkit.GlyphRun;
  try {
    run = font.layout(text, {});
  } catch {
    run = font.layout(text, { mark: false, mkmk: false });
  }
  const scale = 1000 / font.unitsPerEm;
  const positions = run.positions.map((p, i) => {
    const out: Record<string, number> = {};
    for (const key of Object.keys(p)) out[key] = p[key]! * scale;
    out.advanceWidth = run.glyphs[i]!.advanceWidth * scale;
    return out;
  });
  return { ids: run.glyphs.map((g) => g.id), positions, advanceWidth: positions.reduce((s, p) => s + p.xAdvance!, 0) };
}

/** fontkit layout calls made while `fn` runs. */
function layoutCalls(font: fontkit.Font, fn: () => void): number {
  const proto = Object.getPrototypeOf(font) as { layout: (...args: unknown[]) => unknown };
  const layout = proto.layout;
  let calls = 0;
  proto.layout = function (this: unknown, ...args: unknown[]) {
    calls++;
    return layout.apply(this, args);
  };
  try {
    fn();
  } finally {
    proto.layout = layout;
  }
  return calls;
}

/** The word measured as the line breaker measures it — with its space, then without — compared with a fresh layout of the word. */
function sameAsFresh(face: LoadedFont, word: string) {
  measure(face, `${word} `, 10);
  const calls = layoutCalls(face.font, () => measure(face, word, 10));
  const cached = face.runs[word]!;
  const ref = fresh(face.font, word);
  expect(calls, `${JSON.stringify(word)} is taken from the run shaped with its space`).toBe(0);
  expect(cached.glyphs.map((g) => g.id)).toEqual(ref.ids);
  expect(cached.positions.map((p) => ({ ...p }))).toEqual(ref.positions);
  expect(cached.advanceWidth).toBe(ref.advanceWidth);
  expect(face.widths.get(word)).toBe(ref.advanceWidth / 1000);
}

const range = (from: number, to: number) => [...Array(to - from + 1).keys()].map((i) => String.fromCodePoint(from + i));
const devanagari = [...range(0x0900, 0x097f), '\u200c', '\u200d', '१', '।', ',', '(', ')', '-', '.', 'A', 'x', '5'];
const bengali = [...range(0x0980, 0x09ff), '\u200c', '\u200d', '।', ',', '(', ')', '-', '.', 'A', '5'];
const wordOf = (chars: string[]) => fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
/** Every word of a bundled leaflet's language file (its text split at spaces). */
const leafletWords = (lang: string) => [...new Set(readFileSync(`${REPO}/data/leaflets/periduroscopia/${lang}.yaml`, 'utf8').split(/[\s"]+/).filter(Boolean))];

describe('a word without its trailing space, taken from the word shaped with it', () => {
  it('the Devanagari, Bengali, Hebrew and Arabic faces prove from their tables that a trailing space changes no shaping', () => {
    for (const [name, file] of Object.entries(SCRIPT_FACES)) expect(spaceIsInert(loaded(file).font), name).toBe(true);
  });

  it('a face whose tables may read a trailing space (DejaVu Sans: a legacy kern table; Noto Sans SC: lookups that cover the space) is not taken as proven', () => {
    expect(spaceIsInert(loaded('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').font)).toBe(false);
    expect(spaceIsInert(loaded('@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf').font)).toBe(false);
  });

  it('the build proved exactly the bundled faces that reading their tables at run time proves (dist/font-metrics.json)', () => {
    for (const file of [...Object.values(SCRIPT_FACES), 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', '@embedpdf/fonts-sc/fonts/NotoSansHans-Regular.otf']) {
      const face = loaded(file);
      expect(spaceProvenInert(face.bytes), file).toBe(spaceIsInert(face.font));
    }
  });

  for (const [name, chars, lang] of [
    ['Noto Sans Devanagari', devanagari, 'hi'],
    ['Noto Sans Bengali', bengali, 'bn'],
  ] as const) {
    it(`${name}: every word of the ${lang} leaflet without its space has the glyph ids, positions and width of a fresh fontkit layout, with no layout call`, () => {
      const face = loaded(SCRIPT_FACES[name]);
      for (const word of leafletWords(lang)) sameAsFresh(face, word);
    });

    it(`${name}: a random run of the script's letters, signs, joiners, digits and punctuation without its space is a fresh fontkit layout of it`, () => {
      const face = loaded(SCRIPT_FACES[name]);
      fc.assert(
        fc.property(wordOf([...chars]), (word) => sameAsFresh(face, word)),
        { numRuns: 300 },
      );
    });
  }

  it('without the spaced run shaped first, the word is shaped by fontkit as before', () => {
    const face = loaded(SCRIPT_FACES['Noto Sans Devanagari']);
    expect(layoutCalls(face.font, () => measure(face, 'नमस्ते', 10))).toBe(1);
  });
});
