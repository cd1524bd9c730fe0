/**
 * The leaflet online as a QR code (docs/templates.md, "The leaflet online"):
 * read back from the printed page as a phone would — the PDF page rendered to
 * an image (pdftoppm) and decoded by a QR reader (jsQR) — in both templates
 * and on A4 and A5; the Figure with its alternative text and bounding box;
 * vector squares, not an image; and a property over generated addresses.
 */
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Leaflet } from '../../src/model/content.js';
import type { LaidOutDocument, QrItem } from '../../src/model/layout.js';
import type { Renderer } from '../../src/render.js';
import { addressProblem } from '../../src/content/online.js';
import { mm } from '../../src/write/pdf/styles.js';
import { readQr } from '../support/qr.js';
import { layoutOf, renderer, renderPdf, tmpFile, tool } from './helpers.js';

const ADDRESS = (lang: string) => `https://www.example.org/leaflets/cataract-surgery/${lang}`;
const IT_ALT = "Codice QR con l'indirizzo online di questo foglio informativo";

/** Every QR code a reader finds on the pages, page by page (1-based), from images at `dpi`. */
export function decodeQrCodes(bytes: Uint8Array, dpi = 150): { page: number; text: string }[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leaflets-qr-'));
  const pdf = tmpFile('leaflet.pdf', bytes);
  tool('pdftoppm', ['-png', '-r', String(dpi), pdf, path.join(dir, 'page')]);
  const found: { page: number; text: string }[] = [];
  for (const file of readdirSync(dir).sort()) {
    const text = readQr(readFileSync(path.join(dir, file)));
    if (text !== null) found.push({ page: Number(/(\d+)\.png$/.exec(file)![1]), text });
  }
  return found;
}

function qrItems(doc: LaidOutDocument): { page: number; item: QrItem }[] {
  return doc.pages.flatMap((p, page) => p.items.flatMap((item) => (item.kind === 'qr' ? [{ page, item }] : [])));
}

/** A Renderer whose leaflet has `online` as its address (placeholders are filled as usual). */
function withOnline(address: string): Renderer {
  const r = Object.create(renderer) as Renderer;
  r.leaflet = async (id: string) => {
    const l = await renderer.leaflet(id);
    return l.ok ? { ...l, value: { ...l.value, online: address } satisfies Leaflet } : l;
  };
  return r;
}

describe('the QR code on the printed page decodes to the leaflet’s online address', () => {
  for (const template of ['standard', 'large-print'] as const)
    for (const paper of ['a4', 'a5'] as const)
      it(`${template}, ${paper}: a QR reader reads the address from the page image, on the page that prints it in text`, async () => {
        const bytes = await renderPdf({ leaflet: 'cataract-surgery', lang: 'it', template, paper });
        const found = decodeQrCodes(bytes);
        expect(found.map((f) => f.text)).toEqual([ADDRESS('it')]);
        // the same page prints the address in text (read from the layout: pdftotext weaves the DRAFT mark's letters into it)
        const doc = await layoutOf({ leaflet: 'cataract-surgery', lang: 'it', template, paper });
        const words = doc.pages[found[0]!.page - 1]!.items.flatMap((i) => (i.kind === 'text' ? i.runs.map((r) => r.text) : [])).join('');
        expect(words.replace(/\s+/g, '')).toContain(ADDRESS('it'));
      }, 60_000);

  it('the English leaflet’s code leads to the English page (the brand or leaflet pattern is filled per language)', async () => {
    const found = decodeQrCodes(await renderPdf({ leaflet: 'cataract-surgery', lang: 'en' }));
    expect(found.map((f) => f.text)).toEqual([ADDRESS('en')]);
  }, 60_000);

  it('a right-to-left leaflet places the code from the right and draws it unmirrored: it still decodes', async () => {
    const r = withOnline('https://clinic.example/leaflets/{leaflet}/{lang}');
    const bytes = await renderPdf({ leaflet: 'periduroscopia', lang: 'ar', sections: ['what-it-is'] }, r);
    expect(decodeQrCodes(bytes).map((f) => f.text)).toEqual(['https://clinic.example/leaflets/periduroscopia/ar']);
    const doc = await layoutOf({ leaflet: 'periduroscopia', lang: 'ar', sections: ['what-it-is'] }, r);
    const [{ item, page }] = qrItems(doc) as [{ item: QrItem; page: number }];
    // mirrored into the right half of the page, where an Arabic line starts
    expect(item.x).toBeGreaterThan(doc.pages[page]!.size[0] / 2);
  }, 60_000);

  it('a leaflet without an online address prints no QR code', async () => {
    const doc = await layoutOf({ leaflet: 'periduroscopia', lang: 'it' });
    expect(qrItems(doc)).toEqual([]);
  });
});

describe('how the QR code is printed', () => {
  for (const template of ['standard', 'large-print'] as const)
    for (const paper of ['a4', 'a5'] as const)
      it(`${template}, ${paper}: at least 22 mm a side, a quiet zone of 4 modules with nothing drawn in it, inside the page's text column`, async () => {
        const doc = await layoutOf({ leaflet: 'cataract-surgery', lang: 'it', template, paper });
        const [qr] = qrItems(doc);
        expect(qr).toBeDefined();
        const { item, page } = qr!;
        expect(item.quiet).toBe(4);
        expect(item.size * item.module).toBeGreaterThanOrEqual(mm(22) - 0.01);
        const side = (item.size + 2 * item.quiet) * item.module;
        const [width] = doc.pages[page]!.size;
        expect(item.x).toBeGreaterThan(0);
        expect(item.x + side).toBeLessThan(width);
        // every text line on that page stays out of the code and its quiet zone
        for (const other of doc.pages[page]!.items) {
          if (other.kind !== 'text') continue;
          for (const run of other.runs) {
            const overlapsX = run.x < item.x + side && run.x + run.width > item.x;
            const overlapsY = other.y - run.size < item.y + side && other.y + run.size * 0.3 > item.y;
            expect(overlapsX && overlapsY, `"${run.text}" is drawn over the QR code`).toBe(false);
          }
        }
      });

  it('is a Figure with alternative text in the leaflet’s language and a bounding box, drawn as vector squares, never an image', async () => {
    const bytes = await renderPdf({ leaflet: 'cataract-surgery', lang: 'it' });
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    type Node = { role?: string; alt?: string; type?: string; children?: Node[] };
    const figures: { page: number; alt?: string; kids: string[] }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const walk = (n: Node) => {
        if (n.role === 'Figure') figures.push({ page: p, alt: n.alt, kids: (n.children ?? []).map((c) => c.type ?? c.role ?? '') });
        for (const c of n.children ?? []) walk(c);
      };
      const tree = await (await doc.getPage(p)).getStructTree();
      if (tree) walk(tree as Node);
    }
    await doc.destroy();
    expect(figures.map(({ alt, kids }) => ({ alt, kids }))).toEqual([{ alt: IT_ALT, kids: ['content'] }]);
    // the Figure's layout attributes: a bounding box of four numbers in page space
    const raw = Buffer.from(bytes).toString('latin1');
    expect(raw).toMatch(/\/S \/Figure[\s\S]{0,400}\/BBox \[[\d.]+ [\d.]+ [\d.]+ [\d.]+\]/);
    // no raster image on the page that holds the code (the cataract leaflet has no other image)
    const pdf = tmpFile('c.pdf', bytes);
    expect(tool('pdfimages', ['-list', pdf]).trim().split('\n').slice(2)).toEqual([]);
  }, 60_000);
});

/** https addresses as clinics write them: a host, a path with accented and non-Latin letters, a query. */
const ADDRESS_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-._~%', 'è', 'ü', 'ß', 'ł', 'ç', 'я', 'ж', 'ه', '中', '文', 'α'];
const segment = fc.string({ unit: fc.constantFrom(...ADDRESS_CHARS), minLength: 1, maxLength: 24 });
const generatedAddress = fc
  .record({
    host: fc.constantFrom('clinic.example', 'www.example.org', 'ospedale-esempio.example.it', 'a.b.example'),
    path: fc.array(segment, { maxLength: 14 }),
    query: fc.array(fc.tuple(segment, segment), { maxLength: 4 }),
  })
  .map(({ host, path: p, query }) => `https://${host}/${p.join('/')}${query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`.slice(0, 300))
  .filter((a) => addressProblem(a) === null);

describe('any online address a leaflet may hold', () => {
  it('decodes back from the printed PDF page to exactly that address (property: https paths with unicode, query strings, up to 300 characters)', async () => {
    await fc.assert(
      fc.asyncProperty(generatedAddress, async (address) => {
        const bytes = await renderPdf({ leaflet: 'cataract-surgery', lang: 'it', sections: ['bring'] }, withOnline(address));
        expect(decodeQrCodes(bytes).map((f) => f.text)).toEqual([address]);
      }),
      // each run draws and rasterises a PDF: a few are enough to meet long and non-Latin addresses
      { numRuns: Number(process.env.QR_RUNS ?? 10) },
    );
  }, 240_000);
});
