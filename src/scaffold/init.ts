/**
 * A new clinic folder: copies the scaffold (a config, one brand with a logo,
 * one short sample leaflet in English and Italian, a fictitious patient)
 * into a new folder that `build` builds as is. Returns what it wrote, or why
 * it wrote nothing; `leaflets init` prints it (src/cli/init.ts).
 */
import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath } from '../content/paths.js';
import { CODES } from '../diagnostics/codes.js';
import { fail, ok, type Result } from '../model/diagnostic.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const SCAFFOLD = path.join(packageDir, 'scaffold');
const SCHEMAS = path.join(packageDir, 'schemas');
/** npm drops .gitignore files from packages, so the scaffold keeps it without the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

export interface InitOptions {
  /** the folder to create (it must not exist, or be empty); relative to cwd */
  dir: string;
  /** default: dir must be absolute */
  cwd?: string;
}

export interface Scaffolded {
  /** the folder, as shown to the user (relative to cwd) */
  dir: string;
  /** the files written, relative to the folder, / separators */
  files: string[];
}

export async function init(options: InitOptions): Promise<Result<Scaffolded>> {
  const cwd = options.cwd ?? path.parse(path.resolve(options.dir)).root;
  const target = path.resolve(cwd, options.dir);
  const shown = displayPath(target, cwd) || '.';
  const refuse = (code: string, message: string) => fail<Scaffolded>([{ code, severity: 'error', message }]);
  const link = await lstat(target).catch(() => undefined);
  if (link?.isSymbolicLink() && !(await stat(target).catch(() => undefined)))
    return refuse(CODES.INIT_DANGLING_LINK, `${shown} is a symbolic link to a folder that does not exist. Remove the link, or create the folder it points to first.`);
  const info = await stat(target).catch(() => undefined);
  // a folder that does not exist yet is created below
  if (info && !info.isDirectory()) return refuse(CODES.INIT_NOT_FOLDER, `${shown} exists and is not a folder. Choose a new folder name.`);
  if (info && (await readdir(target).catch(() => [])).length)
    return refuse(CODES.INIT_NOT_EMPTY, `${shown} is not empty; init only creates new clinic folders and never overwrites files. Choose a new or empty folder.`);

  const files = await listFiles(SCAFFOLD);
  const written: string[] = [];
  try {
    await copyScaffold(files, target, written);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    return refuse(CODES.INIT_UNWRITABLE, `Cannot create ${shown} (${code}): ${written.length} of ${files.length} files were written. Choose a folder you can write to.`);
  }
  return ok({ dir: shown, files: written });
}

async function copyScaffold(files: readonly string[], target: string, written: string[]): Promise<void> {
  for (const rel of files) {
    const parts = rel.split('/');
    const last = parts.pop() as string;
    const out = path.join(target, ...parts, RENAMED[last] ?? last);
    await mkdir(path.dirname(out), { recursive: true });
    const bytes = await readFile(path.join(SCAFFOLD, rel));
    // Editor schema hints point at the schemas of the installed tool.
    const content = /\.ya?ml$/.test(last)
      ? bytes.toString('utf8').replaceAll('{{schemas}}', relativeUrl(path.dirname(out), SCHEMAS))
      : bytes;
    // wx: a file that appeared meanwhile is never replaced
    await writeFile(out, content, { flag: 'wx' });
    written.push(path.relative(target, out).split(path.sep).join('/'));
  }
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}

function relativeUrl(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}
