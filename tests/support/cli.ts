import { Writable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `leaflets …` in-process with captured streams. */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {},
): Promise<CliRun> {
  const stdout = new Capture(options.tty ?? false);
  const stderr = new Capture(options.tty ?? false);
  const code = await main(['node', 'leaflets', ...args], {
    stdout,
    stderr,
    cwd: options.cwd ?? PROJECT,
    env: options.env ?? {},
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the built `bin/leaflets.js` as a user would (needs `npm run build` first). */
export function spawnCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, [`${PROJECT}bin/leaflets.js`, ...args], {
    cwd: options.cwd ?? PROJECT,
    env: { PATH: process.env.PATH, ...options.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
