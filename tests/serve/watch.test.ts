/**
 * The editor's preview follows every kind of content file: a language file,
 * a brand, the folder's own strings (i18n/<lang>.yaml) and its own template.
 * Each change is announced on /api/events and the next preview shows it.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../src/serve/server.js';
import { tempRoot } from '../html/helpers.js';
import { PROJECT, raw } from './helpers.js';

let server: Server;
let root: { root: string; done: () => Promise<void> };
let changes = 0;

beforeAll(async () => {
  root = await tempRoot();
  // a template of the folder's own, to edit
  await mkdir(path.join(root.root, 'templates'), { recursive: true });
  await cp(path.join(PROJECT, 'templates/standard'), path.join(root.root, 'templates/own'), { recursive: true });
  server = await startServer({ root: root.root });
  await new Promise<void>((resolve) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => (changes += d.split('event: change').length - 1));
      resolve();
    });
    req.end();
  });
});
afterAll(async () => {
  await server?.close();
  await root?.done();
});

async function preview(template = 'standard'): Promise<string> {
  const r = await raw(server.port, {
    method: 'POST',
    path: '/api/preview',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, 'x-leaflets-token': server.token },
    body: JSON.stringify({ leaflet: 'periduroscopia', lang: 'en', template, brand: 'demo-clinic' }),
  });
  const answer = JSON.parse(r.body) as { ok: boolean; preview?: string; diagnostics?: { code: string }[] };
  if (!answer.ok) return `problems: ${answer.diagnostics!.map((d) => d.code).join(' ')}`;
  return (await raw(server.port, { path: `${answer.preview}?token=${server.token}` })).body;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = changes;
  const full = path.join(root.root, file);
  await writeFile(full, change(await readFile(full, 'utf8').catch(() => '')));
  const started = Date.now();
  while (changes === before && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 25));
  expect(changes, `no change announced for ${file}`).toBeGreaterThan(before);
}

describe('the editor preview follows', () => {
  it('a language file', async () => {
    await edit('data/leaflets/periduroscopia/en.yaml', (t) => t.replace(/^title: .*$/m, 'title: Title Edited WX1'));
    expect(await preview()).toContain('Title Edited WX1');
  });

  it('a brand', async () => {
    await edit('data/brands/demo-clinic.yaml', (t) => t.replace(/^name: .*$/m, 'name: Clinic Renamed WX2'));
    expect(await preview()).toContain('Clinic Renamed WX2');
  });

  it("the folder's own strings", async () => {
    await mkdir(path.join(root.root, 'i18n'), { recursive: true });
    const before = await preview();
    expect(before).not.toContain('Good to know WX3');
    const key = /^(\s*)tip: .*$/m.exec(await readFile(path.join(PROJECT, 'i18n/en.yaml'), 'utf8'));
    expect(key, 'i18n/en.yaml has a tip label').not.toBeNull();
    await edit('i18n/en.yaml', () => `${key![0].replace(/tip: .*$/, 'tip: Good to know WX3').trimStart()}\n`);
    expect(await preview()).toContain('Good to know WX3');
  });

  it("the folder's own template, and an invalid one gives problems, not a stale preview", async () => {
    await edit('templates/own/style.css', (t) => `${t}\n/* WX4 */\n.wx4 { color: #123456; }\n`);
    expect(await preview('own')).toContain('#123456');
    await edit('templates/own/leaflet.hbs', (t) => `${t}\n{{#if}}\n`);
    expect(await preview('own')).toMatch(/^problems: LEAF3/);
  });
});
