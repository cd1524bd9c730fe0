/**
 * Builds one artefact: render and hash (in a worker thread or, with
 * --jobs 1, in the main thread), then write atomically — always from the
 * main thread, which alone hears Ctrl-C and so decides that nothing more is
 * put in place once it came.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { Renderer, type Format } from '../render.js';
import { OutputRefusedError, writeOutput, type OutputPolicy } from '../io/output.js';
import { CODES } from '../diagnostics/codes.js';
import { Interrupted, isAbort } from '../io/interrupt.js';
import { sha256 } from './fingerprint.js';
import { forgetParagraphs } from '../write/pdf/memo.js';
import type { Job } from './matrix.js';

/** What crosses the thread boundary: plain data only — a job with its absolute output path. */
export interface WorkItem extends Omit<Job, 'path'> {
  id: number;
  /** absolute output path */
  file: string;
  /** SOURCE_DATE_EPOCH in ms, if set */
  date?: number;
  /** the build cache records that leaflets wrote this file, so it may be replaced even if edited since */
  written?: boolean;
}

export interface WorkResult {
  id: number;
  /** cancelled: Ctrl-C stopped it before its file was in place (nothing written) */
  status: 'built' | 'failed' | 'cancelled';
  pages?: number;
  bytes?: number;
  sha256?: string;
  milliseconds: number;
  diagnostics: Diagnostic[];
}

/** A rendered artefact on its way to the main thread, which writes it. */
export interface Rendered {
  id: number;
  status: 'rendered';
  bytes: Uint8Array;
  pages?: number;
  sha256: string;
  milliseconds: number;
  diagnostics: Diagnostic[];
}

/**
 * A Renderer keeps every leaflet it has loaded. A worker going through
 * thousands of artefacts starts a fresh one after this many leaflets, keeping
 * the parsed fonts and shaped words (writerCache) but not the paragraphs'
 * line breaks: memory stays flat, fonts are parsed once.
 */
const LEAFLETS_PER_RENDERER = 8;

export class ArtefactBuilder {
  private renderer: Renderer;
  private readonly leaflets = new Set<string>();

  constructor(private readonly options: { root: string; cwd: string }) {
    this.renderer = new Renderer(options);
  }

  /** Render only; with a signal, an abort ends the render early as 'cancelled'. */
  async render(item: WorkItem, signal?: AbortSignal): Promise<Rendered | WorkResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    this.recycle(item.leaflet);
    try {
      const result = await this.renderer.render(
        {
        leaflet: item.leaflet,
        lang: item.lang ?? undefined,
        template: item.template,
        brand: item.brand ?? undefined,
        formats: [item.format],
        paper: item.paper,
        sections: item.sections,
        skip: item.skip,
        date: item.date === undefined ? undefined : new Date(item.date),
        },
        { signal },
      );
      if (!result.ok) return { id: item.id, status: 'failed', milliseconds: elapsed(), diagnostics: result.diagnostics };
      const artefact = result.value[0];
      if (!artefact)
        return { id: item.id, status: 'failed', milliseconds: elapsed(), diagnostics: [bug(`the renderer returned no ${item.format}`)] };
      return {
        id: item.id,
        status: 'rendered',
        bytes: artefact.bytes,
        pages: artefact.pages,
        sha256: sha256(artefact.bytes),
        milliseconds: elapsed(),
        diagnostics: result.warnings,
      };
    } catch (e) {
      if (e instanceof Interrupted) return cancelled(item, elapsed());
      return { id: item.id, status: 'failed', milliseconds: elapsed(), diagnostics: [bug((e as Error)?.stack ?? String(e))] };
    }
  }

  private recycle(leaflet: string): void {
    if (this.leaflets.has(leaflet)) return;
    if (this.leaflets.size >= LEAFLETS_PER_RENDERER) {
      const fresh = new Renderer(this.options);
      for (const [k, v] of this.renderer.writerCache) fresh.writerCache.set(k, v);
      // the leaflets it laid out are gone: so are their paragraphs' line breaks
      forgetParagraphs(fresh.writerCache);
      this.renderer = fresh;
      this.leaflets.clear();
    }
    this.leaflets.add(leaflet);
  }
}

/** Puts a rendered artefact in place, unless the signal aborted first. */
export async function writeArtefact(item: WorkItem, rendered: Rendered, policy: OutputPolicy, signal?: AbortSignal): Promise<WorkResult> {
  const started = performance.now();
  const elapsed = () => rendered.milliseconds + Math.round(performance.now() - started);
  try {
    await writeOutput(item.file, rendered.bytes, item.format, { ...policy, overwrite: policy.overwrite || item.written }, { signal });
  } catch (e) {
    if (isAbort(e, signal)) return cancelled(item, elapsed());
    const err = e as NodeJS.ErrnoException;
    const diagnostic: Diagnostic =
      e instanceof OutputRefusedError
        ? { code: CODES.OUTPUT_REFUSED, severity: 'error', message: e.message }
        : err?.code
          ? writeFailed(item.file, err.code)
          : bug((e as Error)?.stack ?? String(e));
    return { id: item.id, status: 'failed', milliseconds: elapsed(), diagnostics: [diagnostic] };
  }
  return {
    id: item.id,
    status: 'built',
    pages: rendered.pages,
    bytes: rendered.bytes.length,
    sha256: rendered.sha256,
    milliseconds: elapsed(),
    diagnostics: rendered.diagnostics,
  };
}

export function cancelled(item: Pick<WorkItem, 'id'>, milliseconds = 0): WorkResult {
  return { id: item.id, status: 'cancelled', milliseconds, diagnostics: [] };
}

function bug(detail: string): Diagnostic {
  return {
    code: CODES.WORKER_FAILED,
    severity: 'error',
    message: `Internal error while building this artefact; this is a bug in leaflets, please report it. ${detail.split('\n')[0]}`,
  };
}

/** A system error while writing, in words that say what to do. */
export function writeFailed(file: string, errno: string): Diagnostic {
  const why: Record<string, string> = {
    ENOSPC: 'the disk is full; free some space and build again',
    EDQUOT: 'the disk quota is used up; free some space and build again',
    EACCES: 'permission denied; choose an output folder you can write to',
    EPERM: 'permission denied; choose an output folder you can write to',
    EROFS: 'the file system is read-only; choose another output folder',
    ENOTDIR: 'a part of the path is a file, not a folder; choose another output path',
    EISDIR: 'a folder is in the way; remove it or choose another output path',
    ENAMETOOLONG: 'the path is too long; choose a shorter output path',
  };
  return {
    code: CODES.WRITE_FAILED,
    severity: 'error',
    message: `Could not write ${file}: ${why[errno] ?? `the system said ${errno}; check the output folder`}.`,
  };
}
