import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

export interface Running {
  url: string;
  editorUrl: string;
  port: number;
  token: string;
  /** everything the server printed, stdout and stderr */
  output: () => string;
  stop: () => Promise<number | null>;
}

/** `leaflets serve` as a user starts it: a process, its address read from what it prints. */
export async function startServe(root: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child: ChildProcess = spawn(process.execPath, [path.join(PROJECT, 'bin/leaflets.js'), 'serve', '--root', root], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!/editor preview:\s+\S+/.test(out)) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`leaflets serve did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /patient handout:\s+(\S+)/.exec(out)![1]!;
  const editorUrl = /editor preview:\s+(\S+)/.exec(out)![1]!;
  const u = new URL(url);
  return {
    url,
    editorUrl,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    output: () => out,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** A raw request, with whatever Host, Origin and headers a test wants (fetch would not let it set Host). */
export function raw(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
