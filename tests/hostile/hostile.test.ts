import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT } from '../support/cli.js';
import { ensureBuilt } from '../pdf/helpers.js';
import { CASE_NAMES, refuses, stepsOf, writeCorpus, type HostileCase } from './corpus.js';

/**
 * Correctness bounds, not timings (bench/hostile.bench.js has those): each
 * step runs as a user runs it, in a child process capped at 500 MB of heap,
 * and must end — within 30 s — in success or in the expected refusal, never
 * a crash, an internal error or a half-written file.
 */
const HEAP_MB = 500;
const BOUND_MS = 30_000;

let dir: string;
let cases: Map<string, HostileCase>;

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'leaflets-hostile-'));
  cases = new Map((await writeCorpus(dir)).map((c) => [c.name, c]));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile inputs validate and render within bounds, or are refused with the right code', () => {
  for (const name of CASE_NAMES)
    it(`${name}`, () => {
      const c = cases.get(name)!;
      for (const { step, args, output } of stepsOf(c)) {
        const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, path.join(PROJECT, 'bin/leaflets.js'), ...args], {
          cwd: c.root,
          env: { PATH: process.env.PATH },
          encoding: 'utf8',
          timeout: BOUND_MS,
          // a process busy in a loop never runs its SIGTERM handler: only SIGKILL keeps the bound
          killSignal: 'SIGKILL',
          maxBuffer: 64 * 1024 * 1024,
        });
        const what = `${name}: ${step}\n${r.stderr?.slice(0, 2000)}`;
        expect(r.signal, what).toBeNull();
        expect(r.stderr, what).not.toMatch(/bug in leaflets|internal error|heap out of memory/i);
        if (refuses(c, step)) {
          expect(r.status, what).toBe(1);
          expect(r.stderr, what).toContain(c.refusedWith);
          expect(r.stderr, what).toContain(`${c.at}:`);
          if (output) expect(existsSync(output), what).toBe(false);
        } else {
          expect(r.status, what).toBe(0);
          if (output) expect(existsSync(output), what).toBe(true);
        }
      }
    }, 4 * BOUND_MS);
});
