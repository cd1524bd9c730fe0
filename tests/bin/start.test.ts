import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT } from '../support/cli.js';

describe('bin/leaflets.js starts the bundle with its code cache', () => {
  it('uses the cache after npm pack has stamped every file with the same old time', async () => {
    // npm pack sets every mtime to 1985-10-26: a cache keyed on mtime was never used after an install
    const packed = new Date('1985-10-26T08:15:00Z');
    for (const f of ['dist/bundle/cli.cjs', 'dist/bundle/cli.cache']) utimesSync(path.join(PROJECT, f), packed, packed);
    const dir = await mkdtemp(path.join(tmpdir(), 'leaflets-start-'));
    try {
      const r = spawnSync(process.execPath, [path.join(PROJECT, 'bin/leaflets.js'), 'render', 'periduroscopia', '--lang', 'it', '-o', path.join(dir, 'x.pdf')], {
        cwd: PROJECT,
        env: { PATH: process.env.PATH, LEAFLETS_DEBUG: '1' },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('code cache: used');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
