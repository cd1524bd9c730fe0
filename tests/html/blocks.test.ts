import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { HtmlValidate } from 'html-validate';
import { chromium, type Browser } from 'playwright-core';
import { loadPatient } from '../../src/content/patient.js';
import { REPO, renderHtml } from './helpers.js';

type El = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['childNode'];
const isEl = (n: Node | DefaultTreeAdapterMap['document']): n is El => 'tagName' in n;
const all = (n: El | DefaultTreeAdapterMap['document']): El[] => (n.childNodes as Node[]).filter(isEl).flatMap((c) => [c, ...all(c)]);
const attr = (e: El, name: string) => e.attrs.find((a) => a.name === name)?.value;
const text = (e: El | Node): string =>
  e.nodeName === '#text' ? (e as DefaultTreeAdapterMap['textNode']).value : isEl(e) ? (e.childNodes as Node[]).map(text).join('') : '';

const PAGES = [
  { name: 'it-standard', lang: 'it', template: 'standard' },
  { name: 'en-large-print', lang: 'en', template: 'large-print' },
  { name: 'en-standard-handout', lang: 'en', template: 'standard', patient: true },
] as const;
const out = new Map<string, string>();

beforeAll(async () => {
  const patient = await loadPatient({ file: 'data/patients/example-cataract.yaml', set: [], root: REPO, cwd: REPO });
  if (!patient.ok) throw new Error('the cataract example patient does not load');
  for (const p of PAGES)
    out.set(
      p.name,
      await renderHtml({ leaflet: 'cataract-surgery', lang: p.lang, template: p.template, brand: 'demo-clinic', allowDraft: true, ...('patient' in p ? { patient: patient.value } : {}) }),
    );
});

describe('the cataract leaflet\'s blocks are semantic HTML', () => {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'], rules: { 'valid-id': ['error', { relaxed: true }] } });

  for (const p of PAGES)
    it(`${p.name} passes html-validate`, async () => {
      const report = await validator.validateString(out.get(p.name)!, `${p.name}.html`);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`))).toEqual([]);
    });

  it('a table has a caption, column headers with scope col and row headers with scope row', () => {
    const tables = all(parse(out.get('it-standard')!)).filter((e) => e.tagName === 'table');
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      const els = all(t);
      expect(els.find((e) => e.tagName === 'caption')).toBeDefined();
      const head = els.filter((e) => e.tagName === 'thead').flatMap(all).filter((e) => e.tagName === 'th');
      expect(head.length).toBeGreaterThan(1);
      for (const th of head) expect(attr(th, 'scope')).toBe('col');
      for (const tr of els.filter((e) => e.tagName === 'tbody').flatMap(all).filter((e) => e.tagName === 'tr')) {
        const cells = (tr.childNodes as Node[]).filter(isEl);
        expect(cells[0]!.tagName).toBe('th');
        expect(attr(cells[0]!, 'scope')).toBe('row');
        expect(cells.length).toBe(head.length);
      }
    }
  });

  it('a checklist is a list, a glossary a description list, the urgent box has its heading and a tel: link', () => {
    const els = all(parse(out.get('it-standard')!));
    expect(els.find((e) => e.tagName === 'ul' && attr(e, 'class') === 'checklist')!.childNodes.filter(isEl)).toHaveLength(4);
    const dl = els.find((e) => e.tagName === 'dl' && attr(e, 'class') === 'terms')!;
    expect(all(dl).filter((e) => e.tagName === 'dt').map(text)).toEqual(['Cristallino', 'Collirio', 'Anticoagulante']);
    const urgent = els.find((e) => (attr(e, 'class') ?? '').includes('urgent') && e.tagName === 'div')!;
    expect(text(all(urgent).find((e) => e.tagName === 'h3')!)).toBe('Chieda aiuto subito');
    expect(all(urgent).some((e) => e.tagName === 'a' && attr(e, 'href') === 'tel:112')).toBe(true);
  });

  it('links: tel:, mailto: and https: with their own words', () => {
    const links = all(parse(out.get('it-standard')!)).filter((e) => e.tagName === 'a').map((a) => [attr(a, 'href'), text(a)]);
    expect(links).toContainEqual(['tel:+390200000000', '02\u00a00000\u00a00000']);
    expect(links).toContainEqual(['mailto:oculistica@example.org', 'oculistica@example.org']);
    expect(links).toContainEqual(['https://example.org/oculistica', 'sito del reparto']);
  });

  it('a general leaflet says "7 giorni prima"; the handout gives real dates in <time>', () => {
    const when = (name: string) => all(parse(out.get(name)!)).filter((e) => attr(e, 'class') === 'when').map((e) => text(e));
    expect(when('it-standard')).toEqual(['7 giorni prima', '3 giorni prima', '1 giorno prima', '6 ore prima', '2 ore prima']);
    expect(when('en-standard-handout')).toEqual(['Monday 22 February', 'Friday 26 February', 'Sunday 28 February', 'Monday 1 March, by 02:00', 'Monday 1 March, by 06:00']);
    const times = all(parse(out.get('en-standard-handout')!)).filter((e) => e.tagName === 'time').map((e) => attr(e, 'datetime'));
    expect(times).toEqual(['2027-02-22', '2027-02-26', '2027-02-28', '2027-03-01T02:00', '2027-03-01T06:00']);
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'leaflets-blocks-'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const p of PAGES)
    it(`${p.name}: no axe-core violations, and no horizontal scrolling on a 375 px phone`, async () => {
      const file = path.join(dir, `${p.name}.html`);
      await writeFile(file, out.get(p.name)!);
      const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
      const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      await page.setViewportSize({ width: 375, height: 800 });
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      await page.screenshot({ path: path.join(tmpdir(), `leaflets-blocks-${p.name}.png`), fullPage: true });
      await context.close();
      expect(violations).toEqual([]);
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    }, 60_000);
});
