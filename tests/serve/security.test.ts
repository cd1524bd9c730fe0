/**
 * What `leaflets serve` refuses: every request without the token, with a
 * foreign Host (DNS rebinding) or Origin (another site driving the browser),
 * and any address that carries more than the token (patient data belongs in
 * POST bodies). And what it promises on what it answers: a strict policy,
 * no caching of anything that holds patient data, loopback only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { CODES } from '../../src/diagnostics/codes.js';
import { tempRoot } from '../html/helpers.js';
import { raw, startServe, type Running } from './helpers.js';

let server: Running;
let root: { root: string; done: () => Promise<void> };
const json = { 'content-type': 'application/json' };
const body = JSON.stringify({ leaflet: 'periduroscopia', lang: 'it', patient: { name: 'Zq Marker' } });

beforeAll(async () => {
  root = await tempRoot();
  server = await startServe(root.root);
});
afterAll(async () => {
  await server?.stop();
  await root?.done();
});

const own = () => ({ origin: `http://127.0.0.1:${server.port}`, 'x-leaflets-token': server.token });
const codeOf = (b: string) => (JSON.parse(b) as { diagnostics: { code: string }[] }).diagnostics[0]!.code;

describe('leaflets serve refuses', () => {
  it('a request without the token, or with a wrong one, on every route', async () => {
    for (const path of ['/', '/editor', '/web/app.js', '/api/options', '/api/events', '/preview/aaaaaaaaaaaaaaaaaaaaaaaa']) {
      const r = await raw(server.port, { path });
      expect(r.status, path).toBe(403);
      expect(codeOf(r.body)).toBe(CODES.SERVE_BAD_TOKEN);
    }
    const wrong = await raw(server.port, { path: `/?token=${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
    const post = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, origin: own().origin }, body });
    expect(post.status).toBe(403);
  });

  it('a foreign Host, even with the token (DNS rebinding)', async () => {
    const r = await raw(server.port, { path: `/?token=${server.token}`, headers: { host: `attacker.example:${server.port}` } });
    expect(r.status).toBe(403);
    expect(codeOf(r.body)).toBe(CODES.SERVE_FOREIGN_HOST);
    expect((await raw(server.port, { path: `/?token=${server.token}`, headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('a foreign Origin, and a POST that names none', async () => {
    const foreign = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, ...own(), origin: 'http://attacker.example' }, body });
    expect(foreign.status).toBe(403);
    expect(codeOf(foreign.body)).toBe(CODES.SERVE_FOREIGN_ORIGIN);
    const none = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, 'x-leaflets-token': server.token }, body });
    expect(none.status).toBe(403);
    expect((await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, ...own() }, body })).status).toBe(200);
  });

  it('patient data in the query string, with or without the token', async () => {
    for (const q of [`token=${server.token}&name=Zq+Marker`, `name=Zq+Marker`, `token=${server.token}&token=${server.token}`]) {
      const r = await raw(server.port, { path: `/?${q}` });
      expect(r.status, q).toBe(400);
      expect(codeOf(r.body)).toBe(CODES.SERVE_DATA_IN_URL);
    }
    const r = await raw(server.port, { method: 'POST', path: `/api/preview?name=Zq`, headers: { ...json, ...own() }, body });
    expect(r.status).toBe(400);
    expect(codeOf(r.body)).toBe(CODES.SERVE_DATA_IN_URL);
  });

  it('a body that is not JSON or too large, without quoting it back', async () => {
    const bad = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, ...own() }, body: '{"name": "Zq Marker"' });
    expect(bad.status).toBe(400);
    expect(bad.body).not.toContain('Marker');
    const big = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, ...own() }, body: JSON.stringify({ x: 'a'.repeat(300_000) }) }).catch(() => ({ status: 413, body: '' }));
    expect(big.status).toBe(413);
  });
});

describe('leaflets serve answers', () => {
  it('with a strict policy on its pages and no-store on everything that holds patient data', async () => {
    const pageRes = await raw(server.port, { path: `/?token=${server.token}` });
    const csp = String(pageRes.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    const preview = await raw(server.port, { method: 'POST', path: '/api/preview', headers: { ...json, ...own() }, body });
    expect(preview.headers['cache-control']).toBe('no-store');
    const at = (JSON.parse(preview.body) as { preview: string }).preview;
    const html = await raw(server.port, { path: `${at}?token=${server.token}` });
    expect(html.status).toBe(200);
    expect(html.body).toContain('Zq Marker');
    expect(html.headers['cache-control']).toBe('no-store');
    expect(String(html.headers['content-security-policy'])).toContain("script-src 'none'");
    // fetched once, then gone from memory
    expect((await raw(server.port, { path: `${at}?token=${server.token}` })).status).toBe(404);
    const pdf = await raw(server.port, { method: 'POST', path: '/api/pdf', headers: { ...json, ...own() }, body });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(String(pdf.headers['content-disposition'])).not.toContain('Zq');
  });

  it('on the loopback address only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: server.port }, () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});
