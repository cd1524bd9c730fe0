/**
 * The fuzz target: generated content roots (valid and broken — see
 * arbitraries.ts and docs/fuzzing.md) through `validate` and `render` of
 * both formats, in-process. `npm run fuzz -- --runs N` runs it longer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT, runCli, type CliRun } from '../support/cli.js';
import { fuzzCase, type FuzzCase } from './arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** Far above a real render (tens of ms); a case over it has run away. */
const COMMAND_BOUND_MS = 15_000;

async function tree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const f = path.join(e.parentPath, e.name);
    out.set(path.relative(dir, f), e.isFile() ? (await readFile(f)).toString('base64') : e.isDirectory() ? 'dir' : 'other');
  }
  return out;
}

async function materialise(c: FuzzCase): Promise<{ sandbox: string; root: string }> {
  // the root sits inside a sandbox folder, so a write outside the root is seen too
  const sandbox = await mkdtemp(path.join(tmpdir(), 'leaflets-fuzz-'));
  const root = path.join(sandbox, 'root');
  for (const [rel, content] of Object.entries(c.files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
  if (c.templateBreak) {
    // a clinic's own copy of the bundled standard template, changed in one file
    const dir = path.join(root, 'templates', 'standard');
    await cp(path.join(PROJECT, 'templates', 'standard'), dir, { recursive: true });
    const file = path.join(dir, c.templateBreak.file);
    await writeFile(file, c.templateBreak.edit(await readFile(file, 'utf8')));
  }
  return { sandbox, root };
}

/** Exit codes a user can act on: 0 done, 1 content to fix, 2 the command to fix. Never 70 (a bug). */
function expectHandled(r: CliRun, what: string, c: FuzzCase, ms: number): void {
  const context = `${what} (broken: ${c.broken.join('; ') || 'nothing'})\nstderr: ${r.stderr.slice(0, 800)}`;
  expect([0, 1, 2], context).toContain(r.code);
  expect(r.stderr + r.stdout, context).not.toMatch(/internal error|bug in leaflets|\n\s+at .+:\d+:\d+/);
  expect(ms, context).toBeLessThan(COMMAND_BOUND_MS);
}

describe('fuzz: generated and broken content never crashes, never writes outside the output folder', () => {
  const outcomes = { validate: new Map<number, number>(), render: new Map<number, number>() };
  const tally = (m: Map<number, number>, code: number) => m.set(code, (m.get(code) ?? 0) + 1);

  it(`validate and render (pdf, html) of ${RUNS} generated roots exit 0, 1 or 2 within bounds, writing only into out/`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const { sandbox, root } = await materialise(c);
        try {
          const before = await tree(sandbox);
          const timed = async (args: string[]) => {
            const started = performance.now();
            const r = await runCli([...args, '--root', root], { cwd: root, env: { SOURCE_DATE_EPOCH: '1790000000' } });
            return { r, ms: performance.now() - started };
          };
          const v = await timed(['validate']);
          expectHandled(v.r, 'validate', c, v.ms);
          tally(outcomes.validate, v.r.code);
          const args = ['render', 'fuzzed', '--lang', c.lang, '--format', 'pdf,html', '--template', c.template, '--paper', c.paper, '--out', 'out'];
          if (c.brand) args.push('--brand', c.brand);
          if (c.patient) args.push('--patient', 'patient.yaml', '--allow-draft');
          const r = await timed(args);
          expectHandled(r.r, 'render', c, r.ms);
          tally(outcomes.render, r.r.code);
          if (process.env.FUZZ_VERBOSE) console.log(r.r.code, c.broken.join(";"), r.r.stderr.split("\n").find((l) => l.includes("LEAF")) ?? "");
          // a root validate accepts is never a usage error to render (glyphs are checked against the template's fonts at render)
          if (v.r.code === 0 && !c.patient) expect([0, 1], `render of a valid root: ${r.r.stderr.slice(0, 800)}`).toContain(r.r.code);

          const after = await tree(sandbox);
          for (const [file, content] of after) {
            if (file === path.join('root', 'out') || file.startsWith(path.join('root', 'out') + path.sep)) continue;
            expect(before.get(file), `${file} was written outside the output folder`).toBe(content);
          }
          for (const file of before.keys()) expect(after.has(file), `${file} disappeared`).toBe(true);
          if (r.r.code !== 0) expect(after.get(path.join('root', 'out')), 'a failed render wrote files').toBeUndefined();
          else
            for (const f of await readdir(path.join(root, 'out'))) {
              expect(f).not.toMatch(/\.tmp$/);
              // whatever a template, brand or text says, the page runs nothing and fetches nothing
              if (f.endsWith('.html')) {
                const html = await readFile(path.join(root, 'out', f), 'utf8');
                expect(html, c.broken.join('; ')).not.toMatch(/<script|127\.0\.0\.1|expression\(|@import/i);
                expect(html).toContain('http-equiv="Content-Security-Policy"');
              }
              if (c.patient) expect((await stat(path.join(root, 'out', f))).mode & 0o077).toBe(0);
            }
        } finally {
          await rm(sandbox, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // a target where nothing renders, or nothing fails, tests less than it claims
    const share = (m: Map<number, number>, code: number) => (m.get(code) ?? 0) / RUNS;
    if (RUNS >= 50) {
      expect(share(outcomes.render, 0), JSON.stringify([...outcomes.render])).toBeGreaterThan(0.15);
      expect(share(outcomes.validate, 1), JSON.stringify([...outcomes.validate])).toBeGreaterThan(0.1);
    }
    console.log(`fuzz outcomes: validate ${JSON.stringify([...outcomes.validate])}, render ${JSON.stringify([...outcomes.render])}`);
  }, 30 * 60_000);
});
