/**
 * The incremental-build cache, a JSON file in the output folder: for each
 * artefact path, the key of the inputs it was built from and what was
 * written. An artefact is up to date when its key is unchanged and the file
 * on disk is still the one that was written.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import { writeFileAtomic } from '../write/atomic.js';
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

const VERSION = 1;

export async function readCache(out: string): Promise<Map<string, CacheEntry>> {
  try {
    const data = JSON.parse(await readFile(path.join(out, CACHE_FILE), 'utf8')) as { version?: number; entries?: Record<string, CacheEntry> };
    if (data.version !== VERSION || typeof data.entries !== 'object' || data.entries === null) return new Map();
    return new Map(Object.entries(data.entries));
  } catch {
    return new Map(); // none yet, or unreadable: build everything
  }
}

/** Sorted by path so that the file changes only where entries do. */
export async function writeCache(out: string, entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
  const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(path.join(out, CACHE_FILE), `${JSON.stringify({ version: VERSION, entries: sorted })}\n`);
}

export async function upToDate(file: string, entry: CacheEntry | undefined, key: string): Promise<boolean> {
  if (!entry || entry.key !== key) return false;
  try {
    const info = await stat(file);
    if (info.size !== entry.bytes) return false;
    if (info.mtimeMs === entry.mtimeMs) return true;
    return sha256(await readFile(file)) === entry.sha256;
  } catch {
    return false;
  }
}

export async function mtimeOf(file: string): Promise<number> {
  return (await stat(file)).mtimeMs;
}
