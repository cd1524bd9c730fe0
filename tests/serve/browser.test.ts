/**
 * `leaflets serve` used as a doctor and an editor would, in a real headless
 * Chromium (Debian's), keyboard only where a person would type: the preview
 * follows the form, the downloaded PDF holds the patient's details, and
 * afterwards nothing of the patient is on disk or in the server's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { tempRoot } from '../html/helpers.js';
import { readPdf, squash } from '../pdf/helpers.js';
import { startServe, type Running } from './helpers.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** One marker a field: found anywhere afterwards, it leaked. */
const MARKERS = { name: 'Zorblat Quenfix', note: 'Bring the scans QX7', place: 'Room QX9', medicine: 'Warfarin QX5' };

let browser: Browser;
let server: Running;
let root: { root: string; done: () => Promise<void> };
let temp: string;

beforeAll(async () => {
  root = await tempRoot();
  // the server's own temporary folder, to look into afterwards
  temp = await mkdtemp(path.join(tmpdir(), 'leaflets-serve-tmp-'));
  server = await startServe(root.root, { TMPDIR: temp });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await root?.done();
  await rm(temp, { recursive: true, force: true });
});

async function open(url: string, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#status').filter({ hasText: /up to date|problem/ }).waitFor({ timeout: 30_000 });
  return { page, context };
}

const previewText = (page: Page) => page.frameLocator('#preview').locator('body').innerText({ timeout: 20_000 });

/** Presses Tab until the element with this id has the focus: how someone without a mouse gets there. */
async function tabTo(page: Page, id: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

describe('a doctor', () => {
  it('fills the form with the keyboard, sees the preview follow, downloads a PDF that holds it, and leaves nothing behind', async () => {
    const { page, context } = await open(server.url);
    // the page opens on the first leaflet in its source language: periduroscopia, it
    expect(await page.inputValue('#leaflet')).toBe('periduroscopia');
    expect(await page.inputValue('#lang')).toBe('it');
    // a section that does not apply is left out with the space bar
    expect(await previewText(page)).toContain('Benefici principali');
    await tabTo(page, 's-benefits');
    await page.keyboard.press('Space');
    await expect.poll(async () => previewText(page), { timeout: 30_000 }).not.toContain('Benefici principali');
    await tabTo(page, 'f-name');
    await page.keyboard.type(MARKERS.name);
    await tabTo(page, 'f-appointment_place');
    await page.keyboard.type(MARKERS.place);
    await tabTo(page, 'f-note');
    await page.keyboard.type(MARKERS.note);
    await expect.poll(async () => previewText(page), { timeout: 30_000 }).toContain(MARKERS.note);
    const shown = await previewText(page);
    expect(shown).toContain(MARKERS.name);
    expect(shown).toContain(MARKERS.place);

    // a medicine row, added with the keyboard: its missing instruction is explained beside it
    await tabTo(page, 'add-medication');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-medication_0_name');
    await page.keyboard.type('Warfarin QX5');
    await expect.poll(() => page.locator('[data-error-for="medication.0.action"]').innerText(), { timeout: 20_000 }).toMatch(/action/);
    await tabTo(page, 'f-medication_0_action');
    await page.keyboard.type('stop');
    await expect.poll(async () => previewText(page).catch(() => ''), { timeout: 30_000 }).toContain('Warfarin QX5');

    // the note is in another language than the leaflet: the preview says so to screen readers
    await tabTo(page, 'f-lang');
    await page.keyboard.type('Ukr'); // a closed list jumps to what is typed
    expect(await page.inputValue('#f-lang')).toBe('uk');
    await expect.poll(() => page.frameLocator('#preview').locator('[lang="uk"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.frameLocator('#preview').locator('[lang="uk"]').first().innerText()).toMatch(/QX7|QX9/);

    // a wrong value is shown beside its field, and the preview is not left standing
    await tabTo(page, 'f-name');
    await page.keyboard.press('End');
    await page.keyboard.type('\u202e');
    await expect.poll(() => page.locator('[data-error-for="name"]').innerText(), { timeout: 20_000 }).toMatch(/not text/);
    expect(await page.getAttribute('#f-name', 'aria-invalid')).toBe('true');
    expect(await page.isHidden('#preview')).toBe(true);
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('[data-error-for="name"]').innerText(), { timeout: 20_000 }).toBe('');

    // Download PDF, pressed with the keyboard
    await tabTo(page, 'download');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('periduroscopia-it-patient.pdf');
    const chunks: Buffer[] = [];
    for await (const c of (await download.createReadStream())!) chunks.push(c as Buffer);
    const pdf = await readPdf(new Uint8Array(Buffer.concat(chunks)));
    const text = squash(pdf.text.join('\n'));
    expect(text).toContain(MARKERS.name);
    expect(text).toContain(MARKERS.note);
    await download.delete();
    await context.close();

    // closing the tab leaves nothing: no file anywhere it could have gone, no line of output
    const stopped = server;
    await stopped.stop();
    server = await startServe(root.root, { TMPDIR: temp });
    const leaks: string[] = [];
    for (const dir of [root.root, path.join(root.root, 'out'), temp])
      for (const file of await filesUnder(dir)) {
        const bytes = await readFile(file);
        for (const m of Object.values(MARKERS)) if (bytes.includes(m)) leaks.push(`${file}: ${m}`);
      }
    expect(leaks).toEqual([]);
    for (const m of Object.values(MARKERS)) expect(stopped.output()).not.toContain(m);
    expect(stopped.output()).not.toMatch(/Zorblat|QX5|QX7|QX9/);
  });
});

describe('an editor', () => {
  it('sees the preview follow a change to the YAML, and the diagnostic instead of the preview when it breaks', async () => {
    const file = path.join(root.root, 'data/leaflets/periduroscopia/en.yaml');
    const { page, context } = await open(server.editorUrl);
    await tabTo(page, 'lang');
    await page.keyboard.type('en');
    expect(await page.inputValue('#lang')).toBe('en');
    await expect.poll(async () => previewText(page), { timeout: 30_000 }).toMatch(/Epiduroscopy|Periduroscopy/i);
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^title: (.*)$/m, 'title: Edited Title QK5'));
    await expect.poll(async () => previewText(page).catch(() => ''), { timeout: 30_000 }).toContain('Edited Title QK5');

    await writeFile(file, original.replace(/^title: (.*)$/m, 'title: [unclosed'));
    const problems = page.locator('#problems');
    await expect.poll(() => problems.innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/en\.yaml:\d+:\d+ LEAF1\d{3}/);
    expect(await page.isHidden('#preview')).toBe(true);

    await writeFile(file, original);
    await expect.poll(() => page.isVisible('#preview'), { timeout: 30_000 }).toBe(true);
    await context.close();
  });
});

describe('the pages', () => {
  for (const which of ['doctor', 'editor'] as const)
    it(`the ${which}'s page has no axe-core violations`, async () => {
      // axe is a script the test adds; the page's own policy allows only the server's script
      const { page, context } = await open(which === 'doctor' ? server.url : server.editorUrl, { bypassCSP: true });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { iframes: false });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      await context.close();
      expect(violations).toEqual([]);
    });
});
