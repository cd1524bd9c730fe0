import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT, runCli } from '../support/cli.js';
import { EN, tempRoot } from '../support/root.js';
import { readPdf } from '../pdf/helpers.js';
import { Renderer } from '../../src/render.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { HtmlValidate } from 'html-validate';

/** The golden pages' rules (tests/html/html.test.ts): a tagged part must keep the page valid. */
async function htmlProblems(html: string): Promise<string[]> {
  const validator = new HtmlValidate({ extends: ['html-validate:recommended', 'html-validate:document'], rules: { 'valid-id': ['error', { relaxed: true }] } });
  const report = await validator.validateString(html, 'page.html');
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`));
}

type Root = Awaited<ReturnType<typeof tempRoot>>;
const roots: Root[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await r.remove();
});

async function clinic(): Promise<Root & { write: (rel: string, text: string) => Promise<void>; read: (rel: string) => Promise<string> }> {
  const r = await tempRoot();
  roots.push(r);
  const write = async (rel: string, text: string) => {
    await mkdir(path.dirname(r.file(rel)), { recursive: true });
    await writeFile(r.file(rel), text);
  };
  return { ...r, write, read: (rel) => readFile(r.file(rel), 'utf8') };
}

const enLeaflet = () => readFile(path.join(PROJECT, EN), 'utf8');
/** The English leaflet as another language's approved file (the words stay English: the labels are what is tested). */
const asLanguage = async (lang: string) => (await enLeaflet()).replace(/^lang: en$/m, `lang: ${lang}`).replace(/^status: draft$/m, 'status: approved');
const enPack = () => readFile(path.join(PROJECT, 'i18n/en.yaml'), 'utf8');
const DUTCH = async () =>
  (await enPack())
    .replace('tip: Practical tip', 'tip: Praktische tip')
    .replace('page: Page {page} of {pages}', 'page: Pagina {page} van {pages}')
    .replace('companion: Companion', 'companion: Begeleider')
    .replace('locale: en-GB', 'locale: nl-NL');
const out = (root: string) => ['--out', path.join(root, 'out')];

describe('a language is one file in the content folder (or none, for a bundled pack)', () => {
  it('Dutch from i18n/nl.yaml renders in both templates and both formats, with its own labels', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/nl.yaml', await asLanguage('nl'));
    await c.write('i18n/nl.yaml', await DUTCH());
    for (const template of ['standard', 'large-print']) {
      const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'nl', '--template', template, '--format', 'pdf,html', ...out(c.root)]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const suffix = template === 'standard' ? '' : '-large-print';
      const html = await c.read(`out/periduroscopia-nl${suffix}.html`);
      expect(html).toContain('<html lang="nl"');
      expect(html).toContain('Praktische tip');
      const pdf = await readPdf(await readFile(c.file(`out/periduroscopia-nl${suffix}.pdf`)));
      expect(pdf.text.join('\n')).toContain(`Pagina 1 van ${pdf.pages}`);
    }
  });

  it('Ukrainian needs no file at all: the bundled pack serves both templates and both formats', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/uk.yaml', await asLanguage('uk'));
    for (const template of ['standard', 'large-print']) {
      const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'uk', '--template', template, '--format', 'pdf,html', ...out(c.root)]);
      expect(r.code).toBe(0);
      const suffix = template === 'standard' ? '' : '-large-print';
      expect(await c.read(`out/periduroscopia-uk${suffix}.html`)).toContain('Практична порада');
      const pdf = await readPdf(await readFile(c.file(`out/periduroscopia-uk${suffix}.pdf`)));
      expect(pdf.text.join('\n')).toContain(`Сторінка 1 з ${pdf.pages}`);
    }
  });

  it('lint warns that the Ukrainian pack is not reviewed, until the clinic records a review', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/uk.yaml', await asLanguage('uk'));
    const codes = async () =>
      (JSON.parse((await runCli(['lint', '--root', c.root, '--json'])).stdout) as { file: string; messages: { code: string; message: string }[] }[]).flatMap((f) =>
        f.messages.map((m) => ({ file: f.file, ...m })),
      );
    const before = (await codes()).filter((m) => m.code === CODES.LINT_STRINGS_UNREVIEWED);
    expect(before).toEqual([expect.objectContaining({ file: c.file('data/leaflets/periduroscopia/uk.yaml'), line: 2 })]);
    expect(before[0]!.message).toContain(path.join(c.root, 'i18n', 'uk.yaml'));
    await c.write('i18n/uk.yaml', 'reviewed: true\nreviewedBy: OK (translator)\n');
    expect((await codes()).filter((m) => m.code === CODES.LINT_STRINGS_UNREVIEWED)).toEqual([]);
  });

  it('a clinic overrides one bundled string and keeps the rest', async () => {
    const c = await clinic();
    await c.write('i18n/it.yaml', 'tip: Suggerimento\n');
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'it', '--format', 'html', ...out(c.root)]);
    expect(r.code).toBe(0);
    const html = await c.read('out/periduroscopia-it.html');
    expect(html).toContain('>Suggerimento<');
    expect(html).not.toContain('Consiglio pratico');
    expect(html).toContain('>Rif. PIL-SPINE-001 · Versione 1.0');
    const langs = JSON.parse((await runCli(['languages', '--root', c.root, '--json'])).stdout) as { languages: { lang: string; strings: string }[] };
    expect(langs.languages.find((l) => l.lang === 'it')!.strings).toBe('both');
    expect(langs.languages.find((l) => l.lang === 'de')!.strings).toBe('bundled');
  });
});

describe('checked before rendering', () => {
  it('a missing key is an error before anything renders, naming the clinic file, the key and the part that needs it', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/nl.yaml', await asLanguage('nl'));
    await c.write('i18n/nl.yaml', (await DUTCH()).replace(/^ {2}companion: Begeleider\n/m, ''));
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'nl', '--format', 'pdf,html', '--patient', path.join(PROJECT, 'data/patients/example.yaml'), ...out(c.root)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CODES.STRINGS_MISSING_KEY);
    expect(r.stderr).toContain("'patient.companion'");
    expect(r.stderr).toContain('patient box rows');
    expect(r.stderr).toContain(path.join('i18n', 'nl.yaml'));
    expect(existsSync(c.file('out'))).toBe(false);
    await c.write('leaflets.config.yaml', 'templates: [standard, large-print]\n');
    const v = await runCli(['validate', '--root', c.root, '--json']);
    expect(v.code).toBe(1);
    const report = JSON.parse(v.stdout) as { languages: { id: string; valid: boolean; diagnostics: { code: string; message: string }[] }[] };
    const nl = report.languages.find((l) => l.id === 'nl')!;
    expect(nl.valid).toBe(false);
    // once for each template the config builds
    expect(nl.diagnostics.filter((d) => d.code === CODES.STRINGS_MISSING_KEY).length).toBe(2);
  });

  it('the message never sends the editor into the installed package', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/nl.yaml', await asLanguage('nl'));
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'nl', '--format', 'html', ...out(c.root)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CODES.NO_TEMPLATE_STRINGS);
    expect(r.stderr).toContain(path.join(c.root, 'i18n', 'nl.yaml'));
    expect(r.stderr).not.toContain(path.join(PROJECT, 'templates'));
    expect(r.stderr).not.toContain(path.join(PROJECT, 'i18n'));
  });

  it('an unknown key is a warning with "did you mean"', async () => {
    const c = await clinic();
    await c.write('i18n/it.yaml', 'reviewed: true\ntipp: Suggerimento\n');
    const r = await runCli(['validate', '--root', c.root]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/i18n\/it\.yaml:2:1.*warning.*'tipp'.*Did you mean 'tip'\?/s);
    expect(r.stderr).toContain(CODES.STRINGS_UNKNOWN_KEY);
  });

  it('validate says plainly which script no font of a template covers', async () => {
    const c = await clinic();
    // the clinic's own standard template, without the script faces of the bundled one
    await cp(path.join(PROJECT, 'templates/standard'), c.file('templates/standard'), { recursive: true });
    const theme = await c.read('templates/standard/theme.yaml');
    await c.write('templates/standard/theme.yaml', theme.replace(/^  scripts:\n(    .*\n|      .*\n)+/m, ''));
    await c.write('data/leaflets/periduroscopia/hi.yaml', await asLanguage('hi'));
    const r = await runCli(['validate', '--root', c.root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CODES.LANGUAGE_WITHOUT_FONT);
    expect(r.stderr).toContain("No font of template 'standard' covers Devanagari script; the leaflet cannot be rendered in hi (Hindi)");
    const langs = JSON.parse((await runCli(['languages', '--root', c.root, '--json'])).stdout) as { languages: { lang: string; renderable: boolean; fonts: { lacks: string[] }[] }[] };
    const hi = langs.languages.find((l) => l.lang === 'hi')!;
    expect(hi.renderable).toBe(false);
    expect(hi.fonts.map((f) => f.lacks)).toContainEqual(['Devanagari']);
    expect(langs.languages.find((l) => l.lang === 'uk')!.fonts.every((f) => f.lacks.length === 0)).toBe(true);
  });

  it('a translated page label that loses a {placeholder} is refused', async () => {
    const c = await clinic();
    await c.write('i18n/it.yaml', 'page: Pagina {page} di {pagine}\n');
    const r = await runCli(['validate', '--root', c.root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CODES.STRINGS_PLACEHOLDER);
  });
});

describe('a translation never blocks another', () => {
  const brokenUk = async () => (await asLanguage('uk')).replace(/^title: .*$/m, 'title:\n\t- broken');

  it('render --lang it works beside a broken uk.yaml, which it does not read; uk itself fails', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/uk.yaml', await brokenUk());
    const it = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'it', '--format', 'html', ...out(c.root)]);
    expect(it.code).toBe(0);
    expect(it.stderr).not.toContain('uk.yaml');
    expect(existsSync(c.file('out/periduroscopia-it.html'))).toBe(true);
    // a translation is read with its source only
    const en = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'en', '--format', 'html', ...out(c.root)]);
    expect(en.code).toBe(0);
    expect(en.stderr).not.toContain('uk.yaml');
    const uk = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'uk', '--format', 'html', ...out(c.root)]);
    expect(uk.code).toBe(1);
    expect(uk.stderr).toContain('uk.yaml');
  });

  it('validate reports the broken file and exits 1', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/uk.yaml', await brokenUk());
    const r = await runCli(['validate', '--root', c.root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\/leaflets\/periduroscopia\/uk\.yaml:\d+:\d+/);
    const list = JSON.parse((await runCli(['list', '--root', c.root, '--json'])).stdout) as { languages: string[]; broken: string[] }[];
    expect(list[0]).toMatchObject({ languages: ['it', 'en'], broken: ['uk'] });
  });

  it('build makes every other artefact and reports the failed ones', async () => {
    const c = await clinic();
    await c.write('data/leaflets/periduroscopia/uk.yaml', await brokenUk());
    await c.write('leaflets.config.yaml', 'formats: [html]\ntemplates: [standard]\n');
    const r = await runCli(['build', '--root', c.root, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { artefacts: { status: string; path: string }[] };
    expect(report.artefacts.map((a) => `${a.status} ${a.path.split('/').pop()}`).sort()).toEqual([
      'built periduroscopia-en.html',
      'built periduroscopia-it.html',
      'failed periduroscopia-uk.html',
    ]);
  });

  it('a broken clinic strings file fails only its own language', async () => {
    const c = await clinic();
    await c.write('i18n/uk.yaml', 'tip: [unclosed\n');
    const it = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'it', '--format', 'html', ...out(c.root)]);
    expect(it.code).toBe(0);
    const v = await runCli(['validate', '--root', c.root]);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain(path.join('i18n', 'uk.yaml'));
  });
});

describe("a clinic's templates are added to the bundled ones", () => {
  it('copying only standard into the content folder keeps the bundled large-print', async () => {
    const c = await clinic();
    await cp(path.join(PROJECT, 'templates/standard'), c.file('templates/standard'), { recursive: true });
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--template', 'large-print', '--format', 'html', ...out(c.root)]);
    expect(r.code).toBe(0);
  });

  it('a clinic template extends a bundled one from its own folder, with no copy of its partials', async () => {
    const c = await clinic();
    await c.write('templates/mine/leaflet.hbs', (await readFile(path.join(PROJECT, 'templates/standard/leaflet.hbs'), 'utf8')).replace('<main>', '<main>\n    <p>Clinica</p>'));
    await c.write('templates/mine/theme.yaml', `extends: standard\n${await readFile(path.join(PROJECT, 'templates/standard/theme.yaml'), 'utf8')}`);
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--template', 'mine', '--format', 'html', ...out(c.root)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = await c.read('out/periduroscopia-it-mine.html');
    expect(html).toContain('<p>Clinica</p>');
    expect(html).toContain('Consiglio pratico');
  });
});

describe('the language of every part', () => {
  const brand = 'name:\n  en: Example Clinic\nfooter:\n  en: A clinic that does not exist\ncontacts:\n  phone: "+39 000"\n';

  it('brand text that falls back to English carries lang="en" in HTML and /Lang (en) in the PDF; lint warns', async () => {
    const c = await clinic();
    await c.write('data/brands/fallback.yaml', brand);
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--brand', 'fallback', '--format', 'pdf,html', ...out(c.root)]);
    expect(r.code).toBe(0);
    const html = await c.read('out/periduroscopia-it-fallback.html');
    expect(html).toContain('<p class="brand-name" lang="en">Example Clinic</p>');
    expect(html).toContain('<strong lang="en">Example Clinic</strong>');
    expect(html).toContain('<p lang="en">A clinic that does not exist</p>');
    expect(await htmlProblems(html)).toEqual([]);
    const renderer = new Renderer({ root: c.root, cwd: c.root });
    const composed = await renderer.compose({ leaflet: 'periduroscopia', template: 'standard', brand: 'fallback', formats: ['pdf'], paper: 'a4', skip: [] });
    if (!composed.ok) throw new Error('compose');
    const pdf = Buffer.from(await readFile(c.file('out/periduroscopia-it-fallback.pdf'))).toString('latin1');
    expect(pdf).toMatch(/\/Lang \(it\)/);
    expect(pdf).toMatch(/\/S \/Span[\s\S]{0,80}\/Lang \(en\)|\/Lang \(en\)[\s\S]{0,80}\/S \/Span/);
    expect(pdf).toMatch(/\/S \/P[\s\S]{0,80}\/Lang \(en\)|\/Lang \(en\)[\s\S]{0,80}\/S \/P\b/);
    await c.write('leaflets.config.yaml', 'brands: [fallback]\n');
    const lint = await runCli(['lint', '--root', c.root, '--json']);
    const messages = (JSON.parse(lint.stdout) as { file: string; messages: { code: string; message: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.code === CODES.LINT_BRAND_UNTRANSLATED).map((m) => m.message).join('\n')).toMatch(/no 'it' name[\s\S]*no 'it' footer/);
  });

  it("a patient's note in Ukrainian is tagged in an Italian handout, in HTML and PDF", async () => {
    const c = await clinic();
    await c.write(
      'patient.yaml',
      'name: Olena Test\nlang: uk\nappointment:\n  date: 2026-12-03\nfasting: Не їсти після півночі\nmedication:\n  - name: Warfarin\n    action: stop\n    note: за порадою кардіолога\nnote: Візьміть із собою знімки МРТ.\n',
    );
    const r = await runCli(['render', 'periduroscopia', '--root', c.root, '--patient', c.file('patient.yaml'), '--format', 'pdf,html', ...out(c.root)], { env: { SOURCE_DATE_EPOCH: '1795000000' } });
    expect(r.code).toBe(0);
    const html = await c.read('out/periduroscopia-it-patient.html');
    expect(html).toContain('<dd lang="uk">Не їсти після півночі</dd>');
    expect(html).toMatch(/<dd>Warfarin: sospendere \(<span lang="uk">за порадою кардіолога<\/span>\)<\/dd>/);
    expect(html).toContain('<p lang="uk">Візьміть із собою знімки МРТ.</p>');
    expect(await htmlProblems(html)).toEqual([]);
    const pdf = Buffer.from(await readFile(c.file('out/periduroscopia-it-patient.pdf'))).toString('latin1');
    expect(pdf.match(/\/Lang \(uk\)/g)!.length).toBeGreaterThanOrEqual(3);
  });
});

describe('handouts', () => {
  const patient = path.join(PROJECT, 'data/patients/example.yaml');

  it('a handout from a draft translation needs --allow-draft, and keeps its DRAFT marks with it', async () => {
    const c = await clinic();
    const refused = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'en', '--patient', patient, '--format', 'html', ...out(c.root)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--allow-draft');
    expect(existsSync(c.file('out'))).toBe(false);
    const allowed = await runCli(['render', 'periduroscopia', '--root', c.root, '--lang', 'en', '--patient', patient, '--allow-draft', '--format', 'html', ...out(c.root)]);
    expect(allowed.code).toBe(0);
    expect(await c.read('out/periduroscopia-en-patient.html')).toContain('DRAFT');
  });

  it('an appointment before the render date is a warning that quotes no patient data', async () => {
    const c = await clinic();
    // the example appointment is on 2026-03-03
    const after = await runCli(['render', 'periduroscopia', '--root', c.root, '--patient', patient, '--format', 'html', ...out(c.root)], { env: { SOURCE_DATE_EPOCH: '1795000000' } });
    expect(after.code).toBe(0);
    expect(after.stderr).toContain(CODES.APPOINTMENT_PAST);
    expect(after.stderr).not.toContain('2026-03-03');
    const before = await runCli(['render', 'periduroscopia', '--root', c.root, '--patient', patient, '--format', 'html', ...out(c.root)], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(before.code).toBe(0);
    expect(before.stderr).not.toContain(CODES.APPOINTMENT_PAST);
  });
});
