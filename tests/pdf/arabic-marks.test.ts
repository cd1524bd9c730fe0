/**
 * Arabic, Persian and Urdu marks (harakat, tanween, shadda, sukun, the
 * superscript alef) come out of the PDF with their letters, in logical
 * order: tests/fixtures/leaflets/arabic-marks, the bundled Arabic leaflet,
 * and random vocalised words. A mark that shaping moves off its base used to
 * come out of pdftotext on a line of its own (src/write/pdf/rtl-text.ts).
 */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { readPdf, renderPdf, REPO, tmpFile, tool } from './helpers.js';

const FIXTURE = path.join(REPO, 'tests/fixtures/leaflets/arabic-marks');

function fixtureRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'leaflets-marks-'));
  cpSync(FIXTURE, path.join(root, 'data/leaflets/arabic-marks'), { recursive: true });
  cpSync(path.join(REPO, 'data/brands'), path.join(root, 'data/brands'), { recursive: true });
  return root;
}
const root = fixtureRoot();
const renderer = new Renderer({ root, cwd: root });

/**
 * Whitespace and line breaks dropped, and poppler's directional embedding
 * marks (it adds them around right-to-left lines). poppler places the space
 * next to an Arabic comma or colon, or between a left-to-right run and the
 * Arabic after it, by its own word-gap rule ("واضِحٍ ،وقالَ"): not the marks'
 * business, and the same before marks were drawn apart.
 */
const normalise = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\s]/g, '');
const pdftotext = (file: string, ...args: string[]) => tool('pdftotext', [...args, '-enc', 'UTF-8', file, '-']);
/** A line of extracted text that holds marks and nothing else. */
const ONLY_MARKS = /^[\p{Mn}\s\u200e\u200f\u202a-\u202e]*\p{Mn}[\p{Mn}\s\u200e\u200f\u202a-\u202e]*$/u;

/** Every paragraph of the fixture's ar.yaml: title, subtitle, summary, headings and text blocks, with the inline markup of none. */
function paragraphs(): string[] {
  const doc = parse(readFileSync(path.join(FIXTURE, 'ar.yaml'), 'utf8')) as {
    title: string;
    subtitle: string;
    summary: string[];
    sections: { title: string; blocks: { text?: string }[] }[];
  };
  return [doc.title, doc.subtitle, ...doc.summary, ...doc.sections.flatMap((s) => [s.title, ...s.blocks.flatMap((b) => (b.text ? [b.text] : []))])];
}

describe('Arabic marks in the extracted text', () => {
  it('the fixture holds every common mark: fatha, damma, kasra, the three tanween, shadda, sukun, shadda with a vowel, superscript alef, and lam-alef with hamza', () => {
    const all = paragraphs().join(' ');
    for (const mark of ['\u064E', '\u064F', '\u0650', '\u064B', '\u064C', '\u064D', '\u0651', '\u0652', '\u064E\u0651', '\u0651\u064E', '\u0670', 'لأ']) expect(all, mark).toContain(mark);
  });

  for (const template of ['standard', 'large-print'] as const)
    it(`${template}: pdftotext gives every paragraph back as written, marks with their letters, Latin drug names and doses whole (Arabic, Persian, Urdu)`, async () => {
      const file = tmpFile(`marks-${template}.pdf`, await renderPdf({ leaflet: 'arabic-marks', lang: 'ar', template }, renderer));
      const text = normalise(pdftotext(file));
      for (const paragraph of paragraphs()) expect(text, paragraph).toContain(normalise(paragraph));
      for (const line of pdftotext(file).split('\n')) expect(ONLY_MARKS.test(line), JSON.stringify(line)).toBe(false);
    });

  // pdf.js drops the space before a word whose last letter carries a mark drawn off the letter (docs/templates.md): letters and marks only
  it('pdf.js gives the letters and marks of every paragraph back in order too (it reads the same glyphs, without ActualText)', async () => {
    const read = await readPdf(await renderPdf({ leaflet: 'arabic-marks', lang: 'ar' }, renderer));
    // pdf.js puts what it reads in canonical order (a fatha typed after a shadda comes before it)
    const text = normalise(read.text.join('\n')).normalize('NFC');
    // Noto Naskh draws an alef with hamza and a vowel ("أْ", "لأَ") as the plain alef (or lam-alef) and one mark
    // glyph for hamza and vowel: the alef glyph has two spellings, and the font's Unicode map (all pdf.js reads)
    // holds one; poppler reads the glyph's ActualText
    for (const paragraph of paragraphs().filter((p) => !/[أإ][\u064B-\u0652]/u.test(p)))
      expect(text, paragraph).toContain(normalise(paragraph).normalize('NFC'));
  });

  it('the bundled Arabic leaflet: no line of pdftotext (plain or -layout) is made only of marks, and its vocalised words come out whole', async () => {
    const file = tmpFile('ar-marks.pdf', await renderPdf({ lang: 'ar' }));
    for (const args of [[], ['-layout']])
      for (const line of pdftotext(file, ...args).split('\n')) expect(ONLY_MARKS.test(line), JSON.stringify(line)).toBe(false);
    const text = normalise(pdftotext(file));
    for (const words of ['مباشرةً', 'عمومًا', 'غالبًا', 'الحيّز', 'موجَّهة', 'تعافٍ', '(مثلًا بعد جراحة في العمود الفقري)']) expect(text, words).toContain(normalise(words));
  });
});

/** Arabic letters that join on both sides, and marks a word may carry (each letter at most one vowel or tanween, maybe a shadda before it). */
const LETTERS = [...'بتثجحخسشصضطظعغفقكلمنهي'];
const VOWELS = ['\u064E', '\u064F', '\u0650', '\u0652', '\u064B', '\u064C', '\u064D', ''];

describe('random vocalised words', () => {
  const word = fc
    .array(fc.tuple(fc.constantFrom(...LETTERS), fc.boolean(), fc.constantFrom(...VOWELS)), { minLength: 2, maxLength: 6 })
    .map((letters) => letters.map(([l, shadda, vowel]) => l + (shadda ? '\u0651' : '') + vowel).join(''));

  it('pdftotext gives a doctor\'s note of random Arabic words with random marks back word for word, marks after their letters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 5 }), async (words) => {
        // a patient's note is taken in NFC (select/patient.ts): a fatha typed after a shadda is stored before it
        const note = words.join(' ').normalize('NFC');
        const bytes = await renderPdf({ lang: 'ar', patient: { name: 'T', note }, skip: ['faq', 'key-points', 'results', 'procedure', 'when-recommended'] });
        const text = normalise(pdftotext(tmpFile('note.pdf', bytes), '-f', '1', '-l', '1'));
        expect(text).toContain(normalise(note));
      }),
      // each case renders a PDF and runs pdftotext, and nothing waits on a timer, so vitest's timeout cannot
      // stop a long shrink: the time limit does, and fast-check shows the smallest case found by then
      { numRuns: 30, interruptAfterTimeLimit: 40_000 },
    );
  });
});

describe('Hebrew points', () => {
  // Noto Sans Hebrew has no glyph for U+200B: its ".null" glyph opens the spans
  it('a doctor\'s note with niqqud (qamats, shin dot, holam, dagesh, patah, segol) comes out of pdftotext and pdf.js as typed', async () => {
    const note = 'שָׁלוֹם בְּרִיאוּת טוֹבָה לַחוֹלֶה';
    const bytes = await renderPdf({ lang: 'ar', patient: { name: 'T', note }, skip: ['faq', 'key-points', 'results', 'procedure', 'when-recommended'] });
    expect(normalise(pdftotext(tmpFile('he-note.pdf', bytes), '-f', '1', '-l', '1'))).toContain(normalise(note));
    expect(normalise((await readPdf(bytes)).text[0]!).normalize('NFC')).toContain(normalise(note).normalize('NFC'));
  });
});
