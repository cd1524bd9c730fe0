#!/usr/bin/env node
// PDF benchmark (issue 4): the Italian periduroscopia leaflet, A4, DejaVu Sans,
// with the Arabic, Chinese and Hindi translations beside it (issue 12),
// measured side by side in one run against Typst and Chromium print-to-PDF.
//   cold: a whole process from start to PDF on disk (median of runs)
//   warm: time per leaflet in one process that keeps its state (median)
// Needs a build (npm run build). Run: npm run bench -- pdf
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'leaflets-bench-'));
const COLD = Number(process.env.BENCH_COLD ?? 7);
const WARM = Number(process.env.BENCH_WARM ?? 20);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function cold(cmd, args, runs = COLD, opts = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: repo, ...opts });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}
async function warm(fn, runs = WARM, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
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
const row = (name, coldMs, warmMs) => rows.push({ name, cold: coldMs, warm: warmMs });

// --- Node itself ------------------------------------------------------------
const nodeStart = cold(process.execPath, ['-e', '']);
row('node -e "" (start only)', nodeStart, null);

// --- leaflets ----------------------------------------------------------------
const out = path.join(tmp, 'it.pdf');
const leafletsCold = cold(process.execPath, ['bin/leaflets.js', 'render', 'periduroscopia', '--lang', 'it', '-o', out], COLD, { env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
const esmBundleCold = cold(process.execPath, ['--input-type=module', '-e', `import {main} from ${JSON.stringify(pathToFileURL(path.join(repo, 'dist/bundle/cli.js')).href)}; process.exitCode = await main(['node','leaflets','render','periduroscopia','--lang','it','-o',${JSON.stringify(out)}]);`]);
const unbundledCold = cold(process.execPath, ['--input-type=module', '-e', `import {main} from ${JSON.stringify(pathToFileURL(path.join(repo, 'dist/cli/main.js')).href)}; process.exitCode = await main(['node','leaflets','render','periduroscopia','--lang','it','-o',${JSON.stringify(out)}]);`]);
const { Renderer } = await import(pathToFileURL(path.join(repo, 'dist/render.js')).href);
const renderer = new Renderer({ root: repo, cwd: repo });
const request = { leaflet: 'periduroscopia', lang: 'it', template: 'standard', formats: ['pdf'], paper: 'a4', skip: [] };
let pdfBytes = 0;
const leafletsWarm = await warm(async () => {
  const r = await renderer.render(request);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  pdfBytes = r.value[0].bytes.length;
});
row('leaflets render (bin: bundle + code cache)', leafletsCold, leafletsWarm);
row('leaflets render (ES-module bundle, no cache)', esmBundleCold, null);
row('leaflets render (per-file dist/, no bundle)', unbundledCold, null);

// --- other scripts (issue 12): the same leaflet in Arabic, Chinese and Hindi, in the same run ---
for (const lang of ['ar', 'zh-Hans', 'hi']) {
  const file = path.join(tmp, `${lang}.pdf`);
  const langCold = cold(process.execPath, ['bin/leaflets.js', 'render', 'periduroscopia', '--lang', lang, '-o', file], COLD, { env: { ...process.env, SOURCE_DATE_EPOCH: '' } });
  const langRequest = { ...request, lang };
  const langWarm = await warm(async () => {
    const r = await renderer.render(langRequest);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  });
  row(`leaflets render --lang ${lang} (bin)`, langCold, langWarm);
}

// --- Typst --------------------------------------------------------------------
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
if (typst) {
  const script = `const {NodeCompiler}=require('@myriaddreamin/typst-ts-node-compiler');const fs=require('fs');
const c=NodeCompiler.create({fontArgs:[{fontPaths:[${JSON.stringify(fontDir)}]}]});
fs.writeFileSync(${JSON.stringify(path.join(tmp, 'typst.pdf'))}, c.pdf({mainFileContent: fs.readFileSync(${JSON.stringify(typ)},'utf8')}));`;
  const typstCold = cold(process.execPath, ['-e', script]);
  const compiler = typst.NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDir] }] });
  const source = readFileSync(typ, 'utf8');
  let i = 0;
  // a different document each time (a comment changes), so Typst cannot hand back a memoised result
  const typstWarm = await warm(() => {
    const pdf = compiler.pdf({ mainFileContent: `${source}\n// run ${i++}\n` });
    if (!pdf?.length) throw new Error('Typst produced no PDF');
  });
  row('Typst (typst-ts-node-compiler 0.7.0)', typstCold, typstWarm);
}

// --- Chromium print-to-PDF -----------------------------------------------------
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) skipped.push('Chromium: no /usr/bin/chromium');
else {
  const html = path.join(tmp, 'it.html');
  const r = spawnSync(process.execPath, ['bin/leaflets.js', 'render', 'periduroscopia', '--lang', 'it', '--format', 'html', '-o', html], { cwd: repo });
  if (r.status !== 0) skipped.push(`Chromium: the HTML leaflet could not be rendered (${r.stderr})`);
  else {
    const chromeCold = cold(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--print-to-pdf=${path.join(tmp, 'chrome.pdf')}`, '--no-pdf-header-footer', pathToFileURL(html).href], Math.min(COLD, 5));
    let chromeWarm = null;
    try {
      const { chromium: pw } = await import('playwright-core');
      const browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage();
      const content = readFileSync(html, 'utf8');
      chromeWarm = await warm(async () => {
        await page.setContent(content);
        await page.pdf({ format: 'A4' });
      });
      await browser.close();
    } catch (e) {
      skipped.push(`Chromium warm: playwright-core could not drive ${chromium} (${e.message.split('\n')[0]})`);
    }
    row('Chromium print-to-PDF', chromeCold, chromeWarm);
  }
}

// --- report ---------------------------------------------------------------------
const ms = (v) => (v === null ? '—' : `${v.toFixed(0)} ms`);
console.log(`Italian periduroscopia leaflet, A4 (${Math.round(pdfBytes / 1024)} KiB PDF). Cold: median of ${COLD} whole processes; warm: median of ${WARM} renders in one process.`);
console.log(`${'tool'.padEnd(46)} ${'cold'.padStart(10)} ${'warm'.padStart(10)}`);
for (const r of rows) console.log(`${r.name.padEnd(46)} ${ms(r.cold).padStart(10)} ${ms(r.warm).padStart(10)}`);
for (const s of skipped) console.log(`skipped: ${s}`);
const find = (prefix) => rows.find((r) => r.name.startsWith(prefix));
const ours = find('leaflets render (bin');
const t = find('Typst');
const c = find('Chromium');
console.log('\nTargets (issue 4):');
if (t) {
  console.log(`  cold: leaflets ${ms(ours.cold)} vs Typst ${ms(t.cold)} → ${(t.cold / ours.cold).toFixed(2)}× Typst's speed (target > 1.00×) ${ours.cold < t.cold ? 'MET' : 'MISSED'}`);
  console.log(`  warm: leaflets ${ms(ours.warm)} vs Typst ${ms(t.warm)} per leaflet → ${(ours.warm / t.warm).toFixed(2)}× Typst's time (target ≤ 1.00×) ${ours.warm <= t.warm ? 'MET' : 'MISSED'}`);
}
if (c) console.log(`  cold: Chromium ${ms(c.cold)} / leaflets ${ms(ours.cold)} → ${(c.cold / ours.cold).toFixed(1)}× faster (target ≥ 10×) ${c.cold / ours.cold >= 10 ? 'MET' : 'MISSED'}`);
if (c?.warm) console.log(`  warm: Chromium ${ms(c.warm)} / leaflets ${ms(ours.warm)} → ${(c.warm / ours.warm).toFixed(1)}× faster`);
console.log(`  over Node's own start: leaflets cold − node = ${ms(ours.cold - nodeStart)}; bundling saved ${ms(find('leaflets render (per-file').cold - ours.cold)}`);
