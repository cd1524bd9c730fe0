#!/usr/bin/env node
// PDF benchmark: the Italian periduroscopia leaflet, A4, DejaVu Sans, with
// the Arabic, Chinese, Hindi and Bengali translations beside it and the
// Hebrew test leaflet (tests/fixtures/leaflets/bidi-sample, a short one:
// its ratio to Italian is not like for like), measured side by side in one
// run against Typst and Chromium print-to-PDF.
//   cold: a whole process from start to PDF on disk — median wall time and
//         median CPU time (user + sys) of runs taken in rounds, every
//         command once a round (A B C … A B C …), so that load from other
//         work on a shared machine falls on all of them alike;
//   warm: time per leaflet in one process that keeps its state (median),
//         every document different in content (a counter in front of every
//         paragraph, bench/support/distinct.js), for us and for Typst alike,
//         so neither returns a paragraph or a document laid out before.
// Needs a build (npm run build). Run: npm run bench -- pdf
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { distinct, distinctCorpus } from './support/distinct.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'leaflets-bench-'));
const COLD = Number(process.env.BENCH_COLD ?? 7);
const WARM = Number(process.env.BENCH_WARM ?? 20);
const WARMUP = 3;
const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** One whole process: wall ms and CPU ms (user + sys, from /usr/bin/time; null without it). */
function once(cmd, args, opts = {}) {
  const argv = timeBin ? ['-f', '%U %S', cmd, ...args] : args;
  const t = performance.now();
  const r = spawnSync(timeBin ?? cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd: repo, ...opts });
  const wall = performance.now() - t;
  const err = r.stderr.toString();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${err}`);
  const m = timeBin ? /([\d.]+) ([\d.]+)\s*$/.exec(err) : null;
  return { wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}
/** Cold runs of several commands in rounds (each command once a round): medians of wall and CPU per command. */
function coldRounds(jobs, runs = COLD) {
  const got = jobs.map(() => ({ wall: [], cpu: [] }));
  for (let i = 0; i < runs; i++)
    jobs.forEach((j, k) => {
      const r = once(j.cmd, j.args, j.opts);
      got[k].wall.push(r.wall);
      if (r.cpu !== null) got[k].cpu.push(r.cpu);
    });
  return got.map((g) => ({ wall: median(g.wall), cpu: g.cpu.length ? median(g.cpu) : null }));
}
async function warm(fn, runs = WARM, warmup = WARMUP) {
  let n = 0;
  for (let i = 0; i < warmup; i++) await fn(n++);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(n++);
    times.push(performance.now() - t);
  }
  return median(times);
}

if (!existsSync(path.join(repo, 'dist/bundle/cli.cjs')) || !existsSync(path.join(repo, 'dist/bundle/cli.js'))) {
  console.error('Build first (the bundle is missing): npm run build');
  process.exit(1);
}

const rows = [];
const skipped = [];
const row = (name, cold, warmMs) => rows.push({ name, cold: cold?.wall ?? null, cpu: cold?.cpu ?? null, warm: warmMs });
const LANGS = ['ar', 'zh-Hans', 'hi', 'bn'];
// the Hebrew leaflet is a test fixture: it renders from a content root of its own, with the bundled brands
const heSource = path.join(repo, 'tests/fixtures/leaflets/bidi-sample');
const heRoot = path.join(tmp, 'he-root');
cpSync(path.join(repo, 'data/brands'), path.join(heRoot, 'data/brands'), { recursive: true });
cpSync(heSource, path.join(heRoot, 'data/leaflets/bidi-sample'), { recursive: true });
const HE = 'leaflets render bidi-sample --lang he (bin)';
const binEnv = { env: { ...process.env, SOURCE_DATE_EPOCH: '' } };
const render = (lang, file) => ({ cmd: process.execPath, args: ['bin/leaflets.js', 'render', 'periduroscopia', '--lang', lang, '--format', 'pdf', '-o', file, '--overwrite'], opts: binEnv });
const viaMain = (entry, file) => ({
  cmd: process.execPath,
  args: ['--input-type=module', '-e', `import {main} from ${JSON.stringify(pathToFileURL(path.join(repo, entry)).href)}; process.exitCode = await main(['node','leaflets','render','periduroscopia','--lang','it','--format','pdf','-o',${JSON.stringify(file)},'--overwrite']);`],
});

// --- Typst: a comparable leaflet ----------------------------------------------------
const esc = (s) => String(s).replace(/[\\#$*_`<>@[\]~"]/g, (c) => `\\${c}`);
const inline = (s) =>
  esc(s.replace(/\*\*(.+?)\*\*/g, '\u0001$1\u0002').replace(/\*(.+?)\*/g, '\u0003$1\u0004'))
    .replace(/\u0001/g, '#strong[')
    .replace(/\u0002/g, ']')
    .replace(/\u0003/g, '#emph[')
    .replace(/\u0004/g, ']');
/** The same Italian text, styles and page furniture as our PDF: a comparable job for Typst. */
function typstSource(doc, ref) {
  const block = (b) => {
    if (b.text) return `${inline(b.text)}\n`;
    if (b.list) return `${b.list.map((i) => `- ${inline(i)}`).join('\n')}\n`;
    if (b.steps) return `${b.steps.map((i) => `+ ${inline(i)}`).join('\n')}\n`;
    if (b.tip) return `#callout(tip-fill, tip-bar)[#text(weight: "bold", fill: tip-bar)[Consiglio pratico] \\ ${inline(b.tip)}]\n`;
    if (b.warning) return `#callout(warn-fill, warn-bar)[#text(weight: "bold", fill: warn-bar)[Attenzione] \\ ${inline(b.warning)}]\n`;
    if (b.faq)
      return b.faq
        .map((q, n) => `=== ${n + 1}. ${inline(q.q)}\n${q.a.map(inline).join('\n\n')}\n${q.tip ? `\n#callout(tip-fill, tip-bar)[#text(weight: "bold", fill: tip-bar)[Consiglio pratico] \\ ${inline(q.tip)}]\n` : ''}`)
        .join('\n');
    if (b.points) return `${b.points.map((p, n) => `#callout(accent, accent)[#text(size: 17pt, fill: primary)[${'①②③④⑤⑥⑦⑧⑨'[n]}] *${inline(p.label)}* → ${inline(p.text)}]`).join('\n')}\n`;
    return '';
  };
  const section = (s, level) => [`${'='.repeat(level)} ${inline(s.title)}\n`, ...(s.blocks ?? []).map(block), ...(s.sections ?? []).map((c) => section(c, level + 1))].join('\n');
  return `#let primary = rgb("#1f4e79")
#let accent = rgb("#e9f0f7")
#let tip-fill = rgb("#eef6ee")
#let tip-bar = rgb("#2e7d32")
#let warn-fill = rgb("#fff4e5")
#let warn-bar = rgb("#b35c00")
#let callout(fill, bar, body) = block(fill: fill, stroke: (left: 3pt + bar), inset: 8pt, width: 100%, breakable: false, body)
#set document(title: "${esc(doc.title)}", author: "Patient information")
#set text(font: "DejaVu Sans", size: 11pt, lang: "${doc.lang}")
#set par(leading: 0.55em, spacing: 6pt)
#set page(paper: "a4", margin: (top: 26mm, bottom: 22mm, x: 18mm),
  header: text(size: 10pt, weight: "bold", fill: primary)[Patient information],
  footer: context text(size: 8.5pt, fill: luma(85))[Rif. ${esc(ref.reference)} · Versione ${esc(ref.version)} · pubblicato il 24 novembre 2026 #h(1fr) Pagina #counter(page).display() di #counter(page).final().first()])
#show heading.where(level: 1): set text(size: 15pt, fill: primary)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 12.5pt, fill: primary)
#text(size: 22pt, weight: "bold", fill: primary)[${inline(doc.title)}]

#text(size: 12.5pt, style: "italic", fill: luma(85))[${inline(doc.subtitle ?? '')}]

#block(fill: accent, inset: 8pt, width: 100%)[${(doc.summary ?? []).map(inline).join('\n\n')}]

${doc.sections.map((s) => section(s, 1)).join('\n')}
`;
}
const it = parse(readFileSync(path.join(repo, 'data/leaflets/periduroscopia/it.yaml'), 'utf8'));
const shared = parse(readFileSync(path.join(repo, 'data/leaflets/periduroscopia/leaflet.yaml'), 'utf8'));
const typ = path.join(repo, 'bench/peers/leaflet.typ');
writeFileSync(typ, typstSource(it, shared.document));
const fontDir = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
let typst = null;
try {
  typst = require('@myriaddreamin/typst-ts-node-compiler');
} catch (e) {
  skipped.push(`Typst: @myriaddreamin/typst-ts-node-compiler cannot be loaded (${e.message.split('\n')[0]})`);
}
const typstScript = `const {NodeCompiler}=require('@myriaddreamin/typst-ts-node-compiler');const fs=require('fs');
const c=NodeCompiler.create({fontArgs:[{fontPaths:[${JSON.stringify(fontDir)}]}]});
fs.writeFileSync(${JSON.stringify(path.join(tmp, 'typst.pdf'))}, c.pdf({mainFileContent: fs.readFileSync(${JSON.stringify(typ)},'utf8')}));`;

// Chromium prints our own HTML leaflet
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const chromeHtml = path.join(tmp, 'it.html');
if (!chromium) skipped.push('Chromium: no /usr/bin/chromium');

// --- cold: every command once a round -------------------------------------------
const FLOOR = 'pdfkit alone: one word, one embedded face';
const jobs = [
  { name: 'node -e "" (start only)', cmd: process.execPath, args: ['-e', ''] },
  { name: 'leaflets render (bin: bundle + code cache)', ...render('it', path.join(tmp, 'it.pdf')) },
  { name: 'leaflets render (ES-module bundle, no cache)', ...viaMain('dist/bundle/cli.js', path.join(tmp, 'esm.pdf')) },
  { name: 'leaflets render (per-file dist/, no bundle)', ...viaMain('dist/cli/main.js', path.join(tmp, 'files.pdf')) },
  ...LANGS.map((lang) => ({ name: `leaflets render --lang ${lang} (bin)`, ...render(lang, path.join(tmp, `${lang}.pdf`)) })),
  {
    name: HE,
    cmd: process.execPath,
    args: [path.join(repo, 'bin/leaflets.js'), 'render', 'bidi-sample', '--lang', 'he', '--format', 'pdf', '-o', path.join(tmp, 'he.pdf'), '--overwrite'],
    opts: { ...binEnv, cwd: heRoot },
  },
  ...(typst ? [{ name: 'Typst (typst-ts-node-compiler 0.7.0)', cmd: process.execPath, args: ['-e', typstScript] }] : []),
  { name: FLOOR, cmd: process.execPath, args: [path.join(repo, 'bench/peers/pdfkit-floor.cjs'), path.join(tmp, 'floor.pdf')] },
];
if (chromium) {
  const r = spawnSync(process.execPath, ['bin/leaflets.js', 'render', 'periduroscopia', '--lang', 'it', '--format', 'html', '-o', chromeHtml], { cwd: repo });
  if (r.status !== 0) throw new Error(`the HTML leaflet for Chromium could not be rendered: ${r.stderr}`);
  jobs.push({ name: 'Chromium print-to-PDF', cmd: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', `--print-to-pdf=${path.join(tmp, 'chrome.pdf')}`, '--no-pdf-header-footer', pathToFileURL(chromeHtml).href] });
}
const colds = Object.fromEntries(coldRounds(jobs).map((r, k) => [jobs[k].name, r]));

// --- warm: distinct documents, one process ------------------------------------------
const { Renderer } = await import(pathToFileURL(path.join(repo, 'dist/render.js')).href);
const corpus = distinctCorpus(repo, WARM + WARMUP, { langs: ['it', ...LANGS] });
const renderer = new Renderer({ root: corpus.root, cwd: corpus.root });
let pdfBytes = 0;
const warmOf = (lang) =>
  warm(async (n) => {
    const r = await renderer.render({ leaflet: corpus.copies[n].id, lang, template: 'standard', formats: ['pdf'], paper: 'a4', skip: [] });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    if (lang === 'it') pdfBytes = r.value[0].bytes.length;
  });
row('node -e "" (start only)', colds['node -e "" (start only)'], null);
row('leaflets render (bin: bundle + code cache)', colds['leaflets render (bin: bundle + code cache)'], await warmOf('it'));
row('leaflets render (ES-module bundle, no cache)', colds['leaflets render (ES-module bundle, no cache)'], null);
row('leaflets render (per-file dist/, no bundle)', colds['leaflets render (per-file dist/, no bundle)'], null);
for (const lang of LANGS) row(`leaflets render --lang ${lang} (bin)`, colds[`leaflets render --lang ${lang} (bin)`], await warmOf(lang));
{
  const heCorpus = distinctCorpus(repo, WARM + WARMUP, { langs: ['he'], source: heSource });
  const heRenderer = new Renderer({ root: heCorpus.root, cwd: heCorpus.root });
  const heWarm = await warm(async (n) => {
    const r = await heRenderer.render({ leaflet: heCorpus.copies[n].id, lang: 'he', template: 'standard', formats: ['pdf'], paper: 'a4', skip: [] });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  });
  row(HE, colds[HE], heWarm);
  rmSync(heCorpus.root, { recursive: true, force: true });
}

if (typst) {
  const compiler = typst.NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
  // the same distinct documents our warm renders laid out
  const typstWarm = await warm((n) => {
    const pdf = compiler.pdf({ mainFileContent: typstSource(corpus.copies[n].docs.it, shared.document) });
    if (!pdf?.length) throw new Error('Typst produced no PDF');
  });
  row('Typst (typst-ts-node-compiler 0.7.0)', colds['Typst (typst-ts-node-compiler 0.7.0)'], typstWarm);
}
rmSync(corpus.root, { recursive: true, force: true });

// --- Chromium print-to-PDF: cold in the rounds above, warm with one reused tab ---------
if (chromium) {
  let chromeWarm = null;
  try {
    const { chromium: pw } = await import('playwright-core');
    const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    const content = readFileSync(chromeHtml, 'utf8');
    chromeWarm = await warm(async () => {
      await page.setContent(content);
      await page.pdf({ format: 'A4' });
    });
    await browser.close();
  } catch (e) {
    skipped.push(`Chromium warm: playwright-core could not drive ${chromium} (${e.message.split('\n')[0]})`);
  }
  row('Chromium print-to-PDF', colds['Chromium print-to-PDF'], chromeWarm);
}
row(FLOOR, colds[FLOOR], null);

// --- report ---------------------------------------------------------------------
const ms = (v) => (v === null ? '—' : `${v.toFixed(0)} ms`);
const x = (v) => `${v.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'MET' : 'MISSED');
console.log(`Italian periduroscopia leaflet, A4 (${Math.round(pdfBytes / 1024)} KiB PDF). Cold: medians of ${COLD} whole processes, run in rounds; CPU = user + sys. Warm: median of ${WARM} distinct documents in one process.`);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`${'tool'.padEnd(46)} ${'cold wall'.padStart(10)} ${'cold CPU'.padStart(10)} ${'warm'.padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(46)} ${ms(r.cold).padStart(10)} ${ms(r.cpu).padStart(10)} ${ms(r.warm).padStart(10)}`);
for (const s of skipped) console.log(`skipped: ${s}`);
const find = (prefix) => rows.find((r) => r.name.startsWith(prefix));
const ours = find('leaflets render (bin');
const t = find('Typst');
const c = find('Chromium');
const node = find('node -e');
console.log('\nTargets (issue 14), ratios from this run:');
if (t) {
  console.log(`  cold ≤ 1.0× Typst: leaflets ${ms(ours.cold)} / Typst ${ms(t.cold)} = ${x(ours.cold / t.cold)} wall${ours.cpu && t.cpu ? `, ${x(ours.cpu / t.cpu)} CPU` : ''} ${verdict(ours.cold <= t.cold)}`);
  console.log(`  warm ≤ 1.0× Typst, distinct documents: leaflets ${ms(ours.warm)} / Typst ${ms(t.warm)} = ${x(ours.warm / t.warm)} ${verdict(ours.warm <= t.warm)}`);
}
if (c) console.log(`  cold ≥ 5× faster than Chromium: ${ms(c.cold)} / ${ms(ours.cold)} = ${(c.cold / ours.cold).toFixed(1)}× wall${ours.cpu && c.cpu ? `, ${(c.cpu / ours.cpu).toFixed(1)}× CPU` : ''} ${verdict(c.cold / ours.cold >= 5)}`);
if (c?.warm) console.log(`  (warm, one reused Chromium tab: ${ms(c.warm)} / ${ms(ours.warm)} = ${(c.warm / ours.warm).toFixed(1)}× faster)`);
for (const lang of [...LANGS, 'he']) {
  const r = lang === 'he' ? find(HE) : find(`leaflets render --lang ${lang}`);
  console.log(`  ${lang}${lang === 'he' ? ' (short test leaflet)' : ''} cold ≤ 2× it: ${ms(r.cold)} / ${ms(ours.cold)} = ${x(r.cold / ours.cold)} wall ${verdict(r.cold <= 2 * ours.cold)}${r.cpu && ours.cpu ? `, ${x(r.cpu / ours.cpu)} CPU ${verdict(r.cpu <= 2 * ours.cpu)}` : ''}; warm ${x(r.warm / ours.warm)} it`);
}
console.log(`  over Node's own start: leaflets cold − node = ${ms(ours.cold - node.cold)} wall${ours.cpu && node.cpu ? `, ${ms(ours.cpu - node.cpu)} CPU` : ''}`);
const floor = find(FLOOR);
if (floor && t)
  console.log(
    `  the stack's floor: pdfkit writing one word in one embedded face, cold, ${ms(floor.cold)} wall${floor.cpu ? ` / ${ms(floor.cpu)} CPU` : ''} = ${x(floor.cold / t.cold)} Typst's whole leaflet${c ? `, ${(c.cold / floor.cold).toFixed(1)}× faster than Chromium` : ''}`,
  );
console.log('  (warm HTML ≤ 5 ms and build ≥ 1.5× Typst: npm run bench -- html batch)');
rmSync(tmp, { recursive: true, force: true });
