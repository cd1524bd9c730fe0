/**
 * Every file the tool reads on behalf of content, brands, templates or
 * patients comes through here: the real path (symlinks followed) must stay
 * inside the folder the file belongs to, it must be a regular file, and no
 * more than `maxBytes` are read — a symlink to /proc/self/environ, a FIFO or
 * /dev/zero is refused, never read.
 */
import { constants } from 'node:fs';
import { open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

export type ReadRefusal =
  /** no such file (or folder to hold it) */
  | 'missing'
  /** resolves (through symlinks or ..) outside its folder, or names a URL/absolute path */
  | 'outside'
  /** a folder, device, FIFO or socket */
  | 'not-a-file'
  /** over the limit; `size` says how big */
  | 'too-large'
  /** exists but cannot be read (permissions, I/O); `errno` says why */
  | 'unreadable';

export type Confined<T> = { ok: true; path: string; value: T } | { ok: false; reason: ReadRefusal; size?: number; errno?: string };

/** True when `real` is `folder` itself or inside it (both already real paths). */
export function isInside(folder: string, real: string): boolean {
  const rel = path.relative(folder, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolves `relative` against `base` and checks that the real file stays
 * inside `folder`. Absolute paths and URLs are refused: content names files
 * relative to itself.
 */
export async function resolveConfined(folder: string, base: string, relative: string): Promise<Confined<undefined>> {
  if (path.isAbsolute(relative) || /^[a-z][a-z0-9+.-]*:/i.test(relative)) return { ok: false, reason: 'outside' };
  return confine(folder, path.resolve(base, relative));
}

/** The real path of `file` if it lies inside `folder`. */
export async function confine(folder: string, file: string): Promise<Confined<undefined>> {
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  let real: string;
  try {
    real = await realpath(file);
  } catch (e) {
    const lexical = path.relative(path.resolve(folder), path.resolve(file));
    if (lexical.startsWith('..') || path.isAbsolute(lexical)) return { ok: false, reason: 'outside' };
    const errno = (e as NodeJS.ErrnoException).code;
    return errno === 'ENOENT' || errno === 'ENOTDIR' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'unreadable', errno };
  }
  if (!isInside(realFolder, real)) return { ok: false, reason: 'outside' };
  return { ok: true, path: real, value: undefined };
}

/**
 * Reads `file`, which must resolve inside `folder`, as bytes. Reads at most
 * `maxBytes` + 1 bytes whatever the file claims its size is (files in /proc
 * say 0), and opens without blocking so that a FIFO cannot hang the tool.
 */
export async function readConfined(folder: string, file: string, options: { maxBytes: number }): Promise<Confined<Buffer>> {
  const where = await confine(folder, file);
  if (!where.ok) return where;
  let handle;
  try {
    handle = await open(where.path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') return { ok: false, reason: 'missing' };
    if (errno === 'EISDIR' || errno === 'ELOOP' || errno === 'ENXIO') return { ok: false, reason: 'not-a-file' };
    return { ok: false, reason: 'unreadable', errno };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-a-file' };
    if (info.size > options.maxBytes) return { ok: false, reason: 'too-large', size: info.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(64 * 1024, options.maxBytes + 1 - total);
      const { bytesRead, buffer } = await handle.read(Buffer.allocUnsafe(want), 0, want, null);
      if (!bytesRead) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > options.maxBytes) return { ok: false, reason: 'too-large', size: total };
    }
    return { ok: true, path: where.path, value: Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', errno: (e as NodeJS.ErrnoException).code };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** As readConfined, decoded as UTF-8 text (invalid bytes refused as unreadable). */
export async function readConfinedText(folder: string, file: string, options: { maxBytes: number }): Promise<Confined<string>> {
  const r = await readConfined(folder, file, options);
  if (!r.ok) return r;
  try {
    return { ok: true, path: r.path, value: new TextDecoder('utf-8', { fatal: true }).decode(r.value) };
  } catch {
    return { ok: false, reason: 'unreadable', errno: 'EILSEQ' };
  }
}

/**
 * The names in `dir` (which must resolve inside `folder`), sorted; empty when
 * the folder does not exist. Entries are not followed here: each is checked
 * when it is read.
 */
export async function listConfined(folder: string, dir: string): Promise<Confined<string[]>> {
  const where = await confine(folder, dir);
  if (!where.ok) return where.reason === 'missing' ? { ok: true, path: path.resolve(dir), value: [] } : where;
  try {
    return { ok: true, path: where.path, value: (await readdir(where.path)).sort() };
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') return { ok: true, path: where.path, value: [] };
    if (errno === 'ENOTDIR') return { ok: false, reason: 'not-a-file' };
    return { ok: false, reason: 'unreadable', errno };
  }
}

/** Words for a refusal, to finish a sentence that names the file. */
export function refusalText(r: { reason: ReadRefusal; size?: number; errno?: string }, maxBytes?: number): string {
  switch (r.reason) {
    case 'missing':
      return 'does not exist';
    case 'outside':
      return 'lies outside its folder (a symlink or a path leading out of it); keep the file itself inside the folder';
    case 'not-a-file':
      return 'is not a regular file';
    case 'too-large':
      return `is larger than the limit of ${maxBytes ?? '?'} bytes`;
    case 'unreadable':
      return `cannot be read (${r.errno ?? 'I/O error'}); check its permissions`;
  }
}
