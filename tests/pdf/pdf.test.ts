import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineToText } from '../../src/compose/inline.js';
import { loadPatient } from '../../src/content/patient.js';
import { REPO, readPdf, renderPdf, squash, tmpFile, tool, type ReadPdf } from './helpers.js';

interface RawSection {
  id: string;
  title: string;
  blocks?: Record<string, unknown>[];
  sections?: RawSection[];
}
const content = (lang: string) =>
  parse(readFileSync(path.join(REPO, `data/leaflets/periduroscopia/${lang}.yaml`), 'utf8')) as { title: string; subtitle: string; summary: string[]; sections: RawSection[] };

/** The first text a reader meets in a section's own blocks. */
function firstText(s: RawSection): string | undefined {
  const b = s.blocks?.[0];
  if (!b) return undefined;
  const v = Object.values(b)[0];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const first = v[0] as string | { q?: string; label?: string };
    return typeof first === 'string' ? first : (first.q ?? first.label);
  }
  return undefined;
}

let it_: { bytes: Uint8Array; pdf: ReadPdf };
let en: { bytes: Uint8Array; pdf: ReadPdf };
/** only the content text of a page, as a screen reader gets it: without header, footer and DRAFT mark */
const body = (pdf: ReadPdf) => squash(pdf.text.join('\n'));

beforeAll(async () => {
  const a = await renderPdf({ lang: 'it' });
  const b = await renderPdf({ lang: 'en' });
  it_ = { bytes: a, pdf: await readPdf(a) };
  en = { bytes: b, pdf: await readPdf(b) };
});

describe('text a reader can extract', () => {
  for (const lang of ['it', 'en'] as const) {
    it(`the ${lang} leaflet has every section's title and first text, in the order of the content`, () => {
      const text = body(lang === 'it' ? it_.pdf : en.pdf);
      const c = content(lang);
      const expected: string[] = [c.title, c.subtitle, ...c.summary];
      const walk = (s: RawSection) => {
        expected.push(s.title);
        const t = firstText(s);
        if (t) expected.push(t);
        s.sections?.forEach(walk);
      };
      c.sections.forEach(walk);
      let at = 0;
      for (const e of expected) {
        const needle = squash(inlineToText(e));
        const found = text.indexOf(needle, at);
        expect(found, `"${needle}" after position ${at}`).toBeGreaterThanOrEqual(at);
        at = found + needle.length;
      }
    });
  }

  it('each practical tip is printed exactly once (the seed repeated them)', () => {
    const text = body(it_.pdf);
    const faq = content('it').sections.find((s) => s.id === 'faq')!;
    const tips = (faq.blocks![0]!.faq as { tip: string }[]).map((f) => squash(f.tip));
    expect(tips).toHaveLength(5);
    for (const tip of tips) expect(text.split(tip).length - 1, tip).toBe(1);
    expect(text.split('Consiglio pratico').length - 1).toBe(5);
  });
});

describe('on every page', () => {
  it('the Italian footer has the reference, the version and "Pagina N di M"', () => {
    const { pdf } = it_;
    expect(pdf.pages).toBeGreaterThan(1);
    pdf.text.forEach((page, i) => {
      expect(page).toContain('PIL-SPINE-001');
      expect(page).toContain('Versione 1.0');
      expect(page).toContain(`Pagina ${i + 1} di ${pdf.pages}`);
    });
  });

  it('the English footer says "Page N of M"', () => {
    en.pdf.text.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${en.pdf.pages}`));
  });

  it('a draft translation carries a DRAFT mark on every page; the approved Italian has none', () => {
    for (const page of en.pdf.text) expect(page).toMatch(/\bDRAFT\b/);
    for (const page of it_.pdf.text) expect(page).not.toMatch(/\bBOZZA\b|\bDRAFT\b/);
  });
});

describe('the file', () => {
  it('embeds every font, subset, with a Unicode map', () => {
    const f = tmpFile('it.pdf', it_.bytes);
    const rows = tool('pdffonts', [f]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+DejaVuSans/);
      // emb sub uni
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });

  it('has a bookmark per section with the section titles, subsections nested under theirs', () => {
    const c = content('it');
    expect(it_.pdf.outline.map((o) => o.title)).toEqual(c.sections.map((s) => s.title));
    const when = it_.pdf.outline.find((o) => o.title === c.sections.find((s) => s.id === 'when-recommended')!.title)!;
    expect(when.items.map((i) => i.title)).toEqual(c.sections.find((s) => s.id === 'when-recommended')!.sections!.map((s) => s.title));
  });

  it('is tagged: pdfinfo says so, and the catalog has Lang and DisplayDocTitle', () => {
    const info = tool('pdfinfo', [tmpFile('it.pdf', it_.bytes)]);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Periduroscopia/);
    expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
    const raw = Buffer.from(it_.bytes).toString('latin1');
    expect(raw).toMatch(/\/Lang \(it\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/MarkInfo/);
    expect(Buffer.from(en.bytes).toString('latin1')).toMatch(/\/Lang \(en\)/);
  });

  it('has a structure tree of headings, paragraphs and lists, and headings never skip a level', () => {
    const roles = it_.pdf.roles.flat();
    for (const r of ['Document', 'Sect', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Div']) expect(roles, r).toContain(r);
    const headings = roles.filter((r) => /^H\d$/.test(r)).map((r) => Number(r.slice(1)));
    expect(headings[0]).toBe(1);
    expect(headings.filter((h) => h === 1)).toHaveLength(1);
    for (let i = 1; i < headings.length; i++) expect(headings[i]!).toBeLessThanOrEqual(headings[i - 1]! + 1);
  });

  it('numbers each key point with a label a screen reader reads as the digit, as steps are numbered', () => {
    const f = tmpFile('it.pdf', it_.bytes);
    const tree = tool('pdfinfo', ['-struct-text', f]);
    const raw = Buffer.from(it_.bytes).toString('latin1');
    for (const [i, circled] of ['①', '②', '③', '④', '⑤'].entries()) {
      // LI → Lbl (the circled number) + LBody (the point), not an untagged number beside the body
      expect(tree, circled).toMatch(new RegExp(`LI \\(block\\)\\s+Lbl \\(block\\)\\s+"${circled}"\\s+LBody \\(block\\)`));
      expect(raw, circled).toMatch(new RegExp(`/S /Lbl\\s+/ActualText \\(${i + 1}\\)`));
    }
  });

  it('says what it is in Info and XMP: title, author, subject, language, PDF/UA, and no CIDSet validators reject', () => {
    expect(it_.pdf.info.Title).toBe('Periduroscopia');
    expect(it_.pdf.info.Subject).toBe(content('it').subtitle);
    expect(it_.pdf.xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Periduroscopia</rdf:li></rdf:Alt></dc:title>');
    expect(it_.pdf.xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(it_.pdf.xmp).toContain('<rdf:li>it</rdf:li>');
    expect(Buffer.from(it_.bytes).toString('latin1')).not.toContain('/CIDSet');
  });

  it('prints on A4, Letter and A5', async () => {
    for (const [paper, size] of [['a4', [595, 842]], ['letter', [612, 792]], ['a5', [420, 595]]] as const) {
      const pdf = await readPdf(await renderPdf({ paper }));
      for (const s of pdf.sizes) expect(s).toEqual(size);
    }
  });

  it('a smaller page needs more pages and keeps every section', async () => {
    const a5 = await readPdf(await renderPdf({ paper: 'a5' }));
    expect(a5.pages).toBeGreaterThan(it_.pdf.pages);
    expect(a5.outline.map((o) => o.title)).toEqual(it_.pdf.outline.map((o) => o.title));
  });

  it('keeps patient data out of the metadata and the bookmarks, while printing it on the page', async () => {
    const patient = await loadPatient({ file: 'data/patients/example.yaml', set: [], root: REPO, cwd: REPO });
    if (!patient.ok) throw new Error('example patient');
    const bytes = await renderPdf({ patient: patient.value });
    const pdf = await readPdf(bytes);
    expect(body(pdf)).toContain('Mario Esempio');
    const meta = JSON.stringify(pdf.info) + pdf.xmp + JSON.stringify(pdf.outline);
    for (const secret of ['Mario', 'Esempio', 'DEMO-0001', 'Warfarin', 'Finta']) expect(meta).not.toContain(secret);
    // Info, XMP and bookmarks are stored uncompressed (page text is compressed): no trace in the raw bytes either
    const raw = Buffer.from(bytes).toString('latin1');
    const utf16 = Buffer.from('\u0000' + 'Mario'.split('').join('\u0000'), 'latin1').toString('latin1');
    expect(raw).not.toContain('Mario');
    expect(raw).not.toContain(utf16);
  });
});
