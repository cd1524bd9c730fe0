import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions of files leaflets itself writes: only those may be replaced. */
const OUTPUT_EXTENSIONS = new Set(['.pdf', '.html']);

export interface OutputGuard {
  /** folders nothing may be written into (content, templates), compared by real path */
  folders: string[];
  /** single files that must never be replaced (patient file, config) */
  files: string[];
}

/**
 * Why `file` must not be written, or undefined when it may. Paths are
 * compared after resolving symlinks, so a link into the content folder does
 * not get round the check; an existing file is replaced only when it is an
 * output (.pdf, .html) — never a YAML source, a patient file or a folder.
 */
export async function refuseOutput(file: string, format: string, guard: OutputGuard, shown: string): Promise<string | undefined> {
  const ext = path.extname(file).toLowerCase();
  const real = await realTarget(file);
  for (const dir of guard.folders) {
    const realDir = await realpath(dir).catch(() => path.resolve(dir));
    const rel = path.relative(realDir, real);
    if (!rel.startsWith('..') && !path.isAbsolute(rel))
      return `Refusing to write ${shown}: it is inside the content folder ${dir}. Choose an output path outside it.`;
  }
  for (const f of guard.files) {
    const realFile = await realpath(f).catch(() => path.resolve(f));
    if (realFile === real) return `Refusing to write ${shown}: that is one of the input files. Choose another output path.`;
  }
  if (ext !== `.${format}`)
    return `The output ${shown} does not end in .${format}, the format being written. Name it *.${format}, or choose --format ${ext.slice(1) || '…'}.`;
  const existing = await lstat(real).catch(() => undefined);
  if (existing?.isDirectory()) return `The output ${shown} is a folder. Give a file name, or use --out ${shown} for a folder.`;
  if (existing && !OUTPUT_EXTENSIONS.has(ext)) return `Refusing to replace ${shown}: it is not a file leaflets writes.`;
  const parent = await nearestExisting(path.dirname(real));
  if (parent && !parent.isDirectory) return `Cannot write ${shown}: ${parent.path} is a file, not a folder.`;
  return undefined;
}

/** The real path the file would have: its existing parent resolved, the rest appended. */
async function realTarget(file: string): Promise<string> {
  const abs = path.resolve(file);
  const existing = await realpath(abs).catch(() => undefined);
  if (existing) return existing;
  let dir = path.dirname(abs);
  const rest = [path.basename(abs)];
  for (;;) {
    const real = await realpath(dir).catch(() => undefined);
    if (real) return path.join(real, ...rest);
    const up = path.dirname(dir);
    if (up === dir) return abs;
    rest.unshift(path.basename(dir));
    dir = up;
  }
}

async function nearestExisting(dir: string): Promise<{ path: string; isDirectory: boolean } | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    const s = await stat(d).catch(() => undefined);
    if (s) return { path: d, isDirectory: s.isDirectory() };
    if (path.dirname(d) === d) return undefined;
  }
}
