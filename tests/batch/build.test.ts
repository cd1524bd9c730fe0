import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
import { PROJECT, clinicRoot, filesUnder, leaflets, put, readJson } from './helpers.js';

const html = ['--format', 'html', '--jobs', '1'];

describe('leaflets build', () => {
  it('with no config builds every leaflet in every language with the default brand and template', async () => {
    const root = await clinicRoot({ copies: 2 });
    const r = await leaflets(['build', '--root', root, ...html]);
    expect(r.code).toBe(0);
    expect([...(await filesUnder(path.join(root, 'out'))).keys()]).toEqual([
      'neutral/standard/periduroscopia-2-en.html',
      'neutral/standard/periduroscopia-2-it.html',
      'neutral/standard/periduroscopia-en.html',
      'neutral/standard/periduroscopia-it.html',
    ]);
  });

  it('reads the matrix and output pattern from leaflets.config.yaml, and flags narrow it', async () => {
    const root = await clinicRoot({
      config: 'brands: [demo-clinic, neutral]\nformats: [html]\nout: public\noutput: "{brand}/{leaflet}.{lang}.{format}"\n',
    });
    const all = await leaflets(['build', '--root', root, '--jobs', '1']);
    expect(all.code).toBe(0);
    expect([...(await filesUnder(path.join(root, 'public'))).keys()]).toEqual([
      'demo-clinic/periduroscopia.en.html',
      'demo-clinic/periduroscopia.it.html',
      'neutral/periduroscopia.en.html',
      'neutral/periduroscopia.it.html',
    ]);
    const narrowed = await leaflets(['build', '--root', root, '--jobs', '1', '--lang', 'it', '--brand', 'demo-clinic', '--out', path.join(root, 'narrow'), '--json']);
    expect(narrowed.code).toBe(0);
    expect(JSON.parse(narrowed.stdout).artefacts.map((a: { path: string }) => a.path)).toEqual(['demo-clinic/periduroscopia.it.html']);
  });

  it('gives identical bytes for identical inputs, manifest included', async () => {
    const root = await clinicRoot();
    await leaflets(['build', '--root', root, ...html, '--out', path.join(root, 'a')]);
    await leaflets(['build', '--root', root, ...html, '--out', path.join(root, 'b')]);
    const a = await filesUnder(path.join(root, 'a'));
    const b = await filesUnder(path.join(root, 'b'));
    expect(a.size).toBe(2);
    expect(b).toEqual(a);
    expect(await readFile(path.join(root, 'b', 'manifest.json'))).toEqual(await readFile(path.join(root, 'a', 'manifest.json')));
  });

  it('skips what is up to date, rebuilds only what a changed input affects, and rebuilds everything with --force', async () => {
    const root = await clinicRoot({ config: 'brands: [demo-clinic, neutral]\nformats: [html]\n' });
    const first = await leaflets(['build', '--root', root, '--jobs', '1', '--json']);
    expect(JSON.parse(first.stdout).summary).toMatchObject({ total: 4, built: 4, skipped: 0 });
    const before = await filesUnder(path.join(root, 'out'));

    const again = await leaflets(['build', '--root', root, '--jobs', '1', '--json']);
    expect(JSON.parse(again.stdout).summary).toMatchObject({ total: 4, built: 0, skipped: 4 });
    expect(await filesUnder(path.join(root, 'out'))).toEqual(before);

    const brand = path.join(root, 'data', 'brands', 'demo-clinic.yaml');
    await writeFile(brand, (await readFile(brand, 'utf8')).replace('Clinica Demo Esempio', 'Clinica Demo Nuova'));
    const changed = JSON.parse((await leaflets(['build', '--root', root, '--jobs', '1', '--json'])).stdout);
    expect(changed.artefacts.map((a: { path: string; status: string }) => `${a.status} ${a.path}`)).toEqual([
      'built demo-clinic/standard/periduroscopia-en.html',
      'skipped neutral/standard/periduroscopia-en.html',
      'built demo-clinic/standard/periduroscopia-it.html',
      'skipped neutral/standard/periduroscopia-it.html',
    ]);

    const forced = await leaflets(['build', '--root', root, '--jobs', '1', '--json', '--force']);
    expect(JSON.parse(forced.stdout).summary).toMatchObject({ total: 4, built: 4, skipped: 0 });
  });

  it('rebuilds the artefacts of a leaflet whose language file or shared leaflet.yaml changed, with the new text in them', async () => {
    const root = await clinicRoot();
    const run = async () => JSON.parse((await leaflets(['build', '--root', root, ...html, '--json'])).stdout);
    const statusOf = (report: { artefacts: { path: string; status: string }[] }) => report.artefacts.map((a) => `${a.status} ${a.path}`);
    await run();
    const italian = path.join(root, 'data', 'leaflets', 'periduroscopia', 'it.yaml');
    await writeFile(italian, (await readFile(italian, 'utf8')).replace('title: Periduroscopia', 'title: Periduroscopia rivista'));
    expect(statusOf(await run())).toContain('built neutral/standard/periduroscopia-it.html');
    expect(await readFile(path.join(root, 'out/neutral/standard/periduroscopia-it.html'), 'utf8')).toContain('Periduroscopia rivista');

    const shared = path.join(root, 'data', 'leaflets', 'periduroscopia', 'leaflet.yaml');
    await writeFile(shared, (await readFile(shared, 'utf8')).replace(/^(\s*reference: ).*$/m, '$1PIL-SPINE-777'));
    expect(statusOf(await run())).toEqual(['built neutral/standard/periduroscopia-en.html', 'built neutral/standard/periduroscopia-it.html']);
    expect(await readFile(path.join(root, 'out/neutral/standard/periduroscopia-en.html'), 'utf8')).toContain('PIL-SPINE-777');
  });

  it('rebuilds large-print artefacts when a partial it inherits from standard (extends) changes', async () => {
    const root = await clinicRoot();
    await cp(path.join(PROJECT, 'templates'), path.join(root, 'templates'), { recursive: true });
    const build = async () =>
      JSON.parse((await leaflets(['build', '--root', root, '--template', 'large-print', '--lang', 'it', '--format', 'html', '--json'])).stdout);
    expect((await build()).summary).toMatchObject({ built: 1 });
    expect((await build()).summary).toMatchObject({ built: 0, skipped: 1 });
    // large-print has no partials of its own: this one is standard's
    const partial = path.join(root, 'templates', 'standard', 'partials', 'text.hbs');
    await writeFile(partial, (await readFile(partial, 'utf8')).replace('<p>{{inline text}}</p>', '<p>{{inline text}} changed-in-standard</p>'));
    expect((await build()).summary).toMatchObject({ built: 1, skipped: 0 });
    expect(await readFile(path.join(root, 'out/neutral/large-print/periduroscopia-it.html'), 'utf8')).toContain('changed-in-standard');
  });

  it('rebuilds an artefact whose output file was edited or deleted since', async () => {
    const root = await clinicRoot();
    await leaflets(['build', '--root', root, ...html]);
    const en = path.join(root, 'out', 'neutral', 'standard', 'periduroscopia-en.html');
    const original = await readFile(en);
    await writeFile(en, 'tampered');
    const r = JSON.parse((await leaflets(['build', '--root', root, ...html, '--json'])).stdout);
    expect(r.summary).toMatchObject({ built: 1, skipped: 1 });
    expect(await readFile(en)).toEqual(original);
  });

  it('rebuilds when SOURCE_DATE_EPOCH changes, since dates are printed in the files', async () => {
    const root = await clinicRoot();
    await leaflets(['build', '--root', root, ...html]);
    const r = await leaflets(['build', '--root', root, ...html, '--json'], { env: { SOURCE_DATE_EPOCH: '1800000000' } });
    expect(JSON.parse(r.stdout).summary).toMatchObject({ built: 2, skipped: 0 });
  });

  it('builds every shard into one folder: the union of all shards equals the full build, byte for byte', async () => {
    const root = await clinicRoot({ copies: 3, config: 'brands: [demo-clinic, neutral]\nformats: [html]\n' });
    const full = await leaflets(['build', '--root', root, '--jobs', '1', '--out', path.join(root, 'full')]);
    expect(full.code).toBe(0);
    const shardReports = [];
    for (const k of [1, 2, 3]) {
      const r = await leaflets(['build', '--root', root, '--jobs', '1', '--shard', `${k}/3`, '--out', path.join(root, `shard-${k}`), '--json']);
      expect(r.code).toBe(0);
      shardReports.push(JSON.parse(r.stdout));
    }
    const union = new Map<string, Buffer>();
    for (const k of [1, 2, 3])
      for (const [p, bytes] of await filesUnder(path.join(root, `shard-${k}`))) {
        expect(union.has(p)).toBe(false); // no artefact in two shards
        union.set(p, bytes);
      }
    const whole = await filesUnder(path.join(root, 'full'));
    expect(whole.size).toBe(12);
    expect(new Map([...union].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(whole);
    expect(shardReports.map((r) => r.summary.total)).toEqual([4, 4, 4]);

    // and the shard manifests together are the full manifest
    const fullManifest = await readJson(path.join(root, 'full', 'manifest.json'));
    const parts = [];
    for (const k of [1, 2, 3]) parts.push(...(await readJson(path.join(root, `shard-${k}`, `manifest.${k}-of-3.json`))).artefacts);
    const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : 1);
    expect(parts.sort(byPath)).toEqual([...fullManifest.artefacts].sort(byPath));
  });

  it('reports a failing artefact, builds the others and exits 1', async () => {
    const root = await clinicRoot();
    // Dutch content, but neither leaflets nor the clinic has Dutch template strings.
    const en = await readFile(path.join(PROJECT, 'data/leaflets/periduroscopia/en.yaml'), 'utf8');
    await put(root, 'data/leaflets/periduroscopia/nl.yaml', en.replace(/^lang: en$/m, 'lang: nl'));
    const r = await leaflets(['build', '--root', root, ...html, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.artefacts.map((a: { path: string; status: string }) => `${a.status} ${a.path}`)).toEqual([
      'built neutral/standard/periduroscopia-en.html',
      'built neutral/standard/periduroscopia-it.html',
      'failed neutral/standard/periduroscopia-nl.html',
    ]);
    expect(report.artefacts[2].diagnostics[0].code).toBe(CODES.NO_TEMPLATE_STRINGS);
    expect(existsSync(path.join(root, 'out/neutral/standard/periduroscopia-nl.html'))).toBe(false);
  });

  it('reports a broken brand once with every artefact it fails, at its file:line:column', async () => {
    const root = await clinicRoot({ config: 'brands: [demo-clinic, broken]\nformats: [html]\n' });
    await put(root, 'data/brands/broken.yaml', 'name: Broken\ncolours:\n  primary: red-ish\n');
    const r = await leaflets(['build', '--root', root, '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/build failed: 2 built, 0 up to date, 2 failed of 4 artefacts/);
    const problem = r.stderr.slice(r.stderr.indexOf('\nfailed '));
    expect(problem.match(/^failed /gm)).toHaveLength(1);
    expect(problem).toContain('broken/standard/periduroscopia-it.html');
    expect(problem).toContain('broken/standard/periduroscopia-en.html');
    expect(problem).toMatch(/data\/brands\/broken\.yaml:3:\d+: error LEAF1\d{3}/);
    expect(existsSync(path.join(root, 'out/demo-clinic/standard/periduroscopia-en.html'))).toBe(true);
  });

  it('prints one plain line per artefact when stderr is not a terminal', async () => {
    const root = await clinicRoot({ copies: 2 });
    const r = await leaflets(['build', '--root', root, ...html]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^\[\d\/4\] built {6}neutral\/standard\/periduroscopia(-2)?-(en|it)\.html {2}\(\d+ KiB, \d+ ms\)$/);
    expect(r.stderr).not.toMatch(/\u001b\[/); // no colour, no cursor movement
    expect(r.stdout).toMatch(/^build finished: 4 built, 0 up to date of 4 artefacts in \d+\.\d s \(/);
    const again = await leaflets(['build', '--root', root, ...html]);
    expect(again.stderr.trim().split('\n').every((l) => / up to date neutral\/standard\//.test(l))).toBe(true);
  });

  it('draws a progress bar with counts and ETA on a terminal', async () => {
    const root = await clinicRoot();
    const r = await leaflets(['build', '--root', root, ...html], { tty: true, env: { SOURCE_DATE_EPOCH: '1767225600', NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/building .* 2\/2 \| 2 built, 0 up to date, 0 failed \| ETA/);
  });

  it('prints a JSON report with every artefact, and writes a manifest of the same beside the outputs', async () => {
    const root = await clinicRoot();
    const r = await leaflets(['build', '--root', root, ...html, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      ok: true,
      interrupted: false,
      tool: { name: 'leaflets' },
      shard: null,
      summary: { total: 2, built: 2, skipped: 0, failed: 0, cancelled: 0 },
    });
    expect(path.resolve(root, report.out)).toBe(path.join(root, 'out'));
    const en = report.artefacts.find((a: { language: string }) => a.language === 'en');
    expect(Object.keys(en).sort()).toEqual(
      ['brand', 'bytes', 'diagnostics', 'format', 'language', 'leaflet', 'milliseconds', 'pages', 'paper', 'path', 'sha256', 'status', 'template'].sort(),
    );
    const bytes = await readFile(path.join(root, 'out', en.path));
    expect(en).toMatchObject({ format: 'html', brand: 'neutral', template: 'standard', status: 'built', bytes: bytes.length });
    expect(en.sha256).toMatch(/^[0-9a-f]{64}$/);

    const manifest = await readJson(path.join(root, 'out', 'manifest.json'));
    expect(manifest.artefacts).toEqual(
      report.artefacts.map(({ milliseconds: _m, status, ...rest }: { milliseconds: number; status: string }) => ({ ...rest, ok: status === 'built' })),
    );
  });

  it('refuses a config with a schema error, at file:line:column, exit 2', async () => {
    const root = await clinicRoot({ config: 'languages: all\nformats: [html, docx]\n' });
    const r = await leaflets(['build', '--root', root], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^leaflets\.config\.yaml:2:17: error LEAF1\d{3}/m);
  });

  it('refuses to write into the content folder', async () => {
    const root = await clinicRoot();
    const r = await leaflets(['build', '--root', root, '--out', path.join(root, 'data', 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(CODES.OUTPUT_INSIDE_CONTENT);
  });

  it('stops handing out artefacts when interrupted, keeps what was written whole, and exits 130', async () => {
    const root = await clinicRoot({ copies: 3 });
    const controller = new AbortController();
    // Ctrl-C as soon as the second artefact is reported built.
    const onStderr = (text: string) => {
      if ((text.match(/ built /g) ?? []).length >= 2) controller.abort('SIGINT');
    };
    const r = await leaflets(['build', '--root', root, ...html], { signal: controller.signal, onStderr });
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^interrupted: 2 built, 0 up to date, 4 not built of 6 artefacts/);
    const done = await filesUnder(path.join(root, 'out'), { withBookkeeping: true });
    expect([...done.keys()].filter((f) => f.endsWith('.html'))).toHaveLength(2);
    expect([...done.keys()].some((f) => f.endsWith('.tmp'))).toBe(false);
    const resumed = JSON.parse((await leaflets(['build', '--root', root, ...html, '--json'])).stdout);
    expect(done.has('manifest.json')).toBe(false); // a manifest describes a finished build only
    expect(resumed.summary).toMatchObject({ skipped: 2, built: 4 });
  });

  it('refuses bad flag values as usage errors', async () => {
    const root = await clinicRoot();
    expect((await leaflets(['build', '--root', root, '--shard', '4/3'])).code).toBe(2);
    expect((await leaflets(['build', '--root', root, '--jobs', '0'])).code).toBe(2);
    expect((await leaflets(['build', '--root', root, '--format', 'docx'])).code).toBe(2);
  });
});
