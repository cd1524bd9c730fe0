import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALLOWED_HREF } from '../../src/markup/contract.js';
import { contactLinks } from '../../src/select/view.js';
import { renderPdf } from './helpers.js';

/** Annotations and Link structure elements of every page, read back with pdfjs as a viewer or screen reader would. */
async function linksOf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const annotations: { page: number; subtype: string; url?: string; contents?: string }[] = [];
  const elements: { page: number; alt?: string; kids: string[] }[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    // a phone number is printed with no-break spaces (it never breaks across lines); compared with plain ones
    const plain = (s?: string) => s?.replace(/\u00A0/g, ' ');
    for (const a of await page.getAnnotations()) annotations.push({ page: p, subtype: a.subtype, url: a.unsafeUrl, contents: plain(a.contentsObj?.str) });
    type Node = { role?: string; alt?: string; type?: string; children?: Node[] };
    const walk = (n: Node) => {
      if (n.role === 'Link') elements.push({ page: p, ...(n.alt !== undefined && { alt: plain(n.alt) }), kids: (n.children ?? []).map((c) => c.type ?? c.role ?? '') });
      for (const c of n.children ?? []) walk(c);
    };
    const tree = await page.getStructTree();
    if (tree) walk(tree as Node);
  }
  await doc.destroy();
  return { annotations, elements };
}

describe('links in the PDF', () => {
  it('the clinic phone, e-mail and web address are link annotations with a URI action, alternate text and a Link structure element that references them (OBJR)', async () => {
    const { annotations, elements } = await linksOf(await renderPdf({ lang: 'it', brand: 'demo-clinic' }));
    expect(annotations.map(({ subtype, url, contents }) => ({ subtype, url, contents }))).toEqual([
      { subtype: 'Link', url: 'tel:+390000000000', contents: '+39 000 000 0000' },
      { subtype: 'Link', url: 'mailto:info@example.org', contents: 'info@example.org' },
      { subtype: 'Link', url: 'https://www.example.org', contents: 'https://www.example.org' },
    ]);
    // PDF/UA-1 7.18.5: each Link element holds its text (marked content) and its annotation (an object reference), with alternate text
    expect(elements.map((e) => ({ alt: e.alt, kids: e.kids }))).toEqual([
      { alt: '+39 000 000 0000', kids: ['content', 'object'] },
      { alt: 'info@example.org', kids: ['content', 'object'] },
      { alt: 'https://www.example.org', kids: ['content', 'object'] },
    ]);
  });

  it('a Link sits inside its paragraph where its text is — text before, the link, text after — so a screen reader reads the sentence in order', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await renderPdf({ lang: 'it', brand: 'demo-clinic' })), verbosity: 0 }).promise;
    type Node = { role?: string; type?: string; children?: Node[] };
    const holders: string[][] = [];
    const walk = (n: Node) => {
      const kids = (n.children ?? []).map((c) => c.type ?? c.role ?? '');
      // consecutive marked content of one element (one per line drawn) reads as one stretch of text
      if (kids.includes('Link')) holders.push(kids.filter((k, i) => k !== 'content' || kids[i - 1] !== 'content'));
      for (const c of n.children ?? []) walk(c);
    };
    for (let p = 1; p <= doc.numPages; p++) {
      const tree = await (await doc.getPage(p)).getStructTree();
      if (tree) walk(tree as Node);
    }
    await doc.destroy();
    // the contacts line: "Clinica Demo Esempio · Via … · Tel. [phone] · [e-mail] · [web]"
    expect(holders).toEqual([['content', 'Link', 'content', 'Link', 'content', 'Link']]);
  });

  it('a leaflet without contacts has no link annotations', async () => {
    const { annotations, elements } = await linksOf(await renderPdf({ lang: 'it' }));
    expect(annotations).toEqual([]);
    expect(elements).toEqual([]);
  });
});

describe('contact links', () => {
  it('a phone number becomes tel: with its digits and +, an address mailto:, a web address a link only when https', () => {
    expect(contactLinks({ phone: '+39 000 000 0000', email: 'info@example.org', web: 'https://www.example.org' })).toEqual({
      phone: 'tel:+390000000000',
      phoneText: '+39\u00A0000\u00A0000\u00A00000',
      email: 'mailto:info@example.org',
      web: 'https://www.example.org',
    });
    expect(contactLinks({ phone: 'call us', email: 'not an email', web: 'http://example.org' })).toEqual({ phone: null, email: null, web: null, phoneText: 'call\u00A0us' });
  });

  it('never makes a link the markup contract would refuse, whatever the brand file says (property)', () => {
    fc.assert(
      fc.property(fc.record({ phone: fc.string(), email: fc.string(), web: fc.oneof(fc.string(), fc.string().map((s) => `https://${s}`), fc.constant('javascript:alert(1)')) }), (c) => {
        const { phone, email, web } = contactLinks(c);
        for (const href of [phone, email, web]) if (href !== null) expect(href).toMatch(ALLOWED_HREF);
      }),
    );
  });
});
