import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Config } from '../../src/model/config.js';
import { expandJobs, resolveMatrix, type Inventory, type MatrixFlags } from '../../src/batch/matrix.js';
import { parseShard, selectShard } from '../../src/batch/shard.js';
import { checkPattern } from '../../src/batch/pattern.js';
import { loadConfig } from '../../src/content/config.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { clinicRoot } from './helpers.js';

const inventory: Inventory = {
  leaflets: new Map([
    ['knee', ['en', 'it']],
    ['spine', ['de', 'en', 'it']],
  ]),
  brands: ['demo-clinic', 'neutral', 'north'],
  templates: ['large-print', 'standard'],
};

function jobs(config: Config, flags: MatrixFlags = {}) {
  const m = resolveMatrix(config, flags, inventory);
  if (!m.ok) throw new Error(JSON.stringify(m.diagnostics));
  const j = expandJobs(m.value, inventory);
  if (!j.ok) throw new Error(JSON.stringify(j.diagnostics));
  return j.value;
}

describe('the build matrix', () => {
  it('with no config is every leaflet in every language, as PDF and HTML, default brand and standard template', () => {
    expect(jobs({}).map((j) => `${j.leaflet}:${j.lang}:${j.brand}:${j.template}:${j.format}`)).toEqual([
      'knee:en:null:standard:pdf',
      'knee:en:null:standard:html',
      'knee:it:null:standard:pdf',
      'knee:it:null:standard:html',
      'spine:de:null:standard:pdf',
      'spine:de:null:standard:html',
      'spine:en:null:standard:pdf',
      'spine:en:null:standard:html',
      'spine:it:null:standard:pdf',
      'spine:it:null:standard:html',
    ]);
  });

  it('puts the default brand under its name, neutral, in output paths', () => {
    expect(jobs({ leaflets: ['knee'], formats: ['html'] }).map((j) => j.path)).toEqual([
      'neutral/standard/knee-en.html',
      'neutral/standard/knee-it.html',
    ]);
  });

  it('orders jobs leaflet › language › brand › template › format whatever order the config lists them in', () => {
    const a = jobs({ brands: ['north', 'demo-clinic'], templates: ['standard', 'large-print'], formats: ['html', 'pdf'] });
    const b = jobs({ brands: ['north', 'demo-clinic'], templates: ['standard', 'large-print'], formats: ['html', 'pdf'] });
    expect(a).toEqual(b);
    expect(a.slice(0, 4).map((j) => `${j.brand}/${j.template}/${j.format}`)).toEqual([
      'north/standard/html',
      'north/standard/pdf',
      'north/large-print/html',
      'north/large-print/pdf',
    ]);
    expect(a).toHaveLength(5 * 2 * 2 * 2);
  });

  it('lets flags override the config one dimension at a time', () => {
    const config: Config = { languages: ['it', 'en'], brands: ['north'], formats: ['pdf', 'html'], paper: 'letter' };
    const j = jobs(config, { languages: ['it'], formats: ['html'] });
    expect(j.map((x) => `${x.leaflet}:${x.lang}:${x.brand}:${x.format}:${x.paper}`)).toEqual([
      'knee:it:north:html:letter',
      'spine:it:north:html:letter',
    ]);
  });

  it("builds a listed language only for the leaflets that have it", () => {
    expect(jobs({ languages: ['de'], formats: ['pdf'] }).map((j) => j.leaflet)).toEqual(['spine']);
  });

  it("expands 'all' brands and templates to everything the root holds", () => {
    const j = jobs({ leaflets: ['knee'], languages: ['en'], formats: ['pdf'], brands: 'all', templates: 'all' });
    expect(j.map((x) => `${x.brand}/${x.template}`)).toEqual([
      'demo-clinic/large-print',
      'demo-clinic/standard',
      'neutral/large-print',
      'neutral/standard',
      'north/large-print',
      'north/standard',
    ]);
  });

  it('fills the output pattern with every placeholder', () => {
    const [job] = jobs({ leaflets: ['knee'], languages: ['it'], formats: ['pdf'], brands: ['north'], paper: 'a5', output: '{leaflet}/{lang}/{brand}-{template}-{paper}.{format}' });
    expect(job?.path).toBe('knee/it/north-standard-a5.pdf');
  });

  it('refuses a pattern that gives two artefacts the same file, naming the placeholder to add', () => {
    const m = resolveMatrix({ output: '{leaflet}-{lang}.{format}', brands: ['north', 'demo-clinic'] }, {}, inventory);
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const j = expandJobs(m.value, inventory);
    expect(j.ok).toBe(false);
    if (j.ok) return;
    expect(j.diagnostics[0]?.code).toBe(CODES.OUTPUT_CLASH);
    expect(j.diagnostics[0]?.message).toContain('{brand}');
  });

  it('refuses patterns that leave the output folder or name unknown placeholders', () => {
    expect(checkPattern('../{leaflet}.{format}')).toMatch(/leave the output folder/);
    expect(checkPattern('/abs/{leaflet}.{format}')).toMatch(/relative/);
    expect(checkPattern('{clinic}/{leaflet}.{format}')).toMatch(/\{clinic\} is not a placeholder/);
    expect(checkPattern('{leaflet.{format}')).toMatch(/unmatched/);
    expect(checkPattern('{brand}/{template}/{leaflet}-{lang}.{format}')).toBeUndefined();
  });

  it('names an unknown leaflet, brand or template given as a flag, with a suggestion', () => {
    const m = resolveMatrix({}, { brands: ['nort'] }, inventory);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.diagnostics[0]).toMatchObject({ code: CODES.UNKNOWN_IN_MATRIX });
    expect(m.diagnostics[0]?.message).toMatch(/^--brand: There is no brand 'nort'.*north/);
  });
});

describe('config errors', () => {
  it('point at the line and column of the unknown brand in leaflets.config.yaml', async () => {
    const root = await clinicRoot({ config: 'formats: [html]\nbrands:\n  - demo-clinic\n  - demo-clinik\n' });
    const config = await loadConfig({ root, cwd: root });
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    const m = resolveMatrix(config.value, {}, { leaflets: new Map([['periduroscopia', ['en', 'it']]]), brands: ['demo-clinic', 'neutral'], templates: ['standard'] });
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.diagnostics).toEqual([
      expect.objectContaining({ code: CODES.UNKNOWN_IN_MATRIX, file: 'leaflets.config.yaml', line: 4, column: 5 }),
    ]);
  });

  it('point at a language no leaflet has', async () => {
    const root = await clinicRoot({ config: 'languages: [it, uk]\n' });
    const config = await loadConfig({ root, cwd: root });
    if (!config.ok) throw new Error('config should load');
    const m = resolveMatrix(config.value, {}, { leaflets: new Map([['periduroscopia', ['en', 'it']]]), brands: [], templates: ['standard'] });
    expect(m.ok ? [] : m.diagnostics).toEqual([
      expect.objectContaining({ code: CODES.LANGUAGE_NOWHERE, file: 'leaflets.config.yaml', line: 1, column: 17 }),
    ]);
  });
});

describe('shards', () => {
  it('parses k/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('0/3')).toBeInstanceOf(Error);
    expect(parseShard('4/3')).toBeInstanceOf(Error);
    expect(parseShard('two')).toBeInstanceOf(Error);
  });

  it('split any job list into n disjoint parts whose union, in order, is the whole list', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (list, n) => {
        const jobs = list.map((name, i) => ({ i, name }));
        const parts = Array.from({ length: n }, (_, k) => selectShard(jobs, { index: k + 1, count: n }));
        const union = parts.flat().sort((a, b) => a.i - b.i);
        expect(union).toEqual(jobs);
        expect(parts.every((p) => p.length <= Math.ceil(jobs.length / n))).toBe(true);
      }),
    );
  });
});
