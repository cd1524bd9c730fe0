/**
 * PDF/UA (ISO 14289-1, 7.1): every piece of content is either real content,
 * marked with an MCID that the structure tree points at, or an Artifact.
 * Headers, footers and page numbers repeat on every page and must be
 * Artifacts, or a screen reader reads "Pagina 2 di 5" in the middle of a
 * sentence. Read from the page content streams as a viewer does (pdfjs
 * operator list: marked-content operators and the text shown inside them).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from './helpers.js';

interface Shown {
  page: number;
  text: string;
  /** the marked-content tags around the text, outermost first */
  tags: string[];
  /** true when some enclosing marked content has an MCID (tagged content) */
  tagged: boolean;
}

async function shownText(bytes: Uint8Array): Promise<Shown[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { OPS } = pdfjs;
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const out: Shown[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const ops = await (await doc.getPage(p)).getOperatorList();
    const stack: { tag: string; mcid: number | null }[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.beginMarkedContent) stack.push({ tag: String(args[0]), mcid: null });
      else if (fn === OPS.beginMarkedContentProps) stack.push({ tag: String(args[0]), mcid: typeof args[1] === 'number' ? args[1] : null });
      else if (fn === OPS.endMarkedContent) stack.pop();
      else if (fn === OPS.showText) {
        const text = (args[0] as ({ unicode?: string } | number | null)[]).map((g) => (g && typeof g === 'object' ? (g.unicode ?? '') : '')).join('');
        if (text.trim()) out.push({ page: p, text, tags: stack.map((s) => s.tag), tagged: stack.some((s) => s.mcid !== null) });
      }
    }
  }
  await doc.destroy();
  return out;
}

describe.each([
  ['it', 'Pagina'],
  ['en', 'Page'],
])('the %s leaflet with a brand: header and footer are artifacts', (lang, pageWord) => {
  let shown: Shown[];
  beforeAll(async () => {
    shown = await shownText(await renderPdf({ lang, brand: 'demo-clinic' }));
  });

  it('the brand name in the header, the document reference and the page label in the footer are inside /Artifact BDC…EMC on every page, never inside tagged content', () => {
    const pages = new Set(shown.map((s) => s.page));
    expect(pages.size).toBeGreaterThan(1);
    for (const page of pages) {
      const onPage = shown.filter((s) => s.page === page);
      // the last page also prints the document control after the contacts, as content (it names the next review date)
      const footer = onPage.filter((s) => (/PIL-SPINE-001/.test(s.text) && s.tags[0] === 'Artifact') || new RegExp(`^${pageWord} \\d+ \\S+ \\d+$`).test(s.text));
      const control = onPage.filter((s) => /PIL-SPINE-001/.test(s.text) && s.tags[0] !== 'Artifact');
      for (const s of control) expect(s.tagged, `page ${page}: ${s.text}`).toBe(true);
      expect(footer.map((s) => s.text).join(' / '), `page ${page}`).toMatch(new RegExp(`PIL-SPINE-001.*${pageWord} ${page} `));
      for (const s of footer) expect({ page, text: s.text, tags: s.tags, tagged: s.tagged }).toMatchObject({ tags: ['Artifact'], tagged: false });
      // the header's brand name; the last page also names the clinic in its contacts paragraph, as content
      const header = onPage.filter((s) => s.text === 'Clinica Demo Esempio' && !s.tagged);
      expect(header.map((s) => ({ page, tags: s.tags }))).toEqual([{ page, tags: ['Artifact'] }]);
    }
  });

  it('every other piece of text is tagged content with an MCID, none left unmarked', () => {
    const body = shown.filter((s) => !s.tags.includes('Artifact'));
    expect(body.length).toBeGreaterThan(50);
    for (const s of body) expect({ page: s.page, text: s.text, tagged: s.tagged }).toMatchObject({ tagged: true });
  });
});
