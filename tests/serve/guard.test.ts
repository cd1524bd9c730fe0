import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import { checkRequest, type RequestFacts } from '../../src/serve/guard.js';

const token = 'T'.repeat(43);
const port = 41000;
const ok: RequestFacts = { method: 'GET', url: `/?token=${token}`, host: `127.0.0.1:${port}`, origin: undefined, tokenHeader: undefined };
const check = (over: Partial<RequestFacts>) => checkRequest({ ...ok, ...over }, { token, port });

describe('the request guard', () => {
  it('lets the page, its own requests and its preview frame in', () => {
    expect(check({})).toEqual({ ok: true, path: '/' });
    expect(check({ host: `localhost:${port}` }).ok).toBe(true);
    expect(check({ method: 'POST', url: '/api/preview', tokenHeader: token, origin: `http://127.0.0.1:${port}` }).ok).toBe(true);
  });

  it('property: any query parameter but the token is refused as data in the address, whatever its name and value', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((k) => k !== 'token'), fc.string(), (key, value) => {
        const q = new URLSearchParams({ token });
        q.append(key, value);
        const v = check({ url: `/api/options?${q}` });
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.code).toBe(CODES.SERVE_DATA_IN_URL);
      }),
    );
  });

  it('property: any Host but 127.0.0.1 or localhost on our port is refused, token or not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.domain(), fc.ipV4(), fc.constant('127.0.0.1'), fc.constant('localhost')), fc.integer({ min: 1, max: 65535 }), (name, p) => {
        fc.pre(!((name === '127.0.0.1' || name === 'localhost') && p === port));
        const v = check({ host: `${name}:${p}` });
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.code).toBe(CODES.SERVE_FOREIGN_HOST);
      }),
    );
  });

  it('property: any token but the one printed is refused, on every method', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('GET', 'POST'), (guess, method) => {
        fc.pre(guess !== token);
        const v = check({ method, url: '/api/preview', tokenHeader: guess, origin: `http://127.0.0.1:${port}` });
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.code).toBe(CODES.SERVE_BAD_TOKEN);
      }),
    );
  });

  it('a foreign Origin, or a POST with none, is refused', () => {
    for (const origin of ['http://attacker.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const v = check({ method: 'POST', url: '/api/preview', tokenHeader: token, origin });
      expect(v.ok ? 'let in' : v.code, origin).toBe(CODES.SERVE_FOREIGN_ORIGIN);
    }
    const none = check({ method: 'POST', url: '/api/preview', tokenHeader: token });
    expect(none.ok ? 'let in' : none.code).toBe(CODES.SERVE_FOREIGN_ORIGIN);
  });

  it('methods other than GET and POST are refused', () => {
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'TRACE']) expect(check({ method }).ok, method).toBe(false);
  });
});
