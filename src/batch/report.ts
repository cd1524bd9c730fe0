/**
 * What a build tells machines: the --json report (every artefact with its
 * timing and whether it was built, skipped or failed) and the manifest
 * written beside the outputs. The manifest describes the output folder, not
 * the run: no timings and no built/skipped distinction, so identical inputs
 * give an identical manifest whether the build was full or incremental.
 */
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Format } from '../render.js';
import type { Paper } from '../model/template.js';
import type { Shard } from './shard.js';

export type ArtefactStatus = 'built' | 'skipped' | 'failed' | 'cancelled';

export interface ArtefactRecord {
  /** relative to the output folder, / separators */
  path: string;
  leaflet: string;
  format: Format;
  language: string | null;
  brand: string;
  template: string;
  paper: Paper;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  milliseconds: number;
  status: ArtefactStatus;
  diagnostics: Diagnostic[];
}

export interface BuildReport {
  ok: boolean;
  interrupted: boolean;
  tool: { name: 'leaflets'; version: string };
  /** the output folder, relative to the working directory */
  out: string;
  shard: string | null;
  summary: { total: number; built: number; skipped: number; failed: number; cancelled: number; milliseconds: number };
  artefacts: ArtefactRecord[];
  /** problems of the build itself rather than of one artefact: the manifest or cache could not be written */
  problems: Diagnostic[];
}

export interface Manifest {
  tool: { name: 'leaflets'; version: string };
  shard: string | null;
  artefacts: (Omit<ArtefactRecord, 'milliseconds' | 'status'> & { ok: boolean })[];
}

export function shardLabel(shard: Shard | undefined): string | null {
  return shard ? `${shard.index}/${shard.count}` : null;
}

export function makeReport(
  records: readonly ArtefactRecord[],
  meta: { version: string; out: string; shard: Shard | undefined; milliseconds: number; interrupted: boolean; problems?: Diagnostic[] },
): BuildReport {
  const problems = meta.problems ?? [];
  const count = (s: ArtefactStatus) => records.filter((r) => r.status === s).length;
  const summary = {
    total: records.length,
    built: count('built'),
    skipped: count('skipped'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    milliseconds: meta.milliseconds,
  };
  return {
    ok: summary.failed === 0 && !meta.interrupted && problems.length === 0,
    interrupted: meta.interrupted,
    tool: { name: 'leaflets', version: meta.version },
    out: meta.out,
    shard: shardLabel(meta.shard),
    summary,
    artefacts: [...records],
    problems,
  };
}

/**
 * The manifest: one entry per artefact, in matrix order, with `ok` telling
 * whether the file on disk is current. Diagnostic file names are made
 * relative to the content root so the manifest does not depend on where the
 * build was run from.
 */
export function makeManifest(
  records: readonly ArtefactRecord[],
  meta: { version: string; shard: Shard | undefined; root: string; cwd: string },
): Manifest {
  return {
    tool: { name: 'leaflets', version: meta.version },
    shard: shardLabel(meta.shard),
    artefacts: records.map(({ milliseconds: _ms, status, diagnostics, ...rest }) => ({
      ...rest,
      ok: status === 'built' || status === 'skipped',
      diagnostics: diagnostics.map((d) => (d.file ? { ...d, file: rootRelative(d.file, meta) } : d)),
    })),
  };
}

function rootRelative(file: string, meta: { root: string; cwd: string }): string {
  const abs = path.resolve(meta.cwd, file);
  const rel = path.relative(meta.root, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
