/**
 * The incremental-build cache, a JSON file in the output folder: for each
 * artefact path, the key of the inputs it was built from and what was
 * written. An artefact is up to date when its key is unchanged and the file
 * on disk is still the one that was written. The file is read as untrusted
 * input: an entry whose fields are not what this module writes means
 * "rebuild that artefact", never a crash or a skip.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { readConfined } from '../io/read.js';
import { CACHE_FILE } from './pattern.js';
import { sha256 } from './fingerprint.js';

export interface CacheEntry {
  key: string;
  sha256: string;
  bytes: number;
  pages?: number;
  /** warnings of the render, replayed when the artefact is skipped */
  diagnostics: Diagnostic[];
  /** the file's mtime after writing: unchanged size and mtime spare re-hashing it */
  mtimeMs: number;
}

const VERSION = 2;
/** Generous for tens of thousands of artefacts; a bigger file is not one this module wrote. */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

export const cacheFile = (out: string) => path.join(out, CACHE_FILE);

export async function readCache(out: string): Promise<Map<string, CacheEntry>> {
  const read = await readConfined(out, cacheFile(out), { maxBytes: MAX_CACHE_BYTES });
  if (!read.ok) return new Map(); // none yet, or unreadable: build everything
  let data: unknown;
  try {
    data = JSON.parse(read.value.toString('utf8'));
  } catch {
    return new Map();
  }
  if (!isRecord(data) || data.version !== VERSION || !isRecord(data.entries)) return new Map();
  const entries = new Map<string, CacheEntry>();
  for (const [file, entry] of Object.entries(data.entries)) if (isCacheEntry(entry)) entries.set(file, entry);
  return entries;
}

/** Sorted by path so that the file changes only where entries do. */
export function cacheText(entries: ReadonlyMap<string, CacheEntry>): string {
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ generator: 'patient-leaflets', version: VERSION, entries: sorted })}\n`;
}

export async function upToDate(file: string, entry: CacheEntry | undefined, key: string): Promise<boolean> {
  if (!entry || entry.key !== key) return false;
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size !== entry.bytes) return false;
    if (info.mtimeMs === entry.mtimeMs) return true;
    return sha256(await readFile(file)) === entry.sha256;
  } catch {
    return false;
  }
}

export async function mtimeOf(file: string): Promise<number> {
  return (await stat(file)).mtimeMs;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const count = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The shape cacheText writes, field by field. */
export function isCacheEntry(v: unknown): v is CacheEntry {
  if (!isRecord(v)) return false;
  return (
    typeof v.key === 'string' &&
    v.key.length > 0 &&
    typeof v.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(v.sha256) &&
    count(v.bytes) &&
    (v.pages === undefined || count(v.pages)) &&
    typeof v.mtimeMs === 'number' &&
    Number.isFinite(v.mtimeMs) &&
    Array.isArray(v.diagnostics) &&
    v.diagnostics.every(
      (d) => isRecord(d) && typeof d.code === 'string' && typeof d.message === 'string' && ['error', 'warning', 'info'].includes(d.severity as string),
    )
  );
}
