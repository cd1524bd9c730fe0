/**
 * Who may talk to `leaflets serve`, decided before a request is read: the
 * server holds health data, so every request must carry the start-up token,
 * come to the loopback address by a name we expect (a foreign Host is DNS
 * rebinding), from our own page (a foreign Origin is another site driving
 * the browser), and never carry anything but the token in its URL (patient
 * data belongs in POST bodies: URLs end up in history, logs and referrers).
 */
import { timingSafeEqual } from 'node:crypto';
import { CODES } from '../diagnostics/codes.js';

export interface RequestFacts {
  method: string;
  /** the request target as sent: path and query */
  url: string;
  host: string | undefined;
  origin: string | undefined;
  /** the x-leaflets-token header */
  tokenHeader: string | undefined;
}

export type Verdict =
  | { ok: true; path: string }
  | { ok: false; status: 400 | 403 | 404 | 405; code: string; message: string };

/** Host names the server answers to: the loopback address it listens on, and its usual name. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkRequest(req: RequestFacts, expected: { token: string; port: number }): Verdict {
  const hosts = allowedHosts(expected.port);
  if (!req.host || !hosts.includes(req.host.toLowerCase()))
    return { ok: false, status: 403, code: CODES.SERVE_FOREIGN_HOST, message: `This server answers only to ${hosts.join(' or ')}.` };
  if (req.origin !== undefined && !hosts.some((h) => req.origin === `http://${h}`))
    return { ok: false, status: 403, code: CODES.SERVE_FOREIGN_ORIGIN, message: 'Requests from other sites are refused.' };
  let url: URL;
  try {
    url = new URL(req.url, `http://${hosts[0]}`);
  } catch {
    return { ok: false, status: 400, code: CODES.SERVE_BAD_REQUEST, message: 'The address cannot be read.' };
  }
  const extra = [...url.searchParams.keys()].filter((k) => k !== 'token');
  if (extra.length || url.searchParams.getAll('token').length > 1)
    return {
      ok: false,
      status: 400,
      code: CODES.SERVE_DATA_IN_URL,
      message: 'Addresses carry only the token; details are sent in the body of a POST request, never in the address.',
    };
  const token = req.tokenHeader ?? url.searchParams.get('token') ?? '';
  if (!sameToken(token, expected.token))
    return { ok: false, status: 403, code: CODES.SERVE_BAD_TOKEN, message: 'Open the address leaflets serve printed when it started (it holds the token).' };
  if (req.method !== 'GET' && req.method !== 'POST')
    return { ok: false, status: 405, code: CODES.SERVE_BAD_REQUEST, message: `${req.method} is not used here.` };
  // a POST from a browser always names its origin; one that does not is not from our page
  if (req.method === 'POST' && req.origin === undefined)
    return { ok: false, status: 403, code: CODES.SERVE_FOREIGN_ORIGIN, message: 'A POST request must come from the leaflets page.' };
  return { ok: true, path: url.pathname };
}

/** Constant-time: how much of a guess is right must not show in the response time. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
