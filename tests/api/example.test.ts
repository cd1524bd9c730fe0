import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

/** The fenced blocks of docs/api.md after the "## Example" heading: the code, then what it prints. */
async function example(): Promise<{ code: string; output: string }> {
  const doc = await readFile(path.join(PROJECT, 'docs/api.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Example'));
  const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  return { code: blocks[0]![2]!, output: blocks[1]![2]! };
}

/** A program outside the project that depends on the package, as a hospital system would (npm links it the same way). */
async function consumer(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'leaflets-consumer-'));
  temps.push(dir);
  await mkdir(path.join(dir, 'node_modules'));
  await symlink(PROJECT, path.join(dir, 'node_modules', 'patient-leaflets'), 'dir');
  return dir;
}

describe('docs/api.md', () => {
  it('the example runs against the built package entry and prints what the page says', async () => {
    const { code, output } = await example();
    expect(code).toContain("from 'patient-leaflets'");
    const dir = await consumer();
    await writeFile(path.join(dir, 'example.mjs'), code);
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, timeout: 50_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(output);
    expect(r.status).toBe(0);
  });

  it('the package entry carries type declarations, and deep imports are refused by its exports map', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT, 'package.json'), 'utf8'));
    expect(pkg.exports['.'].types).toBe('./dist/index.d.ts');
    const dts = await readFile(path.join(PROJECT, pkg.exports['.'].types), 'utf8');
    for (const name of ['Renderer', 'validate', 'lint', 'build', 'languages']) expect(dts).toMatch(new RegExp(`\\b${name}\\b`));
    const dir = await consumer();
    await writeFile(path.join(dir, 'deep.mjs'), "await import('patient-leaflets/dist/render.js');");
    const r = spawnSync(process.execPath, ['deep.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
