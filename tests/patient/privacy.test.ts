import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';
import { MARKED_YAML, MARKERS } from './markers.js';

function leaks(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

describe('patient data stays out of everything but the page itself (HTML)', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  let run: Awaited<ReturnType<typeof runCli>>;
  let jsonRun: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    t = await tempRoot();
    await t.put('data/patients/marked.yaml', MARKED_YAML);
    const args = ['render', 'periduroscopia', '--lang', 'it', '--format', 'html', '--patient', 'data/patients/marked.yaml', '--root', t.root];
    run = await runCli([...args, '--out', 'out'], { cwd: t.root });
    jsonRun = await runCli([...args, '--out', 'out-json', '--json'], { cwd: t.root });
  });
  afterAll(async () => t.remove());

  it('renders, and the page shows every field', async () => {
    expect(run.code).toBe(0);
    const html = await readFile(path.join(t.root, 'out', 'periduroscopia-it-patient.html'), 'utf8');
    expect(leaks(html)).toEqual(MARKERS);
  });

  it('the default file name carries no patient field, and marks the file as a handout', async () => {
    const names = [...(await readdir(path.join(t.root, 'out'))), ...(await readdir(path.join(t.root, 'out-json')))];
    expect(names).toEqual(['periduroscopia-it-patient.html', 'periduroscopia-it-patient.html']);
  });

  it('nothing printed holds patient data, with or without --json', () => {
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
    expect(leaks(jsonRun.stdout + jsonRun.stderr)).toEqual([]);
    expect(JSON.parse(jsonRun.stdout).ok).toBe(true);
  });

  it('the document head (title, meta) holds no patient data', async () => {
    const html = await readFile(path.join(t.root, 'out', 'periduroscopia-it-patient.html'), 'utf8');
    const head = /<head>[\s\S]*<\/head>/.exec(html)![0];
    expect(leaks(head)).toEqual([]);
    expect(head).toContain('<title>Periduroscopia');
  });

  it('the handout is readable by its owner only (0600)', async () => {
    const s = await stat(path.join(t.root, 'out', 'periduroscopia-it-patient.html'));
    expect(s.mode & 0o777).toBe(0o600);
  });

  it('a general leaflet stays world-readable and keeps its own name', async () => {
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--root', t.root, '--out', 'out'], { cwd: t.root });
    expect(r.code).toBe(0);
    const s = await stat(path.join(t.root, 'out', 'periduroscopia-it.html'));
    expect(s.mode & 0o777).toBe(0o644);
  });

  it('the same inputs give identical bytes', async () => {
    const again = await runCli(
      ['render', 'periduroscopia', '--lang', 'it', '--format', 'html', '--patient', 'data/patients/marked.yaml', '--root', t.root, '-o', 'again.html'],
      { cwd: t.root },
    );
    expect(again.code).toBe(0);
    const a = await readFile(path.join(t.root, 'out', 'periduroscopia-it-patient.html'));
    const b = await readFile(path.join(t.root, 'again.html'));
    expect(a.equals(b)).toBe(true);
  });
});
