import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every module a file imports, statically, as a type, re-exported or dynamically: resolved to a path under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts')));
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');
const inCli = (f: string) => rel(f).startsWith('cli/');

describe('the library and the CLI', () => {
  it('nothing under src/ except src/cli imports src/cli: the library never depends on the command line', () => {
    const offending = sources()
      .filter((f) => !inCli(f))
      .flatMap((f) => importsOf(f).filter(inCli).map((to) => `${rel(f)} → ${rel(to)}`));
    expect(offending).toEqual([]);
  });

  it('the import scan sees static, type, re-export and dynamic imports (so the rule above can fail)', () => {
    const probe = path.join(SRC, 'batch/build.ts');
    expect(importsOf(probe).map(rel)).toContain('batch/report.ts');
    expect(importsOf(path.join(SRC, 'index.ts')).map(rel)).toContain('render.ts');
    expect(importsOf(path.join(SRC, 'render.ts')).map(rel)).toContain('write/html.ts');
  });

  it('outside src/cli no module prints, exits or reads the environment: the library returns data', () => {
    const offending = sources()
      .filter((f) => !inCli(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
          // process signals are listened to only where the CLI asks (io/interrupt.ts takes the process as a parameter)
          .filter(({ line }) => /\bprocess\.(env|exit|stdout|stderr|argv|cwd\(\))|\bconsole\.\w+\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });

  it('the public entry exports what docs/api.md promises', async () => {
    const api = await import('../../src/index.js');
    for (const name of ['Renderer', 'validate', 'lint', 'build', 'languages', 'init', 'checkPatient', 'CODES', 'formatDiagnostics'])
      expect(typeof (api as Record<string, unknown>)[name], name).not.toBe('undefined');
  });
});
