#!/usr/bin/env node
// `leaflets build` on a synthetic corpus, with Typst and Chromium as peers in
// the same run. Uses the built tool (run `npm run build` first).
//
// Corpus: copies of the bundled leaflet under new ids × it, en × the brands
// demo-clinic and neutral × pdf, html: 8 artefacts per copy, so 25 copies
// make 200 artefacts and 125 make 1,000.
//
// Measured, all with --jobs 2 (the "2 cores"), each build a fresh
// process timed from spawn to exit:
//   - PDF artefacts per second (a PDF-only build of the 200 corpus: 100 PDFs)
//   - all artefacts per second, 200 and 1,000 (mixed PDF and HTML)
//   - peak RSS of the build process (worker threads included: one process)
//     at 10 artefacts (--shard 1/100 of the 1,000 corpus) and at 1,000,
//     from /usr/bin/time -v when present, else from the build itself
//   - an incremental rebuild with nothing changed vs the full build
//   - Typst compiling the same distinct leaflets warm in one process, and Chromium
//     printing our HTML to PDF with one reused tab.
// BENCH_LARGE=400 (say) shrinks the large corpus on a slow machine.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { distinct } from './support/distinct.js';
import { typstRate } from './peers/typst-rate.js';
import { chromiumRate } from './peers/chromium-print.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin', 'leaflets.js');
if (!existsSync(path.join(repo, 'dist', 'batch', 'worker.js'))) {
  console.error('Build the tool first: npm run build');
  process.exit(1);
}
const LARGE = Number(process.env.BENCH_LARGE ?? 1000);
const JOBS = 2;
const env = { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600' };
const timeV = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const FIRST = 1000;
const docs = Object.fromEntries(['it', 'en'].map((l) => [l, parse(readFileSync(path.join(repo, 'data', 'leaflets', 'periduroscopia', `${l}.yaml`), 'utf8'))]));

/** A content root with `artefacts / 8` distinct copies of the bundled leaflet. */
function corpus(artefacts) {
  const root = mkdtempSync(path.join(tmpdir(), 'leaflets-bench-batch-'));
  cpSync(path.join(repo, 'data', 'brands'), path.join(root, 'data', 'brands'), { recursive: true });
  const copies = Math.ceil(artefacts / 8);
  for (let i = 0; i < copies; i++) {
    const id = `leaflet-${String(i).padStart(4, '0')}`;
    const dir = path.join(root, 'data', 'leaflets', id);
    // it and en: 8 artefacts a copy (2 languages × 2 brands × 2 formats), as the counts below assume
    cpSync(path.join(repo, 'data', 'leaflets', 'periduroscopia'), dir, {
      recursive: true,
      filter: (src) => !/\.ya?ml$/.test(src) || /[\\/](leaflet|it|en)\.yaml$/.test(src),
    });
    const shared = path.join(dir, 'leaflet.yaml');
    writeFileSync(shared, readFileSync(shared, 'utf8').replace(/^id: .*$/m, `id: ${id}`).replace(/PIL-SPINE-001/, `PIL-BENCH-${i}`));
    // every copy differs in content (a counter in every paragraph), as Typst's documents below do
    for (const lang of ['it', 'en']) writeFileSync(path.join(dir, `${lang}.yaml`), stringify(distinct(docs[lang], FIRST + i), { lineWidth: 0 }));
  }
  writeFileSync(path.join(root, 'leaflets.config.yaml'), 'brands: [demo-clinic, neutral]\nformats: [pdf, html]\n');
  return root;
}

/** One `leaflets build` process: wall seconds, its report, peak RSS in MiB. */
function build(root, args = []) {
  const argv = [bin, 'build', '--root', root, '--jobs', String(JOBS), '--json', ...args];
  const start = performance.now();
  const r = timeV
    ? spawnSync(timeV, ['-v', process.execPath, ...argv], { env, encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, argv, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  const report = JSON.parse(r.stdout);
  if (report.summary?.failed || r.status !== 0) {
    const failed = report.artefacts?.find((a) => a.status === 'failed');
    throw new Error(`build failed (${r.status}): ${JSON.stringify(failed?.diagnostics ?? report.diagnostics)}`);
  }
  const kb = timeV ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : NaN;
  return { seconds, report, rssMiB: kb / 1024 };
}

const rows = [];
const row = (what, value, target = '', verdict = '') => rows.push([what, value, target, verdict]);
const f1 = (n) => n.toFixed(1);
const pass = (ok) => (ok ? 'meets target' : 'MISSES target');

console.log(`leaflets build, ${JOBS} jobs; machine: ${cpus().length} cores, load ${loadavg().map(f1).join(' ')}`);

// Peers first, while the machine is as quiet as it will be.
const typst = await typstRate(100, { repo });
console.log(`typst: ${typst.count} comparable leaflets in ${f1(typst.seconds)} s`);

const small = corpus(200);
const pdfOnly = build(small, ['--format', 'pdf', '--out', path.join(small, 'pdf-only')]);
const pdfCount = pdfOnly.report.summary.built;
const pdfRate = pdfCount / pdfOnly.seconds;
const pdfWarm = pdfOnly.report.artefacts.map((a) => a.milliseconds).sort((a, b) => a - b);
console.log(`pdf-only: ${pdfCount} PDFs in ${f1(pdfOnly.seconds)} s (median ${pdfWarm[pdfWarm.length >> 1]} ms per PDF per worker)`);

const full200 = build(small);
const again200 = build(small);
if (again200.report.summary.skipped !== again200.report.summary.total) throw new Error('the no-change rebuild rebuilt something');
console.log(`200 mixed: ${f1(full200.seconds)} s; no-change rebuild ${f1(again200.seconds)} s`);

const htmlFiles = full200.report.artefacts
  .filter((a) => a.format === 'html')
  .slice(0, 40)
  .map((a) => path.join(small, 'out', a.path));
const chrome = await chromiumRate(htmlFiles);
console.log(`chromium: ${chrome.count} HTML → PDF in ${f1(chrome.seconds)} s`);

const large = corpus(LARGE);
const ten = build(large, ['--shard', `1/${Math.round(LARGE / 10)}`, '--out', path.join(large, 'ten')]);
const full1000 = build(large);
const again1000 = build(large);
console.log(`${LARGE} mixed: ${f1(full1000.seconds)} s; no-change rebuild ${f1(again1000.seconds)} s`);

row('PDF artefacts/s (2 jobs, 100 PDFs, whole process)', f1(pdfRate), `≥ ${f1(1.5 * typst.rate)} (1.5× Typst)`, pass(pdfRate >= 1.5 * typst.rate));
const median = pdfWarm[pdfWarm.length >> 1];
row('  PDF writer alone: median per PDF in a worker', `${median} ms`, '', `ceiling ${f1((JOBS * 1000) / median)}/s with ${JOBS} jobs`);
row('  vs Typst, one warm process', `${f1(typst.rate)}/s`, '', `ratio ${(pdfRate / typst.rate).toFixed(2)}×`);
row('  vs Chromium, one reused tab', `${f1(chrome.rate)}/s`, '≈ 10×', `ratio ${(pdfRate / chrome.rate).toFixed(2)}×`);
row('all artefacts/s, 200 (PDF + HTML)', f1(200 / full200.seconds));
row(`all artefacts/s, ${LARGE} (PDF + HTML)`, f1(LARGE / full1000.seconds));
const rssRatio = full1000.rssMiB / ten.rssMiB;
row('peak RSS at 10 artefacts', `${f1(ten.rssMiB)} MiB`);
row(`peak RSS at ${LARGE} artefacts`, `${f1(full1000.rssMiB)} MiB`, '≤ 1.2× at 10', `${rssRatio.toFixed(2)}× ${pass(rssRatio <= 1.2)}`);
const incr = again200.seconds / full200.seconds;
row('no-change rebuild, 200 artefacts', `${f1(again200.seconds)} s of ${f1(full200.seconds)} s`, '≤ 10%', `${(incr * 100).toFixed(1)}% ${pass(incr <= 0.1)}`);
const incrLarge = again1000.seconds / full1000.seconds;
row(`no-change rebuild, ${LARGE} artefacts`, `${f1(again1000.seconds)} s of ${f1(full1000.seconds)} s`, '≤ 10%', `${(incrLarge * 100).toFixed(1)}% ${pass(incrLarge <= 0.1)}`);

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
console.log('');
for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
console.log(`\nload average at the end: ${loadavg().map(f1).join(' ')} (other work on the machine slows every number)`);

for (const dir of [small, large]) rmSync(dir, { recursive: true, force: true });
