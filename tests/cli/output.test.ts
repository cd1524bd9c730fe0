import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { IT, tempRoot } from '../support/root.js';

describe('render never overwrites what it was made from, and explains bad output paths', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  const render = (...args: string[]) => runCli(['render', 'periduroscopia', '--format', 'html', '--root', t.root, ...args], { cwd: t.root });
  beforeAll(async () => {
    t = await tempRoot();
  });
  afterAll(async () => t.remove());

  it('refuses a path inside the content folder, even through a symlink', async () => {
    const before = await readFile(t.file(IT), 'utf8');
    await symlink(path.join(t.root, 'data/leaflets/periduroscopia'), path.join(t.root, 'link'));
    for (const target of [IT.replace('.yaml', '.html'), 'link/it.html']) {
      const r = await render('-o', target);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('inside the content folder');
    }
    expect(await readFile(t.file(IT), 'utf8')).toBe(before);
  });

  it('refuses to replace the patient file it reads, or any file it did not write', async () => {
    await writeFile(path.join(t.root, 'p.html'), 'name: X\n');
    await writeFile(path.join(t.root, 'notes.txt'), 'keep me\n');
    const r1 = await render('--patient', 'p.html', '-o', 'p.html');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('one of the input files');
    expect(await readFile(path.join(t.root, 'p.html'), 'utf8')).toBe('name: X\n');
    const r2 = await runCli(['render', 'periduroscopia', '--format', 'html', '--root', t.root, '-o', 'leaflets.config.html'], { cwd: t.root });
    expect(r2.code).toBe(0);
  });

  it('a file name that does not match the format is a usage error', async () => {
    const r = await render('-o', 'leaflet.pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not end in .html');
  });

  it('an output that is a folder, or under a file, is explained — no stack trace, exit 2', async () => {
    await mkdir(path.join(t.root, 'a-folder.html'));
    await writeFile(path.join(t.root, 'plain-file'), 'x');
    const r1 = await render('-o', 'a-folder.html');
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('is a folder');
    const r2 = await render('--out', 'plain-file');
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('is a file, not a folder');
    expect(r1.stderr + r2.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('with two formats nothing is written when one target is refused', async () => {
    await mkdir(path.join(t.root, 'mixed'), { recursive: true });
    await mkdir(path.join(t.root, 'mixed', 'periduroscopia-it.pdf'));
    const r = await runCli(['render', 'periduroscopia', '--format', 'html,pdf', '--root', t.root, '--out', 'mixed'], { cwd: t.root });
    expect(r.code).toBe(2);
    expect(await readdir(path.join(t.root, 'mixed'))).toEqual(['periduroscopia-it.pdf']);
  });

  it('replacing an earlier output is fine', async () => {
    expect((await render('-o', 'again.html')).code).toBe(0);
    expect((await render('-o', 'again.html')).code).toBe(0);
  });
});

describe('brands on the command line', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    t = await tempRoot();
    // a clinic root without a neutral.yaml: the default brand is the built-in one
    await rm(t.file('data/brands/neutral.yaml'));
  });
  afterAll(async () => t.remove());
  const render = (...args: string[]) => runCli(['render', 'periduroscopia', '--format', 'html', '--root', t.root, ...args], { cwd: t.root });

  it('--brand neutral names the default brand, even where the root has no neutral.yaml', async () => {
    const r = await render('--brand', 'neutral', '-o', 'named.html');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const unnamed = await render('-o', 'unnamed.html');
    expect(unnamed.code).toBe(0);
    expect(await readFile(t.file('named.html'), 'utf8')).toBe(await readFile(t.file('unnamed.html'), 'utf8'));
  });

  it('build takes neutral as a brand name too', async () => {
    const r = await runCli(['build', '--root', t.root, '--brand', 'neutral,demo-clinic', '--format', 'html', '--template', 'standard', '--lang', 'it', '--out', 'built', '--jobs', '1'], { cwd: t.root });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect((await readdir(t.file('built'), { recursive: true })).filter((f) => f.endsWith('.html') && f.includes('periduroscopia')).sort()).toEqual([
      'demo-clinic/standard/periduroscopia-it.html',
      'neutral/standard/periduroscopia-it.html',
    ]);
  });

  it('an unknown brand still fails, and lists neutral among the brands', async () => {
    const r = await render('--brand', 'nuetral', '-o', 'x.html');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("There is no brand 'nuetral'");
    expect(r.stderr).toContain('neutral');
  });

  it('render --brand puts the brand in the default file name: two brands in one folder never replace each other', async () => {
    const a = await render('--brand', 'demo-clinic', '--out', 'two');
    const b = await render('--brand', 'neutral', '--out', 'two');
    const c = await render('--out', 'two');
    expect([a.code, b.code, c.code]).toEqual([0, 0, 0]);
    expect((await readdir(t.file('two'))).sort()).toEqual([
      'periduroscopia-it-demo-clinic.html',
      'periduroscopia-it-neutral.html',
      'periduroscopia-it.html',
    ]);
    const large = await render('--brand', 'demo-clinic', '--template', 'large-print', '--out', 'two', '--patient', 'data/patients/example.yaml');
    expect(large.code).toBe(0);
    expect(large.stdout).toContain('periduroscopia-it-large-print-demo-clinic-patient.html');
  });
});
