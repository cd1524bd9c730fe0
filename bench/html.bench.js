#!/usr/bin/env node
// One HTML render of the bundled leaflet (it, standard, demo-clinic brand),
// in-process, from the built code in dist/ (run `npm run build` first).
//   cold: the first render in a fresh process, loading content, template
//         and brand and compiling the Handlebars template;
//   warm: later renders with the same Renderer (loaded and compiled once, as
//         the CLI and batch workers keep them) — median and spread of many.
// Also times a whole `leaflets render --format html` process for scale.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const t0 = performance.now();
const { Renderer } = await import('../dist/render.js');
const importMs = performance.now() - t0;

const request = {
  leaflet: 'periduroscopia',
  lang: 'it',
  template: 'standard',
  brand: 'demo-clinic',
  formats: ['html'],
  paper: 'a4',
  skip: [],
  date: new Date('2026-11-24T00:00:00Z'),
};
const renderer = new Renderer({ root: repo, cwd: repo });

async function once() {
  const start = performance.now();
  const r = await renderer.render(request);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { ms: performance.now() - start, bytes: r.value[0].bytes.length };
}

const cold = await once();
for (let i = 0; i < 20; i++) await once(); // let the JIT settle
const runs = [];
for (let i = 0; i < 200; i++) runs.push((await once()).ms);
runs.sort((a, b) => a - b);
const q = (p) => runs[Math.min(runs.length - 1, Math.floor(p * runs.length))];

const out = mkdtempSync(path.join(tmpdir(), 'leaflets-bench-'));
const processes = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/leaflets.js'), 'render', 'periduroscopia', '--format', 'html', '--brand', 'demo-clinic', '--out', out], { cwd: repo });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  processes.push(performance.now() - s);
}
rmSync(out, { recursive: true, force: true });
processes.sort((a, b) => a - b);

const f = (ms) => `${ms.toFixed(2)} ms`;
console.log(`HTML render, periduroscopia it, standard, demo-clinic (${Math.round(cold.bytes / 1024)} KiB)`);
console.log(`  import dist/render.js        ${f(importMs)}`);
console.log(`  cold first render            ${f(cold.ms)}`);
console.log(`  warm render, median of 200   ${f(q(0.5))}  (p10 ${f(q(0.1))}, p90 ${f(q(0.9))})`);
console.log(`  whole CLI process, median/5  ${f(processes[2])}`);
console.log(`  target (issue 14): warm HTML render ≤ 5 ms — ${q(0.5) <= 5 ? 'MET' : 'MISSED'}`);
