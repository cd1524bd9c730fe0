/**
 * Whatever a doctor types into any patient field, the server answers with a
 * preview or with problems beside fields, never crashes, and never quotes
 * the text back in a message.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Server } from '../../src/serve/server.js';
import { PROJECT, raw } from './helpers.js';

let server: Server;
beforeAll(async () => {
  server = await startServer({ root: PROJECT, watch: false, date: new Date('2026-11-24T00:00:00Z') });
});
afterAll(async () => server?.close());

const FIELDS = ['name', 'identifier', 'fasting', 'note', 'lang', 'appointment.date', 'appointment.time', 'appointment.place', 'doctor.name', 'doctor.phone', 'companion'] as const;

function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.');
  if (!rest.length) target[head!] = value;
  else put((target[head!] ??= {}) as Record<string, unknown>, rest.join('.'), value);
}

describe('patient text through leaflets serve', () => {
  it('any text in any field: a preview (200) or problems (422) that name fields and never quote the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), fc.string({ unit: 'grapheme', minLength: 4, maxLength: 40 }), async (field, text) => {
        const marker = `${text}§Q`;
        const patient: Record<string, unknown> = { name: 'Test Patient' };
        put(patient, field, marker);
        const r = await raw(server.port, {
          method: 'POST',
          path: '/api/preview',
          headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${server.port}`, 'x-leaflets-token': server.token },
          body: JSON.stringify({ leaflet: 'periduroscopia', lang: 'it', patient }),
        });
        expect([200, 422]).toContain(r.status);
        const answer = JSON.parse(r.body) as { ok: boolean; diagnostics?: { message: string; file?: string; sensitive?: boolean }[] };
        if (!answer.ok)
          for (const d of answer.diagnostics!) {
            expect(d.message).not.toContain(marker);
            expect(d.file ?? 'patient').toMatch(/^patient/);
            expect(d.sensitive).toBe(true);
          }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
