import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli.js';
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
      expect.objectContaining({ id: 'periduroscopia', languages: ['it', 'en'], status: { it: 'approved', en: 'draft' } }),
    ]);
  });
});

describe('leaflets validate', () => {
  it('exits 0 on the bundled content', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 leaflet(s) valid: periduroscopia');
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
    expect(report.leaflets[0].diagnostics[0]).toEqual({
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
  it('a folder with no content lists nothing, and says where it looked', async () => {
    const r = await runCli(['list', '--root', '/nonexistent-folder']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No leaflets under /nonexistent-folder/data/leaflets');
  });
});
