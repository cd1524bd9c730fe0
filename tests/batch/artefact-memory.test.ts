import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArtefactBuilder, type WorkItem } from '../../src/batch/artefact.js';
import type { LoadedFont } from '../../src/write/pdf/fonts.js';
import { tempRoot } from '../support/root.js';

type Root = Awaited<ReturnType<typeof tempRoot>>;
let t: Root;
const COPIES = 10;
const id = (n: number) => `copy-${n}`;

beforeAll(async () => {
  t = await tempRoot();
  const source = t.file('data/leaflets/periduroscopia');
  const it = await readFile(path.join(source, 'it.yaml'), 'utf8');
  for (let n = 0; n < COPIES; n++) {
    const dir = t.file(`data/leaflets/${id(n)}`);
    await cp(source, dir, { recursive: true });
    await writeFile(path.join(dir, 'leaflet.yaml'), (await readFile(path.join(dir, 'leaflet.yaml'), 'utf8')).replace(/^id: .*$/m, `id: ${id(n)}`));
    // a paragraph of its own in every copy
    await writeFile(path.join(dir, 'it.yaml'), it.replace(/^summary:\n/m, `summary:\n  - Copia numero ${n} di questo foglio.\n`));
  }
});
afterAll(async () => t.remove());

describe('a build worker does not keep every paragraph it has laid out', () => {
  it('after moving past eight leaflets it forgets the line breaks of the first, keeping fonts and shaped words', async () => {
    const builder = new ArtefactBuilder({ root: t.root, cwd: t.root });
    const item = (n: number): WorkItem => ({ id: n, leaflet: id(n), lang: 'it', brand: null, template: 'standard', format: 'pdf', paper: 'a4', skip: [], file: t.file(`out/${n}.pdf`) });
    const fonts = () => [...(builder as unknown as { renderer: { writerCache: Map<string, unknown> } }).renderer.writerCache].filter(([k]) => k.startsWith('pdf:font:')).map(([, v]) => v as LoadedFont);
    const remembers = (n: number) => fonts().some((f) => [...f.lines.keys()].some((k) => k.includes(`Copia numero ${n} `)));
    for (let n = 0; n < 8; n++) expect((await builder.render(item(n))).status).toBe('rendered');
    expect(remembers(0)).toBe(true);
    const regular = fonts()[0]!;
    const words = Object.keys(regular.runs).length;
    expect((await builder.render(item(8))).status).toBe('rendered');
    expect(remembers(0)).toBe(false);
    expect(remembers(8)).toBe(true);
    // the same parsed font object, its shaped words kept
    expect(fonts()[0]).toBe(regular);
    expect(Object.keys(regular.runs).length).toBeGreaterThanOrEqual(words);
  }, 60_000);
});
