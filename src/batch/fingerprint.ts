/**
 * Content fingerprints of a build's inputs. An artefact's key is the hash of
 * everything that can change its bytes: its leaflet folder, its template
 * folder and fonts, its brand file and logo, the tool itself and the render
 * options. Equal key, equal bytes: the artefact can be skipped.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isInside, readConfined } from '../io/read.js';

/** Far above any content, template or font file; a bigger file is hashed as refused, and the render says why. */
const MAX_HASHED_BYTES = 64 * 1024 * 1024;

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes files and folders once per build, however many artefacts share them. */
export class InputHasher {
  private readonly files = new Map<string, Promise<string>>();
  private readonly trees = new Map<string, Promise<string>>();

  /**
   * sha256 of a file's bytes, read through the confined reader (inside
   * `folder`, a regular file, bounded): a link to /dev/zero in a leaflet
   * folder is hashed as refused, never read. What cannot be read is a
   * token ('missing', 'outside'…) — the render says why.
   */
  file(file: string, folder: string = path.dirname(file)): Promise<string> {
    let p = this.files.get(file);
    if (!p) {
      p = readConfined(folder, file, { maxBytes: MAX_HASHED_BYTES }).then((r) => (r.ok ? sha256(r.value) : r.reason));
      this.files.set(file, p);
    }
    return p;
  }

  /** Every file below `dir` (dot files included, symlinks followed while they stay inside `dir`), by relative path and content. */
  tree(dir: string, accept: (name: string) => boolean = () => true): Promise<string> {
    let p = this.trees.get(dir);
    if (!p) {
      p = realpath(dir)
        .then((real) => this.walk(dir, real, accept, new Set([real])))
        .catch(() => [] as string[])
        .then(async (files) => {
          const h = createHash('sha256');
          for (const f of files) h.update(`${path.relative(dir, f).split(path.sep).join('/')}\0${await this.file(f, dir)}\0`);
          return h.digest('hex');
        });
      this.trees.set(dir, p);
    }
    return p;
  }

  /** `seen`: real paths of the folders on the way down, so a link to a parent folder is not walked forever. */
  private async walk(dir: string, top: string, accept: (name: string) => boolean, seen: ReadonlySet<string>): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) {
        const real = await realpath(full).catch(() => undefined);
        if (e.isSymbolicLink() && (!real || !isInside(top, real))) {
          if (accept(e.name)) out.push(full); // hashed as refused: the render reports it
          continue;
        }
        if (e.isDirectory() || (real && (await isFolder(real)))) {
          if (!real || seen.has(real)) continue;
          out.push(...(await this.walk(full, top, accept, new Set([...seen, real]))));
        } else if (accept(e.name)) out.push(full);
      } else if (e.isFile() && accept(e.name)) out.push(full);
    }
    return out;
  }
}

async function isFolder(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

const codeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = path.resolve(codeDir, '..');

/**
 * The tool's version and a hash of its own code and schemas, so that a
 * development build with changed code never reuses older artefacts.
 */
export async function toolFingerprint(hasher: InputHasher): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const code = await hasher.tree(codeDir, (n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts'));
  const schemas = await hasher.tree(path.join(packageDir, 'schemas'));
  return `${pkg.version}:${sha256(`${code}:${schemas}`)}`;
}

export async function toolVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The cache key of one artefact: a hash of its inputs' fingerprints and its render options. */
export function artefactKey(parts: Record<string, unknown>): string {
  return sha256(JSON.stringify(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1))));
}
