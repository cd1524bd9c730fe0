/**
 * Shared by the HTML, select, compose, markup and browser tests: render the
 * bundled leaflet in-process, run the CLI with fake streams, and make a
 * throw-away copy of the content to break on purpose.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Renderer, type RenderRequest } from '../../src/render.js';
import { main } from '../../src/cli/main.js';
import { writeHtml } from '../../src/write/html.js';
import type { Result } from '../../src/model/diagnostic.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Fixed, so golden files do not depend on the day they were made. */
export const DATE = new Date('2026-11-24T00:00:00Z');

/** `fresh`: a new renderer, for a root whose files the test has just changed. */
export type HtmlRequest = Partial<RenderRequest> & { root?: string; fresh?: boolean };

/** One renderer per root, as the CLI keeps one per process. */
const renderers = new Map<string, Renderer>();
export function rendererFor(root = REPO, fresh = false): Renderer {
  let r = fresh ? undefined : renderers.get(root);
  if (!r) {
    r = new Renderer({ root, cwd: root });
    renderers.set(root, r);
  }
  return r;
}

export async function renderHtmlResult(req: HtmlRequest = {}): Promise<Result<string>> {
  const { root, fresh, ...rest } = req;
  const renderer = rendererFor(root, fresh);
  const full: RenderRequest = { leaflet: 'periduroscopia', template: 'standard', formats: ['html'], paper: 'a4', skip: [], date: DATE, ...rest };
  const composed = await renderer.compose(full);
  if (!composed.ok) return composed;
  const template = await renderer.template(full.template);
  if (!template.ok) return template;
  const html = await writeHtml(composed.value, { template: template.value, date: full.date ?? DATE });
  if (!html.ok) return html;
  return { ok: true, value: new TextDecoder().decode(html.value), warnings: html.warnings };
}

export async function renderHtml(req: HtmlRequest = {}): Promise<string> {
  const r = await renderHtmlResult(req);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return r.value;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `leaflets <args>` in-process, standing in `cwd`, with colours off. */
export async function cli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(['node', 'leaflets', ...args], { stdout, stderr, cwd, env: { NO_COLOR: '1', ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A copy of the repository's data/ in a temporary root, to edit freely. */
export async function tempRoot(): Promise<{ root: string; done: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'leaflets-test-'));
  await cp(path.join(REPO, 'data'), path.join(root, 'data'), { recursive: true });
  return { root, done: () => rm(root, { recursive: true, force: true }) };
}
