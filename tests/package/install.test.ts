/**
 * The package as a user gets it: `npm pack`, then in an empty folder with no
 * network, install the tarball and run `npx leaflets init clinic`, `build`
 * and `serve`. Dependencies come from the npm cache `npm ci` filled; the
 * folder gets a lockfile made from ours, since npm cannot resolve versions
 * offline without one (it has the tarballs, not the registry's indexes).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, raw } from '../serve/helpers.js';

let dir: string;
let app: string;
let files: string[];
/** npm with no way out: offline, and every proxy a closed port */
const NO_NETWORK = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_proxy: 'http://127.0.0.1:9',
  npm_config_https_proxy: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
};

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: NO_NETWORK, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'leaflets-package-'));
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], PROJECT).stdout) as { filename: string; files: { path: string }[] }[];
  files = packed[0]!.files.map((f) => f.path);
  const tarball = path.join(dir, packed[0]!.filename);
  app = path.join(dir, 'app');
  await mkdir(app);
  // what npm would write after `npm install <tarball>`: the tarball, and our locked dependencies
  const lock = JSON.parse(await readFile(path.join(PROJECT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> };
  const own = lock.packages['']!;
  const spec = `file:${path.relative(app, tarball)}`;
  const packages: Record<string, unknown> = {
    '': { name: 'clinic-app', version: '1.0.0', dependencies: { 'patient-leaflets': spec } },
    'node_modules/patient-leaflets': {
      version: own.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(await readFile(tarball)).digest('base64')}`,
      license: own.license,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) if (key && !entry.dev) packages[key] = entry;
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'clinic-app', version: '1.0.0', private: true, dependencies: { 'patient-leaflets': spec } }));
  await writeFile(path.join(app, 'package-lock.json'), JSON.stringify({ name: 'clinic-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  run('npm', ['ci', '--offline'], app);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the installable package', () => {
  it('holds what a user needs and nothing of the tests or sources', () => {
    for (const f of ['bin/leaflets.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/serve/server.js', 'web/app.js', 'web/app.css', 'schemas/patient.schema.json', 'scaffold/leaflets.config.yaml', 'templates/standard/leaflet.hbs', 'docs/api.md', 'README.md', 'package.json', 'dist/font-metrics.json', 'dist/bundle/cli.cjs', 'dist/bundle/cli.cache'])
      expect(files, f).toContain(f);
    expect(files.filter((f) => /^(tests|bench|src|scripts|data|node_modules)\/|\.map$|\.test\.|vitest/.test(f))).toEqual([]);
  });

  it('installed offline, `npx leaflets init clinic`, `build --root clinic` and `serve --root clinic` work', async () => {
    expect(run('npx', ['leaflets', 'init', 'clinic'], app).stdout).toContain('Created clinic/');
    const built = run('npx', ['leaflets', 'build', '--root', 'clinic', '--json'], app);
    const report = JSON.parse(built.stdout) as { ok: boolean; summary: { built: number } };
    expect(report.ok).toBe(true);
    expect(report.summary.built).toBeGreaterThan(0);

    const serve = spawn('npx', ['leaflets', 'serve', '--root', 'clinic'], { cwd: app, env: NO_NETWORK, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    serve.stdout.on('data', (d) => (out += d));
    serve.stderr.on('data', (d) => (out += d));
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    try {
      const started = Date.now();
      while (!/patient handout: (\S+)/.test(out) && Date.now() - started < 30_000 && serve.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      const url = new URL(/patient handout: (\S+)/.exec(out)?.[1] ?? 'http://127.0.0.1:1/');
      const page = await raw(Number(url.port), { path: `/?token=${url.searchParams.get('token')}` });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Patient handout');
      const options = await raw(Number(url.port), { path: `/api/options?token=${url.searchParams.get('token')}` });
      expect(JSON.parse(options.body).leaflets.map((l: { id: string }) => l.id)).toEqual(['welcome']);
    } finally {
      // npx runs leaflets as its child: the signal goes to the whole group it started
      process.kill(-serve.pid!, 'SIGINT');
      await exited;
    }
    expect(out).toContain('leaflets serve: stopped.');
  }, 90_000);

  it('a TypeScript program type-checks against the installed declarations (strict, NodeNext, libraries checked too)', async () => {
    await writeFile(
      path.join(app, 'check.mts'),
      `import { Renderer, build, lint, validate, languages, type Diagnostic, type BuildReport } from 'patient-leaflets';
const renderer = new Renderer({ root: '/clinic', cwd: '/clinic' });
const out = await renderer.render({ leaflet: 'welcome', template: 'standard', formats: ['pdf'], paper: 'a4', skip: [] });
if (out.ok) { const bytes: Uint8Array = out.value[0]!.bytes; void bytes; } else { const d: Diagnostic[] = out.diagnostics; void d; }
const built = await build({ root: '/clinic' });
if (built.ok) { const report: BuildReport = built.value; void report.summary.built; }
const checked = await validate({ root: '/clinic' });
if (checked.ok) void checked.value.valid;
const linted = await lint({ root: '/clinic', today: '2026-12-01' });
if (linted.ok) void linted.value.errorCount;
void languages;
`,
    );
    await writeFile(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(PROJECT, 'node_modules/@types')] },
        files: ['check.mts'],
      }),
    );
    const r = spawnSync(process.execPath, [path.join(PROJECT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: app, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a program in the folder imports the library by its name', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import { Renderer, validate, lint, build, languages } from 'patient-leaflets'; console.log([Renderer, validate, lint, build, languages].map((f) => typeof f).join(' '))"], { cwd: app, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('function function function function function');
  });
});
