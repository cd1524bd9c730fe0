// Typst compiling comparable leaflets in one warm process (see typst-leaflet.js).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { typstLeaflet } from './typst-leaflet.js';
import { distinct } from '../support/distinct.js';

const require = createRequire(import.meta.url);

export async function typstRate(count, { repo, warmup = 5, first = 1000 }) {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const fonts = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });
  const docs = ['it', 'en'].map((lang) => parse(readFileSync(path.join(repo, 'data/leaflets/periduroscopia', `${lang}.yaml`), 'utf8')));
  // Every compile differs in content as our corpus's artefacts do (the
  // copy's counter in every paragraph, its language, clinic name and
  // variant), so Typst cannot return a memoised document or paragraph.
  const source = (i) =>
    typstLeaflet(distinct(docs[Math.abs(i) % 2], first + (i >> 2) + (i < 0 ? 100000 : 0)), { clinic: Math.abs(i) % 4 < 2 ? 'Clinica Demo Esempio' : 'Patient information', reference: 'PIL-SPINE-001', version: '1.0', variant: `leaflet ${i}` });
  let bytes = 0;
  const compile = (i) => {
    const pdf = compiler.pdf({ mainFileContent: source(i) });
    if (!pdf?.length) throw new Error('Typst produced no PDF');
    bytes = pdf.length;
  };
  for (let i = 0; i < warmup; i++) compile(-1 - i);
  const start = performance.now();
  for (let i = 0; i < count; i++) compile(i);
  const seconds = (performance.now() - start) / 1000;
  return { count, seconds, rate: count / seconds, bytes };
}
