import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadStrings, loadBundledPack } from '../../src/content/strings.js';
import { loadTemplate } from '../../src/content/template.js';
import { stringUses } from '../../src/compose/engine.js';
import { PATIENT_ROW_KEYS } from '../../src/select/patient.js';
import { keysOf, missingStrings, placeholderMismatches } from '../../src/select/strings.js';
import { validateAgainst } from '../../src/content/schema.js';
import { SourceMap } from '../../src/content/source-map.js';
import { PROJECT } from '../support/cli.js';

const BUNDLED = ['it', 'en', 'de', 'fr', 'es', 'pt', 'ro', 'pl', 'uk', 'ru', 'sq', 'tr', 'ar', 'zh-Hans', 'hi', 'bn', 'he'];
const opts = { root: PROJECT, cwd: PROJECT };

describe('the bundled language packs', () => {
  it('ship the languages the issues ask for, one file each in i18n/', () => {
    const files = readdirSync(path.join(PROJECT, 'i18n')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5));
    expect(files.sort()).toEqual([...BUNDLED].sort());
  });

  it('are in the published package (package.json "files")', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('i18n');
  });

  for (const lang of BUNDLED)
    it(`${lang}: valid against schemas/strings.schema.json, every key of the English pack, its placeholders kept`, async () => {
      const text = readFileSync(path.join(PROJECT, 'i18n', `${lang}.yaml`), 'utf8');
      expect(validateAgainst('strings', parse(text), SourceMap.empty(`${lang}.yaml`))).toEqual([]);
      const en = await loadBundledPack('en', PROJECT);
      const own = await loadBundledPack(lang, PROJECT);
      if (!en.ok || !en.value || !own.ok || !own.value) throw new Error('pack does not load');
      // plural forms (timeline.daysBefore_one, _few, …) follow each language's own categories (Intl.PluralRules); every pack has _other
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];
      const plural = /_(zero|one|two|few|many|other)$/;
      for (const { key } of keysOf(own.value.data)) {
        const m = plural.exec(key);
        if (m) expect(categories, `${key} in ${lang}`).toContain(m[1]);
      }
      const shape = (keys: { key: string }[]) => [...new Set(keys.map((k) => k.key.replace(plural, '_other')))].sort();
      expect(shape(keysOf(own.value.data))).toEqual(shape(keysOf(en.value.data)));
      expect(placeholderMismatches(own.value, en.value.data)).toEqual([]);
      // it and en are the strings in use before packs existed; every new pack waits for a speaker's review
      expect(own.value.data.reviewed).toBe(lang === 'it' || lang === 'en');
    });

  it('hold every string the bundled templates read, patient box rows included', async () => {
    for (const name of ['standard', 'large-print']) {
      const t = await loadTemplate(name, opts);
      if (!t.ok) throw new Error('template');
      const uses = stringUses(t.value, PATIENT_ROW_KEYS);
      expect(uses.map((u) => u.key)).toContain('patient.companion');
      for (const lang of BUNDLED) {
        const pack = await loadStrings(lang, opts);
        if (!pack.ok) throw new Error(lang);
        expect(missingStrings(pack.value, uses, name)).toEqual([]);
      }
    }
  });

  it('finds the strings a template reads in its Handlebars, with the part that reads them', async () => {
    const t = await loadTemplate('standard', opts);
    if (!t.ok) throw new Error('template');
    const uses = stringUses(t.value, PATIENT_ROW_KEYS);
    expect(uses).toContainEqual({ key: 'tip', part: expect.stringMatching(/partials\/tip\.hbs:1:\d+$/) });
    expect(uses).toContainEqual({ key: 'page', part: expect.stringMatching(/partials\/footer\.hbs:3:\d+$/) });
    expect(uses).toContainEqual({ key: 'patient.companion', part: expect.stringMatching(/^the patient box rows \(.*patient-box\.hbs:4:\d+\)$/) });
  });
});
