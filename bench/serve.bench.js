#!/usr/bin/env node
// `leaflets serve`: how long a doctor waits for the preview to follow what
// they type. One server on the bundled content (built code in dist/; run
// `npm run build` first), the Italian leaflet with a patient's details, the
// way the page asks: POST /api/preview, then GET the preview it names.
//   first: the first preview (content, template and brand loaded, Handlebars compiled);
//   warm:  every later one, with the note changing as if typed — the target
//          is a median of at most 100 ms (issue 15).
// Also the PDF download, warm.
import { performance } from 'node:perf_hooks';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const { startServer } = await import('../dist/serve/server.js');
const server = await startServer({ root: repo, watch: false, date: new Date('2026-11-24T00:00:00Z') });
const origin = `http://127.0.0.1:${server.port}`;

function call(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, origin, 'x-leaflets-token': server.token, 'content-type': 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const body = (i) =>
  JSON.stringify({
    leaflet: 'periduroscopia',
    lang: 'it',
    template: 'standard',
    brand: 'demo-clinic',
    patient: { name: 'Mario Esempio', appointment: { date: '2027-01-12', time: '08:30', place: 'Day hospital, piano 2' }, note: `Porti con sé la risonanza magnetica ${i}` },
  });

async function preview(i) {
  const t = performance.now();
  const r = await call('POST', '/api/preview', body(i));
  if (r.status !== 200) throw new Error(`preview failed: ${r.body}`);
  const { preview: at } = JSON.parse(r.body.toString());
  const html = await call('GET', `${at}?token=${server.token}`);
  if (html.status !== 200) throw new Error('preview gone');
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = await preview(0);
for (let i = 1; i <= 5; i++) await preview(i); // let V8 settle
const warm = [];
for (let i = 0; i < 40; i++) warm.push(await preview(100 + i));
const pdf = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  const r = await call('POST', '/api/pdf', body(200 + i));
  if (r.status !== 200) throw new Error('pdf failed');
  pdf.push(performance.now() - t);
}
await server.close();

const ms = (x) => `${x.toFixed(1)} ms`;
const sorted = [...warm].sort((a, b) => a - b);
console.log(`serve preview, it, standard, with a patient (HTML through HTTP):`);
console.log(`  first preview           ${ms(first)}`);
console.log(`  warm preview median     ${ms(median(warm))}  (p10 ${ms(sorted[4])}, p90 ${ms(sorted[35])}, n=${warm.length})  target ≤ 100 ms: ${median(warm) <= 100 ? 'met' : 'MISSED'}`);
console.log(`  warm PDF download median ${ms(median(pdf))}  (n=${pdf.length})`);
