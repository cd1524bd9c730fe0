import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, writeFile, readFile, rm, symlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { loadTemplate } from '../../src/content/template.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { PROJECT } from '../support/cli.js';
import { tempRoot } from '../support/root.js';

describe('a template may extend another and keep its partials', () => {
  it('large print draws with the standard partials and its own main template', async () => {
    const t = await loadTemplate('large-print', { root: PROJECT, cwd: PROJECT });
    if (!t.ok) throw new Error(JSON.stringify(t.diagnostics));
    expect(t.value.partials.get('tip')!.path).toBe(path.join(PROJECT, 'templates/standard/partials/tip.hbs'));
    expect(t.value.main.path).toBe(path.join(PROJECT, 'templates/large-print/leaflet.hbs'));
    expect(t.value.theme).not.toHaveProperty('extends');
  });

  describe('in a clinic folder', () => {
    let t: Awaited<ReturnType<typeof tempRoot>>;
    beforeAll(async () => {
      t = await tempRoot();
      await cp(path.join(PROJECT, 'templates'), t.file('templates'), { recursive: true });
    });
    afterAll(async () => t.remove());

    it('a partial of its own replaces the one it would inherit', async () => {
      await mkdir(t.file('templates/large-print/partials'), { recursive: true });
      await writeFile(t.file('templates/large-print/partials/tip.hbs'), '<div class="callout tip"><p>{{inline text}}</p></div>\n');
      const lp = await loadTemplate('large-print', { root: t.root, cwd: t.root });
      if (!lp.ok) throw new Error(JSON.stringify(lp.diagnostics));
      expect(lp.value.partials.get('tip')!.path).toBe(t.file('templates/large-print/partials/tip.hbs'));
      expect(lp.value.partials.get('faq')!.path).toBe(t.file('templates/standard/partials/faq.hbs'));
    });

    it('extending a template that does not exist is an error at its line', async () => {
      const theme = t.file('templates/large-print/theme.yaml');
      await writeFile(theme, (await readFile(theme, 'utf8')).replace('extends: standard', 'extends: standrad'));
      const lp = await loadTemplate('large-print', { root: t.root, cwd: t.root });
      expect(lp.ok).toBe(false);
      if (lp.ok) return;
      expect(lp.diagnostics[0]).toMatchObject({ code: 'LEAF2005', file: 'templates/large-print/theme.yaml', line: 6 });
    });
  });
});

describe('a template reads only files inside its templates folder', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  let secret: string;
  const SECRET = 'root:x:0:0:SECRET-BODY-MARKER';
  beforeAll(async () => {
    t = await tempRoot();
    secret = t.file('outside-secret.txt');
    await writeFile(secret, `${SECRET}\n`);
  });
  afterAll(async () => t.remove());

  /** A fresh copy of the bundled templates, so each test breaks one thing. */
  const freshTemplates = async () => {
    await rm(t.file('templates'), { recursive: true, force: true });
    await cp(path.join(PROJECT, 'templates'), t.file('templates'), { recursive: true });
  };
  const load = (name = 'standard') => loadTemplate(name, { root: t.root, cwd: t.root });
  const failure = async (name = 'standard') => {
    const r = await load(name);
    if (r.ok) throw new Error('the template loaded');
    expect(JSON.stringify(r.diagnostics)).not.toContain('SECRET-BODY-MARKER');
    return r.diagnostics;
  };

  it('a partial symlinked to a file outside is refused by name, and its text is never shown', async () => {
    await freshTemplates();
    await rm(t.file('templates/standard/partials/tip.hbs'));
    await symlink(secret, t.file('templates/standard/partials/tip.hbs'));
    const d = await failure();
    expect(d[0]).toMatchObject({ code: CODES.TEMPLATE_FILE_REFUSED, file: 'templates/standard/partials/tip.hbs' });
    expect(d[0]!.message).toMatch(/partial 'tip'.*outside its folder/);
  });

  it('an inherited partial symlinked outside is refused for the template that extends it', async () => {
    await freshTemplates();
    await rm(t.file('templates/standard/partials/faq.hbs'));
    await symlink('/etc/passwd', t.file('templates/standard/partials/faq.hbs'));
    const d = await failure('large-print');
    expect(d[0]).toMatchObject({ code: CODES.TEMPLATE_FILE_REFUSED, file: 'templates/standard/partials/faq.hbs' });
  });

  it('leaflet.hbs, style.css and theme.yaml symlinked outside are refused', async () => {
    for (const f of ['leaflet.hbs', 'style.css', 'theme.yaml']) {
      await freshTemplates();
      await rm(t.file(`templates/standard/${f}`));
      await symlink(secret, t.file(`templates/standard/${f}`));
      const d = await failure();
      // theme.yaml is read as every YAML file is: a link out of its folder is FILE_OUTSIDE
      expect(d[0]).toMatchObject({ code: f === 'theme.yaml' ? CODES.FILE_OUTSIDE : CODES.TEMPLATE_FILE_REFUSED, file: `templates/standard/${f}` });
    }
  });

  it('a partials folder that is a symlink out of the templates folder is refused', async () => {
    await freshTemplates();
    await mkdir(t.file('elsewhere'), { recursive: true });
    await cp(t.file('templates/standard/partials'), t.file('elsewhere/partials'), { recursive: true });
    await rm(t.file('templates/standard/partials'), { recursive: true });
    await symlink(t.file('elsewhere/partials'), t.file('templates/standard/partials'));
    const d = await failure();
    expect(d[0]).toMatchObject({ code: CODES.TEMPLATE_FILE_REFUSED, file: 'templates/standard/partials' });
  });

  it('a template font symlinked outside the template folder is refused at its line in theme.yaml', async () => {
    await freshTemplates();
    await mkdir(t.file('templates/standard/fonts'));
    await symlink(secret, t.file('templates/standard/fonts/Body.ttf'));
    await writeFile(
      t.file('templates/standard/theme.yaml'),
      (await readFile(t.file('templates/standard/theme.yaml'), 'utf8')).replace('regular: dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'regular: ./fonts/Body.ttf'),
    );
    const d = await failure();
    expect(d[0]).toMatchObject({ code: CODES.FONT_REFUSED, file: 'templates/standard/theme.yaml', line: 7 });
  });

  it('a template font inside the template folder is used', async () => {
    await freshTemplates();
    await mkdir(t.file('templates/standard/fonts'));
    await cp(path.join(PROJECT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), t.file('templates/standard/fonts/Body.ttf'));
    await writeFile(
      t.file('templates/standard/theme.yaml'),
      (await readFile(t.file('templates/standard/theme.yaml'), 'utf8')).replace('regular: dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'regular: ./fonts/Body.ttf'),
    );
    const r = await load();
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.value.theme.fonts.body.regular).toBe(await realpath(t.file('templates/standard/fonts/Body.ttf')));
  });

  it('packaged fonts resolve inside the node_modules folder of their package', async () => {
    const r = await loadTemplate('standard', { root: PROJECT, cwd: PROJECT });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    for (const f of Object.values(r.value.theme.fonts.body)) expect(f).toMatch(/[\\/]node_modules[\\/]dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans[\w-]*\.ttf$/);
  });
});

describe('theme.yaml is checked against schemas/theme.schema.json', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  let original: string;
  beforeAll(async () => {
    t = await tempRoot();
    await cp(path.join(PROJECT, 'templates'), t.file('templates'), { recursive: true });
    original = await readFile(t.file('templates/standard/theme.yaml'), 'utf8');
  });
  afterAll(async () => t.remove());
  const withTheme = async (change: (s: string) => string) => {
    const next = change(original);
    if (next === original) throw new Error('the edit changed nothing');
    await writeFile(t.file('templates/standard/theme.yaml'), next);
    const r = await loadTemplate('standard', { root: t.root, cwd: t.root });
    if (r.ok) throw new Error('the theme was accepted');
    return r.diagnostics;
  };

  it('a theme without fonts: is a plain error naming the field, not a crash', async () => {
    const d = await withTheme((s) => s.replace(/^fonts:\n(?: {2}.*\n)+/m, ''));
    expect(d[0]).toMatchObject({ code: CODES.MISSING_FIELD, file: 'templates/standard/theme.yaml', line: 4 });
    expect(d[0]!.message).toContain("'fonts'");
  });

  /** 1-based line of the bundled standard theme.yaml that starts with `start` (after its indent) */
  const themeLine = async (start: string) =>
    (await readFile(path.join(PROJECT, 'templates/standard/theme.yaml'), 'utf8')).split('\n').findIndex((l) => l.trimStart().startsWith(start)) + 1;

  it('a colour that tries to close the style element is refused at its line and column', async () => {
    const d = await withTheme((s) => s.replace('primary: "#1f4e79"', 'primary: "red}</style><script>alert(1)</script>"'));
    expect(d[0]).toMatchObject({ code: CODES.INVALID_VALUE, file: 'templates/standard/theme.yaml', line: await themeLine('primary:'), column: 12 });
    expect(d[0]!.message).toContain('#rrggbb');
  });

  it('a font stack entry outside the family-name charset is refused', async () => {
    const d = await withTheme((s) => s.replace('[DejaVu Sans,', '["x; } body { background: url(https://e.example/) } a {",'));
    expect(d[0]).toMatchObject({ code: CODES.INVALID_VALUE, file: 'templates/standard/theme.yaml', line: await themeLine('fontStack:') });
  });

  it('sizes out of range and text where a number belongs are refused', async () => {
    expect((await withTheme((s) => s.replace('body: 11,', 'body: 4,')))[0]).toMatchObject({ code: CODES.INVALID_VALUE, line: await themeLine('sizes:') });
    expect((await withTheme((s) => s.replace('leading: 1.4', 'leading: "1.4; color: red"')))[0]).toMatchObject({ code: CODES.WRONG_TYPE, line: await themeLine('leading:') });
  });

  it('a font that is neither a packaged font nor a file of the template is refused', async () => {
    const d = await withTheme((s) => s.replace('regular: dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'regular: /etc/passwd'));
    expect(d[0]).toMatchObject({ code: CODES.INVALID_VALUE, line: 7 });
    const up = await withTheme((s) => s.replace('regular: dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'regular: ./../../x.ttf'));
    expect(up[0]).toMatchObject({ code: CODES.INVALID_VALUE, line: 7 });
  });
});

describe('script fonts in theme.yaml', () => {
  it('the bundled templates name regular and bold faces for Arabic, Hebrew, Chinese, Devanagari and Bengali, resolved inside their packages', async () => {
    for (const name of ['standard', 'large-print']) {
      const t = await loadTemplate(name, { root: '/nonexistent', cwd: '/' });
      if (!t.ok) throw new Error(JSON.stringify(t.diagnostics));
      const scripts = t.value.theme.fonts.scripts;
      expect(Object.keys(scripts).sort()).toEqual(['arabic', 'bengali', 'devanagari', 'han', 'hebrew']);
      for (const faces of Object.values(scripts)) for (const f of [faces.regular, faces.bold]) expect(f).toMatch(/node_modules\/@[^/]+\/[^/]+\/.+\.(ttf|otf)$/);
    }
  });
});
