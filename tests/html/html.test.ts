import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { HtmlValidate } from 'html-validate';
import { loadPatient } from '../../src/content/patient.js';
import { pageContent, cssString } from '../../src/write/html.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { REPO, cli, renderHtml, renderHtmlResult, tempRoot } from './helpers.js';

type El = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['childNode'];

const isEl = (n: Node | DefaultTreeAdapterMap['document']): n is El => 'tagName' in n;
function all(n: El | DefaultTreeAdapterMap['document']): El[] {
  return (n.childNodes as Node[]).filter(isEl).flatMap((c) => [c, ...all(c)]);
}
const attr = (e: El, name: string) => e.attrs.find((a) => a.name === name)?.value;
const cls = (e: El) => (attr(e, 'class') ?? '').split(/\s+/);
function text(e: El | Node): string {
  if (e.nodeName === '#text') return (e as DefaultTreeAdapterMap['textNode']).value;
  return isEl(e) ? (e.childNodes as Node[]).map(text).join('') : '';
}

/** The golden set: each language, template and brand at least once, and one personal handout. */
const GOLDEN = [
  { name: 'it-standard-demo-clinic', lang: 'it', template: 'standard', brand: 'demo-clinic' },
  { name: 'en-standard-neutral', lang: 'en', template: 'standard', brand: 'neutral' },
  { name: 'it-large-print-neutral', lang: 'it', template: 'large-print', brand: 'neutral' },
  { name: 'en-large-print-demo-clinic', lang: 'en', template: 'large-print', brand: 'demo-clinic' },
  { name: 'it-standard-demo-clinic-patient', lang: 'it', template: 'standard', brand: 'demo-clinic', patient: true },
] as const;

const outputs = new Map<string, string>();

beforeAll(async () => {
  const patient = await loadPatient({ file: 'data/patients/example.yaml', set: [], root: REPO, cwd: REPO });
  if (!patient.ok) throw new Error('the example patient does not load');
  for (const g of GOLDEN)
    outputs.set(g.name, await renderHtml({ lang: g.lang, template: g.template, brand: g.brand, ...('patient' in g ? { patient: patient.value } : {}) }));
});

describe('golden HTML for the bundled leaflet (refresh with npm test -- -u)', () => {
  for (const g of GOLDEN)
    it(g.name, async () => {
      await expect(outputs.get(g.name)).toMatchFileSnapshot(`../golden/html/${g.name}.html`);
    });
});

describe('every golden page is valid, accessible HTML5', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended', 'html-validate:document'],
    rules: {
      // Section ids are the section paths of the content ("procedure.steps"), which the
      // PDF bookmarks and --sections also use. HTML5 allows any id without spaces; the
      // strict form of this rule only wants letters, digits, dash and underscore.
      'valid-id': ['error', { relaxed: true }],
    },
  });

  for (const g of GOLDEN)
    describe(g.name, () => {
      const doc = () => parse(outputs.get(g.name)!);

      it('passes html-validate with no errors', async () => {
        const report = await validator.validateString(outputs.get(g.name)!, `${g.name}.html`);
        const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
        expect(messages).toEqual([]);
        expect(report.valid).toBe(true);
      });

      it('says its language on <html>', () => {
        const html = all(doc()).find((e) => e.tagName === 'html')!;
        expect(attr(html, 'lang')).toBe(g.lang);
        expect(attr(html, 'dir')).toBe('ltr');
      });

      it('has one h1 and headings that never skip a level', () => {
        const levels = all(doc())
          .filter((e) => /^h[1-6]$/.test(e.tagName))
          .map((e) => Number(e.tagName[1]));
        expect(levels.filter((l) => l === 1)).toHaveLength(1);
        expect(levels[0]).toBe(1);
        for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
      });

      it('has header, main and footer landmarks directly in the body', () => {
        const body = all(doc()).find((e) => e.tagName === 'body')!;
        const tags = (body.childNodes as Node[]).filter(isEl).map((e) => e.tagName);
        expect(tags.filter((t) => ['header', 'main', 'footer'].includes(t))).toEqual(['header', 'main', 'footer']);
        expect(all(doc()).filter((e) => e.tagName === 'main')).toHaveLength(1);
      });

      it('keeps list items in lists', () => {
        for (const li of all(doc()).filter((e) => e.tagName === 'li')) expect(['ul', 'ol']).toContain((li.parentNode as El).tagName);
        expect(all(doc()).filter((e) => e.tagName === 'ol' && cls(e).includes('steps'))).toHaveLength(1);
        expect(all(doc()).filter((e) => e.tagName === 'ol' && cls(e).includes('points'))[0]!.childNodes.filter(isEl)).toHaveLength(5);
      });

      it('gives every FAQ question a heading followed by its answer', () => {
        const items = all(doc()).filter((e) => cls(e).includes('faq-item'));
        expect(items).toHaveLength(5);
        for (const item of items) {
          const kids = (item.childNodes as Node[]).filter(isEl);
          expect(kids[0]!.tagName).toBe('h3');
          expect(cls(kids[0]!)).toContain('question');
          expect(cls(kids[1]!)).toContain('answer');
          expect(text(kids[1]!).trim().length).toBeGreaterThan(20);
        }
      });

      it('fetches nothing: no external URL in any src, href or stylesheet', () => {
        const html = outputs.get(g.name)!;
        for (const e of all(doc())) {
          expect(attr(e, 'src') ?? 'data:image/png;base64,').toMatch(/^data:image\/(svg\+xml|png|jpeg);base64,/);
          expect(attr(e, 'href') ?? 'mailto:').toMatch(/^(mailto:|tel:|https:|#)/);
          expect(e.tagName).not.toMatch(/^(link|script|iframe|object|embed)$/);
        }
        expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
      });

      it('carries a Content-Security-Policy before its stylesheet: no script, no network, data: images only', () => {
        const metas = all(doc()).filter((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
        expect(metas).toHaveLength(1);
        const policy = Object.fromEntries(attr(metas[0]!, 'content')!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
        expect(policy).toMatchObject({ 'default-src': "'none'", 'script-src': "'none'", 'img-src': 'data:', 'style-src': "'unsafe-inline'" });
        const html = outputs.get(g.name)!;
        expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
      });

      it('takes its title and description from the leaflet, never the patient', () => {
        const title = text(all(doc()).find((e) => e.tagName === 'title')!);
        expect(title).toBe(g.lang === 'it' ? 'Periduroscopia' : 'Periduroscopy');
        const head = outputs.get(g.name)!.split('</head>')[0]!;
        expect(head).not.toContain('Mario');
        expect(head).toMatch(/<meta name="description" content="[^"]+">/);
      });
    });
});

describe('draft and approved languages', () => {
  it('a draft language (en) shows a visible DRAFT banner and marks every printed page', () => {
    const html = outputs.get('en-standard-neutral')!;
    expect(html).toMatch(/<div class="draft-mark" role="note">\s*<p class="draft-notice"><strong>DRAFT<\/strong>/);
    expect(html).toMatch(/@top-right \{ content: "DRAFT"/);
  });

  it('an approved language (it) has no draft mark', () => {
    const html = outputs.get('it-standard-demo-clinic')!;
    expect(html.split('<body')[1]).not.toContain('draft-mark');
    expect(html).not.toContain('@top-right');
  });

  it('the large-print draft word is not a block of capitals', () => {
    expect(outputs.get('en-large-print-demo-clinic')!).toMatch(/<strong>Draft<\/strong>/);
  });
});

describe('print stylesheet', () => {
  it('sets the paper size, the theme’s margins and localized page numbers', () => {
    const it = outputs.get('it-standard-demo-clinic')!;
    expect(it).toMatch(/@page \{\s*size: A4;\s*margin: 26mm 18mm 22mm 18mm;/);
    expect(it).toContain('@bottom-right { content: "Pagina " counter(page) " di " counter(pages);');
    expect(outputs.get('en-standard-neutral')!).toContain('content: "Page " counter(page) " of " counter(pages);');
  });

  it('follows --paper', async () => {
    expect(await renderHtml({ paper: 'letter' })).toMatch(/@page \{\s*size: letter;/);
    expect(await renderHtml({ paper: 'a5' })).toMatch(/@page \{\s*size: A5;/);
  });

  it('prints large-print page numbers at the body size', () => {
    expect(outputs.get('it-large-print-neutral')!).toMatch(/@bottom-right \{[^}]*font-size: 18pt;/);
  });

  it('writes a page-number format as CSS that cannot break out of its string', () => {
    expect(pageContent('Pagina {page} di {pages}')).toBe('"Pagina " counter(page) " di " counter(pages)');
    expect(pageContent('{page}/{pages}')).toBe('counter(page) "/" counter(pages)');
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5c c\\3c /style\\3e "');
  });
});

describe('brand in the header', () => {
  it('shows the clinic’s name and its logo as a data URI', async () => {
    const doc = parse(outputs.get('it-standard-demo-clinic')!);
    const header = all(doc).find((e) => e.tagName === 'header')!;
    expect(text(header)).toContain('Clinica Demo Esempio');
    const logo = all(header).find((e) => e.tagName === 'img')!;
    expect(attr(logo, 'alt')).toBe('Logo della Clinica Demo Esempio');
    const src = attr(logo, 'src')!;
    expect(src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = await readFile(path.join(REPO, 'data/brands/demo-clinic-logo.svg'));
    expect(Buffer.from(src.split(',')[1]!, 'base64').equals(svg)).toBe(true);
  });

  it('the neutral brand has no logo', () => {
    expect(outputs.get('en-standard-neutral')!).not.toContain('<img');
  });
});

describe('the same input gives the same bytes', () => {
  it('rendering twice gives identical HTML', async () => {
    const a = await renderHtml({ lang: 'en', brand: 'demo-clinic', template: 'large-print' });
    expect(a).toBe(outputs.get('en-large-print-demo-clinic'));
  });
});

describe('with a content copy to break on purpose', () => {
  let root: string;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ root, done } = await tempRoot());
  });
  afterAll(() => done());

  const brandFile = (name: string, body: string) => writeFile(path.join(root, 'data/brands', `${name}.yaml`), body);
  const out = (name: string) => path.join(root, 'out', name);

  it('theme.yaml drives the CSS custom properties', async () => {
    await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true });
    const theme = path.join(root, 'templates/standard/theme.yaml');
    await writeFile(theme, (await readFile(theme, 'utf8')).replace('body: 11,', 'body: 13,').replace('muted: "#555555"', 'muted: "#444444"'));
    const html = await renderHtml({ root, brand: undefined });
    expect(html).toContain('--size-body: 13pt;');
    expect(html).toContain('--colour-muted: #444444;');
  });

  it('a stylesheet that would fetch something is refused, naming style.css', async () => {
    await cp(path.join(REPO, 'templates/standard'), path.join(root, 'templates/fetching'), { recursive: true });
    await writeFile(path.join(root, 'templates/fetching/style.css'), 'body { color: red; }\n@import url("https://example.org/x.css");\n');
    const r = await renderHtmlResult({ root, template: 'fetching' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.BAD_STYLESHEET, line: 2 });
    expect(r.diagnostics[0]!.file).toMatch(/fetching\/style\.css$/);
  });

  it('content text shows literally: markup, Handlebars, entities and quotes', async () => {
    const file = path.join(root, 'data/leaflets/periduroscopia/it.yaml');
    const yaml = await readFile(file, 'utf8');
    const hostile = `'<script>alert(1)</script> {{x}} &amp; "q" ''s'' <b>no</b> **sì** *anche*'`;
    await writeFile(file, yaml.replace(/^  - La \*\*periduroscopia\*\*.*$/m, `  - ${hostile}`));
    const html = await renderHtml({ root, lang: 'it', brand: 'demo-clinic', fresh: true });
    await writeFile(file, yaml);
    const doc = parse(html);
    const summary = all(doc).find((e) => cls(e).includes('summary'))!;
    const first = all(summary).find((e) => e.tagName === 'p')!;
    expect(text(first)).toBe(`<script>alert(1)</script> {{x}} &amp; "q" 's' <b>no</b> sì anche`);
    expect(all(first).map((e) => e.tagName)).toEqual(['strong', 'em']);
    expect(all(doc).filter((e) => ['script', 'b'].includes(e.tagName))).toEqual([]);
  });

  it('a logo outside the brands folder: exit 1, the brand file named, nothing written', async () => {
    await writeFile(path.join(root, 'outside.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await brandFile('escapee', 'name: Escapee\nlogo: ../../outside.svg\n');
    const r = await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '--brand', 'escapee', '-o', out('escapee.html')], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/brands/escapee.yaml');
    expect(r.stderr).toContain(CODES.BAD_LOGO);
    expect(existsSync(out('escapee.html'))).toBe(false);
  });

  it('a missing logo: exit 1, the brand file named, nothing written', async () => {
    await brandFile('nologo', 'name: No Logo\nlogo: missing.png\n');
    const r = await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '--brand', 'nologo', '-o', out('nologo.html')], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('data/brands/nologo.yaml');
    expect(existsSync(out('nologo.html'))).toBe(false);
  });

  it('an SVG logo with an external reference: exit 1, the brand file named, nothing written', async () => {
    await writeFile(
      path.join(root, 'data/brands/evil.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png" width="1" height="1"/></svg>',
    );
    await brandFile('evil', 'name: Evil\nlogo: evil.svg\n');
    const r = await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '--brand', 'evil', '-o', out('evil.html')], root);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CODES.SVG_EXTERNAL);
    expect(r.stderr).toContain('data/brands/evil.yaml');
    expect(r.stderr).toContain('https://tracker.example/p.png');
    expect(existsSync(out('evil.html'))).toBe(false);
  });

  it('a failed render leaves an existing output file as it was', async () => {
    const target = out('kept.html');
    await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '-o', target], root);
    const before = await readFile(target);
    const r = await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '--brand', 'evil', '-o', target], root);
    expect(r.code).toBe(1);
    expect((await readFile(target)).equals(before)).toBe(true);
  });

  it('never overwrites a source file', async () => {
    const source = path.join(root, 'data/leaflets/periduroscopia/it.yaml');
    const before = await readFile(source);
    const r = await cli(['render', 'periduroscopia', '--root', root, '--format', 'html', '-o', 'data/leaflets/periduroscopia/it.yaml'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing to write/);
    expect((await readFile(source)).equals(before)).toBe(true);
  });
});

describe('large print follows UKAAF in its theme and stylesheet', () => {
  it('every size is 16 pt or more, the body 18 pt, italics off', async () => {
    const { loadTemplate } = await import('../../src/content/template.js');
    const t = await loadTemplate('large-print', { root: REPO, cwd: REPO });
    if (!t.ok) throw new Error('large-print does not load');
    expect(t.value.theme.sizes.body).toBe(18);
    for (const [k, v] of Object.entries(t.value.theme.sizes)) expect(v, k).toBeGreaterThanOrEqual(16);
    expect(t.value.theme.italic).toBe(false);
  });

  it('its stylesheet has no italics, underlining, capitals, justification or columns', async () => {
    const css = (await readFile(path.join(REPO, 'templates/large-print/style.css'), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '');
    expect(css).not.toMatch(/font-style:\s*(italic|oblique)/);
    expect(css).not.toMatch(/text-decoration:\s*underline/);
    expect(css).not.toMatch(/text-transform:\s*(uppercase|capitalize)/);
    expect(css).not.toMatch(/text-align:\s*justify/);
    expect(css).not.toMatch(/\bcolumns?(-count)?:/);
    expect(outputs.get('it-large-print-neutral')).toContain('--em-style: normal;');
  });
});

describe('the installed command', () => {
  it('`node bin/leaflets.js render … --format html` writes the file (after the build)', async () => {
    const { root, done } = await tempRoot();
    try {
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin/leaflets.js'), 'render', 'periduroscopia', '--root', root, '--lang', 'en', '--format', 'html', '--template', 'large-print'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('out/periduroscopia-en-large-print.html');
      expect(await readFile(path.join(root, 'out/periduroscopia-en-large-print.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="en"/);
    } finally {
      await done();
    }
  });
});
