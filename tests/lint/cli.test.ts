import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runCli, spawnCli, PROJECT } from '../support/cli.js';
import { EN, fixture, IT, type Fixture } from './fixture.js';

const fixtures: Fixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((f) => f.remove()));
});

async function root(files: Parameters<typeof fixture>[0] = {}, config?: string, stamp = true): Promise<Fixture> {
  const f = await fixture(files, { stamp });
  fixtures.push(f);
  if (config !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${f.root}/leaflets.config.yaml`, config);
  }
  return f;
}

const lint = (f: Fixture, args: string[], options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
  runCli(['lint', '--root', f.root, '--today', '2026-06-01', ...args], { cwd: f.root, ...options });

describe('leaflets lint, as people read it', () => {
  it('says so when there are no problems, and exits 0', async () => {
    const r = await lint(await root(), []);
    expect(r).toEqual({ code: 0, stdout: '✔ No problems in 1 leaflet (2 language files).\n', stderr: '' });
  });

  it('groups problems by file as line:column severity message rule-id, then a summary line', async () => {
    const en = EN.replace('Go home', 'Torna a casa');
    const r = await runCli(['lint', '--root', '.', '--today', '2027-11-20'], { cwd: (await root({ en })).root });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'data/leaflets/demo/leaflet.yaml',
        '  7:11  warning  The review date 2028-01-10 is in 51 days. Plan the review of this leaflet.  review-date',
        '',
        'data/leaflets/demo/en.yaml',
        '  40:17  warning  “Torna a casa” is the same as in it.yaml:28:17: translate it, or list it under this rule\'s \'allow\' option if it is a name.  translation-untranslated',
        '',
        '✖ 2 problems (0 errors, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 when there is an error', async () => {
    const r = await lint(await root({ en: EN.replace('              - Bring your health card\n', '') }), []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {2}.*list item 2 .* has no translation\. {2}translation-missing/);
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('exits 1 when warnings exceed --max-warnings, 0 when they do not', async () => {
    const f = await root({ en: EN.replace('Go home', 'Torna a casa') });
    const over = await lint(f, ['--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stdout).toContain('✖ Too many warnings: 1, at most 0 allowed');
    expect((await lint(f, ['--max-warnings', '1'])).code).toBe(0);
  });

  it('takes the warning limit from lint.maxWarnings in leaflets.config.yaml; the flag wins', async () => {
    const f = await root({ en: EN.replace('Go home', 'Torna a casa') }, 'lint:\n  maxWarnings: 0\n');
    expect((await lint(f, [])).code).toBe(1);
    expect((await lint(f, ['--max-warnings', '3'])).code).toBe(0);
  });

  it('colours the report on a terminal only, and never with NO_COLOR', async () => {
    const f = await root({ en: EN.replace('Go home', 'Torna a casa') });
    expect((await lint(f, [], { tty: true })).stdout).toContain('\u001b[');
    expect((await lint(f, [], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await lint(f, [])).stdout).not.toContain('\u001b[');
  });

  it('--stats prints words, sentences and score for every section and the whole leaflet', async () => {
    const r = await lint(await root(), ['--stats']);
    expect(r.stdout).toContain('demo · it  (Gulpease: higher is easier');
    // words, sentences, words per sentence, long words, score
    expect(r.stdout).toMatch(/it {4}day\.before +7 +2 +3\.5 +\d+% +[\d.]+\n/);
    expect(r.stdout).toMatch(/en {4}\(leaflet\) +\d+ +\d+ +[\d.]+ +\d+% +-?[\d.]+\n/);
  });

  it('--stats counts every language, one without a formula too (Chinese, segmented into words)', async () => {
    const zh = EN.replace('lang: en', 'lang: zh').replace(
      '      - text: The visit is a simple check. The doctor asks a few questions. Then the doctor looks at your back.',
      '      - text: 这次检查很简单。医生会问几个问题。然后医生会检查您的背部。',
    );
    const r = await lint(await root({ extra: { 'zh.yaml': zh } }), ['--stats']);
    expect(r.stdout).toContain('demo · zh  (score: no readability formula for this language: counts only');
    // three sentences; words from segmentation, several a sentence, not one
    const row = /zh {4}what +(\d+) +(\d+) +([\d.]+) +\d+% +–\n/.exec(r.stdout);
    expect(row, r.stdout).not.toBeNull();
    expect(Number(row![2])).toBe(4);
    expect(Number(row![3])).toBeGreaterThan(2);
    const json = JSON.parse((await lint(await root({ extra: { 'zh.yaml': zh } }), ['--json'])).stdout) as { file: string; stats?: { total: { words: number; longWords: number; score?: number } } }[];
    const total = json.find((f) => f.file.endsWith('zh.yaml'))!.stats!.total;
    expect(total.score).toBeUndefined();
    expect(total.longWords).toBeGreaterThanOrEqual(0);
  });

  it('a callout label is also recognised from the template strings of the root (a clinic wording)', async () => {
    const en = EN.replace('            tip: Feel free to ask if you are not sure.', '            tip: "Good to know: feel free to ask if you are not sure."');
    const f = await root({ en });
    const { mkdir, writeFile } = await import('node:fs/promises');
    expect((await lint(f, [])).stdout).not.toContain('typed-decoration');
    // the clinic's own wording of the tip label, in its language pack
    await mkdir(`${f.root}/i18n`, { recursive: true });
    await writeFile(`${f.root}/i18n/en.yaml`, 'tip: Good to know\n');
    const r = await lint(f, []);
    expect(r.stdout).toMatch(/\d+:\d+ +warning +“Good to know:” repeats the label the template prints on every tip\..* typed-decoration/);
  });

  it('--help lists the options with examples', async () => {
    const r = await runCli(['lint', '--help']);
    expect(r.code).toBe(0);
    for (const s of ['--max-warnings', '--stats', '--template', '--today', '--stamp', 'leaflets lint --max-warnings 0', 'docs/lint.md'])
      expect(r.stdout).toContain(s);
  });
});

describe('leaflets lint on content that does not load', () => {
  it('lists the load problems with their code in place of a rule id, and exits 1', async () => {
    const f = await root();
    await f.edit('en.yaml', (t) => t.replace('  - id: points\n', '  - id: pionts\n'));
    const r = await lint(f, []);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('data/leaflets/demo/en.yaml\n')).toBe(true);
    expect(r.stdout).toMatch(/\n {2}\d+:\d+ +error +Section 'pionts' .*Did you mean 'points'\? +LEAF1021\n/);
  });
});

describe('leaflets lint --json', () => {
  it('prints one entry per file with messages, counts and readability stats', async () => {
    const r = await lint(await root({ en: EN.replace('Go home', 'Torna a casa') }), ['--json']);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as {
      file: string;
      messages: { ruleId: string; severity: string; line: number; column: number; code: string; message: string }[];
      errorCount: number;
      warningCount: number;
      stats?: { lang: string; index: string; total: { words: number; score: number } };
    }[];
    expect(results.map((x) => x.file)).toEqual(['data/leaflets/demo/leaflet.yaml', 'data/leaflets/demo/it.yaml', 'data/leaflets/demo/en.yaml']);
    expect(results[2]!.messages).toEqual([
      expect.objectContaining({ ruleId: 'translation-untranslated', severity: 'warning', line: 40, column: 17, code: 'LEAF5004' }),
    ]);
    expect(results[2]).toMatchObject({ errorCount: 0, warningCount: 1, stats: { lang: 'en', index: 'flesch-kincaid-grade' } });
    expect(results[1]!.stats).toMatchObject({ lang: 'it', index: 'gulpease' });
    expect(results[1]!.stats!.total.words).toBeGreaterThan(0);
  });
});

describe('lint settings in leaflets.config.yaml', () => {
  it('turns a rule off', async () => {
    const f = await root({ en: EN.replace('Go home', 'Torna a casa') }, 'lint:\n  rules:\n    translation-untranslated: "off"\n');
    expect((await lint(f, [])).stdout).toContain('No problems');
  });

  it('raises a warning to an error, and passes options', async () => {
    const f = await root({}, 'lint:\n  rules:\n    sentence-length: [error, { max: 4 }]\n');
    const r = await lint(f, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error {2}This sentence has \d+ words \(more than 4\)/);
  });

  it('refuses an unknown rule id with a suggestion, at its line in the config', async () => {
    const f = await root({}, 'lint:\n  rules:\n    readablity: warn\n');
    const r = await lint(f, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('leaflets.config.yaml\n  3:5  error  There is no lint rule \'readablity\'. Did you mean \'readability\'?');
  });

  it('refuses an unknown or mistyped option', async () => {
    const f = await root({}, 'lint:\n  rules:\n    review-date: [warn, { warnDay: 30 }]\n    sentence-length: [warn, { max: many }]\n');
    const r = await lint(f, ['--json']);
    const codes = (JSON.parse(r.stdout) as { messages: { code: string; message: string }[] }[]).flatMap((x) => x.messages);
    expect(codes.map((m) => m.code)).toEqual(['LEAF5021', 'LEAF5021']);
    expect(codes[0]!.message).toContain("Did you mean 'warnDays'?");
    expect(codes[1]!.message).toContain('must be a number');
  });
});

describe('leaflets lint --stamp', () => {
  it('stamps a translation so that a later source change is reported as stale', async () => {
    const f = await root({ en: EN.replace(/translatedFrom:[\s\S]*?points: a+\n/, '') }, undefined, false);
    expect((await lint(f, [])).stdout).toContain('translation-stale');
    const s = await runCli(['lint', '--root', f.root, '--stamp', 'demo', '--lang', 'en'], { cwd: f.root });
    expect(s).toMatchObject({ code: 0, stderr: '' });
    expect(s.stdout).toContain('Stamped data/leaflets/demo/en.yaml against it.yaml: 7 of 7 stamps changed');
    expect((await lint(f, [])).stdout).toContain('No problems');
    await f.edit('it.yaml', (t) => t.replace('Mangia come sempre', 'Mangia leggero'));
    const stale = await lint(f, []);
    expect(stale.stdout).toContain("Section 'day.before' changed in it.yaml since this translation was stamped");
  });

  it('needs --lang naming a translation, not the source', async () => {
    const f = await root();
    const none = await runCli(['lint', '--root', f.root, '--stamp', 'demo'], { cwd: f.root });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--stamp needs --lang <code>, the translation to stamp. Translations of 'demo': en.");
    const source = await runCli(['lint', '--root', f.root, '--stamp', 'demo', '--lang', 'it'], { cwd: f.root });
    expect(source.code).toBe(2);
    expect(source.stderr).toContain("'it' is the source language of 'demo'");
  });
});

describe('leaflets lint, usage errors (exit 2)', () => {
  it.each([
    [['nope'], "There is no leaflet 'nope'"],
    [['--today', '2026-02-30'], '--today takes a date as YYYY-MM-DD'],
    [['--max-warnings', 'few'], '--max-warnings takes a whole number'],
    [['--template', 'standrad'], "There is no template 'standrad'. Did you mean 'standard'?"],
    [['--lang', 'en'], '--lang is only used with --stamp'],
  ])('%j', async (args, message) => {
    const f = await root();
    const r = await runCli(['lint', '--root', f.root, ...args], { cwd: f.root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('leaflets lint on the bundled content', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', '.'], { cwd: PROJECT });
  });

  it('runs as a process, has no errors, gives every language its counts and Italian and English a score', () => {
    const r = spawnCli(['lint', '--json', '--today', '2026-11-25']);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as { file: string; errorCount: number; stats?: { lang: string; total: { score: number } } }[];
    expect(results.reduce((n, x) => n + x.errorCount, 0)).toBe(0);
    const stats = results.filter((x) => x.file.includes('periduroscopia')).flatMap((x) => (x.stats ? [x.stats] : []));
    expect(stats.map((s) => s.lang)).toEqual(['it', 'ar', 'bn', 'en', 'hi', 'zh-Hans']);
    expect(stats.filter((s) => s.total.score !== undefined).map((s) => s.lang)).toEqual(['it', 'en']);
    // the translations say the same as the source: about as many sentences and words
    const it = stats.find((s) => s.lang === 'it')!.total as unknown as { sentences: number; words: number };
    for (const s of stats) {
      const t = s.total as unknown as { sentences: number; words: number };
      expect(Math.abs(t.sentences - it.sentences) / it.sentences, s.lang).toBeLessThan(0.35);
      expect(t.words / it.words, s.lang).toBeGreaterThan(0.7);
      expect(t.words / it.words, s.lang).toBeLessThan(1.4);
    }
  });
});
