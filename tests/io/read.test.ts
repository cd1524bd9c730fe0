import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { IT, tempRoot } from '../support/root.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { readConfined } from '../../src/io/read.js';

describe('reads stay in their folder', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  afterEach(async () => t?.remove());
  const SECRET = 'LEAFLETS_SECRET_7f3a';

  it('a language file linked to /proc/self/environ is refused by name; its text is never quoted', async () => {
    t = await tempRoot();
    await symlink('/proc/self/environ', t.file('data/leaflets/periduroscopia/uk.yaml'));
    const env = { SECRET_FOR_TEST: SECRET };
    for (const args of [['validate'], ['validate', '--json'], ['build', '--json', '--format', 'html', '--jobs', '1']]) {
      const r = await runCli([...args, '--root', t.root], { cwd: t.root, env });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('uk.yaml');
      expect(r.stdout + r.stderr).toContain(CODES.FILE_OUTSIDE);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });

  it('a brand file and the config linked outside the root are refused', async () => {
    t = await tempRoot();
    const outside = await mkdtemp(path.join(tmpdir(), 'leaflets-outside-'));
    try {
      await writeFile(path.join(outside, 'brand.yaml'), `name: ${SECRET}\n`);
      await symlink(path.join(outside, 'brand.yaml'), t.file('data/brands/linked.yaml'));
      const r1 = await runCli(['render', 'periduroscopia', '--root', t.root, '--brand', 'linked', '--format', 'html', '--out', 'o'], { cwd: t.root });
      expect(r1.code).toBe(1);
      expect(r1.stderr).toContain(CODES.FILE_OUTSIDE);
      expect(r1.stderr).not.toContain(SECRET);
      await writeFile(path.join(outside, 'config.yaml'), `out: ${SECRET}\n`);
      await symlink(path.join(outside, 'config.yaml'), t.file('leaflets.config.yaml'));
      const r2 = await runCli(['build', '--root', t.root], { cwd: t.root });
      expect(r2.code).toBe(2);
      expect(r2.stderr).toContain(CODES.FILE_OUTSIDE);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a FIFO in place of a language file is refused without waiting for a writer', async () => {
    t = await tempRoot();
    execFileSync('mkfifo', [t.file('data/leaflets/periduroscopia/uk.yaml')]);
    const started = Date.now();
    const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('not a regular file');
  });

  it('a build hashes a leaflet folder holding a link to /dev/zero and a link to its parent, and finishes', async () => {
    t = await tempRoot();
    await symlink('/dev/zero', t.file('data/leaflets/periduroscopia/zero.png'));
    await symlink('..', t.file('data/leaflets/periduroscopia/loop'));
    const started = Date.now();
    const r = await runCli(['build', '--root', t.root, '--format', 'html', '--jobs', '1', '--json'], { cwd: t.root });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ built: 2 });
  });

  it('readConfined reads no more than the limit, whatever size the file claims', async () => {
    t = await tempRoot();
    // /proc files claim size 0; the read still stops at the limit
    const r = await readConfined('/proc/self', '/proc/self/maps', { maxBytes: 16 });
    expect(r).toMatchObject({ ok: false, reason: 'too-large' });
    const inside = await readConfined(t.root, t.file(IT), { maxBytes: 1024 * 1024 });
    expect(inside.ok).toBe(true);
    const escape = await readConfined(t.file('data'), t.file('data/../data/leaflets/../../x'), { maxBytes: 10 });
    expect(escape).toMatchObject({ ok: false, reason: 'outside' });
  });
});
