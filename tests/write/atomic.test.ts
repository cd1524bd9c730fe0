import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Interrupted } from '../../src/io/interrupt.js';
import { writeFileAtomic } from '../../src/write/atomic.js';

describe('writeFileAtomic and Ctrl-C', () => {
  it('an abort while the file is being written puts nothing in place, keeps the old file, and removes the temporary file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'leaflets-atomic-'));
    const target = path.join(dir, 'leaflet.pdf');
    await writeFile(target, 'old');
    const controller = new AbortController();
    const writing = writeFileAtomic(target, 'new'.repeat(100_000), { signal: controller.signal });
    // the write has started (its first check passed); the signal comes before the rename
    controller.abort('SIGINT');
    await expect(writing).rejects.toBeInstanceOf(Interrupted);
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['leaflet.pdf']);
  });

  it('after the abort, a new write does not start', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'leaflets-atomic-'));
    const controller = new AbortController();
    controller.abort('SIGTERM');
    await expect(writeFileAtomic(path.join(dir, 'x.html'), 'x', { signal: controller.signal })).rejects.toBeInstanceOf(Interrupted);
    expect(await readdir(dir)).toEqual([]);
  });
});
