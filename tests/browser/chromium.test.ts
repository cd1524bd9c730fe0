/**
 * The HTML leaflets in a real headless Chromium: accessibility (axe-core),
 * phone width, no network, print. One browser for the whole file and each
 * page rendered once: the machine is small and shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CODES } from '../../src/diagnostics/codes.js';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO, renderHtml, renderHtmlResult, tempRoot } from '../html/helpers.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const PAGES = [
  { name: 'it-standard', lang: 'it', template: 'standard' },
  { name: 'en-standard', lang: 'en', template: 'standard' },
  { name: 'it-large-print', lang: 'it', template: 'large-print' },
  { name: 'en-large-print', lang: 'en', template: 'large-print' },
  { name: 'ar-standard', lang: 'ar', template: 'standard' },
  { name: 'ar-large-print', lang: 'ar', template: 'large-print' },
  { name: 'zh-Hans-standard', lang: 'zh-Hans', template: 'standard' },
  { name: 'hi-standard', lang: 'hi', template: 'standard' },
  { name: 'bn-standard', lang: 'bn', template: 'standard' },
  { name: 'bn-large-print', lang: 'bn', template: 'large-print' },
  // the right-to-left test leaflet (tests/fixtures/leaflets/bidi-sample): Hebrew, and Arabic with Urdu and Persian
  { name: 'he-sample-standard', lang: 'he', template: 'standard', leaflet: 'bidi-sample' },
  { name: 'he-sample-large-print', lang: 'he', template: 'large-print', leaflet: 'bidi-sample' },
  { name: 'ar-sample-standard', lang: 'ar', template: 'standard', leaflet: 'bidi-sample' },
] as const;
/** the bundled translations made from the Italian source and not yet approved, and the draft test leaflet */
const DRAFTS: readonly string[] = ['en', 'ar', 'zh-Hans', 'hi', 'bn', 'he'];

let browser: Browser;
let dir: string;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leaflets-browser-'));
  const sampleRoot = path.join(dir, 'root');
  await cp(path.join(REPO, 'tests/fixtures/leaflets/bidi-sample'), path.join(sampleRoot, 'data/leaflets/bidi-sample'), { recursive: true });
  await cp(path.join(REPO, 'data/brands'), path.join(sampleRoot, 'data/brands'), { recursive: true });
  for (const p of PAGES) {
    const file = path.join(dir, `${p.name}.html`);
    const leaflet = 'leaflet' in p ? { leaflet: p.leaflet, root: sampleRoot } : {};
    await writeFile(file, await renderHtml({ lang: p.lang, template: p.template, brand: 'demo-clinic', ...leaflet }));
    files.set(p.name, file);
  }
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a leaflet, recording every request the page makes besides the document itself. */
async function open(name: string, width = 1024, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const url = pathToFileURL(files.get(name)!).href;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests, close: () => context.close() };
}

for (const p of PAGES)
  describe(`${p.lang}, ${p.template}, demo-clinic brand`, () => {
    it('has no axe-core violations', async () => {
      // axe is a script the test adds; the leaflet's own policy forbids every script
      const { page, close } = await open(p.name, 1024, { bypassCSP: true });
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      await close();
      expect(result).toEqual([]);
    });

    it('fits a 375 px phone with no horizontal scrolling and makes no network request', async () => {
      const { page, requests, close } = await open(p.name, 375);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      await close();
      expect(widths.scroll).toBeLessThanOrEqual(375);
      expect(requests).toEqual([]);
    });

    it('prints with nothing essential hidden, and the draft mark when the language is a draft', async () => {
      const { page, close } = await open(p.name);
      await page.emulateMedia({ media: 'print' });
      const seen = await page.evaluate(() => {
        const visible = (e: Element) => {
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
        };
        const essential = [...document.querySelectorAll('h1, h2, h3, p, li, dt, dd, img, header, footer, main')].filter(
          (e) => !e.closest('.pagination'),
        );
        return {
          hidden: essential.filter((e) => !visible(e)).map((e) => e.outerHTML.slice(0, 80)),
          draft: [...document.querySelectorAll('.draft-mark')].map((e) => visible(e)),
        };
      });
      await close();
      expect(seen.hidden).toEqual([]);
      expect(seen.draft).toEqual(DRAFTS.includes(p.lang) ? [true] : []);
    });

    it('prints to an A4 PDF from the browser', async () => {
      const { page, close } = await open(p.name);
      const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
      await close();
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThan(1);
      // A4 is 210 × 297 mm = 595.3 × 841.9 pt.
      for (const [w, h] of boxes) {
        expect(Math.abs(w! - 595.3)).toBeLessThan(1.5);
        expect(Math.abs(h! - 841.9)).toBeLessThan(1.5);
      }
    });
  });

describe('right to left in the browser', () => {
  for (const name of ['ar-standard', 'ar-large-print', 'he-sample-standard', 'he-sample-large-print'])
    it(`${name}: the page runs right to left, callout bars and list indents on the right, with the same stylesheet`, async () => {
      const { page, close } = await open(name);
      const seen = await page.evaluate(() => {
        const callout = document.querySelector('.callout')!;
        const list = document.querySelector('main ul')!;
        const h1 = document.querySelector('h1')!;
        const main = document.querySelector('main')!.getBoundingClientRect();
        return {
          dir: getComputedStyle(document.body).direction,
          bar: [parseFloat(getComputedStyle(callout).borderRightWidth), parseFloat(getComputedStyle(callout).borderLeftWidth)],
          indent: [parseFloat(getComputedStyle(list).paddingRight), parseFloat(getComputedStyle(list).paddingLeft)],
          // the title's text hugs the right edge of the main column
          gap: main.right - (() => {
            const r = document.createRange();
            r.selectNodeContents(h1);
            return r.getBoundingClientRect().right;
          })(),
        };
      });
      await close();
      expect(seen.dir).toBe('rtl');
      expect(seen.bar[0]).toBeGreaterThan(0);
      expect(seen.bar[1]).toBe(0);
      expect(seen.indent[0]!).toBeGreaterThan(seen.indent[1]!);
      expect(Math.abs(seen.gap)).toBeLessThan(40);
    });
});

describe('left-to-right runs inside right-to-left text in the browser', () => {
  /** Left edges of the characters of `needle` (spaces left out), in logical order, and the tops of their boxes, where the page shows them. */
  const boxes = (page: Page, needle: string) =>
    page.evaluate((needle) => {
      const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
      // the needle's characters may be one text node (isolated) or part of a longer one (not isolated); no-break spaces count as spaces
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent!.replace(/\u00a0/g, ' ');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        const out: { left: number; top: number }[] = [];
        for (let i = at; i < at + needle.length; i++) {
          if (text[i] === ' ') continue;
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const box = r.getBoundingClientRect();
          out.push({ left: box.left, top: box.top });
        }
        return out;
      }
      return null;
    }, needle);

  for (const name of ['he-sample-standard', 'he-sample-large-print', 'ar-sample-standard'])
    it(`${name}: the phone number +39 02 1234 5678, the dose "Paracetamol 500 mg" and the date 24/11/2026 read left to right, character after character`, async () => {
      const { page, close } = await open(name);
      const seen = {
        phone: await boxes(page, '+39 02 1234 5678'),
        drug: await boxes(page, 'Paracetamol 500 mg'),
        date: await boxes(page, '24/11/2026'),
      };
      await close();
      for (const [what, chars] of Object.entries(seen)) {
        expect(chars, what).not.toBeNull();
        // on one line, each character right of the one before it
        expect(new Set(chars!.map((c) => Math.round(c.top))).size, what).toBe(1);
        for (let i = 1; i < chars!.length; i++) expect(chars![i]!.left, `${what}: character ${i}`).toBeGreaterThan(chars![i - 1]!.left);
      }
    });
});

describe('large print in the browser', () => {
  for (const name of ['it-large-print', 'en-large-print'])
    it(`${name}: body text at 18 pt, nothing italic, nothing in capitals`, async () => {
      const { page, close } = await open(name, 375);
      const style = await page.evaluate(() => {
        const all = [...document.querySelectorAll('body, body *')];
        return {
          paragraph: parseFloat(getComputedStyle(document.querySelector('main p')!).fontSize),
          smallest: Math.min(
            ...all.filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())).map((e) => parseFloat(getComputedStyle(e).fontSize)),
          ),
          italic: all.filter((e) => getComputedStyle(e).fontStyle !== 'normal').map((e) => e.tagName),
          capitals: all.filter((e) => getComputedStyle(e).textTransform !== 'none').map((e) => e.tagName),
          underlined: all.filter((e) => getComputedStyle(e).textDecorationLine.includes('underline')).map((e) => e.tagName),
          justified: all.filter((e) => getComputedStyle(e).textAlign === 'justify').map((e) => e.tagName),
        };
      });
      await close();
      // 18 pt = 24 px; UKAAF's floor is 16 pt = 21.3 px.
      expect(style.paragraph).toBe(24);
      expect(style.smallest).toBeGreaterThanOrEqual(21.3);
      expect(style.italic).toEqual([]);
      expect(style.capitals).toEqual([]);
      expect(style.underlined).toEqual([]);
      expect(style.justified).toEqual([]);
    });
});

describe('content text in the browser', () => {
  it('shows <script>, {{x}}, &amp; and quotes literally and runs nothing', async () => {
    const { root, done } = await tempRoot();
    try {
      const file = path.join(root, 'data/leaflets/periduroscopia/en.yaml');
      const yaml = await readFile(file, 'utf8');
      const hostile = `'<script>window.pwned = 1</script> {{x}} &amp; "double" ''single'' <img src=x onerror="window.pwned=2"> **bold** *italic*'`;
      // the first paragraph of what-it-is, whatever its wording
      const edited = yaml.replace(/(- id: what-it-is\n(?:.*\n)*?\s+blocks:\n\s+- text: ).*$/m, `$1${hostile}`);
      if (edited === yaml) throw new Error('fixture edit found nothing to replace');
      await writeFile(file, edited);
      files.set('hostile', path.join(dir, 'hostile.html'));
      await writeFile(files.get('hostile')!, await renderHtml({ root, lang: 'en', brand: 'demo-clinic', fresh: true }));
      const { page, requests, close } = await open('hostile');
      const seen = await page.evaluate(() => {
        const p = document.querySelector('section#what-it-is p')!;
        return {
          text: p.textContent,
          children: [...p.children].map((c) => c.tagName),
          scripts: document.querySelectorAll('script').length,
          pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        };
      });
      await close();
      expect(seen.text).toBe(`<script>window.pwned = 1</script> {{x}} &amp; "double" 'single' <img src=x onerror="window.pwned=2"> bold italic`);
      expect(seen.children).toEqual(['STRONG', 'EM']);
      expect(seen.scripts).toBe(0);
      expect(seen.pwned).toBeNull();
      expect(requests).toEqual([]);
    } finally {
      await done();
    }
  });
});

describe('a clinic template cannot run code or fetch anything', () => {
  let server: Server;
  let port: number;
  const hits: string[] = [];
  beforeAll(async () => {
    // A server of our own: a request that leaves the page is seen here even
    // if the browser's request events missed it.
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a script, an inline handler, a theme value closing the style and a url() to a local server in the template are refused before any HTML is written', async () => {
    const { root, done } = await tempRoot();
    try {
      await cp(path.join(REPO, 'templates/standard'), path.join(root, 'templates/clinic'), { recursive: true });
      const css = path.join(root, 'templates/clinic/style.css');
      await writeFile(css, `${await readFile(css, 'utf8')}\nbody { background: u\\72l(http://127.0.0.1:${port}/css); }\n`);
      const r = await renderHtmlResult({ root, template: 'clinic', fresh: true });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.diagnostics.map((d) => d.code)).toContain(CODES.BAD_STYLESHEET);

      await writeFile(css, await readFile(path.join(REPO, 'templates/standard/style.css'), 'utf8'));
      // the theme route that once put a running <script> into the page
      const theme = path.join(root, 'templates/clinic/theme.yaml');
      const themeText = await readFile(theme, 'utf8');
      await writeFile(theme, themeText.replace('primary: "#1f4e79"', 'primary: "#fff}</style><script>window.pwned=1</script><style>"'));
      const viaTheme = await renderHtmlResult({ root, template: 'clinic', fresh: true });
      expect(!viaTheme.ok && viaTheme.diagnostics.map((d) => d.code)).toEqual([CODES.INVALID_VALUE]);
      await writeFile(theme, themeText);
      const main = path.join(root, 'templates/clinic/leaflet.hbs');
      const hbs = await readFile(main, 'utf8');
      await writeFile(main, hbs.replace(/<main([^>]*)>/, `<main$1><script>window.pwned = 1</script><p onclick="window.pwned = 2">x</p>`));
      const html = await renderHtmlResult({ root, template: 'clinic', fresh: true });
      expect(html.ok).toBe(false);
      if (!html.ok) expect(html.diagnostics.map((d) => d.code)).toEqual([CODES.MARKUP_OUTSIDE_CONTRACT, CODES.MARKUP_OUTSIDE_CONTRACT]);
    } finally {
      await done();
    }
    expect(hits).toEqual([]);
  });

  it('even planted into a leaflet, a script, inline handlers and url()s run nothing and make no request', async () => {
    const real = await renderHtml({ lang: 'it', template: 'standard', brand: 'demo-clinic' });
    const base = `http://127.0.0.1:${port}`;
    // Everything a template check could miss, written after the policy <meta> as a template's CSS or markup would be.
    const planted = real
      .replace('</style>', `body { background: url(${base}/css-url); }\n@import url(${base}/css-import);\n@font-face { font-family: X; src: url(${base}/font); }\np { font-family: X; }\n</style>\n<link rel="stylesheet" href="${base}/link">`)
      .replace(
        '<main',
        `<script>window.pwned = 'script'; fetch('${base}/fetch');</script><script src="${base}/script.js"></script><img alt="" src="${base}/img" onerror="window.pwned = 'handler'"><div onclick="window.pwned = 'click'" id="planted">x</div><iframe title="x" src="${base}/frame"></iframe><object data="${base}/object" aria-label="x"></object><main`,
      );
    expect(planted).not.toBe(real);
    files.set('planted', path.join(dir, 'planted.html'));
    await writeFile(files.get('planted')!, planted);
    const { page, close } = await open('planted');
    // Chromium announces a request before its policy blocks it: count those answered, and the server's log.
    const answered: string[] = [];
    page.on('requestfinished', (r) => answered.push(r.url()));
    const blocked: string[] = [];
    page.on('requestfailed', (r) => blocked.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.reload({ waitUntil: 'load' });
    await page.click('#planted');
    await page.waitForTimeout(300);
    const pwned = await page.evaluate(() => (window as unknown as { pwned?: string }).pwned ?? null);
    await close();
    expect(pwned).toBeNull();
    expect(hits).toEqual([]);
    expect(answered.filter((u) => u.startsWith(base))).toEqual([]);
    expect(blocked.length).toBeGreaterThan(0);
  });
});
