import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Renderer, type RenderRequest } from '../../src/render.js';
import { layoutPdf } from '../../src/write/pdf/index.js';
import type { LaidOutDocument } from '../../src/model/layout.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'bin/leaflets.js');

/** One Renderer for the whole file, as one CLI process or batch worker would keep. */
export const renderer = new Renderer({ root: REPO, cwd: REPO });

export const request = (over: Partial<RenderRequest> = {}): RenderRequest => ({
  leaflet: 'periduroscopia',
  lang: 'it',
  template: 'standard',
  formats: ['pdf'],
  paper: 'a4',
  skip: [],
  // the bundled English translation is a draft: its handouts are rendered on purpose here
  allowDraft: true,
  ...over,
});

export async function renderPdf(over: Partial<RenderRequest> = {}, r: Renderer = renderer): Promise<Uint8Array> {
  const result = await r.render(request(over));
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value[0]!.bytes;
}

export async function layoutOf(over: Partial<RenderRequest> = {}, r: Renderer = renderer): Promise<LaidOutDocument> {
  const composed = await r.compose(request(over));
  if (!composed.ok) throw new Error(JSON.stringify(composed.diagnostics));
  const template = await r.template(over.template ?? 'standard');
  if (!template.ok) throw new Error('no template');
  const laid = await layoutPdf(composed.value, { template: template.value, date: new Date(0), cache: r.writerCache });
  if (!laid.ok) throw new Error(JSON.stringify(laid.diagnostics));
  return laid.value.document;
}

/** The CLI needs dist/: build once if another run has not. */
export function ensureBuilt(): void {
  if (!existsSync(path.join(REPO, 'dist/cli/main.js'))) execFileSync('npx', ['tsc', '-p', '.'], { cwd: REPO, stdio: 'inherit' });
}

export function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '', ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A content root in a temp folder with a copy of the bundled leaflet, to break on purpose. */
export function tempRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'leaflets-pdf-'));
  cpSync(path.join(REPO, 'data/leaflets/periduroscopia'), path.join(root, 'data/leaflets/periduroscopia'), { recursive: true });
  mkdirSync(path.join(root, 'data/brands'), { recursive: true });
  return root;
}

/** A content root holding the right-to-left test leaflet (tests/fixtures/leaflets/bidi-sample: he, ar) and the bundled brands. */
export function sampleRoot(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'leaflets-rtl-'));
  cpSync(path.join(REPO, 'tests/fixtures/leaflets/bidi-sample'), path.join(root, 'data/leaflets/bidi-sample'), { recursive: true });
  cpSync(path.join(REPO, 'data/brands'), path.join(root, 'data/brands'), { recursive: true });
  return root;
}

export function writeBrand(root: string, name: string, yaml: string, files: Record<string, string | Buffer> = {}): void {
  writeFileSync(path.join(root, 'data/brands', `${name}.yaml`), yaml);
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(root, 'data/brands', f), content);
}

export function tool(cmd: string, args: string[], input?: Buffer): string {
  return execFileSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function tmpFile(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leaflets-pdf-'));
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

// ---- reading a PDF from outside, as a viewer or screen reader would -----

export interface ReadPdf {
  pages: number;
  /** text of each page, items joined in content-stream order */
  text: string[];
  outline: { title: string; items: { title: string }[] }[];
  info: Record<string, unknown>;
  xmp: string;
  /** structure tree of each page: role names in document order, Figure alts */
  roles: string[][];
  alts: string[];
  sizes: [number, number][];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const text: string[] = [];
  const roles: string[][] = [];
  const alts: string[] = [];
  const sizes: [number, number][] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join(''));
    const [, , w, h] = page.view;
    sizes.push([Math.round(w!), Math.round(h!)]);
    const tree = await page.getStructTree();
    const list: string[] = [];
    const walk = (n: { role?: string; alt?: string; children?: unknown[] }) => {
      if (n.role) list.push(n.role);
      if (n.alt !== undefined) alts.push(n.alt);
      for (const c of n.children ?? []) walk(c as typeof n);
    };
    if (tree) walk(tree as never);
    roles.push(list);
  }
  const outline = ((await doc.getOutline()) ?? []).map((o) => ({ title: o.title, items: (o.items ?? []).map((c) => ({ title: c.title })) }));
  const meta = await doc.getMetadata();
  const xmp = (meta.metadata as { getRaw?: () => string } | null)?.getRaw?.() ?? '';
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text, outline, info: meta.info as Record<string, unknown>, xmp, roles, alts, sizes };
}

/** Whitespace-insensitive text, for finding sentences that wrap across lines. */
export const squash = (s: string) => s.replace(/\u00AD/g, '').replace(/-\n/g, '-').replace(/\s+/g, ' ').trim();
