import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { PROJECT } from './helpers.js';

describe('leaflets serve on the command line', () => {
  it('a port that is not a number from 1 to 65535 is a usage error', async () => {
    for (const port of ['0', '70000', 'http', '-1']) {
      const r = await runCli(['serve', '--root', PROJECT, '--port', port]);
      expect(r.code, port).toBe(2);
      expect(r.stderr).toMatch(/--port/);
    }
  });

  it('a port another program holds is a usage error that says what to do', async () => {
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as { port: number }).port;
    try {
      const r = await runCli(['serve', '--root', PROJECT, '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('another program is using that port');
    } finally {
      other.close();
    }
  });

  it('prints both addresses with the token, and stops cleanly when interrupted', async () => {
    const controller = new AbortController();
    let out = '';
    const stdout = new Writable({ write: (c, _e, done) => ((out += String(c)), done()) });
    const stderr = new Writable({ write: (c, _e, done) => ((out += String(c)), done()) });
    const running = main(['node', 'leaflets', 'serve', '--root', PROJECT], { stdout, stderr, cwd: PROJECT, env: {}, signal: controller.signal });
    const started = Date.now();
    while (!out.includes('editor preview') && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    controller.abort('SIGINT');
    await running;
    const r = { stdout: out };
    expect(r.stdout).toMatch(/patient handout: http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}/);
    expect(r.stdout).toMatch(/editor preview: +http:\/\/127\.0\.0\.1:\d+\/editor\?token=/);
    expect(r.stdout).toContain('leaflets serve: stopped.');
  });

  it('--json prints the addresses as one JSON line for programs that start it', async () => {
    const controller = new AbortController();
    let out = '';
    const stdout = new Writable({ write: (c, _e, done) => ((out += String(c)), done()) });
    const running = main(['node', 'leaflets', 'serve', '--root', PROJECT, '--json'], { stdout, stderr: stdout, cwd: PROJECT, env: {}, signal: controller.signal });
    const started = Date.now();
    while (!out.includes('\n') && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 50));
    controller.abort('SIGINT');
    await running;
    const line = JSON.parse(out.trim()) as { url: string; editorUrl: string; port: number };
    expect(line.url).toBe(`http://127.0.0.1:${line.port}/?token=${new URL(line.url).searchParams.get('token')}`);
    expect(line.editorUrl).toContain('/editor?token=');
  });

  it('--help shows how to start it', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('leaflets serve --root');
    expect(r.stdout).toContain('127.0.0.1 only');
  });
});
