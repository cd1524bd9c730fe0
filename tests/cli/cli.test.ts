import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT, runCli, spawnCli } from '../support/cli.js';
import { IT, tempRoot } from '../support/root.js';

describe('leaflets list', () => {
  it('shows every leaflet with titles, languages, status and document control', async () => {
    const r = await runCli(['list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('periduroscopia  PIL-SPINE-001 v1.0  review 2028-11-24');
    expect(r.stdout).toMatch(/it\s+approved\s+Periduroscopia\s+\(source\)/);
    expect(r.stdout).toMatch(/en\s+draft\s+Periduroscopy/);
  });

  it('--json prints an array of objects with id and languages', async () => {
    const r = await runCli(['list', '--json']);
    const rows = JSON.parse(r.stdout) as { id: string; languages: string[]; status: Record<string, string> }[];
    expect(rows).toEqual([
      expect.objectContaining({ id: 'cataract-surgery', languages: ['it', 'en'], status: { it: 'draft', en: 'draft' } }),
      expect.objectContaining({ id: 'periduroscopia', languages: ['it', 'ar', 'bn', 'en', 'hi', 'zh-Hans'], status: { it: 'approved', ar: 'draft', bn: 'draft', en: 'draft', hi: 'draft', 'zh-Hans': 'draft' } }),
    ]);
  });
});

describe('leaflets languages', () => {
  it('lists Bengali, with the bundled leaflet and the Bengali faces of both templates, and Hebrew with its faces (and Latin, for the letters QR in the description of the code); neither pack reviewed yet', async () => {
    const r = await runCli(['languages', '--json']);
    expect(r.code).toBe(0);
    const { languages } = JSON.parse(r.stdout) as { languages: { lang: string; reviewed: boolean; leaflets: string[]; renderable: boolean; fonts: { template: string; covers: string[] }[] }[] };
    const bn = languages.find((l) => l.lang === 'bn')!;
    expect(bn).toMatchObject({ reviewed: false, leaflets: ['periduroscopia'], renderable: true });
    expect(bn.fonts.map((f) => [f.template, f.covers])).toEqual([['standard', ['Bengali', 'Latin']], ['large-print', ['Bengali', 'Latin']]]);
    const he = languages.find((l) => l.lang === 'he')!;
    expect(he).toMatchObject({ reviewed: false, renderable: true });
    expect(he.fonts.map((f) => f.covers)).toEqual([['Hebrew', 'Latin'], ['Hebrew', 'Latin']]);
    expect((await runCli(['languages'])).stdout).toMatch(/^bn\s+Bangla \(বাংলা\)\s+bundled\s+no\s+standard: Bengali, Latin; large-print: Bengali, Latin\s+periduroscopia$/m);
  });
});

describe('leaflets validate', () => {
  it('exits 0 on the bundled content', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 leaflet(s) valid: cataract-surgery, periduroscopia');
  });

  it('checks the build config too: an unknown key is reported at its line', async () => {
    const t = await tempRoot();
    try {
      await t.put('leaflets.config.yaml', 'formats: [pdf]\nbogus: 1\n');
      const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("leaflets.config.yaml:2:1: error LEAF1010: Unknown field 'bogus'");
    } finally {
      await t.remove();
    }
  });

  it('checks a brand logo the way render reads it: a file that is not a PNG fails validation', async () => {
    const t = await tempRoot();
    try {
      await t.put('data/brands/bad.yaml', 'name: Bad\nlogo: bad.png\n');
      await t.put('data/brands/bad.png', 'this is not a png');
      const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('data/brands/bad.yaml');
      expect(r.stderr).toContain('LEAF4031');
      expect(r.stderr).toContain('not a PNG');
    } finally {
      await t.remove();
    }
  });

  it('checks brands too: a broken brand file fails validation with its position', async () => {
    const t = await tempRoot();
    try {
      await t.put('data/brands/broken.yaml', 'name: Broken\ncolours: { primary: blue }\n');
      const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('data/brands/broken.yaml:2:21: error LEAF1014');
      expect(r.stderr).toContain('#rrggbb');
    } finally {
      await t.remove();
    }
  });

  it("checks the root's own templates too: a theme without fonts: is a plain error at its line, not a crash", async () => {
    const t = await tempRoot();
    try {
      await cp(path.join(PROJECT, 'templates'), t.file('templates'), { recursive: true });
      await t.edit('templates/standard/theme.yaml', (s) => s.replace(/^fonts:\n(?: {2}.*\n)+/m, ''));
      await t.edit('templates/large-print/style.css', (s) => `${s}\nbody { background: u\\72l(https://e.example/x.png); }\n`);
      const r = await runCli(['validate', '--json', '--root', t.root], { cwd: t.root });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { valid: boolean; templates: { id: string; valid: boolean; diagnostics: { code: string; file: string; line: number }[] }[] };
      expect(report.valid).toBe(false);
      const byId = Object.fromEntries(report.templates.map((x) => [x.id, x]));
      expect(byId.standard!.diagnostics[0]).toMatchObject({ code: 'LEAF1012', file: 'templates/standard/theme.yaml', line: 4 });
      expect(byId['large-print']!.diagnostics[0]).toMatchObject({ code: 'LEAF4005', file: 'templates/large-print/style.css' });
    } finally {
      await t.remove();
    }
  });

  it('an unknown leaflet is a usage error with a suggestion, exit 2', async () => {
    const r = await runCli(['validate', 'periduroscopy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Did you mean 'periduroscopia'?");
  });
});

describe('usage errors', () => {
  it('an unknown option exits 2 and suggests the right one', async () => {
    const r = await runCli(['list', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--jsn'");
    expect(r.stderr).toContain('--json');
  });

  it('an unknown command exits 2 and suggests the right one', async () => {
    const r = await runCli(['lsit']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('list');
  });
});

describe('global options work before or after the command', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    t = await tempRoot();
    await t.edit(IT, (s) => s.replace('subtitle:', 'subtitel:'));
  });
  afterAll(async () => t.remove());

  it('leaflets --root DIR list is the same as leaflets list --root DIR', async () => {
    const before = await runCli(['--root', t.root, 'list'], { cwd: '/' });
    const after = await runCli(['list', '--root', t.root], { cwd: '/' });
    expect(before.stderr).not.toContain('unknown option');
    expect(before.stdout).toContain('periduroscopia');
    expect(before).toEqual(after);
    const joined = await runCli([`--root=${t.root}`, '--json', 'list'], { cwd: '/' });
    expect(JSON.parse(joined.stdout)[0].id).toBe('periduroscopia');
  });

  it('--no-color before or after the command turns colour off on a TTY', async () => {
    for (const args of [['--no-color', 'validate', '--root', t.root], ['validate', '--root', t.root, '--no-color']]) {
      const r = await runCli(args, { cwd: t.root, tty: true });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('LEAF1010');
      expect(r.stderr).not.toContain('\u001b[');
    }
  });

  it('--json with a usage error prints a JSON error on stdout, exit 2', async () => {
    for (const args of [
      ['--json', 'list', '--jsn'],
      ['list', '--json', '--root', '/no/such/folder'],
      ['--json', 'render', 'no-such-leaflet'],
      ['--json'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout);
      expect(out).toEqual({ ok: false, diagnostics: [{ code: 'LEAF9001', severity: 'error', message: expect.any(String) }] });
    }
  });

  it('init takes the folder to create from --root too, before or after the command', async () => {
    const { mkdtemp, rm, readdir } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const base = await mkdtemp(`${tmpdir()}/leaflets-init-`);
    try {
      expect((await runCli(['--root', 'a', 'init'], { cwd: base })).code).toBe(0);
      expect((await runCli(['init', '--root', 'b'], { cwd: base })).code).toBe(0);
      expect((await readdir(base)).sort()).toEqual(['a', 'b']);
      const both = await runCli(['--root', 'c', 'init', 'd'], { cwd: base });
      expect(both.code).toBe(2);
      expect(both.stderr).toContain("init creates one folder: 'd' or --root 'c'");
      expect((await runCli(['init'], { cwd: base })).code).toBe(2);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('options after -- are left alone', async () => {
    const r = await runCli(['--root', t.root, 'list', '--', '--json'], { cwd: '/' });
    expect(r.code).toBe(2);
  });

  it('--help lists the global options', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/Global options, before or after the command:[\s\S]*--root[\s\S]*--json[\s\S]*--no-color/);
  });
});

describe('--help', () => {
  it.each(['list', 'validate', 'render'])('%s --help shows examples', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`$ leaflets ${cmd}`);
  });
});

describe('diagnostics are printed for people and for machines', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    t = await tempRoot();
    await t.edit(IT, (s) => s.replace('subtitle:', 'subtitel:'));
  });
  afterAll(async () => t.remove());

  it('plain file:line:column lines without a TTY', async () => {
    const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^data\/leaflets\/periduroscopia\/it\.yaml:5:1: error LEAF1010: Unknown field 'subtitel'/m);
    expect(r.stderr).not.toContain('\u001b[');
  });

  it('colour and a code frame on a TTY', async () => {
    const r = await runCli(['validate', '--root', t.root], { cwd: t.root, tty: true });
    expect(r.stderr).toContain('\u001b[');
    expect(r.stderr.replace(/\u001b\[\d+m/g, '')).toMatch(/> +5 \| subtitel:/);
  });

  it('never colour with NO_COLOR, even on a TTY', async () => {
    const r = await runCli(['validate', '--root', t.root], { cwd: t.root, tty: true, env: { NO_COLOR: '1' } });
    expect(r.stderr).not.toContain('\u001b[');
  });

  it('JSON with --json: file, line, column, severity, code, message', async () => {
    const r = await runCli(['validate', '--json', '--root', t.root], { cwd: t.root });
    const report = JSON.parse(r.stdout);
    expect(report.valid).toBe(false);
    expect(report.leaflets.find((l: { id: string }) => l.id === 'periduroscopia').diagnostics[0]).toEqual({
      code: 'LEAF1010',
      severity: 'error',
      message: expect.stringContaining("Did you mean 'subtitle'?"),
      file: 'data/leaflets/periduroscopia/it.yaml',
      line: 5,
      column: 1,
      endLine: 5,
      endColumn: 9,
    });
  });

  it('the installed command behaves the same: no stack trace, exit 1', () => {
    const r = spawnCli(['validate', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('it.yaml:5:1');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--root points at a clinic folder', () => {
  it('a folder that does not exist is a usage error, so a typo in CI does not pass', async () => {
    for (const cmd of ['list', 'validate', 'lint', 'build']) {
      const r = await runCli([cmd, '--root', '/nonexistent-folder']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('there is no folder /nonexistent-folder');
    }
  });

  it('an empty folder has no leaflets, and says where it looked', async () => {
    const r = await runCli(['list', '--root', '/tmp']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No leaflets under /tmp/data/leaflets');
  });

  it('a folder made by init validates, lints clean and builds', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const base = await mkdtemp(`${tmpdir()}/leaflets-init-`);
    try {
      const dir = `${base}/clinic`;
      expect((await runCli(['init', dir])).code).toBe(0);
      expect((await runCli(['validate', '--root', dir])).code).toBe(0);
      const lint = await runCli(['lint', '--root', dir, '--max-warnings', '0']);
      expect(lint.stdout + lint.stderr).toContain('No problems');
      expect(lint.code).toBe(0);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});

describe('mistakes in how leaflets is called exit 2', () => {
  it('no command at all prints the commands', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Commands:');
  });

  it('a SOURCE_DATE_EPOCH that is not a time', async () => {
    for (const v of ['yesterday', '99999999999999999']) {
      const r = await runCli(['render', 'periduroscopia', '--format', 'html', '-o', '/tmp/sde.html'], { env: { SOURCE_DATE_EPOCH: v } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('SOURCE_DATE_EPOCH must be a whole number of seconds');
    }
  });

  it('a patient file that does not exist', async () => {
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'nope.yaml', '-o', '/tmp/np.html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--patient nope.yaml: The file does not exist.');
  });

  it('a --set without a value', async () => {
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--set', 'name', '-o', '/tmp/ns.html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LEAF2007');
  });
});

describe('output into a pipe that closes early', () => {
  it('`leaflets languages | true`: a reader that left before the first line is no crash — exit 0, no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(path.join(PROJECT, 'bin', 'leaflets.js'))} languages | true`], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/EPIPE|at .*\(.*:\d+:\d+\)/);
    expect(r.status).toBe(0);
  });
});

describe('--paper as people write it', () => {
  it('A5 and Letter in capitals are the a5 and letter sizes; B5 is a usage error listing the three, exit 2', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'leaflets-paper-'));
    try {
      const out = path.join(dir, 'a5.html');
      const r = await runCli(['render', 'periduroscopia', '--lang', 'it', '--format', 'html', '--paper', 'A5', '-o', out]);
      expect(r.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/@page\s*\{[^}]*size:\s*A5/i);
      expect((await runCli(['render', 'periduroscopia', '--paper', 'Letter', '--format', 'html', '-o', path.join(dir, 'l.html')])).code).toBe(0);
      const bad = await runCli(['render', 'periduroscopia', '--paper', 'B5', '-o', path.join(dir, 'b5.pdf')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('a4, letter, a5');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
