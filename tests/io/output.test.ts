import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { IT, tempRoot } from '../support/root.js';
import { CODES } from '../../src/diagnostics/codes.js';

const EN = IT.replace('it.yaml', 'en.yaml');

/** Every file under `dir` with its bytes, to prove a refused run changed nothing. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const f = path.join(e.parentPath, e.name);
      files.set(f, (await readFile(f)).toString('base64'));
    }
  return files;
}

describe('no output ever lands on a source', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  afterEach(async () => t?.remove());
  const build = (...args: string[]) => runCli(['build', '--root', t.root, '--jobs', '1', ...args], { cwd: t.root });

  it('an output pattern pointing at the language files is refused before anything is written (exit 2)', async () => {
    t = await tempRoot();
    const before = await snapshot(t.root);
    const r = await build('--out', '.', '--output', 'data/leaflets/{leaflet}/{lang}.yaml', '--format', 'html');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(CODES.OUTPUT_INSIDE_CONTENT);
    expect(await snapshot(t.root)).toEqual(before);
  });

  it('the same pattern in leaflets.config.yaml is refused too', async () => {
    t = await tempRoot();
    await t.put('leaflets.config.yaml', 'out: .\noutput: "data/leaflets/{leaflet}/{lang}.yaml"\nformats: [html]\n');
    const before = await snapshot(t.root);
    const r = await build();
    expect(r.code).toBe(2);
    expect(await snapshot(t.root)).toEqual(before);
  });

  it('a pattern whose extension differs from the format is refused even outside the sources', async () => {
    t = await tempRoot();
    const r = await build('--output', '{leaflet}-{lang}.yaml', '--format', 'html');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not end in .html');
  });

  it('an --out that is a symlink into a leaflet folder is where it points, and refused', async () => {
    t = await tempRoot();
    await symlink(t.file('data/leaflets/periduroscopia'), t.file('elsewhere'));
    const before = await snapshot(t.file('data'));
    for (const args of [
      ['--out', 'elsewhere', '--output', '{lang}.html', '--format', 'html'],
      ['--out', 'elsewhere', '--format', 'html'],
    ]) {
      const r = await build(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(CODES.OUTPUT_INSIDE_CONTENT);
    }
    const r = await runCli(['render', 'periduroscopia', '--root', t.root, '--format', 'html', '--out', 'elsewhere'], { cwd: t.root });
    expect(r.code).toBe(2);
    expect(await snapshot(t.file('data'))).toEqual(before);
  });

  it('a file leaflets did not write is not replaced, unless --overwrite says so', async () => {
    t = await tempRoot();
    await writeFile(t.file('notes.html'), '<p>my own notes</p>');
    const r1 = await runCli(['render', 'periduroscopia', '--root', t.root, '--format', 'html', '-o', 'notes.html'], { cwd: t.root });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('--overwrite');
    expect(await readFile(t.file('notes.html'), 'utf8')).toBe('<p>my own notes</p>');
    const r2 = await runCli(['render', 'periduroscopia', '--root', t.root, '--format', 'html', '-o', 'notes.html', '--overwrite'], { cwd: t.root });
    expect(r2.code).toBe(0);
    // once written by leaflets, it carries leaflets' mark and is replaced without asking
    const r3 = await runCli(['render', 'periduroscopia', '--root', t.root, '--format', 'html', '-o', 'notes.html'], { cwd: t.root });
    expect(r3.code).toBe(0);
  });

  it('build refuses the whole run when one artefact path holds a foreign file: no manifest, no cache, no artefact', async () => {
    t = await tempRoot();
    await mkdir(t.file('out/neutral/standard'), { recursive: true });
    await writeFile(t.file('out/neutral/standard/periduroscopia-en.pdf'), 'not ours');
    const r = await build('--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, diagnostics: [{ code: CODES.OUTPUT_REFUSED }] });
    expect((await readdir(t.file('out'), { recursive: true })).sort()).toEqual(['neutral', 'neutral/standard', 'neutral/standard/periduroscopia-en.pdf']);
    expect((await build('--overwrite')).code).toBe(0);
  });

  it('lint --stamp writes only the translation inside its leaflet folder', async () => {
    t = await tempRoot();
    const outside = t.file('outside-en.yaml');
    await writeFile(outside, await readFile(t.file(EN)));
    const { rm } = await import('node:fs/promises');
    await rm(t.file(EN));
    await symlink(outside, t.file(EN));
    const before = await readFile(outside, 'utf8');
    const r = await runCli(['lint', '--root', t.root, '--stamp', 'periduroscopia', '--lang', 'en'], { cwd: t.root });
    expect(r.code).not.toBe(0);
    expect(await readFile(outside, 'utf8')).toBe(before);
  });
});

describe('output problems the user can act on are plain errors, never internal ones', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  afterEach(async () => t?.remove());
  const noBug = (text: string) => expect(text).not.toMatch(/internal error|bug in leaflets|\n\s+at /);

  it('manifest.json being a folder is a usage error before anything is built, with a JSON error object', async () => {
    t = await tempRoot();
    await mkdir(t.file('out/manifest.json'), { recursive: true });
    const r = await runCli(['build', '--root', t.root, '--json'], { cwd: t.root });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.diagnostics[0].message).toContain('manifest.json is a folder');
    noBug(r.stdout + r.stderr);
  });

  it('init into a dangling symlink is a usage error that says what to do', async () => {
    t = await tempRoot();
    await symlink(t.file('nowhere/clinic'), t.file('clinic'));
    const r = await runCli(['init', 'clinic'], { cwd: t.root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('symbolic link to a folder that does not exist');
    noBug(r.stderr);
  });

  it('an --out that is a file is a usage error', async () => {
    t = await tempRoot();
    await writeFile(t.file('a-file'), 'x');
    const r = await runCli(['build', '--root', t.root, '--out', 'a-file'], { cwd: t.root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a file, not a folder');
    noBug(r.stderr);
  });

  it('a path below /proc is refused or fails plainly, and quickly', async () => {
    t = await tempRoot();
    const started = Date.now();
    const r = await runCli(['render', 'periduroscopia', '--root', t.root, '-o', '/proc/1/nope/x.pdf'], { cwd: t.root });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    noBug(r.stderr);
  });

  it('a cache entry with a valid key and bad fields means "rebuild that artefact"', async () => {
    t = await tempRoot();
    const build = (...a: string[]) => runCli(['build', '--root', t.root, '--format', 'html', '--jobs', '1', '--json', ...a], { cwd: t.root });
    expect((await build()).code).toBe(0);
    const cacheFile = t.file('out/.leaflets-cache.json');
    const cache = JSON.parse(await readFile(cacheFile, 'utf8'));
    const [first, second] = Object.keys(cache.entries);
    cache.entries[first!].sha256 = null;
    cache.entries[second!].diagnostics = [{ nonsense: true }];
    await writeFile(cacheFile, JSON.stringify(cache));
    const r = await build();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ built: 2, skipped: 0, failed: 0 });
    // and a cache that is not JSON at all rebuilds everything
    await writeFile(cacheFile, '{"generator":"patient-leaflets", broken');
    expect(JSON.parse((await build()).stdout).summary).toMatchObject({ built: 2 });
  });

  it('a full disk during build is reported per artefact and for the manifest, with a JSON report, exit 1', async () => {
    t = await tempRoot();
    const mnt = t.file('small');
    await mkdir(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      throw new Error('This test needs to mount a small tmpfs (run the tests as root, as CI does).');
    }
    try {
      const r = await runCli(['build', '--root', t.root, '--out', mnt, '--jobs', '1', '--json'], { cwd: t.root });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.ok).toBe(false);
      const failed = report.artefacts.filter((a: { status: string }) => a.status === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0].diagnostics[0]).toMatchObject({ code: CODES.WRITE_FAILED });
      expect(failed[0].diagnostics[0].message).toContain('disk is full');
      noBug(r.stdout + r.stderr);
      // no half-written file is left: every file there is a whole artefact the report lists as built, or the cache
      for (const f of await readdir(mnt, { recursive: true })) {
        const s = await stat(path.join(mnt, f));
        if (s.isFile()) expect(f).not.toMatch(/\.tmp$/);
      }
    } finally {
      execFileSync('umount', [mnt]);
    }
  });
});
