/**
 * The leaflet online in the HTML, in a real headless Chromium: the inline SVG
 * QR code, screenshotted as a phone shows it, decodes to the address; it has
 * an accessible name, the page's Content-Security-Policy lets it draw (no
 * violation), and at 375 px nothing scrolls sideways — also with a long
 * address. Both templates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DATE, rendererFor } from '../html/helpers.js';
import { writeHtml } from '../../src/write/html.js';
import { readQr } from '../support/qr.js';
import type { Renderer } from '../../src/render.js';

const ADDRESS = 'https://www.example.org/leaflets/cataract-surgery/it';
const LONG = `https://www.example.org/leaflets/cataract-surgery/it/${'una-pagina-molto-lunga/'.repeat(8)}?lingua=italiano&versione=0.1`;

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leaflets-qr-'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The shared renderer with the cataract leaflet's address replaced. */
function withOnline(address: string): Renderer {
  const base = rendererFor();
  const r = Object.create(base) as Renderer;
  r.leaflet = async (id: string) => {
    const l = await base.leaflet(id);
    return l.ok ? { ...l, value: { ...l.value, online: address } } : l;
  };
  return r;
}

async function renderHtml(template: 'standard' | 'large-print', r: Renderer = rendererFor()): Promise<string> {
  const composed = await r.compose({ leaflet: 'cataract-surgery', lang: 'it', template, formats: ['html'], paper: 'a4', skip: [], date: DATE });
  const t = await r.template(template);
  if (!composed.ok || !t.ok) throw new Error('compose');
  const html = await writeHtml(composed.value, { template: t.value, date: DATE });
  if (!html.ok) throw new Error(JSON.stringify(html.diagnostics));
  return new TextDecoder().decode(html.value);
}

async function open(html: string, name: string, width: number) {
  const file = path.join(dir, `${name}.html`);
  await writeFile(file, html);
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, violations, close: () => context.close() };
}

/** Where the shown address wraps in the page: the index of each character that starts a new line. */
async function lineStarts(page: import('playwright-core').Page): Promise<{ text: string; starts: number[] }> {
  return page.evaluate(() => {
    const link = document.querySelector('.online-text a')!;
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    let text = '';
    const starts: number[] = [];
    let top: number | null = null;
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      for (let k = 0; k < n.textContent!.length; k++) {
        const range = document.createRange();
        range.setStart(n, k);
        range.setEnd(n, k + 1);
        const rect = range.getClientRects()[0];
        if (rect && top !== null && rect.top > top + rect.height / 2) starts.push(text.length);
        if (rect) top = rect.top;
        text += n.textContent![k];
      }
    return { text, starts };
  });
}

for (const template of ['standard', 'large-print'] as const)
  describe(`the QR code in the HTML, ${template}`, () => {
    it('decodes to the address from a 375 px phone screenshot, has an accessible name, draws under the CSP and scrolls nothing sideways', async () => {
      const html = await renderHtml(template);
      const { page, violations, close } = await open(html, `qr-${template}`, 375);
      const svg = page.locator('figure.qr svg');
      expect(await svg.count()).toBe(1);
      expect(await svg.getAttribute('role')).toBe('img');
      // the accessible name as the browser computes it, in the leaflet's language
      expect(await page.getByRole('img', { name: "Codice QR con l'indirizzo online di questo foglio informativo" }).count()).toBe(1);
      await svg.scrollIntoViewIfNeeded();
      expect(readQr(await svg.screenshot())).toBe(ADDRESS);
      // the address in text beside it, as a link
      expect(await page.locator('.online-text a').getAttribute('href')).toBe(ADDRESS);
      const widths = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(widths).toBeLessThanOrEqual(375);
      expect(violations).toEqual([]);
      await close();
    }, 60_000);

    it('on a 375 px phone the address wraps only after a slash of its path, never inside a word ("le/aflets"); its link is the address unchanged', async () => {
      const html = await renderHtml(template);
      const { page, close } = await open(html, `qr-wrap-${template}`, 375);
      const { text, starts } = await lineStarts(page);
      expect(text).toBe(ADDRESS);
      expect(await page.locator('.online-text a').getAttribute('href')).toBe(ADDRESS);
      // the test means something only if the address does not fit one line of the phone
      expect(starts.length, 'the address fits one line at 375 px').toBeGreaterThan(0);
      const host = 'https://www.example.org'.length;
      for (const at of starts) expect(`${text.slice(0, at)} | ${text.slice(at)}`, 'a line ends inside a part of the address').toMatch(/\/ \| /);
      for (const at of starts) expect(at, 'a line ends inside the scheme or host').toBeGreaterThan(host);
      await close();
    }, 60_000);

    it('a long address still decodes and still fits a 375 px phone', async () => {
      const html = await renderHtml(template, withOnline(LONG));
      const { page, close } = await open(html, `qr-long-${template}`, 375);
      const svg = page.locator('figure.qr svg');
      await svg.scrollIntoViewIfNeeded();
      expect(readQr(await svg.screenshot())).toBe(LONG);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await close();
    }, 60_000);
  });
