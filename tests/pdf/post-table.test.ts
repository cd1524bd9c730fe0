import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lazyPostTable } from '../../src/write/pdf/post-table.js';
import { REPO } from './helpers.js';

/** Every face a bundled template names, body and script faces alike. */
function bundledFaces(): string[] {
  const files = new Set<string>();
  for (const template of readdirSync(join(REPO, 'templates'))) {
    const theme = parse(readFileSync(join(REPO, 'templates', template, 'theme.yaml'), 'utf8')) as { fonts: unknown };
    (function walk(v: unknown) {
      if (typeof v === 'string' && /\.(ttf|otf)$/.test(v)) files.add(join(REPO, 'node_modules', v));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    })(theme.fonts);
  }
  return [...files].sort();
}

type Post = Record<string, unknown>;
const HEADER = ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch', 'minMemType42', 'maxMemType42', 'minMemType1', 'maxMemType1'];

describe('post table read from its header', () => {
  const faces = bundledFaces();

  it('covers the faces the bundled templates name', () => {
    expect(faces.length).toBeGreaterThanOrEqual(14);
  });

  it.each(faces.map((f) => [f.slice(REPO.length + 1)]))('%s: the header fields, the font metrics that read them and every glyph name are fontkit’s own', (file) => {
    const bytes = readFileSync(join(REPO, file));
    const plain = fontkit.create(bytes);
    const lazy = fontkit.create(bytes);
    lazyPostTable(lazy);
    const want = (plain as unknown as { post: Post }).post;
    const got = (lazy as unknown as { post: Post }).post;
    for (const field of HEADER) expect(got[field], field).toBe(want[field]);
    const metrics = (f: fontkit.Font) => {
      const m = f as unknown as Record<string, unknown>;
      return [m.italicAngle, m.underlinePosition, m.underlineThickness];
    };
    expect(metrics(lazy)).toEqual(metrics(plain));
    const count = (plain as unknown as { numGlyphs: number }).numGlyphs;
    const names = (f: fontkit.Font) => Array.from({ length: count }, (_, id) => (f.getGlyph(id) as unknown as { name: string | null }).name);
    expect(names(lazy)).toEqual(names(plain));
  });

  it('decodes no glyph name until one is asked for', () => {
    const bytes = readFileSync(join(REPO, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    const font = fontkit.create(bytes);
    lazyPostTable(font);
    const internals = font as unknown as { _decodeTable: (entry: { tag: string }) => unknown };
    const decoded: string[] = [];
    const original = internals._decodeTable.bind(font);
    internals._decodeTable = (entry) => (decoded.push(entry.tag), original(entry));
    expect((font as unknown as { post: Post }).post.isFixedPitch).toBe(0);
    expect(decoded).not.toContain('post');
    expect((font.getGlyph(36) as unknown as { name: string }).name).toBe('A');
    expect(decoded).toEqual(['post']);
  });
});
