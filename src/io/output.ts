/**
 * The one gate every output goes through — render, build, the manifest, the
 * build cache and, for edits of a source, `lint --stamp`. A target is
 * resolved through symlinks (an `--out` linked into a leaflet folder is
 * where it points, not where it seems), and refused when it:
 *   - lies inside the content (data/, templates/, schemas/, i18n/ of the
 *     root) or inside the installed package's own folders;
 *   - is the config, the patient file or another input of the run;
 *   - does not end in the extension of what is written (a `.yaml` never
 *     receives HTML);
 *   - is a folder, or sits below a file;
 *   - exists and is not a file leaflets wrote (it carries leaflets' mark),
 *     unless the user consents with --overwrite.
 * Nothing is written by the check; callers check every target of a run
 * before writing the first, so a refused run writes nothing.
 */
import { lstat, mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../write/atomic.js';
import { CODES } from '../diagnostics/codes.js';
import { isInside, readConfined } from './read.js';
import { displayPath as display } from '../content/paths.js';

/** What is written; the file name must end in `.${kind}`. */
export type OutputKind = 'pdf' | 'html' | 'json' | 'ics';

export interface OutputPolicy {
  /** the content root, whose sources are never written */
  root: string;
  /** other inputs of the run (a patient file, the config): never replaced */
  inputs?: readonly string[];
  /** consent to replace an existing file that leaflets did not write */
  overwrite?: boolean;
  /** files a record of leaflets' own (the build cache) says it wrote there, even if edited since */
  written?: ReadonlySet<string>;
  /** how paths are shown in messages */
  cwd: string;
}

/** Folders of the content root and of the package that only people edit. */
const SOURCE_FOLDERS = ['data', 'templates', 'schemas', 'i18n'];
const PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE_FOLDERS = ['templates', 'schemas', 'i18n', 'dist', 'bin', 'src', 'scaffold', 'node_modules'];
const PACKAGE_FILES = ['package.json', 'package-lock.json'];
const CONFIG = 'leaflets.config.yaml';

/**
 * Every file leaflets writes says so: the PDF's Creator, the HTML's
 * generator meta, the JSON files' `tool.name` or `generator`, the calendar's
 * PRODID. Files are small; one bounded read finds the mark.
 */
const MARK = Buffer.from('patient-leaflets');
const JSON_MARKS = [Buffer.from('"name": "leaflets"'), Buffer.from('"generator":"patient-leaflets"'), Buffer.from('"version":1,"entries"')];
const MAX_MARKED_BYTES = 64 * 1024 * 1024;

export interface CheckedTarget {
  /** the path as given, absolute */
  file: string;
  /** the real path the bytes will land on */
  real: string;
}

export type OutputCheck = { ok: true; value: CheckedTarget } | { ok: false; reason: string; code: string };

/** Why `file` must not receive a `kind` output, or its real path when it may. */
export async function checkOutput(file: string, kind: OutputKind, policy: OutputPolicy): Promise<OutputCheck> {
  const abs = path.resolve(policy.cwd, file);
  const shown = display(abs, policy.cwd);
  const refuse = (reason: string, code: string = CODES.OUTPUT_REFUSED): OutputCheck => ({ ok: false, reason, code });
  const real = await realTarget(abs);
  if (real === undefined) return refuse(`Refusing to write ${shown}: it is a symbolic link to a path that does not exist. Remove the link or choose another output path.`);

  const protectedBy = await protectedFolder(real, policy);
  if (protectedBy) return refuse(`Refusing to write ${shown}: ${protectedBy}`, CODES.OUTPUT_INSIDE_CONTENT);
  const root = await realOr(policy.root);
  const inputs = [path.join(root, CONFIG), ...PACKAGE_FILES.map((f) => path.join(PACKAGE, f)), ...(policy.inputs ?? [])];
  for (const f of inputs)
    if ((await realOr(path.resolve(policy.cwd, f))) === real)
      return refuse(`Refusing to write ${shown}: that is one of the input files. Choose another output path.`);

  const ext = path.extname(real).toLowerCase();
  if (ext !== `.${kind}`)
    return refuse(`The output ${shown} does not end in .${kind}, the kind of file being written. Name it *.${kind}${kind === 'pdf' || kind === 'html' ? `, or choose --format ${ext.slice(1) || '…'}` : ''}.`);

  const existing = await lstat(real).catch((e: NodeJS.ErrnoException) => e);
  if (existing instanceof Error) {
    if (existing.code !== 'ENOENT' && existing.code !== 'ENOTDIR')
      return refuse(`Cannot write ${shown} (${existing.code}). Check the output path and its permissions.`);
  } else if (existing.isDirectory()) {
    return refuse(`The output ${shown} is a folder. Give a file name, or use --out ${shown} for a folder.`);
  } else if (!existing.isFile()) {
    return refuse(`Refusing to replace ${shown}: it is not a regular file.`);
  } else if (!policy.overwrite && !policy.written?.has(real) && !(await carriesMark(real, kind))) {
    return refuse(`Refusing to replace ${shown}: leaflets did not write it. Move it away, choose another output path, or pass --overwrite to replace it.`);
  }
  const parent = await nearestExisting(path.dirname(real));
  if (!parent) return refuse(`Cannot write ${shown}: none of its folders exists.`);
  if (!parent.isDirectory) return refuse(`Cannot write ${shown}: ${display(parent.path, policy.cwd)} is a file, not a folder.`);
  return { ok: true, value: { file: abs, real } };
}

/**
 * Why no output may go into `folder` at all (it is a source folder, or
 * inside one), checked once for a whole build so the message is said once.
 */
export async function checkOutputFolder(folder: string, policy: OutputPolicy): Promise<OutputCheck> {
  const abs = path.resolve(policy.cwd, folder);
  const real = (await realTarget(abs)) ?? abs;
  const protectedBy = await protectedFolder(real, policy);
  if (protectedBy) return { ok: false, code: CODES.OUTPUT_INSIDE_CONTENT, reason: `Refusing to write into ${display(abs, policy.cwd)}: ${protectedBy}` };
  return { ok: true, value: { file: abs, real } };
}

/** Why nothing may be written at `real`, when it lies in a folder of sources; undefined otherwise. */
async function protectedFolder(real: string, policy: OutputPolicy): Promise<string | undefined> {
  const root = await realOr(policy.root);
  for (const f of SOURCE_FOLDERS)
    if (isInside(await realOr(path.join(root, f)), real))
      return `it is inside the content folder ${display(path.join(policy.root, f), policy.cwd)}, where the sources live. Choose an output folder outside it (--out).`;
  for (const f of PACKAGE_FOLDERS)
    if (isInside(await realOr(path.join(PACKAGE, f)), real))
      return `it is inside leaflets' own ${f}/ folder. Choose an output folder of your own (--out).`;
  return undefined;
}

/** Checks, then writes atomically. Throws OutputRefusedError when the target is refused (it changed since the run checked it). */
export async function writeOutput(
  file: string,
  bytes: Uint8Array | string,
  kind: OutputKind,
  policy: OutputPolicy,
  options: { mode?: number; signal?: AbortSignal } = {},
): Promise<CheckedTarget> {
  const checked = await checkOutput(file, kind, policy);
  if (!checked.ok) throw new OutputRefusedError(checked.reason);
  await makeFolders(path.dirname(checked.value.real));
  await writeFileAtomic(checked.value.real, bytes, { mode: options.mode, signal: options.signal });
  return checked.value;
}

/**
 * A source edited in place (`lint --stamp` writes a translation's stamp): the
 * real path must stay inside the folder it belongs to and be a YAML file.
 */
export async function writeSourceUpdate(file: string, folder: string, text: string): Promise<void> {
  const [real, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
  if (!isInside(realFolder, real) || !/\.ya?ml$/i.test(real)) throw new OutputRefusedError(`Refusing to write ${file}: it resolves outside ${folder}.`);
  await writeFileAtomic(real, text);
}

export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRefusedError';
  }
}

async function carriesMark(file: string, kind: OutputKind): Promise<boolean> {
  const r = await readConfined(path.dirname(file), file, { maxBytes: MAX_MARKED_BYTES });
  if (!r.ok) return false;
  if (kind === 'json') return JSON_MARKS.some((m) => r.value.includes(m));
  return r.value.includes(MARK);
}

/**
 * Creates missing folders one level at a time. mkdir's recursive mode has
 * been seen to spin forever below /proc; each step here either succeeds,
 * finds the folder there, or fails with a reason.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    const s = await lstat(d).catch(() => undefined);
    if (s) break;
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing)
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
}

/** The real path the file would have: its nearest existing folder resolved, the rest appended. */
async function realTarget(abs: string): Promise<string | undefined> {
  const existing = await realpath(abs).catch(() => undefined);
  if (existing) return existing;
  // A dangling symlink: where it points is where the bytes would go.
  const link = await lstat(abs).catch(() => undefined);
  if (link?.isSymbolicLink()) return undefined;
  const rest = [path.basename(abs)];
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    const real = await realpath(dir).catch(() => undefined);
    if (real) return path.join(real, ...rest);
    if (path.dirname(dir) === dir) return abs;
    rest.unshift(path.basename(dir));
  }
}

async function realOr(p: string): Promise<string> {
  return (await realTarget(path.resolve(p))) ?? path.resolve(p);
}

async function nearestExisting(dir: string): Promise<{ path: string; isDirectory: boolean } | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    const s = await lstat(d).catch(() => undefined);
    if (s) return { path: d, isDirectory: s.isDirectory() };
    if (path.dirname(d) === d) return undefined;
  }
}

