/**
 * The built CLI as a separate process, stopped by a real signal at a chosen
 * moment, and a content root with a leaflet long enough to be caught in the
 * middle of its render. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { PROJECT } from './cli.js';

export const BIN = path.join(PROJECT, 'bin', 'leaflets.js');

export interface Stopped {
  code: number | null;
  /** set when the signal itself ended the process (Node had not run the tool yet) */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from sending the signal to the process having ended; undefined if none was sent */
  afterSignal?: number;
  /** the files under `watch` just after the signal was sent */
  atSignal?: string[];
  /**
   * CPU ms the process (all its threads) used from the signal to its end,
   * read from /proc: what the stop costs on an idle machine, however many
   * other processes share this one. Undefined where there is no /proc.
   */
  cpuAfterSignal?: number;
}

/** utime + stime of a process in ms (Linux counts in USER_HZ, 100 a second). */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs `leaflets …` and sends `signal` when `when` says so: after a delay in
 * ms, or when it returns true for the output so far.
 */
export function spawnStopped(
  args: string[],
  options: {
    signal: NodeJS.Signals;
    when: number | ((out: { stdout: string; stderr: string }) => boolean);
    cwd?: string;
    /** a folder whose files are listed at the moment of the signal */
    watch?: string;
  },
): Promise<Stopped> {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT,
    env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let sentAt: number | undefined;
  let atSignal: string[] | undefined;
  let cpuAtSignal: number | undefined;
  let cpuLast: number | undefined;
  let poll: NodeJS.Timeout | undefined;
  const send = () => {
    if (sentAt !== undefined || child.exitCode !== null) return;
    cpuAtSignal = cpuMs(child.pid!);
    sentAt = performance.now();
    child.kill(options.signal);
    // the last reading before the process is gone is its CPU time at the end, within 5 ms
    poll = setInterval(() => (cpuLast = cpuMs(child.pid!) ?? cpuLast), 5);
    // listed at once, synchronously: a file that appears later was put in place after the signal
    atSignal = options.watch ? filesIn(options.watch) : undefined;
  };
  const check = () => {
    if (typeof options.when === 'function' && options.when({ stdout, stderr })) send();
  };
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    check();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    check();
  });
  const timer = typeof options.when === 'number' ? setTimeout(send, options.when) : undefined;
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const afterSignal = sentAt === undefined ? undefined : performance.now() - sentAt;
      const cpuAfterSignal = cpuAtSignal === undefined ? undefined : Math.max(0, (cpuLast ?? cpuAtSignal) - cpuAtSignal);
      resolve({ code, signal, stdout, stderr, atSignal, afterSignal, cpuAfterSignal });
    }),
  );
}

/** Every file under `dir` (relative paths, sorted), temporary ones included; [] when it does not exist. */
export function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const full = path.join(d, n);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Stopped by the signal with the tool's own exit code, within a second of
 * CPU and two seconds of wall time after it. The wall-time limit grows with
 * the machine's load (a process gets its share of the cores: on 2 cores
 * shared by 20 busy processes a 100 ms stop takes about a second); the CPU
 * limit does not, and is what fails when the work does not stop.
 */
export function expectStoppedBy(r: Stopped, code: number): void {
  expect(r.afterSignal, 'the signal was sent').toBeDefined();
  expect({ code: r.code, signal: r.signal, stderr: r.stderr.slice(0, 400) }).toMatchObject({ code, signal: null });
  if (r.cpuAfterSignal !== undefined) expect(r.cpuAfterSignal, 'CPU ms from the signal to the end of the process').toBeLessThan(1000);
  const share = Math.max(1, loadavg()[0]! / cpus().length);
  expect(r.afterSignal!, `ms from the signal to the end of the process (load ${loadavg()[0]!.toFixed(1)})`).toBeLessThan(2000 * share);
}

/**
 * A content root whose leaflet `long` is the bundled Italian leaflet's
 * sections `copies` times over (about 10 KB and 4 A4 pages each), plus the
 * bundled brands and example patient.
 */
export async function longLeafletRoot(copies: number): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'leaflets-long-'));
  await cp(path.join(PROJECT, 'data', 'brands'), path.join(root, 'data', 'brands'), { recursive: true });
  await cp(path.join(PROJECT, 'data', 'patients'), path.join(root, 'data', 'patients'), { recursive: true });
  const source = path.join(PROJECT, 'data', 'leaflets', 'periduroscopia');
  const dir = path.join(root, 'data', 'leaflets', 'long');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'leaflet.yaml'), (await readFile(path.join(source, 'leaflet.yaml'), 'utf8')).replace(/^id: .*$/m, 'id: long'));
  const [head, body] = (await readFile(path.join(source, 'it.yaml'), 'utf8')).split(/^sections:\n/m) as [string, string];
  let text = `${head}sections:\n`;
  // section ids stay unique: what-it-is, what-it-is-1, … (the first copy keeps the ids a patient file may skip)
  for (let i = 0; i < copies; i++)
    text += `${(i ? body.replace(/^(\s+- id: )([a-z-]+)/gm, (_, lead: string, id: string) => `${lead}${id}-${i}`) : body).trimEnd()}\n\n`;
  await writeFile(path.join(dir, 'it.yaml'), text);
  return root;
}
