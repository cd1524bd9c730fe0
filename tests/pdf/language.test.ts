/**
 * Language of parts (PDF/UA-1 7.2, WCAG 3.1.2): brand text that fell back to
 * another language carries its own /Lang — a whole paragraph on its P, a part
 * of a sentence as a Span inside it, at the place of its words — read back
 * with pdfjs as a screen reader would.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { renderPdf, tempRoot, writeBrand } from './helpers.js';

const root = tempRoot();
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Node = { role?: string; lang?: string; type?: string; children?: Node[] };

async function structure(bytes: Uint8Array): Promise<Node[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const trees: Node[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tree = await (await doc.getPage(p)).getStructTree();
    if (tree) trees.push(tree as Node);
  }
  await doc.destroy();
  return trees;
}

function find(nodes: Node[], test: (n: Node) => boolean, out: Node[] = []): Node[] {
  for (const n of nodes) {
    if (test(n)) out.push(n);
    find(n.children ?? [], test, out);
  }
  return out;
}

describe('brand text in another language than the leaflet’s', () => {
  it('an English leaflet of a brand that writes only Italian: the footer line is a P with /Lang it, the brand name a Span with /Lang it opening the contacts sentence', async () => {
    writeBrand(root, 'solo-it', 'name:\n  it: Clinica Solo Italiana\ncontacts:\n  phone: "+39 000 000 0000"\nfooter:\n  it: Clinica fittizia\n');
    const r = new Renderer({ root, cwd: root });
    const trees = await structure(await renderPdf({ lang: 'en', brand: 'solo-it' }, r));
    const tagged = find(trees, (n) => n.lang === 'it');
    expect(tagged.map((n) => n.role).sort()).toEqual(['P', 'Span']);
    // the Span is the first thing in its paragraph, then the rest of the sentence, then the phone link
    const sentence = find(trees, (n) => (n.children ?? []).some((c) => c.role === 'Span' && c.lang === 'it'))[0]!;
    const kids = (sentence.children ?? []).map((c) => c.role ?? c.type).filter((k, i, all) => k !== 'content' || all[i - 1] !== 'content');
    expect(kids).toEqual(['Span', 'content', 'Link']);
  }, 60_000);
});
