import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLeaflet } from '../../src/content/leaflet.js';
import { loadTemplate } from '../../src/content/template.js';
import { loadBrand } from '../../src/content/brand.js';
import { selectView, type Selection } from '../../src/select/view.js';
import type { Brand } from '../../src/model/brand.js';
import type { Leaflet } from '../../src/model/content.js';
import type { Template } from '../../src/model/template.js';
import type { SectionView } from '../../src/model/view.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { REPO, cli } from '../html/helpers.js';
import { stringsFor } from '../support/strings.js';
import type { SelectedStrings } from '../../src/select/view.js';

let leaflet: Leaflet;
let template: Template;
let brand: Brand;
const packs = new Map<string, SelectedStrings>();
const opts = { root: REPO, cwd: REPO };

beforeAll(async () => {
  const [l, t, b] = await Promise.all([loadLeaflet('periduroscopia', opts), loadTemplate('standard', opts), loadBrand(undefined, opts)]);
  if (!l.ok || !t.ok || !b.ok) throw new Error('the bundled content does not load');
  [leaflet, template, brand] = [l.value, t.value, b.value];
  for (const lang of ['it', 'en']) packs.set(lang, await stringsFor(lang, template, REPO));
});

const select = (s: Selection) => selectView(leaflet, template, brand, s, packs.get(s.lang ?? 'it')!);
const paths = (sections: SectionView[]): string[] => sections.flatMap((s) => [s.path, ...paths(s.sections)]);
const picked = (s: Selection) => {
  const r = select(s);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return paths(r.value.sections);
};

describe('language', () => {
  it('defaults to the leaflet’s source language', () => {
    const r = select({});
    expect(r.ok && r.value.lang).toBe('it');
    expect(leaflet.source).toBe('it');
  });

  it('renders the language asked for', () => {
    const r = select({ lang: 'en' });
    expect(r.ok && r.value.lang).toBe('en');
    expect(r.ok && r.value.title).toBe('Periduroscopy');
  });

  it('refuses a language the leaflet lacks, listing the ones it has', () => {
    const r = select({ lang: 'fr' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(CODES.UNKNOWN_LANGUAGE);
    expect(r.diagnostics[0]!.message).toMatch(/Languages: it, ar, bn, en, hi, zh-Hans/);
  });

  it('refuses a pack that lacks a string the template reads, naming the key, the part and the clinic file', () => {
    const en = packs.get('en')!;
    const { companion: _gone, ...rest } = en.pack.strings.patient as Record<string, string>;
    const lacking = { ...en, pack: { ...en.pack, strings: { ...en.pack.strings, patient: rest }, clinicFile: 'i18n/en.yaml' } };
    const r = selectView(leaflet, template, brand, { lang: 'en', patient: { name: 'A', companion: true } }, lacking);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(CODES.STRINGS_MISSING_KEY);
    expect(r.diagnostics[0]!.message).toContain("'patient.companion'");
    expect(r.diagnostics[0]!.message).toContain('patient box rows');
    expect(r.diagnostics[0]!.file).toBe('i18n/en.yaml');
  });
});

describe('sections', () => {
  it('keeps every section in the leaflet’s order when none are named', () => {
    expect(picked({}).slice(0, 4)).toEqual(['what-it-is', 'conditions', 'benefits', 'when-recommended']);
  });

  it('keeps only the named sections, in the leaflet’s order whatever the order asked', () => {
    expect(picked({ sections: ['faq', 'what-it-is', 'procedure'] })).toEqual([
      'what-it-is',
      'procedure',
      'procedure.preparation',
      'procedure.steps',
      'faq',
    ]);
  });

  it('keeps one subsection under its parent when asked as parent.child', () => {
    expect(picked({ sections: ['when-recommended.contraindications'] })).toEqual(['when-recommended', 'when-recommended.contraindications']);
  });

  it('removes skipped sections and subsections', () => {
    const all = picked({});
    const left = picked({ skip: ['alternatives', 'when-recommended.contraindications'] });
    expect(left).not.toContain('alternatives');
    expect(left).not.toContain('when-recommended.contraindications');
    expect(left).toContain('when-recommended.indications');
    expect(left).toEqual(all.filter((p) => p !== 'alternatives' && p !== 'when-recommended.contraindications'));
  });

  it('refuses an unknown section id with a suggestion', () => {
    const r = select({ sections: ['faqs'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.code).toBe(CODES.UNKNOWN_SECTION);
    expect(r.diagnostics[0]!.message).toContain("Did you mean 'faq'?");
  });

  it('refuses an unknown --skip id too', () => {
    const r = select({ skip: ['alternative'] });
    expect(!r.ok && r.diagnostics[0]!.code).toBe(CODES.UNKNOWN_SECTION);
  });
});

describe('the same choices through `leaflets render`', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'leaflets-select-'));
    return () => rm(out, { recursive: true, force: true });
  });

  it('writes the source language when --lang is not given', async () => {
    const r = await cli(['render', 'periduroscopia', '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'periduroscopia-it.html'))).toBe(true);
  });

  it('a language the leaflet lacks is a usage error (exit 2) listing those it has, and writes nothing', async () => {
    const file = path.join(out, 'fr.html');
    const r = await cli(['render', 'periduroscopia', '--lang', 'fr', '--format', 'html', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(CODES.UNKNOWN_LANGUAGE);
    expect(r.stderr).toMatch(/it, ar, bn, en, hi, zh-Hans/);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps only --sections and drops --skip in the written file', async () => {
    const file = path.join(out, 'some.html');
    const r = await cli(['render', 'periduroscopia', '--lang', 'en', '--format', 'html', '--sections', 'what-it-is,procedure,faq', '--skip', 'procedure.preparation', '-o', file]);
    expect(r.code).toBe(0);
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(file, 'utf8');
    const ids = [...html.matchAll(/<section[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['what-it-is', 'procedure', 'procedure.steps', 'faq']);
  });

  it('an unknown section is a usage error (exit 2) with LEAF2002 and a suggestion', async () => {
    const file = path.join(out, 'bad.html');
    const r = await cli(['render', 'periduroscopia', '--format', 'html', '--skip', 'alternativs', '-o', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LEAF2002');
    expect(r.stderr).toContain("Did you mean 'alternatives'?");
    expect(existsSync(file)).toBe(false);
  });

  it('exits 2 for a leaflet that does not exist', async () => {
    const r = await cli(['render', 'periduroscopy', '--format', 'html', '--out', out]);
    expect(r.code).toBe(2);
  });
});
