/**
 * Shared by the HTML, select, compose, markup and browser tests: render the
 * bundled leaflet in-process, run the CLI with fake streams, and make a
 * throw-away copy of the content to break on purpose.
 */
import { fileURLToPath } from 'node:url';
import { Renderer, type RenderRequest } from '../../src/render.js';
import { runCli } from '../support/cli.js';
import { tempRoot as supportRoot } from '../support/root.js';
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

export type { CliRun } from '../support/cli.js';

/** `leaflets <args>` in-process, standing in `cwd`, with colours off. */
export function cli(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}) {
  return runCli(args, { cwd, env: { NO_COLOR: '1', ...env } });
}

/** A copy of the repository's data/ in a temporary root, to edit freely. */
export async function tempRoot(): Promise<{ root: string; done: () => Promise<void> }> {
  const t = await supportRoot();
  return { root: t.root, done: t.remove };
}
