/**
 * The right-to-left path beyond Arabic: a small Hebrew leaflet and its Arabic
 * version (tests/fixtures/leaflets/bidi-sample), with a Latin drug name and its
 * dose, numbers with units, a phone number, a date, a time and addresses in
 * the right-to-left text, and Urdu and Persian paragraphs drawn with the
 * Arabic face.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaidOutDocument, PlacedRun } from '../../src/model/layout.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { Renderer } from '../../src/render.js';
import { layoutOf, renderPdf, REPO, request, tmpFile, tool } from './helpers.js';

/** A content root holding the bidi-sample leaflet and the bundled brands. */
export function sampleRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'leaflets-rtl-'));
  cpSync(path.join(REPO, 'tests/fixtures/leaflets/bidi-sample'), path.join(root, 'data/leaflets/bidi-sample'), { recursive: true });
  cpSync(path.join(REPO, 'data/brands'), path.join(root, 'data/brands'), { recursive: true });
  return root;
}
const root = sampleRoot();
const renderer = new Renderer({ root, cwd: root });
const sample = (lang: 'he' | 'ar', template: 'standard' | 'large-print' = 'standard') => ({ leaflet: 'bidi-sample', lang, template });

const TEXT = {
  he: { title: 'הכנה לבדיקה', item: 'להפסיק 7 ימים לפני', reference: 'PIL-TEST-RTL', page: 'עמוד', face: 'NotoSansHebrew' },
  ar: { title: 'التحضير للفحص', item: 'يُوقف قبل 7 أيام', reference: 'PIL-TEST-RTL', page: 'الصفحة', face: 'NotoNaskhArabic' },
} as const;

/** The runs of every text item whose text (read in either direction) holds `needle`. */
function linesWith(doc: LaidOutDocument, needle: string): PlacedRun[][] {
  const out: PlacedRun[][] = [];
  for (const page of doc.pages)
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      const texts = item.runs.map((r) => r.text);
      if (texts.some((t) => t.includes(needle)) || [...texts].reverse().join('').includes(needle) || texts.join('').includes(needle)) out.push(item.runs);
    }
  return out;
}
/** Words of page 1 with their left edge, as pdftotext -bbox places them. */
function wordBoxes(file: string): { word: string; x: number; y: number }[] {
  const xml = tool('pdftotext', ['-f', '1', '-l', '1', '-bbox', file, '-']);
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ word: m[3]!, x: Number(m[1]), y: Number(m[2]) }));
}
const unmarked = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

for (const lang of ['he', 'ar'] as const)
  describe(`a ${lang === 'he' ? 'Hebrew' : 'Arabic'} leaflet with left-to-right runs`, () => {
    for (const template of ['standard', 'large-print'] as const)
      it(`${template}: the page is mirrored — the title ends at the right margin, bullets stand right of their text, the page label is left of the reference`, async () => {
        const doc = await layoutOf(sample(lang, template), renderer);
        // the right edge of the text column: the furthest any line of page 1 reaches
        const right = Math.max(...doc.pages[0]!.items.flatMap((i) => (i.kind === 'text' ? i.runs.map((r) => r.x + r.width) : [])));
        const [title] = linesWith(doc, TEXT[lang].title);
        expect(Math.abs(Math.max(...title!.map((r) => r.x + r.width)) - right)).toBeLessThan(1);
        const [item] = linesWith(doc, TEXT[lang].item);
        const page = doc.pages.find((p) => p.items.some((i) => i.kind === 'text' && i.runs === item))!;
        const line = page.items.find((i) => i.kind === 'text' && i.runs === item)!;
        const y = line.kind === 'text' ? line.y : NaN;
        const row = page.items.flatMap((i) => (i.kind === 'text' && Math.abs(i.y - y) < 0.5 ? i.runs : []));
        const bullet = row.find((r) => r.text === '•')!;
        expect(bullet.x).toBeGreaterThan(Math.max(...item!.map((r) => r.x + r.width)));
        const footer = doc.pages[0]!.artifacts.find((a) => a.kind === 'Pagination')!.items;
        const xOf = (needle: string) => {
          const found = footer.find((i) => i.kind === 'text' && i.runs.some((r) => r.text.includes(needle)));
          return found && found.kind === 'text' ? Math.min(...found.runs.map((r) => r.x)) : NaN;
        };
        expect(xOf(TEXT[lang].page)).toBeLessThan(xOf(TEXT[lang].reference));
      });

    it('the phone number, the drug name with its dose, the date and the address each read left to right as drawn (pdftotext word boxes), the words around them right to left', async () => {
      const file = tmpFile(`${lang}-sample.pdf`, await renderPdf(sample(lang), renderer));
      const words = wordBoxes(file);
      for (const piece of ['+39 02 1234 5678', 'Paracetamol 500 mg', 'https://www.example.org/' + lang]) {
        const parts = piece.split(' ');
        const first = words.findIndex((w, i) => parts.every((p, k) => words[i + k]?.word === p));
        expect(first, piece).toBeGreaterThanOrEqual(0);
        const xs = parts.map((_, k) => words[first + k]!.x);
        expect(xs, piece).toEqual([...xs].sort((a, b) => a - b));
      }
      // the Hebrew or Arabic words of the phone line: the first word of the sentence is drawn rightmost
      // (pdftotext -bbox spells a right-to-left word in drawing order, and a lam-alef as drawn: compare letters)
      const line = words.filter((w) => Math.abs(w.y - words.find((x) => x.word === '+39')!.y) < 4);
      const letters = (w: string) => [...w].sort().join('');
      const rightmost = line.reduce((a, b) => (b.x > a.x ? b : a));
      expect(letters(rightmost.word)).toBe(letters(lang === 'he' ? 'לשאלות' : 'للاستفسار'));
    });

    it('pdftotext gives each paragraph back in logical order, the left-to-right runs whole', async () => {
      const file = tmpFile(`${lang}-text.pdf`, await renderPdf(sample(lang), renderer));
      const text = unmarked(tool('pdftotext', ['-enc', 'UTF-8', file, '-']));
      const expected =
        lang === 'he'
          ? ['הכנה לבדיקה', 'דף מידע קצר לבדיקת פריסה מימין לשמאל', 'לשאלות יש להתקשר למספר', '+39 02 1234 5678', 'בין השעות', 'Paracetamol 500 mg', 'פעמיים ביום', 'https://www.example.org/he']
          : ['التحضير للفحص', 'للاستفسار اتصل على الرقم', '+39 02 1234 5678', 'Paracetamol 500 mg', 'مرتين في اليوم', 'https://www.example.org/ar'];
      for (const piece of expected) expect(text, piece).toContain(piece);
    });

    it(`the ${TEXT[lang].face} faces are embedded as subsets with Unicode maps, the catalog language is ${lang}, the structure is tagged, and two renders are the same bytes`, async () => {
      const bytes = await renderPdf(sample(lang), renderer);
      const again = await renderPdf(sample(lang), new Renderer({ root, cwd: root }));
      expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
      const file = tmpFile(`${lang}-fonts.pdf`, bytes);
      const rows = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
      expect(rows.filter((r) => r.includes(TEXT[lang].face))).toHaveLength(2);
      for (const r of rows) expect(r, r).toMatch(/^[A-Z]{6}\+\S+.*\byes\s+yes\s+yes\b/);
      expect(Buffer.from(bytes).toString('latin1')).toContain(`/Lang (${lang})`);
      expect(tool('pdfinfo', ['-struct', file])).toMatch(/H1/);
    });
  });

describe('Urdu and Persian through the Arabic face', () => {
  const URDU = 'اردو: مریض کو بتائیں کہ پیر سے پہلے گھر پر آرام کرے اور ڈاکٹر سے ملے۔';
  const PERSIAN = 'فارسی: پزشک گفت که بیمار باید چند روز استراحت کند و ژلاتین نخورد.';

  it('the Urdu and Persian paragraphs are drawn in Noto Naskh Arabic, every letter (ے ں ہ ک ی گ پ چ ژ) from it, and come out of the PDF as typed', async () => {
    const doc = await layoutOf(sample('ar'), renderer);
    for (const paragraph of [URDU, PERSIAN]) {
      const lines = linesWith(doc, paragraph.slice(0, 4));
      expect(lines.length, paragraph).toBeGreaterThan(0);
      for (const run of lines.flat()) if (/[\u0600-\u06FF]/.test(run.text)) expect(run.font, run.text).toMatch(/^script:arabic:/);
    }
    const text = unmarked(tool('pdftotext', ['-enc', 'UTF-8', tmpFile('ur.pdf', await renderPdf(sample('ar'), renderer)), '-']));

    for (const words of ['مریض کو بتائیں کہ پیر سے پہلے گھر پر', 'پزشک گفت که بیمار باید چند روز استراحت کند و ژلاتین نخورد'])
      expect(text.replace(/\s+/g, ' ')).toContain(words);
  });

  it('a letter of the Arabic block that no face of the template has (ࢳ, U+08B3) is refused before drawing (LEAF4001), never drawn as an empty box', async () => {
    const r = await renderer.render(request({ ...sample('ar'), patient: { name: 'T', note: 'پچژگ \u08B3' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toContain(CODES.MISSING_GLYPH);
    // a patient's note is health data: the message points at the character, never quotes it
    expect(r.diagnostics.find((d) => d.code === CODES.MISSING_GLYPH)!.message).toContain('at character 6');
  });
});
