import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLeaflet } from '../../src/content/leaflet.js';
import { Renderer } from '../../src/render.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { tempRoot } from '../support/root.js';

type Root = Awaited<ReturnType<typeof tempRoot>>;
let t: Root;
beforeEach(async () => {
  t = await tempRoot();
  // a third language whose file is not even YAML: any read of it fails the load of that language
  await t.put('data/leaflets/periduroscopia/uk.yaml', 'lang: uk\ntitle: [unclosed\n');
});
afterEach(async () => t.remove());

describe('a load reads only the languages it is asked for, and the source', () => {
  it('without a list, every language file is read, a broken one reported as broken', async () => {
    const l = await loadLeaflet('periduroscopia', { root: t.root, cwd: t.root });
    if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
    expect(l.value.languages.map((x) => x.lang)).toEqual(['it', 'en']);
    expect(l.value.broken.map((b) => b.lang)).toEqual(['uk']);
    expect(l.value.available).toEqual(['it', 'en', 'uk']);
  });

  it('a translation is read with its source; the other files are listed by name only', async () => {
    const l = await loadLeaflet('periduroscopia', { root: t.root, cwd: t.root, languages: ['en'] });
    if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
    expect(l.value.languages.map((x) => x.lang)).toEqual(['it', 'en']);
    expect(l.value.broken).toEqual([]);
    expect(l.value.available).toEqual(['it', 'en', 'uk']);
  });

  it('the source language alone is one file', async () => {
    const l = await loadLeaflet('periduroscopia', { root: t.root, cwd: t.root, languages: [] });
    if (!l.ok) throw new Error(JSON.stringify(l.diagnostics));
    expect(l.value.languages.map((x) => x.lang)).toEqual(['it']);
  });

  it('a render of it says nothing of uk; a render of uk fails on its own file; an unknown language lists every file', async () => {
    const renderer = new Renderer({ root: t.root, cwd: t.root });
    const request = { leaflet: 'periduroscopia', template: 'standard', formats: ['html'] as const, paper: 'a4' as const, skip: [] };
    const it = await renderer.render({ ...request, lang: 'it' });
    if (!it.ok) throw new Error(JSON.stringify(it.diagnostics));
    expect(JSON.stringify(it.warnings)).not.toContain('uk.yaml');
    const uk = await renderer.render({ ...request, lang: 'uk' });
    expect(uk.ok).toBe(false);
    if (!uk.ok) expect(uk.diagnostics[0]!.file).toMatch(/uk\.yaml$/);
    const fr = await renderer.render({ ...request, lang: 'fr' });
    expect(fr.ok).toBe(false);
    if (!fr.ok) {
      expect(fr.diagnostics[0]!.code).toBe(CODES.UNKNOWN_LANGUAGE);
      expect(fr.diagnostics[0]!.message).toContain('Languages: it, en, uk.');
    }
  });
});
