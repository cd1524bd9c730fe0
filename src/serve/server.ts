/**
 * `leaflets serve`: a local web page for the doctor and the editor, on
 * Node's own http server (see docs/serve.md for why). One Renderer stays
 * warm between previews; a change to any file under the content root drops
 * what it loaded (keeping parsed fonts) and tells open pages to reload.
 *
 * Health data: patient details arrive only in POST bodies, are rendered in
 * memory, and leave only in the response (Cache-Control: no-store). A
 * preview is kept in memory until its frame fetches it once, at most a
 * minute. Nothing is logged: the server has no log, and the only text it
 * hands its caller is the address to open.
 */
import { randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODES } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Paper } from '../model/template.js';
import { Renderer, defaultFileName, type Format, type RenderRequest } from '../render.js';
import { listLeafletIds } from '../content/leaflet.js';
import { languages } from '../api/languages.js';
import { listTemplates } from '../content/template.js';
import { listBrands } from '../content/brand.js';
import { checkPatient } from '../content/patient.js';
import { CONTENT_SECURITY_POLICY } from '../write/html.js';
import { readConfinedText } from '../io/read.js';
import type { Section } from '../model/content.js';
import { checkRequest } from './guard.js';
import { patientForm, type SchemaNode } from './form.js';
import { page } from './pages.js';

export interface ServeOptions {
  /** absolute content root */
  root: string;
  /** 0: any free port */
  port?: number;
  /** default: 32 random bytes; tests pass their own */
  token?: string;
  /** every date printed in the leaflets (SOURCE_DATE_EPOCH); default: each leaflet's published date */
  date?: Date;
  /** watch the root and reload open pages when a file changes (default: true) */
  watch?: boolean;
  /** today, for the warning about an appointment already past; default: no such warning */
  clock?: () => Date;
}

export interface Server {
  /** http://127.0.0.1:<port>/?token=… — the doctor's page */
  url: string;
  editorUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const WEB = path.join(PACKAGE, 'web');
const SCHEMAS = path.join(PACKAGE, 'schemas');
const MAX_BODY = 256 * 1024;
const PREVIEW_LIFETIME_MS = 60_000;
const MAX_PREVIEWS = 16;

/** The pages themselves: our own script and stylesheet, nothing inline, nothing from elsewhere. */
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
/** A preview is a leaflet: the policy its HTML carries, and it may sit only in our own page's frame. */
const PREVIEW_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'self'`;

interface Body {
  leaflet?: unknown;
  lang?: unknown;
  template?: unknown;
  brand?: unknown;
  sections?: unknown;
  patient?: unknown;
  allowDraft?: unknown;
}

export async function startServer(options: ServeOptions): Promise<Server> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const assets = await loadAssets();
  let renderer = new Renderer({ root: options.root, cwd: options.root });
  const previews = new Map<string, { html: Uint8Array; expires: number }>();
  const listeners = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // never the error itself: it may quote what the patient's details held
      if (!res.headersSent) send(res, 500, json({ ok: false, diagnostics: [problem(CODES.SERVE_INTERNAL, 'Something went wrong inside leaflets; this is a bug, please report it.')] }), 'application/json');
      else res.destroy();
    });
  });
  // a slow or stalled client cannot hold a connection open with half a request
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = checkRequest(
      { method: req.method ?? 'GET', url: req.url ?? '/', host: req.headers.host, origin: req.headers.origin, tokenHeader: header(req, 'x-leaflets-token') },
      { token, port },
    );
    if (!verdict.ok) {
      req.resume();
      return send(res, verdict.status, json({ ok: false, diagnostics: [problem(verdict.code, verdict.message)] }), 'application/json');
    }
    const route = `${req.method} ${verdict.path}`;
    switch (route) {
      case 'GET /':
      case 'GET /editor': {
        const kind = verdict.path === '/' ? 'doctor' : 'editor';
        const form = kind === 'doctor' ? patientForm(assets.schema, { languages: await languageCodes() }) : '';
        return send(res, 200, page(kind, { token, form }), 'text/html; charset=utf-8', { 'Content-Security-Policy': PAGE_POLICY });
      }
      case 'GET /web/app.js':
        return send(res, 200, assets.script, 'text/javascript; charset=utf-8');
      case 'GET /web/app.css':
        return send(res, 200, assets.style, 'text/css; charset=utf-8');
      case 'GET /api/options':
        return send(res, 200, json(await choices()), 'application/json');
      case 'GET /api/events':
        return events(res);
      case 'POST /api/preview':
      case 'POST /api/pdf': {
        const body = await readBody(req);
        if (!body.ok) return send(res, body.status, json({ ok: false, diagnostics: [body.problem] }), 'application/json');
        const format: Format = verdict.path === '/api/preview' ? 'html' : 'pdf';
        const request = toRequest(body.value, format);
        if (!request.ok) return send(res, 422, json({ ok: false, diagnostics: request.diagnostics }), 'application/json', { 'Cache-Control': 'no-store' });
        const result = await renderer.render(request.value);
        if (!result.ok) return send(res, 422, json({ ok: false, diagnostics: result.diagnostics }), 'application/json', { 'Cache-Control': 'no-store' });
        const artefact = result.value[0]!;
        if (format === 'pdf') {
          const name = defaultFileName(request.value.leaflet, artefact.lang, request.value.template, 'pdf', artefact.personal, request.value.brand);
          return send(res, 200, artefact.bytes, 'application/pdf', { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
        }
        const id = keep(artefact.bytes);
        return send(res, 200, json({ ok: true, preview: `/preview/${id}`, warnings: result.warnings }), 'application/json', { 'Cache-Control': 'no-store' });
      }
      default: {
        const m = /^GET \/preview\/([\w-]{20,64})$/.exec(route);
        if (m) {
          const kept = previews.get(m[1]!);
          previews.delete(m[1]!);
          if (!kept || kept.expires < Date.now())
            return send(res, 404, 'This preview is gone; the page asks for a new one.', 'text/plain; charset=utf-8', { 'Cache-Control': 'no-store' });
          return send(res, 200, kept.html, 'text/html; charset=utf-8', { 'Content-Security-Policy': PREVIEW_POLICY, 'Cache-Control': 'no-store', 'X-Frame-Options': 'SAMEORIGIN' });
        }
        req.resume();
        return send(res, 404, json({ ok: false, diagnostics: [problem(CODES.SERVE_NOT_FOUND, 'There is no such page.')] }), 'application/json');
      }
    }
  }

  function keep(html: Uint8Array): string {
    const now = Date.now();
    for (const [id, p] of previews) if (p.expires < now || previews.size >= MAX_PREVIEWS) previews.delete(id);
    const id = randomBytes(18).toString('base64url');
    previews.set(id, { html, expires: now + PREVIEW_LIFETIME_MS });
    // a tab closed before its frame asked still leaves nothing after a minute
    setTimeout(() => previews.delete(id), PREVIEW_LIFETIME_MS).unref();
    return id;
  }

  function toRequest(body: Body, format: Format): { ok: true; value: RenderRequest } | { ok: false; diagnostics: Diagnostic[] } {
    const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const leaflet = text(body.leaflet);
    if (!leaflet) return { ok: false, diagnostics: [problem(CODES.SERVE_BAD_REQUEST, 'Choose a leaflet.')] };
    const sections = Array.isArray(body.sections) && body.sections.every((s) => typeof s === 'string') ? (body.sections as string[]) : undefined;
    let patient: RenderRequest['patient'];
    if (body.patient !== undefined && body.patient !== null) {
      const checked = checkPatient(body.patient);
      if (!checked.ok) return { ok: false, diagnostics: checked.diagnostics };
      patient = checked.value;
    }
    return {
      ok: true,
      value: {
        leaflet,
        lang: text(body.lang),
        template: text(body.template) ?? 'standard',
        brand: text(body.brand),
        formats: [format],
        paper: 'a4' as Paper,
        sections: sections?.length ? sections : undefined,
        skip: [],
        patient,
        date: options.date,
        today: options.clock?.(),
        allowDraft: body.allowDraft === true,
      },
    };
  }

  async function choices() {
    const leaflets = [];
    for (const id of await listLeafletIds(options.root)) {
      const l = await renderer.leaflet(id);
      if (!l.ok) {
        leaflets.push({ id, ok: false, languages: [] });
        continue;
      }
      leaflets.push({
        id,
        ok: true,
        source: l.value.source,
        languages: [
          ...l.value.languages.map((c) => ({ lang: c.lang, status: c.status, title: c.title, sections: outline(c.sections) })),
          // a broken translation stays on the list: choosing it shows its problems, not another language
          ...l.value.broken.map((b) => ({ lang: b.lang, status: 'broken', title: 'has problems to fix', sections: [] })),
        ].sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0)),
      });
    }
    return { ok: true, leaflets, templates: await listTemplates(options.root), brands: await listBrands(options.root) };
  }

  /** Languages the patient's free text may be in: every language the root knows (packs and leaflets). */
  async function languageCodes(): Promise<string[]> {
    const known = await languages({ root: options.root });
    return known.ok ? known.value.map((l) => l.lang) : [];
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive', ...SAFE_HEADERS });
    res.write(': connected\n\n');
    listeners.add(res);
    res.on('close', () => listeners.delete(res));
  }

  // Content changed: forget what was loaded (a stale preview is worse than a slow one), keep the parsed fonts.
  let watcher: FSWatcher | undefined;
  let pending: NodeJS.Timeout | undefined;
  if (options.watch !== false) {
    watcher = watch(options.root, { recursive: true }, (_event, file) => {
      const name = String(file ?? '');
      // the build's output and hidden files (editors' swap files, .git) are not content
      if (/(^|[\\/])(out|node_modules)([\\/]|$)|(^|[\\/])\./.test(name)) return;
      clearTimeout(pending);
      pending = setTimeout(() => {
        const fonts = /\.(ttf|otf|woff2?)$/i.test(name) ? new Map() : renderer.writerCache;
        renderer = new Renderer({ root: options.root, cwd: options.root });
        for (const [k, v] of fonts) renderer.writerCache.set(k, v);
        for (const l of listeners) l.write('event: change\ndata: {}\n\n');
      }, 80);
    });
    watcher.on('error', () => watcher?.close());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;
  // Warm up while the user opens the page: load the first leaflet, compile
  // its template and parse the PDF fonts, so the first preview is as quick
  // as the next ones. No patient involved; a failure shows on the page later.
  void (async () => {
    const [first] = await listLeafletIds(options.root);
    if (first === undefined) return;
    const warm = renderer;
    for (const format of ['html', 'pdf'] as const)
      await warm.render({ leaflet: first, template: 'standard', formats: [format], paper: 'a4', skip: [], date: options.date });
  })().catch(() => {});
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/?token=${token}`,
    editorUrl: `${base}/editor?token=${token}`,
    port,
    token,
    close: async () => {
      watcher?.close();
      clearTimeout(pending);
      for (const l of listeners) l.end();
      previews.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SAFE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Resource-Policy': 'same-origin' };

function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    // nothing the server sends is worth keeping; patient data must never be kept
    'Cache-Control': 'no-store',
    ...SAFE_HEADERS,
    ...headers,
  });
  res.end(body);
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

function problem(code: string, message: string): Diagnostic {
  return { code, severity: 'error', message };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

async function readBody(req: IncomingMessage): Promise<{ ok: true; value: Body } | { ok: false; status: 400 | 413 | 415; problem: Diagnostic }> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
    req.resume();
    return { ok: false, status: 415, problem: problem(CODES.SERVE_BAD_REQUEST, 'Send JSON.') };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) {
      req.destroy();
      return { ok: false, status: 413, problem: problem(CODES.SERVE_BODY_TOO_LARGE, `A request holds at most ${MAX_BODY / 1024} KiB.`) };
    }
    chunks.push(chunk);
  }
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return { ok: true, value: value as Body };
  } catch {
    // the text is never quoted back: it may be a patient's details
    return { ok: false, status: 400, problem: problem(CODES.SERVE_BAD_REQUEST, 'The request is not valid JSON.') };
  }
}

interface Outline {
  id: string;
  path: string;
  title: string;
  sections: Outline[];
}

function outline(sections: readonly Section[]): Outline[] {
  return sections.map((s) => ({ id: s.id, path: s.path, title: s.title, sections: outline(s.sections) }));
}

async function loadAssets(): Promise<{ script: string; style: string; schema: SchemaNode }> {
  const read = async (folder: string, name: string) => {
    const r = await readConfinedText(folder, path.join(folder, name), { maxBytes: 512 * 1024 });
    // the package's own files: missing means a broken installation, a bug to report
    if (!r.ok) throw new Error(`leaflets is missing ${name} (${r.reason}); reinstall it.`);
    return r.value;
  };
  return {
    script: await read(WEB, 'app.js'),
    style: await read(WEB, 'app.css'),
    schema: JSON.parse(await read(SCHEMAS, 'patient.schema.json')) as SchemaNode,
  };
}
