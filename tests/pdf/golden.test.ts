import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { LaidOutDocument } from '../../src/model/layout.js';
import { layoutOf, renderPdf, tmpFile, tool } from './helpers.js';

const here = path.dirname(new URL(import.meta.url).pathname);

/** The layout as reviewable text: one line per drawn line of text, box or image, with its place on the page. */
function readable(doc: LaidOutDocument): string {
  const out: string[] = [];
  const role = (id: number | null) => (id === null ? 'artifact' : doc.structure.nodes[id]!.role);
  doc.pages.forEach((page, i) => {
    out.push(`--- page ${i + 1} ${page.size.join('x')}`);
    for (const group of page.artifacts)
      for (const item of group.items) {
        if (item.kind === 'text') out.push(`  [${group.kind}] ${item.y} ${item.runs.map((r) => r.text).join('')}`);
        else if (item.kind === 'rect') out.push(`  [${group.kind}] rect ${item.x},${item.y} ${item.width}x${item.height} ${item.fill ?? ''} ${item.stroke ?? ''}`.trimEnd());
        else if (item.kind === 'stamp') out.push(`  [${group.kind}] stamp ${item.text} ${item.size}pt ${item.angle}°`);
      }
    for (const item of page.items) {
      if (item.kind === 'text') out.push(`  ${item.y} ${item.runs[0]!.x} ${role(item.runs.find((r) => r.struct !== null)!.struct)}: ${item.runs.map((r) => r.text).join('')}`);
      else if (item.kind === 'image') out.push(`  ${item.y} ${item.x} Figure ${item.width}x${item.height}`);
    }
  });
  out.push('--- outline');
  for (const o of doc.outline) {
    out.push(`  p${o.page + 1} ${o.title}`);
    for (const c of o.children) out.push(`    p${c.page + 1} ${c.title}`);
  }
  return `${out.join('\n')}\n`;
}

describe('golden layout', () => {
  it('the Italian leaflet on A4 is laid out as reviewed (refresh with npm test -- -u)', async () => {
    await expect(readable(await layoutOf({ lang: 'it' }))).toMatchFileSnapshot('./__snapshots__/periduroscopia-it-a4.layout.txt');
  });
  it('the English draft on Letter is laid out as reviewed', async () => {
    await expect(readable(await layoutOf({ lang: 'en', paper: 'letter' }))).toMatchFileSnapshot('./__snapshots__/periduroscopia-en-letter.layout.txt');
  });
});

/** Mean absolute difference per channel, 0–255; images of different sizes differ completely. */
function difference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 255;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
  return sum / ((a.data.length / 4) * 3);
}

function pageImage(pdf: string, page: number): PNG {
  const prefix = tmpFile('p', new Uint8Array()).replace(/p$/, 'page');
  tool('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return PNG.sync.read(readFileSync(`${prefix}.png`));
}

describe('page images', () => {
  const update = () => (expect.getState() as { snapshotState?: { _updateSnapshot?: string } }).snapshotState?._updateSnapshot === 'all';

  for (const lang of ['it', 'en'] as const)
    it(`page 1 and the last page of the ${lang} leaflet look as reviewed (within a tolerance)`, async () => {
      const pdf = tmpFile(`${lang}.pdf`, await renderPdf({ lang }));
      const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [pdf]))![1]);
      const written: string[] = [];
      for (const [name, page] of [['first', 1], ['last', pages]] as const) {
        const ref = path.join(here, 'reference', `periduroscopia-${lang}-${name}.png`);
        const got = pageImage(pdf, page);
        if (update() || !existsSync(ref)) {
          writeFileSync(ref, PNG.sync.write(got));
          if (!update()) written.push(ref);
          continue;
        }
        // font hinting and anti-aliasing differ a little between poppler builds; a moved block differs a lot
        expect(difference(got, PNG.sync.read(readFileSync(ref))), `${lang} ${name} page`).toBeLessThan(1.5);
      }
      if (written.length) throw new Error(`No reference images ${written.join(', ')}: written now; review them and run again.`);
    });
});
