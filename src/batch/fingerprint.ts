/**
 * Content fingerprints of a build's inputs. An artefact's key is the hash of
 * everything that can change its bytes: its leaflet folder, its template
 * folder and fonts, its brand file and logo, the tool itself and the render
 * options. Equal key, equal bytes: the artefact can be skipped.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hashes files and folders once per build, however many artefacts share them. */
export class InputHasher {
  private readonly files = new Map<string, Promise<string>>();
  private readonly trees = new Map<string, Promise<string>>();

  /** sha256 of a file's bytes; 'missing' when it cannot be read (the render will say why). */
  file(file: string): Promise<string> {
    let p = this.files.get(file);
    if (!p) {
      p = readFile(file).then(sha256, () => 'missing');
      this.files.set(file, p);
    }
    return p;
  }

  /** Every file below `dir` (dot files included, symlinks followed), by relative path and content. */
  tree(dir: string, accept: (name: string) => boolean = () => true): Promise<string> {
    let p = this.trees.get(dir);
    if (!p) {
      p = this.walk(dir, accept).then(async (files) => {
        const h = createHash('sha256');
        for (const f of files) h.update(`${path.relative(dir, f).split(path.sep).join('/')}\0${await this.file(f)}\0`);
        return h.digest('hex');
      });
      this.trees.set(dir, p);
    }
    return p;
  }

  private async walk(dir: string, accept: (name: string) => boolean): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const out: string[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) out.push(...(await this.walk(full, accept)));
      else if (e.isSymbolicLink()) {
        const sub = await this.walk(full, accept);
        if (sub.length) out.push(...sub);
        else if (accept(e.name)) out.push(full);
      } else if (e.isFile() && accept(e.name)) out.push(full);
    }
    return out;
  }
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
