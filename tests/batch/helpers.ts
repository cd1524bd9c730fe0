import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { twoLanguages } from '../support/root.js';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

class Capture extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    private readonly onText?: (all: string) => void,
  ) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    this.onText?.(this.text);
    done();
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `leaflets …` in-process, streams captured, never a TTY unless asked. */
export async function leaflets(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean; signal?: AbortSignal; onStderr?: (all: string) => void } = {},
): Promise<Run> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false, options.onStderr);
  const code = await main(['node', 'leaflets', ...args], {
    stdout,
    stderr,
    cwd: options.cwd ?? PROJECT,
    env: options.env ?? { SOURCE_DATE_EPOCH: '1767225600' },
    signal: options.signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * A content root with the bundled leaflet under `copies` ids (periduroscopia,
 * then periduroscopia-2, …), the bundled brands, and optionally a config.
 */
export async function clinicRoot(options: { copies?: number; config?: string } = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'leaflets-batch-'));
  await cp(path.join(PROJECT, 'data', 'brands'), path.join(root, 'data', 'brands'), { recursive: true });
  const source = path.join(PROJECT, 'data', 'leaflets', 'periduroscopia');
  for (let i = 1; i <= (options.copies ?? 1); i++) {
    const id = i === 1 ? 'periduroscopia' : `periduroscopia-${i}`;
    const dir = path.join(root, 'data', 'leaflets', id);
    await cp(source, dir, { recursive: true, filter: twoLanguages });
    const shared = path.join(dir, 'leaflet.yaml');
    await writeFile(shared, (await readFile(shared, 'utf8')).replace(/^id: .*$/m, `id: ${id}`));
  }
  if (options.config !== undefined) await writeFile(path.join(root, 'leaflets.config.yaml'), options.config);
  return root;
}

export async function put(root: string, rel: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
  await writeFile(path.join(root, rel), content);
}

/** Every file under `dir` by relative path, with its bytes. */
export async function filesUnder(dir: string, options: { withBookkeeping?: boolean } = {}): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full));
    }
  };
  await walk(dir);
  if (!options.withBookkeeping)
    for (const k of [...out.keys()]) if (k === '.leaflets-cache.json' || /^manifest(\.\d+-of-\d+)?\.json$/.test(k)) out.delete(k);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export async function readJson<T = any>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}
