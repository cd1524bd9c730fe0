import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelRuns, visualOrder } from '../../src/write/pdf/bidi.js';
import { loadFonts, shapeRtl } from '../../src/write/pdf/fonts.js';
import { fontRuns } from '../../src/write/pdf/layout.js';
import { breakLines } from '../../src/write/pdf/text.js';
import { renderer } from './helpers.js';

/** Text as a translator might type it into an Arabic leaflet: letters with vowel marks, Latin drug names, digits, brackets, a URL. */
const arabicish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى'),
      fc.constantFrom('\u064B', '\u064C', '\u064D', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652'),
      fc.constantFrom(' ', ' ', '،', '؟', '.', ':', '(', ')', '-', '%', '/'),
      fc.constantFrom('Paracetamol', '500 mg', '06 1234 5678', 'https://example.org/a', '2026-11-24', '٣٠', '70-80'),
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((parts) => parts.join('').replace(/ +/g, ' ').trim())
  .filter((t) => t.length > 0);

const sorted = (s: string) => [...s].sort().join('');

describe('right-to-left text, any text', () => {
  it('the level runs of a line, put back in logical order, are the line: nothing is lost, repeated or moved between runs', () => {
    fc.assert(
      fc.property(arabicish, fc.boolean(), (text, rtl) => {
        const runs = levelRuns(text, rtl);
        expect(runs.map((r) => text.slice(r.start, r.end)).join('')).toBe(text);
        const visual = visualOrder(runs);
        expect([...visual].sort((a, b) => a.start - b.start)).toEqual(runs);
      }),
      { numRuns: 200 },
    );
  });

  it('every Arabic run is shaped without an error, whatever marks it carries', async () => {
    const template = await renderer.template('standard');
    if (!template.ok) throw new Error('no template');
    const fonts = loadFonts(template.value.theme, new Map(), 'theme.yaml', { scripts: new Set(['arabic']), primary: 'arabic' });
    if (!fonts.ok) throw new Error('fonts');
    const { regular, bold } = fonts.value.scripts.arabic!;
    fc.assert(
      fc.property(arabicish, (text) => {
        for (const font of [regular, bold]) expect(shapeRtl(font, text).glyphs.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a paragraph broken into lines at any width keeps every character exactly once, in an Arabic leaflet', async () => {
    const template = await renderer.template('standard');
    if (!template.ok) throw new Error('no template');
    const fonts = loadFonts(template.value.theme, new Map(), 'theme.yaml', { scripts: new Set(['arabic']), primary: 'arabic' });
    if (!fonts.ok) throw new Error('fonts');
    fc.assert(
      fc.property(arabicish, fc.integer({ min: 20, max: 400 }), (text, width) => {
        const runs = fontRuns(fonts.value, [{ text, font: 'regular', size: 11, colour: '#000', struct: 1 }]);
        const lines = breakLines(runs, width, fonts.value, true);
        expect(sorted(lines.flatMap((l) => l.pieces.map((p) => p.text)).join(''))).toBe(sorted(text));
        // a line wider than the measure holds one word too wide for any line (which may be several
        // pieces: 'ها70' is Arabic letters and a number, with no break between them under UAX #14)
        for (const line of lines) if (line.width > width + 0.01) expect(line.pieces.map((p) => p.text).join('').trim()).not.toMatch(/\s/);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a font whose mark positioning fails', () => {
  it('a run fontkit cannot position marks in (Noto Sans Arabic: kasratan on a final feh) is shaped again without mark positioning, not failed', () => {
    const calls: Record<string, boolean>[] = [];
    const glyph = { id: 1, advanceWidth: 500, codePoints: [0x641] };
    const font = {
      unitsPerEm: 1000,
      layout: (_text: string, features: Record<string, boolean>) => {
        calls.push(features);
        if (features.mark !== false) throw new TypeError("Cannot read properties of null (reading 'xCoordinate')");
        return { glyphs: [glyph], positions: [{ xAdvance: 500, yAdvance: 0, xOffset: 0, yOffset: 0 }], advanceWidth: 500 };
      },
    };
    const loaded = { font, rtlRuns: new Map(), rtlWidths: new Map() } as unknown as Parameters<typeof shapeRtl>[0];
    const run = shapeRtl(loaded, 'تعافٍ');
    expect(run.glyphs).toHaveLength(1);
    expect(calls.map((c) => c.mark)).toEqual([undefined, false]);
  });
});

/**
 * Bengali as a translator types it: syllables of a consonant, conjuncts made
 * with the virama (ক্ষ, ন্ত্র), ya-phala and reph, pre-base and split vowel
 * signs (ি ে ো ৌ), candrabindu and anusvara; words of one to twelve syllables
 * (so some are wider than any line), spaces, the danda, digits and a comma.
 */
// য় and ড় are a letter and a nukta (U+09BC): one consonant each, never a nukta alone
const BENGALI_CONSONANTS = [...'কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ', '\u09AF\u09BC', '\u09A1\u09BC'];
const syllable = fc
  .tuple(
    fc.constantFrom(...BENGALI_CONSONANTS),
    fc.array(fc.constantFrom(...BENGALI_CONSONANTS), { maxLength: 2 }),
    fc.constantFrom('', '', 'া', 'ি', 'ী', 'ু', 'ূ', 'ৃ', 'ে', 'ৈ', 'ো', 'ৌ'),
    fc.constantFrom('', '', '', 'ং', 'ঁ', 'ঃ'),
  )
  .map(([first, joined, vowel, sign]) => [first, ...joined].join('\u09CD') + vowel + sign);
const bengaliWord = fc.oneof(
  fc.array(syllable, { minLength: 1, maxLength: 12 }).map((s) => s.join('')),
  fc.constantFrom('ক্ষমা', 'যন্ত্র', 'কর্ম', 'ব্যথা', 'কিডনি', 'পৌঁছানো', 'কোমর', '70-80%', '১২', 'ও'),
);
const bengaliText = fc
  .array(fc.tuple(bengaliWord, fc.constantFrom(' ', ' ', ' ', '। ', ', ')), { minLength: 1, maxLength: 25 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join('').trim());

describe('Bengali text, any text', () => {
  it('a paragraph broken at any width keeps every character once and in order, and every line ends at a grapheme cluster boundary: no conjunct, vowel sign or virama is cut from its letter', async () => {
    const template = await renderer.template('standard');
    if (!template.ok) throw new Error('no template');
    const fonts = loadFonts(template.value.theme, new Map(), 'theme.yaml', { scripts: new Set(['bengali']), primary: 'bengali' });
    if (!fonts.ok) throw new Error('fonts');
    const segmenter = new Intl.Segmenter('bn', { granularity: 'grapheme' });
    fc.assert(
      fc.property(bengaliText, fc.integer({ min: 12, max: 400 }), (text, width) => {
        const runs = fontRuns(fonts.value, [{ text, font: 'regular', size: 11, colour: '#000', struct: 1 }]);
        const lines = breakLines(runs, width, fonts.value);
        const texts = lines.map((l) => l.pieces.map((p) => p.text).join(''));
        expect(texts.join('')).toBe(text);
        const boundaries = new Set([...segmenter.segment(text)].map((s) => s.index));
        let at = 0;
        for (const line of texts.slice(0, -1)) {
          at += line.length;
          expect(boundaries.has(at), `line ends inside a cluster: "${line}" | "${text.slice(at, at + 4)}"`).toBe(true);
          expect(line.endsWith('\u09CD'), line).toBe(false);
        }
        for (const line of texts) expect(/^\p{M}/u.test(line), line).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
