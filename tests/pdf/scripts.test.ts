import { describe, expect, it } from 'vitest';
import type { LaidOutDocument, PlacedRun } from '../../src/model/layout.js';
import { Renderer } from '../../src/render.js';
import { loadFonts } from '../../src/write/pdf/fonts.js';
import { fontRuns } from '../../src/write/pdf/layout.js';
import { breakLines } from '../../src/write/pdf/text.js';
import { layoutOf, readPdf, renderPdf, renderer, REPO, tmpFile, tool } from './helpers.js';

/** Text runs of page `page` holding `needle`, with the line they are on. */
function linesWith(doc: LaidOutDocument, needle: string): PlacedRun[][] {
  const out: PlacedRun[][] = [];
  for (const page of doc.pages)
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      // runs are in visual order: read each alone, and the line right to left
      const texts = item.runs.map((r) => r.text);
      if (texts.some((t) => t.includes(needle)) || [...texts].reverse().join('').includes(needle)) out.push(item.runs);
    }
  return out;
}
/** The text items on the same baseline as a run of `line` (a list item's bullet is its own item). */
function sameBaseline(doc: LaidOutDocument, line: PlacedRun[]): PlacedRun[] {
  for (const page of doc.pages)
    for (const item of page.items)
      if (item.kind === 'text' && item.runs.includes(line[0]!))
        return page.items.flatMap((i) => (i.kind === 'text' && Math.abs(i.y - item.y) < 0.5 ? i.runs : []));
  return [];
}
const strip = (s: string) => s.replace(/[\u200e\u200f\u202a-\u202e]/g, '');

describe('Arabic leaflets read right to left', () => {
  it('the title ends at the right margin and the list bullets stand right of their items', async () => {
    const doc = await layoutOf({ lang: 'ar' });
    const width = doc.pages[0]!.size[0];
    const [title] = linesWith(doc, 'تنظير فوق الجافية');
    const right = Math.max(...title!.map((r) => r.x + r.width));
    expect(Math.abs(right - (width - (18 * 72) / 25.4))).toBeLessThan(1);
    expect(Math.min(...title!.map((r) => r.x))).toBeGreaterThan(width / 3);
    const [item] = linesWith(doc, 'ألم أسفل الظهر المزمن');
    const row = sameBaseline(doc, item!);
    const bullet = row.find((r) => r.text === '•')!;
    const words = row.filter((r) => r.text !== '•');
    expect(bullet.x).toBeGreaterThan(Math.max(...words.map((r) => r.x + r.width)));
  });

  it('the page label is on the left of the footer and the document reference on the right', async () => {
    const doc = await layoutOf({ lang: 'ar' });
    const footer = doc.pages[0]!.artifacts.find((a) => a.kind === 'Pagination')!.items.filter((i) => i.kind === 'text');
    const xOf = (needle: string) => {
      const item = footer.find((i) => i.kind === 'text' && i.runs.some((r) => r.text.includes(needle)));
      return item && item.kind === 'text' ? Math.min(...item.runs.map((r) => r.x)) : NaN;
    };
    expect(xOf('الصفحة')).toBeLessThan(xOf('PIL-SPINE-001'));
  });

  it('numbers inside Arabic text keep their digits left to right and are placed by the bidirectional algorithm: in 70-80% after Arabic words, 70 is read first, from the right, as a browser shows it', async () => {
    const doc = await layoutOf({ lang: 'ar' });
    const line = linesWith(doc, 'تشير الدراسات')[0]!;
    const seventy = line.find((r) => r.text === '70')!;
    const eighty = line.find((r) => r.text === '80')!;
    // digits are shaped left to right, never reversed into "07"
    expect(seventy.rtl).toBeUndefined();
    expect(eighty.rtl).toBeUndefined();
    // European digits after Arabic letters are Arabic numbers (UAX #9 W2): the range reads from the right
    expect(seventy.x).toBeGreaterThan(eighty.x);
    const before = line.find((r) => r.text.startsWith('تشير'))!;
    expect(before.x).toBeGreaterThan(seventy.x);
  });

  it('pdftotext gives the heading, the subtitle and a line with a lam-alef back in logical order', async () => {
    const file = tmpFile('ar.pdf', await renderPdf({ lang: 'ar' }));
    const text = strip(tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-']));
    for (const source of ['تنظير فوق الجافية', 'تنظير العمود الفقري لآلام الظهر والأطراف السفلية المزمنة', 'الفوائد الرئيسية']) expect(text).toContain(source);
  });

  it('the Arabic faces are embedded as subsets with a Unicode map, and the catalog says the document is Arabic', async () => {
    const bytes = await renderPdf({ lang: 'ar' });
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoNaskhArabic/);
    expect(pdf).toMatch(/\/Lang \(ar\)/);
    const read = await readPdf(bytes);
    expect(read.pages).toBeGreaterThan(1);
  });
});

describe('Chinese leaflets', () => {
  it('no line starts with a Chinese full stop, comma or closing bracket, and none ends with an opening one', async () => {
    const doc = await layoutOf({ lang: 'zh-Hans' });
    let lines = 0;
    for (const page of doc.pages)
      for (const item of page.items) {
        if (item.kind !== 'text') continue;
        const text = item.runs.map((r) => r.text).join('').trim();
        if (!text) continue;
        lines++;
        expect('。，、；：？！」）'.includes(text[0]!), text).toBe(false);
        expect('「（'.includes(text[text.length - 1]!), text).toBe(false);
      }
    expect(lines).toBeGreaterThan(100);
  });

  it('headings are set in the real bold CJK face and body text in the regular one', async () => {
    const doc = await layoutOf({ lang: 'zh-Hans' });
    const [heading] = linesWith(doc, '主要益处');
    expect(heading!.some((r) => r.font === 'script:han:bold')).toBe(true);
    const [body] = linesWith(doc, '直接观察');
    expect(body!.some((r) => r.font === 'script:han:regular')).toBe(true);
    const file = tmpFile('zh.pdf', await renderPdf({ lang: 'zh-Hans' }));
    expect(strip(tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-']))).toContain('硬膜外腔镜检查');
  });
});

describe('fonts are read only by documents that use them', () => {
  it('an Italian render opens none of the Arabic, Hebrew, Chinese, Devanagari or Bengali fonts', async () => {
    const fresh = new Renderer({ root: REPO, cwd: REPO });
    await renderPdf({ lang: 'it' }, fresh);
    const opened = [...fresh.writerCache.keys()].filter((k) => k.startsWith('pdf:font:'));
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.filter((k) => /Noto/.test(k))).toEqual([]);
  });
});

describe('Hindi leaflets', () => {
  it('conjuncts and reordered vowel signs come out of the PDF as the source text (ActualText)', async () => {
    const file = tmpFile('hi.pdf', await renderPdf({ lang: 'hi' }));
    const text = tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', file, '-']);
    for (const source of ['पेरिड्यूरोस्कोपी', 'पीठ और पैरों के लंबे समय से चल रहे दर्द के लिए रीढ़ की एंडोस्कोपी', 'किन बीमारियों में इसका उपयोग होता है']) expect(text).toContain(source);
    const pdf = Buffer.from(await renderPdf({ lang: 'hi' })).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari/);
    expect(pdf).toContain('/ActualText');
  });

  it('a word wider than the line is cut between grapheme clusters, never inside a conjunct or before a vowel sign', async () => {
    const template = await renderer.template('standard');
    if (!template.ok) throw new Error('no template');
    const fonts = loadFonts(template.value.theme, new Map(), 'theme.yaml', { scripts: new Set(['devanagari']), primary: 'devanagari' });
    if (!fonts.ok) throw new Error('fonts');
    const word = 'पेरिड्यूरोस्कोपीप्रक्रियास्थिति';
    const runs = fontRuns(fonts.value, [{ text: word, font: 'regular', size: 11, colour: '#000', struct: 1 }]);
    const lines = breakLines(runs, 30, fonts.value);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join('')).join('')).toBe(word);
    for (const line of lines) {
      const text = line.pieces.map((p) => p.text).join('');
      // a line never starts with a vowel sign, virama or nukta: those belong to the cluster before
      expect(/^[\p{M}]/u.test(text), text).toBe(false);
      // and never ends with a virama, which joins the next consonant into a conjunct
      expect(text.endsWith('\u094D'), text).toBe(false);
    }
  });
});

/**
 * Bengali that shaping reorders or joins: conjuncts (ক্ষ, ন্ত্র, স্থ্য), the
 * pre-base vowel sign ি drawn before its consonant, the split vowels ো and ৌ
 * drawn on both sides of it, ya-phala (ব্য), reph (র্ম) and ra-phala (প্র),
 * khanda ta (ৎ), candrabindu and a nukta letter (য়).
 */
export const BENGALI = {
  conjuncts: 'ক্ষমা যন্ত্র স্বাস্থ্য মন্ত্রণালয়',
  preBase: 'দিন কিডনি চিকিৎসা বিশ্রাম',
  split: 'কোমর রোগী পৌঁছানো বৌদি',
  phala: 'ব্যথা কর্ম প্রদাহ দীর্ঘ শ্রবণ',
  mixed: 'Paracetamol 500 mg দিনে ২ বার, ফোন +39 000 000 0000',
} as const;

describe('Bengali leaflets', () => {
  it('conjuncts and reordered vowel signs of the title, subtitle, a heading and the summary come out of the PDF as the source text (ActualText)', async () => {
    const bytes = await renderPdf({ lang: 'bn' });
    const text = tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', tmpFile('bn.pdf', bytes), '-']);
    for (const source of ['পেরিডিউরোস্কোপি', 'পিঠ ও পায়ের দীর্ঘস্থায়ী ব্যথার জন্য মেরুদণ্ডের এন্ডোস্কোপি', 'কোন কোন রোগে এটি ব্যবহার করা হয়', 'ক্ষেত্রে ব্যথা উল্লেখযোগ্যভাবে'])
      expect(text).toContain(source);
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansBengali-Regular/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansBengali-Bold/);
    expect(pdf).toContain('/ActualText');
    // the danda takes the Bengali face: no Devanagari face in a Bengali leaflet
    expect(pdf).not.toContain('NotoSansDevanagari');
  });

  for (const [name, note] of Object.entries(BENGALI))
    it(`a doctor's note of ${name === 'mixed' ? 'Bengali with a Latin drug name, a dose and a phone number' : `Bengali ${name}`} is copied out of the PDF exactly as typed`, async () => {
      const bytes = await renderPdf({ lang: 'bn', patient: { name: 'T', note }, skip: ['faq', 'key-points', 'results', 'procedure', 'when-recommended'] });
      const lines = tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', tmpFile('bn-note.pdf', bytes), '-']).split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[lines.indexOf('ডাক্তারের মন্তব্য') + 1]).toBe(note);
    });

  it('a word wider than the line is cut between grapheme clusters, never inside a conjunct or before a vowel sign', async () => {
    const template = await renderer.template('standard');
    if (!template.ok) throw new Error('no template');
    const fonts = loadFonts(template.value.theme, new Map(), 'theme.yaml', { scripts: new Set(['bengali']), primary: 'bengali' });
    if (!fonts.ok) throw new Error('fonts');
    const word = 'পেরিডিউরোস্কোপিমন্ত্রণালয়স্বাস্থ্যক্ষমা';
    const lines = breakLines(fontRuns(fonts.value, [{ text: word, font: 'regular', size: 11, colour: '#000', struct: 1 }]), 30, fonts.value);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.pieces.map((p) => p.text).join('')).join('')).toBe(word);
    for (const line of lines) {
      const text = line.pieces.map((p) => p.text).join('');
      expect(/^[\p{M}]/u.test(text), text).toBe(false);
      expect(text.endsWith('\u09CD'), text).toBe(false);
    }
  });
});

describe('the guarantees of the Latin leaflets, for every script', () => {
  for (const [lang, face] of [['ar', 'NotoNaskhArabic'], ['zh-Hans', 'NotoSansHans'], ['hi', 'NotoSansDevanagari'], ['bn', 'NotoSansBengali']] as const)
    it(`${lang}: the script's regular and bold faces embedded as subsets with Unicode maps, a tagged structure with Lang, and the same bytes twice`, async () => {
      const first = await renderPdf({ lang });
      const again = await renderPdf({ lang }, new Renderer({ root: REPO, cwd: REPO }));
      expect(Buffer.compare(Buffer.from(first), Buffer.from(again))).toBe(0);
      const file = tmpFile(`${lang}-fonts.pdf`, first);
      // name type encoding emb sub uni object ID: the three yes columns are embedded, subset, ToUnicode
      const rows = tool('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
      const script = rows.filter((r) => r.includes(face));
      expect(script.length).toBe(2);
      for (const r of rows) expect(r, r).toMatch(/^[A-Z]{6}\+\S+.*\byes\s+yes\s+yes\b/);
      const struct = tool('pdfinfo', ['-struct', file]);
      expect(struct).toMatch(/^Document/m);
      expect(struct).toMatch(/H1/);
      expect(Buffer.from(first).toString('latin1')).toContain(`/Lang (${lang})`);
    });
});
