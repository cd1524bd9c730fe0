import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { loadStrings, mergeStrings } from '../../src/content/strings.js';
import { stringAt, keysOf } from '../../src/select/strings.js';
import { composeLeaflet } from '../../src/pipeline.js';
import type { ViewModel } from '../../src/model/view.js';
import type { Template, TemplateStrings } from '../../src/model/template.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { rendererFor } from '../html/helpers.js';

const key = fc.constantFrom('tip', 'warning', 'page', 'draft', 'phone', 'patient.title', 'patient.companion', 'patient.note', 'parking');
const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '<', '>', '&', '"', "'", '/', 'è', 'ї', '①', '{x}'), minLength: 1, maxLength: 30 });
const pack = fc.dictionary(key, text).map((flat) => {
  const out: TemplateStrings = {};
  for (const [k, v] of Object.entries(flat)) {
    const [head, tail] = k.split('.');
    if (tail) ((out[head!] ??= {}) as TemplateStrings)[tail] = v;
    else out[head!] = v;
  }
  return out;
});

describe('a clinic pack merged over a bundled one', () => {
  it('every clinic key wins, every other bundled key stays, and the pack fields never become strings', () => {
    fc.assert(
      fc.property(pack, pack, fc.boolean(), (bundled, clinic, reviewed) => {
        // a pack file as read: its own fields (a boolean among them) beside the strings
        const asRead = (p: TemplateStrings, fields: Record<string, unknown>) => ({ ...p, ...fields }) as unknown as TemplateStrings;
        const merged = mergeStrings([asRead(bundled, { reviewed, locale: 'it-IT' }), asRead(clinic, { reviewed: !reviewed })]);
        for (const { key: k } of keysOf(clinic)) expect(stringAt(merged, k)).toBe(stringAt(clinic, k));
        for (const { key: k } of keysOf(bundled)) if (stringAt(clinic, k) === undefined) expect(stringAt(merged, k)).toBe(stringAt(bundled, k));
        expect(merged).not.toHaveProperty('reviewed');
        expect(merged).not.toHaveProperty('locale');
      }),
    );
  });
});

type El = DefaultTreeAdapterMap['element'];
const isEl = (n: DefaultTreeAdapterMap['childNode']): n is El => 'tagName' in n;
const all = (n: El | DefaultTreeAdapterMap['documentFragment']): El[] => n.childNodes.filter(isEl).flatMap((c) => [c, ...all(c)]);
const textOf = (n: DefaultTreeAdapterMap['childNode']): string =>
  n.nodeName === '#text' ? (n as DefaultTreeAdapterMap['textNode']).value : isEl(n) ? n.childNodes.map(textOf).join('') : '';

describe('whatever a clinic writes as a label, the leaflet shows it as text', () => {
  let view: ViewModel;
  let template: Template;
  beforeAll(async () => {
    const r = rendererFor();
    const c = await r.compose({ leaflet: 'periduroscopia', template: 'standard', formats: ['html'], paper: 'a4', skip: [] });
    const t = await r.template('standard');
    if (!c.ok || !t.ok) throw new Error('compose');
    [view, template] = [c.value.view, t.value];
  });

  it('a tip label reaches the markup literally, escaped, adding no element', () => {
    fc.assert(
      fc.property(text, (label) => {
        const composed = composeLeaflet({ ...view, t: { ...view.t, tip: label } }, template);
        if (!composed.ok) throw new Error(composed.diagnostics[0]!.message);
        const els = all(parseFragment(composed.value.markup));
        const labels = els.filter((e) => e.attrs.some((a) => a.name === 'class' && a.value === 'callout-label') && e.parentNode && (e.parentNode as El).attrs.some((a) => a.value.includes('tip')));
        expect(labels.length).toBeGreaterThan(0);
        for (const l of labels) expect(textOf(l)).toBe(label);
        expect(els.filter((e) => e.tagName === 'script' || e.tagName === 'img').length).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe('a clinic pack is read inside its folder only', () => {
  it('a symlink out of i18n/ is refused, naming the file, never reading it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'leaflets-i18n-'));
    try {
      await mkdir(path.join(root, 'i18n'));
      await writeFile(path.join(root, 'secret.yaml'), 'tip: secret\n');
      await symlink(path.join(root, 'secret.yaml'), path.join(root, 'i18n', 'it.yaml'));
      const r = await loadStrings('it', { root, cwd: root });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics[0]).toMatchObject({ code: CODES.FILE_UNREADABLE, file: path.join('i18n', 'it.yaml') });
      expect(r.diagnostics[0]!.message).toContain('outside its folder');
      expect(r.diagnostics[0]!.message).not.toContain('secret');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a language code that is not a file name is refused before any path is made', async () => {
    const r = await loadStrings('../../etc/passwd', { root: tmpdir(), cwd: tmpdir() });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toBe(CODES.NO_TEMPLATE_STRINGS);
  });
});
