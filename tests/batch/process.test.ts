/**
 * The built CLI as CI runs it: a separate process, worker threads, signals.
 * Needs the compiled tool (`npx tsc -p .`, which `npm test` is run after).
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, clinicRoot, filesUnder, leaflets, readJson } from './helpers.js';
import { expectStoppedBy, filesIn, longLeafletRoot, spawnStopped } from '../support/signals.js';

const BIN = path.join(PROJECT, 'bin', 'leaflets.js');
const ENV = { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600' };

function spawnBuild(args: string[], onStderr?: (all: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [BIN, 'build', ...args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, child);
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

beforeAll(() => {
  const worker = path.join(PROJECT, 'dist', 'batch', 'worker.js');
  expect(existsSync(worker), 'build the tool first: npx tsc -p .').toBe(true);
  expect(statSync(worker).mtimeMs, 'dist/ is older than src/: npx tsc -p .').toBeGreaterThanOrEqual(
    statSync(path.join(PROJECT, 'src', 'batch', 'worker.ts')).mtimeMs,
  );
});

describe('leaflets build as a process', () => {
  it('gives the same bytes with two worker threads as in one thread, PDF and HTML', async () => {
    const root = await clinicRoot({ config: 'brands: [demo-clinic]\n' });
    const threaded = await spawnBuild(['--root', root, '--jobs', '2', '--out', path.join(root, 'threads')]);
    expect(threaded.stderr).not.toMatch(/failed/);
    expect(threaded.code).toBe(0);
    const single = await leaflets(['build', '--root', root, '--jobs', '1', '--out', path.join(root, 'single')]);
    expect(single.code).toBe(0);
    const a = await filesUnder(path.join(root, 'threads'));
    expect([...a.keys()]).toEqual([
      'demo-clinic/standard/periduroscopia-en.html',
      'demo-clinic/standard/periduroscopia-en.pdf',
      'demo-clinic/standard/periduroscopia-it.html',
      'demo-clinic/standard/periduroscopia-it.pdf',
    ]);
    expect(await filesUnder(path.join(root, 'single'))).toEqual(a);
    const manifest = await readJson(path.join(root, 'threads', 'manifest.json'));
    expect(manifest.artefacts.filter((x: { format: string }) => x.format === 'pdf').every((x: { pages: number }) => x.pages >= 1)).toBe(true);
  });

  it('on SIGTERM mid-build stops within 2 s, leaves no temporary or truncated file, puts nothing more in place, and exits 143', async () => {
    const root = await clinicRoot({ copies: 6 });
    const out = path.join(root, 'out');
    const r = await spawnStopped(['build', '--root', root, '--jobs', '2', '--format', 'pdf'], {
      signal: 'SIGTERM',
      when: ({ stderr }) => (stderr.match(/ built /g) ?? []).length >= 3,
      watch: out,
    });
    expectStoppedBy(r, 143);
    // the workers were busy with two more artefacts: neither was put in place after the signal
    expect(filesIn(out).filter((f) => f.endsWith('.pdf'))).toEqual(r.atSignal!.filter((f) => f.endsWith('.pdf')));
    expect(r.stdout).toMatch(/^interrupted: \d+ built, 0 up to date, \d+ not built of 12 artefacts/);
    const left = await filesUnder(out, { withBookkeeping: true });
    expect([...left.keys()].filter((f) => f.startsWith('.') || f.includes('/.') || f.endsWith('.tmp'))).toEqual(['.leaflets-cache.json']);
    const pdfs = [...left].filter(([f]) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThanOrEqual(3);
    expect(pdfs.length).toBeLessThan(12);

    // Every file left behind is whole: byte for byte what an uninterrupted build writes.
    const reference = path.join(await mkdtemp(path.join(tmpdir(), 'leaflets-ref-')), 'out');
    expect((await spawnBuild(['--root', root, '--jobs', '2', '--format', 'pdf', '--out', reference])).code).toBe(0);
    const whole = await filesUnder(reference);
    for (const [f, bytes] of pdfs) expect(bytes.equals(whole.get(f) as Buffer), f).toBe(true);

    // and the next build resumes: what was written is up to date.
    const resumed = await spawnBuild(['--root', root, '--jobs', '2', '--format', 'pdf', '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout).summary).toMatchObject({ skipped: pdfs.length, built: 12 - pdfs.length });
    expect(await filesUnder(out)).toEqual(whole);
  }, 180_000); // three builds of a dozen PDFs: more than the default minute on a busy 2-core machine
});

describe('leaflets build stopped by a signal', () => {
  it('--jobs 1, one long artefact, Ctrl-C mid-render: exit 130 within 2 s, no file, no temporary file, no manifest', async () => {
    const root = await longLeafletRoot(40);
    const out = path.join(root, 'out');
    const r = await spawnStopped(['build', '--root', root, '--jobs', '1', '--format', 'pdf', '--out', out], { signal: 'SIGINT', when: 1200 });
    expectStoppedBy(r, 130);
    expect(r.stdout).toMatch(/^interrupted: 0 built, 0 up to date, 1 not built of 1 artefacts/);
    expect(filesIn(out)).toEqual(['.leaflets-cache.json']);
  });

  it('--jobs 2, long artefacts in two worker threads, Ctrl-C mid-render: the workers are ended, exit 130 within 2 s, no file', async () => {
    const root = await longLeafletRoot(40);
    const out = path.join(root, 'out');
    const r = await spawnStopped(['build', '--root', root, '--jobs', '2', '--format', 'pdf', '--template', 'standard,large-print', '--out', out], {
      signal: 'SIGINT',
      when: 1500,
    });
    expectStoppedBy(r, 130);
    expect(filesIn(out)).toEqual(['.leaflets-cache.json']);
  });

  it('--jobs 1, several artefacts, Ctrl-C after two: exit 130 within 2 s, the two whole, nothing put in place after the signal', async () => {
    const root = await clinicRoot({ copies: 4 });
    const out = path.join(root, 'out');
    const r = await spawnStopped(['build', '--root', root, '--jobs', '1', '--format', 'pdf'], {
      signal: 'SIGINT',
      when: ({ stderr }) => (stderr.match(/ built /g) ?? []).length >= 2,
      watch: out,
    });
    expectStoppedBy(r, 130);
    const left = filesIn(out);
    expect(left.filter((f) => f !== '.leaflets-cache.json')).toEqual(r.atSignal!.filter((f) => f !== '.leaflets-cache.json'));
    expect(left.filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    expect(left.some((f) => f.endsWith('.tmp') || f.startsWith('manifest'))).toBe(false);
  });
});

describe('leaflets init', () => {
  it('creates a clinic folder that `leaflets build` builds as is, PDF and HTML', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'leaflets-init-')), 'my-clinic');
    const init = await leaflets(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('leaflets build --root');
    for (const f of ['leaflets.config.yaml', '.gitignore', 'data/brands/my-clinic.yaml', 'data/leaflets/welcome/en.yaml', 'data/patients/example.yaml'])
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    const build = await spawnBuild(['--root', dir]);
    expect(build.stderr).not.toMatch(/error|warning/);
    expect(build.code).toBe(0);
    expect([...(await filesUnder(path.join(dir, 'out'))).keys()]).toEqual([
      'my-clinic/standard/welcome-en.html',
      'my-clinic/standard/welcome-en.pdf',
      'my-clinic/standard/welcome-it.html',
      'my-clinic/standard/welcome-it.pdf',
    ]);
  });

  it('refuses to touch a folder that is not empty, exit 2', async () => {
    const root = await clinicRoot();
    const r = await leaflets(['init', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not empty; init only creates new clinic folders and never overwrites files/);
    expect(existsSync(path.join(root, 'leaflets.config.yaml'))).toBe(false);
  });
});
