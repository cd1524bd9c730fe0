/**
 * `leaflets init <dir>`: copies the scaffold (a config, one brand with a
 * logo, one short sample leaflet in English and Italian, a fictitious
 * patient) into a new folder that `leaflets build --root <dir>` builds as is.
 */
import { lstat, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, UsageError, write, type CliIO } from '../cli/context.js';
import { displayPath } from '../content/paths.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const SCAFFOLD = path.join(packageDir, 'scaffold');
const SCHEMAS = path.join(packageDir, 'schemas');
/** npm drops .gitignore files from packages, so the scaffold keeps it without the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

export async function runInit(dir: string, opts: { json?: boolean }, io: CliIO): Promise<number> {
  const target = path.resolve(io.cwd, dir);
  const shown = displayPath(target, io.cwd) || '.';
  const link = await lstat(target).catch(() => undefined);
  if (link?.isSymbolicLink() && !(await stat(target).catch(() => undefined)))
    throw new UsageError(`${shown} is a symbolic link to a folder that does not exist. Remove the link, or create the folder it points to first.`);
  try {
    const info = await stat(target);
    if (!info.isDirectory()) throw new UsageError(`${shown} exists and is not a folder. Choose a new folder name.`);
    if ((await readdir(target)).length)
      throw new UsageError(`${shown} is not empty; init only creates new clinic folders and never overwrites files. Choose a new or empty folder.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // does not exist yet: created below
  }

  const files = await listFiles(SCAFFOLD);
  const written: string[] = [];
  try {
    await copyScaffold(files, target, written);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code) throw e;
    throw new UsageError(`Cannot create ${shown} (${code}): ${written.length} of ${files.length} files were written. Choose a folder you can write to.`);
  }
  const root = JSON.stringify(shown).slice(1, -1);
  if (opts.json) write(io.stdout, JSON.stringify({ ok: true, dir: shown, files: written }, null, 2));
  else
    write(
      io.stdout,
      `Created ${shown}/ with leaflets.config.yaml, the brand my-clinic and the sample leaflet welcome (en, it).

Next:
  leaflets build --root ${/\s/.test(root) ? `"${root}"` : root}
    builds PDF and HTML into ${shown}/out/
  edit ${shown}/data/brands/my-clinic.yaml
    your clinic's name, logo and contacts
  copy ${shown}/data/leaflets/welcome/ to a new folder
    to start your own leaflet (docs/content.md explains the format)`,
    );
  return EXIT.OK;
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
