import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { LaidOutDocument } from '../../src/model/layout.js';
import { layoutOf, renderPdf, tmpFile, tool } from './helpers.js';
import { compareImages } from './images.js';

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

function pageImage(pdf: string, page: number): PNG {
  const prefix = tmpFile('p', new Uint8Array()).replace(/p$/, 'page');
  tool('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return PNG.sync.read(readFileSync(`${prefix}.png`));
}

describe('page images', () => {
  const update = () => (expect.getState() as unknown as { snapshotState?: { _updateSnapshot?: string } }).snapshotState?._updateSnapshot === 'all';

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
        // glyph edges may move a pixel between poppler builds; a missing or moved word may not
        const diff = compareImages(got, PNG.sync.read(readFileSync(ref)));
        expect(diff.same, `${lang} ${name} page: ${JSON.stringify(diff.regions)}`).toBe(true);
      }
      if (written.length) throw new Error(`No reference images ${written.join(', ')}: written now; review them and run again.`);
    });
});

describe('page images of the other scripts', () => {
  const update = () => (expect.getState() as unknown as { snapshotState?: { _updateSnapshot?: string } }).snapshotState?._updateSnapshot === 'all';
  // reviewed: Arabic joined and mirrored (title, bullets, bars and logo on the right, page label on the left),
  // Chinese with its bold headings and no full stop starting a line, Devanagari conjuncts and vowel signs in place,
  // Bengali conjuncts (ক্ষ, দ্ধ, স্থ), ya-phala and reph, ি before and ো around their consonants, in both templates
  const cases = [
    { lang: 'ar', template: 'standard' },
    { lang: 'ar', template: 'large-print' },
    { lang: 'zh-Hans', template: 'standard' },
    { lang: 'hi', template: 'standard' },
    { lang: 'bn', template: 'standard' },
    { lang: 'bn', template: 'large-print' },
  ] as const;
  for (const { lang, template } of cases)
    it(`page 1 of the ${lang} leaflet in ${template} looks as reviewed`, async () => {
      const pdf = tmpFile(`${lang}-${template}.pdf`, await renderPdf({ lang, template }));
      const name = template === 'standard' ? `periduroscopia-${lang}-first.png` : `periduroscopia-${lang}-${template}-first.png`;
      const ref = path.join(here, 'reference', name);
      const got = pageImage(pdf, 1);
      if (update() || !existsSync(ref)) {
        writeFileSync(ref, PNG.sync.write(got));
        if (!update()) throw new Error(`No reference image ${ref}: written now; review it and run again.`);
        return;
      }
      const diff = compareImages(got, PNG.sync.read(readFileSync(ref)));
      expect(diff.same, `${lang} ${template}: ${JSON.stringify(diff.regions)}`).toBe(true);
    });
});

describe('the page-image comparison', () => {
  const reference = () => PNG.sync.read(readFileSync(path.join(here, 'reference', 'periduroscopia-it-last.png')));
  /** the right end of the footer's last line: the end of "Pagina 5 di 5" */
  const footerEnd = (png: PNG) => {
    let right = 0;
    let bottom = 0;
    for (let y = Math.floor(png.height * 0.9); y < png.height; y++)
      for (let x = 0; x < png.width; x++)
        if (png.data[(y * png.width + x) * 4]! < 160) {
          right = Math.max(right, x);
          bottom = Math.max(bottom, y);
        }
    return { right, bottom };
  };
  const meanDifference = (a: PNG, b: PNG) => {
    let sum = 0;
    for (let i = 0; i < a.data.length; i += 4) for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[i + c]!);
    return sum / ((a.data.length / 4) * 3);
  };

  it('fails a page whose footer lost 40×10 px (the "di 5" of the page label), which a whole-page mean let through', () => {
    const ref = reference();
    const got = reference();
    const { right, bottom } = footerEnd(ref);
    expect(right).toBeGreaterThan(ref.width * 0.8);
    for (let y = bottom - 9; y <= bottom; y++) for (let x = right - 39; x <= right; x++) got.data.set([255, 255, 255, 255], (y * got.width + x) * 4);
    expect(meanDifference(got, ref)).toBeLessThan(1.5);
    const diff = compareImages(got, ref);
    expect(diff.same).toBe(false);
    expect(diff.regions.find((r) => r.name === 'footer')!.differing).toBeGreaterThan(20);
    expect(diff.regions.filter((r) => r.name !== 'footer').every((r) => r.differing === 0)).toBe(true);
  });

  it('passes the same page drawn one pixel to the right, as another rasteriser might place glyph edges', () => {
    const ref = reference();
    const got = reference();
    for (let y = 0; y < got.height; y++) got.data.copyWithin((y * got.width + 1) * 4, y * got.width * 4, ((y + 1) * got.width - 1) * 4);
    expect(compareImages(got, ref).same).toBe(true);
    expect(compareImages(ref, ref).regions.every((r) => r.differing === 0)).toBe(true);
  });
});
