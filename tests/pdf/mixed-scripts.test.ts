import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { readPdf, renderPdf, tempRoot, tmpFile, tool, writeBrand } from './helpers.js';

// Words of another script inside an Italian paragraph. Devanagari runs (and
// Arabic runs with mirrored brackets) are drawn with ActualText; the words
// must come out of the page on their own line, in logical order.
const NOTES = {
  // the note that came out of pdftotext as "Nota" and, many lines below, "अब ठीक; ऄ"
  reported: 'Nota ऄᐁ fine; अब ठीक; ऄ',
  // a vowel sign drawn before its consonant (कि), a conjunct (क्ष), a reph (र्मा)
  reordered: 'Prendere कि क्ष prima di colazione, Dr. राम शर्मा',
  // Bengali: a conjunct (ক্ষ), the pre-base ি, the split ো, reph (র্ম), ya-phala (ব্য)
  bengali: 'Dopo ক্ষমা দিন কোমর কর্ম ব্যথা, non guidare',
  arabic: 'Chiamare il (طبيب الأسرة) domani',
  chinese: 'Digiuno 禁食 dalle 22:00, 请带上药物 grazie',
};

const SKIP = ['faq', 'key-points', 'results', 'procedure', 'when-recommended'];
const renderNote = (note: string) => renderPdf({ patient: { name: 'Test', note }, skip: SKIP });
/** bidi marks pdftotext adds around right-to-left runs */
const unmarked = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, '');
/** the first line after the note's heading */
const noteLine = (text: string) => {
  const lines = text.split('\n').filter((l) => l.trim());
  return lines[lines.findIndex((l) => l.includes('Nota del medico')) + 1]!.trim();
};
const pdftotext = (bytes: Uint8Array) => unmarked(tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', tmpFile('note.pdf', bytes), '-']));
const pdfjs = async (bytes: Uint8Array) => (await readPdf(bytes)).text[0]!;

describe('words of another script inside a Latin paragraph come out of the PDF in logical order', () => {
  for (const [name, note] of Object.entries(NOTES).filter(([n]) => n !== 'arabic'))
    it(`pdftotext: the ${name} note is one line, exactly as typed`, async () => {
      expect(noteLine(pdftotext(await renderNote(note)))).toBe(note);
    });

  it('pdftotext: the Arabic words and the Italian around them stay on the note\'s line, each run in logical order', async () => {
    // pdftotext reorders a mixed-direction line by its own bidi (the brackets move): compare the runs
    const line = noteLine(pdftotext(await renderNote(NOTES.arabic)));
    for (const run of ['Chiamare il', 'طبيب الأسرة', 'domani']) expect(line).toContain(run);
  });

  // pdf.js (5.6) takes text from the fonts' Unicode maps in drawing order and does not read a
  // marked-content ActualText: it gets right every note whose glyphs spell it in drawing order
  for (const name of ['reported', 'arabic', 'chinese'] as const)
    it(`pdf.js: the ${name} note is one line, exactly as typed`, async () => {
      expect(noteLine(await pdfjs(await renderNote(NOTES[name])))).toBe(NOTES[name]);
    });

  it('pdf.js: a note with reordered Devanagari keeps its Latin words in place and every Devanagari letter on the line', async () => {
    const line = noteLine(await pdfjs(await renderNote(NOTES.reordered)));
    expect(line.startsWith('Prendere ')).toBe(true);
    expect(line).toContain(' prima di colazione, Dr. ');
    const letters = (s: string) => [...s.replace(/[^\u0900-\u097F]/g, '')].sort().join('');
    expect(letters(line)).toBe(letters(NOTES.reordered));
  });

  // pdf.js copies a split vowel (ো) as its two drawn halves, ে and া: its canonical decomposition (NFD)
  it('pdf.js: a note with reordered Bengali keeps its Latin words in place and every Bengali letter on the line, split vowels as their halves', async () => {
    const line = noteLine(await pdfjs(await renderNote(NOTES.bengali)));
    expect(line.startsWith('Dopo ')).toBe(true);
    expect(line.endsWith(', non guidare')).toBe(true);
    const letters = (s: string) => [...s.normalize('NFD').replace(/[^\u0980-\u09FF]/g, '')].sort().join('');
    expect(letters(line)).toBe(letters(NOTES.bengali));
  });

  it('a brand name with Devanagari is on the header line in logical order', async () => {
    const root = tempRoot();
    writeBrand(root, 'seva', 'name: Clinica सेवा किरण Roma\n');
    const bytes = await renderPdf({ brand: 'seva', skip: SKIP }, new Renderer({ root, cwd: root }));
    const first = pdftotext(bytes).split('\n').find((l) => l.trim())!;
    expect(first.trim()).toBe('Clinica सेवा किरण Roma');
  });

  it('every ActualText span opens and closes inside the text object it covers, where the matrix is the glyphs\' own', async () => {
    const pdf = Buffer.from(await renderNote(`${NOTES.reported} ${NOTES.reordered}`));
    const streams: string[] = [];
    for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
      const end = pdf.indexOf('endstream', at);
      try {
        streams.push(inflateSync(pdf.subarray(at + 7, end)).toString('latin1'));
      } catch {
        // not a deflated stream (or not a stream at all: "endstream\n")
      }
    }
    let spans = 0;
    for (const s of streams.filter((x) => x.includes('/ActualText')))
      for (const m of s.matchAll(/\/ActualText[\s\S]*?BDC([\s\S]*?)EMC/g)) {
        spans++;
        const before = s.slice(0, m.index);
        expect(before.lastIndexOf('BT')).toBeGreaterThan(before.lastIndexOf('ET'));
        expect(m[1]).not.toMatch(/\b(ET|Q|cm)\b/);
      }
    expect(spans).toBeGreaterThanOrEqual(2);
  });
});
