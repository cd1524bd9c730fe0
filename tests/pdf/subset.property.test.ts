import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastTrueTypeSubset } from '../../src/write/pdf/subset.js';
import { REPO } from './helpers.js';

/** Every TrueType face a bundled template names (the Chinese faces are CFF: their subsets are left to fontkit). */
function trueTypeFaces(): string[] {
  const files = new Set<string>();
  for (const template of readdirSync(join(REPO, 'templates'))) {
    const theme = parse(readFileSync(join(REPO, 'templates', template, 'theme.yaml'), 'utf8')) as { fonts: unknown };
    (function walk(v: unknown) {
      if (typeof v === 'string' && v.endsWith('.ttf')) files.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    })(theme.fonts);
  }
  return [...files].sort();
}

interface Subset {
  includeGlyph(id: number): number;
  encode(): Uint8Array;
}
const subsetOf = (font: fontkit.Font) => (font as unknown as { createSubset(): Subset }).createSubset();
const numGlyphs = (font: fontkit.Font) => (font as unknown as { numGlyphs: number }).numGlyphs;
/** Glyph ids whose outline is a composite: numberOfContours < 0. */
function composites(font: fontkit.Font): number[] {
  const out: number[] = [];
  for (let id = 0; id < numGlyphs(font); id++) {
    const g = (font.getGlyph(id) as unknown as { _decode(): { numberOfContours: number } | null })._decode();
    if (g && g.numberOfContours < 0) out.push(id);
  }
  return out;
}

describe('a TrueType subset made from glyph bytes', () => {
  const faces = trueTypeFaces();

  it('covers the TrueType faces of the bundled templates, composites among them', () => {
    expect(faces.length).toBeGreaterThanOrEqual(12);
    const dejavu = fontkit.create(readFileSync(join(REPO, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')));
    expect(composites(dejavu).length).toBeGreaterThan(100);
  });

  it.each(faces.map((f) => [f]))('property: %s — any glyphs, in any order, composites and empty glyphs among them, encode to the bytes fontkit writes', (file) => {
    const bytes = readFileSync(join(REPO, 'node_modules', file));
    const plain = fontkit.create(bytes);
    const fast = fontkit.create(bytes);
    const count = numGlyphs(plain);
    const compound = composites(plain);
    const id = fc.oneof(fc.integer({ min: 0, max: count - 1 }), ...(compound.length ? [fc.constantFrom(...compound)] : []));
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 120 }), (ids) => {
        const a = subsetOf(plain);
        const b = subsetOf(fast);
        fastTrueTypeSubset(b);
        for (const g of ids) expect(b.includeGlyph(g)).toBe(a.includeGlyph(g));
        expect(Buffer.from(b.encode()).equals(Buffer.from(a.encode()))).toBe(true);
      }),
      { numRuns: 12 },
    );
  });
});
