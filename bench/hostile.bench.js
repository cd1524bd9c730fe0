#!/usr/bin/env node
// Hostile-input benchmark (issue 10, class 4): every case of the corpus in
// tests/hostile/corpus.ts through validate, render pdf and render html, each
// (and lint, for the text cases) a fresh process, with its wall time and peak RSS against the targets:
// validate ≤ 2 s, render (and lint) ≤ 10 s, RSS < 500 MB — or a refusal with its code.
// Needs a build (npm run build). Run: npm run bench -- hostile
//   BENCH_HOSTILE=emphasis-900k,plain-paragraph-1m  only these cases
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(repo, 'dist/cli/main.js'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}
const tmp = mkdtempSync(path.join(os.tmpdir(), 'leaflets-hostile-bench-'));

// The corpus is TypeScript, shared with the test: bundle it once to run it here.
const corpusJs = path.join(tmp, 'corpus.mjs');
buildSync({ entryPoints: [path.join(repo, 'tests/hostile/corpus.ts')], bundle: true, platform: 'node', format: 'esm', outfile: corpusJs, logLevel: 'error' });
const { writeCorpus, stepsOf, refuses } = await import(pathToFileURL(corpusJs).href);

// Peak RSS of the child, written by the child itself as it exits (getrusage maxrss, KiB).
const peakFile = path.join(tmp, 'peak');
const preload = path.join(repo, 'bench/support/peak-rss.cjs');

const TARGET = { validate: 2000, render: 10_000, rssMb: 500 };
const only = process.env.BENCH_HOSTILE?.split(',').filter(Boolean);
const cases = await writeCorpus(tmp, only);

let misses = 0;
const rows = [];
for (const c of cases) {
  for (const { step, args } of stepsOf(c)) {
    rmSync(peakFile, { force: true });
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--require', preload, path.join(repo, 'bin/leaflets.js'), ...args], {
      cwd: c.root,
      env: { PATH: process.env.PATH, LEAFLETS_PEAK_RSS_FILE: peakFile },
      encoding: 'utf8',
      timeout: 120_000,
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
    });
    const ms = performance.now() - started;
    const rssMb = existsSync(peakFile) ? Number(readFileSync(peakFile, 'utf8')) / 1024 : NaN;
    const limit = step === 'validate' ? TARGET.validate : TARGET.render;
    const refused = refuses(c, step);
    const expected = refused ? r.status === 1 && r.stderr.includes(c.refusedWith) : r.status === 0;
    const ok = expected && ms <= limit && rssMb < TARGET.rssMb;
    if (!ok) misses++;
    rows.push({
      case: c.name,
      step,
      outcome: r.signal ? `killed (${r.signal})` : refused ? (expected ? `refused ${c.refusedWith}` : `exit ${r.status}, expected ${c.refusedWith}`) : expected ? 'ok' : `exit ${r.status}`,
      ms,
      limit,
      rssMb,
      ok,
    });
  }
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('case', 26)}${pad('step', 13)}${pad('outcome', 22)}${pad('time', 18)}${pad('peak RSS', 16)}`);
for (const r of rows)
  console.log(
    `${pad(r.case, 26)}${pad(r.step, 13)}${pad(r.outcome, 22)}${pad(`${(r.ms / 1000).toFixed(2)} s / ${r.limit / 1000} s`, 18)}${pad(`${r.rssMb.toFixed(0)} / ${TARGET.rssMb} MB`, 16)}${r.ok ? '' : '  MISSED'}`,
  );
console.log(misses ? `\n${misses} step(s) missed a target.` : '\nEvery step within its targets.');
rmSync(tmp, { recursive: true, force: true });
process.exit(misses ? 1 : 0);
