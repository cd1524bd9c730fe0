import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { describe, expect, it } from 'vitest';
import { drawSvg } from '../../src/write/pdf/svg-operators.js';

type Doc = InstanceType<typeof PDFDocument>;

/** A whole PDF: `pages` pages, the image drawn on each at (x, y), by `place`. */
async function pdfOf(pages: number, size: [number, number], place: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (let p = 0; p < pages; p++) {
    doc.addPage({ size, margin: 0 });
    doc.rect(10, 10, 20, 20).fill('#123456');
    place(doc);
    // drawing after the image shows any state it left behind
    doc.fillOpacity(0.5).rect(40, 40, 20, 20).fill('#654321');
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const colour = fc.constantFrom('#00594f', '#fff', 'red', 'none', 'rgb(10,20,30)');
const opacity = fc.constantFrom('', ' opacity="0.5"', ' fill-opacity="0.3"', ' stroke-opacity="0.7"');
const shape = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 10 }), colour, opacity).map(([x, w, rx, c, o]) => `<rect x="${x}" y="${x}" width="${w}" height="${w}" rx="${rx}" fill="${c}"${o}/>`),
  fc.tuple(fc.integer({ min: 1, max: 30 }), colour, colour, opacity).map(([r, f, s, o]) => `<circle cx="32" cy="32" r="${r}" fill="${f}" stroke="${s}" stroke-width="2"${o}/>`),
  fc.tuple(colour, opacity).map(([c, o]) => `<path d="M27 12h10v15h15v10H37v15H27V37H12V27h15z" fill="${c}"${o}/>`),
  fc.constant('<g transform="rotate(10 32 32)"><path d="M46 50c-6 3-12 3-18 0s-12-3-18 0" fill="none" stroke="#7fd1c0" stroke-width="3.5" stroke-linecap="round"/></g>'),
  // a gradient is a pattern resource: drawn afresh each time
  fc.constant('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/><stop offset="1" stop-color="blue"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/>'),
);
const svgText = fc.array(shape, { minLength: 1, maxLength: 5 }).map((s) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">${s.join('')}</svg>`);

describe('an SVG image drawn from the steps of its first drawing', () => {
  it('property: on every page of a document, and in the next document, the bytes are those svg-to-pdfkit writes drawing it afresh', async () => {
    await fc.assert(
      fc.asyncProperty(
        svgText,
        fc.constantFrom<[number, number]>([595.28, 841.89], [419.53, 595.28], [612, 792]),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.integer({ min: 8, max: 80 }),
        fc.integer({ min: 1, max: 4 }),
        async (svg, size, x, y, side, pages) => {
          const options = { width: side, height: side, preserveAspectRatio: 'xMinYMin meet' };
          const fresh = await pdfOf(pages, size, (doc) => SVGtoPDF(doc, svg, x, y, options));
          const cache = new Map<string, unknown>();
          const replayed = await pdfOf(pages, size, (doc) => drawSvg(doc, SVGtoPDF, svg, x, y, options, cache));
          expect(replayed.equals(fresh)).toBe(true);
          // a second document from the same cache
          expect((await pdfOf(pages, size, (doc) => drawSvg(doc, SVGtoPDF, svg, x, y, options, cache))).equals(fresh)).toBe(true);
          const steps = [...cache.values()][0];
          if (!svg.includes('url(#g)')) expect(Array.isArray(steps)).toBe(true);
          else expect(steps).toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });
});
