import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { sectionHash, sourceHashes, canonicalJson, FRONT } from '../../src/lint/section-hash.js';
import { stampTranslation, stampText } from '../../src/lint/stamp.js';
import { EN, fixture, runRule, type Fixture } from './fixture.js';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.remove()));
});

const UNSTAMPED = EN.replace(/translatedFrom:[\s\S]*?points: a+\n/, '');

describe('section hashes', () => {
  it('are 12 hex digits for the front matter, every section and every subsection', async () => {
    const f = await fixture();
    fixtures.push(f);
    const it = (await f.load()).languages[0]!;
    const hashes = sourceHashes(it);
    expect(Object.keys(hashes)).toEqual([FRONT, 'what', 'day', 'day.before', 'day.after', 'faq', 'points']);
    for (const h of Object.values(hashes)) expect(h).toMatch(/^[0-9a-f]{12}$/);
  });

  it('do not change with YAML layout, and a subsection change leaves its parent’s hash alone', async () => {
    const f = await fixture();
    fixtures.push(f);
    const before = sourceHashes((await f.load()).languages[0]!);
    await f.edit('it.yaml', (t) => t.replace('# Testo di partenza\n', '').replace('title: Dopo', 'title: "Dopo"'));
    expect(sourceHashes((await f.load()).languages[0]!)).toEqual(before);
    await f.edit('it.yaml', (t) => t.replace('Torna a casa', 'Torna a casa con calma'));
    const after = sourceHashes((await f.load()).languages[0]!);
    expect(after['day.after']).not.toBe(before['day.after']);
    expect(after.day).toBe(before.day);
    expect(after.what).toBe(before.what);
  });

  it('hash the canonical JSON: keys sorted at every level', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const f = await fixture();
    fixtures.push(f);
    const what = (await f.load()).languages[0]!.sections[0]!;
    expect(sectionHash(what)).toBe(sourceHashes((await f.load()).languages[0]!).what);
  });
});

describe('stamping a translation', () => {
  it('adds translatedFrom after the subtitle and keeps comments and blank lines', async () => {
    const f = await fixture({ en: UNSTAMPED }, { stamp: false });
    fixtures.push(f);
    const result = await stampTranslation(await f.load(), 'en');
    const text = await f.read('en.yaml');
    expect(text.startsWith('# Translation\n')).toBe(true);
    expect(text).toMatch(/subtitle: What happens on the day of the visit\ntranslatedFrom:\n  lang: it\n  version: "1.0"\n  sections:\n    _front: [0-9a-f]{12}\n/);
    expect(text).toContain('      - tip: Bring the test results you already have.\n\n  - id: day');
    expect(result.changed).toHaveLength(7);
    // nothing else moved: removing the stamp gives the file back
    expect(text.replace(/translatedFrom:\n(?: {2}.*\n)+/, '')).toBe(UNSTAMPED);
    expect(runRule(await f.load(), 'translation-stale')).toEqual([]);
  });

  it('replaces old stamps, writes no temporary files, and says when nothing changed', async () => {
    const f = await fixture();
    fixtures.push(f);
    await f.edit('it.yaml', (t) => t.replace('Riposa un poco', 'Riposa fino a sera'));
    expect(runRule(await f.load(), 'translation-stale')).toHaveLength(1);
    const first = await stampTranslation(await f.load(), 'en');
    expect(first.changed).toEqual(['day.after']);
    expect(runRule(await f.load(), 'translation-stale')).toEqual([]);
    const again = await stampTranslation(await f.load(), 'en');
    expect(again.changed).toEqual([]);
    expect((await readdir(f.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await f.read('en.yaml')).split('\n')).toHaveLength(EN.split('\n').length);
  });

  it('quotes a hash that YAML would otherwise read as a number', () => {
    const text = stampText('lang: en\nstatus: draft\ntitle: T\nsections: []\n', {
      lang: 'it',
      version: '1.0',
      sections: { a: '123456789012', b: '1e5000000000' },
    });
    expect(text).toContain('a: "123456789012"');
    expect(text).toContain('b: "1e5000000000"');
  });
});
