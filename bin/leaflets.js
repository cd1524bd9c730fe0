#!/usr/bin/env node
// Starts the fastest build of the CLI that is up to date with dist/:
//  1. dist/bundle/cli.cjs, one script compiled with V8's code cache
//     (dist/bundle/cli.cache, written by `npm run build` after a warm-up
//     render) so a cold start skips parsing and compiling what it runs;
//  2. dist/bundle/cli.js, the ES-module bundle;
//  3. dist/cli/main.js, the per-file modules tsc writes.
// A bundle older than dist/cli/main.js (a bare `tsc` since the build) is
// used only while the dist/ files it was built from still hold the same
// bytes (dist/bundle/inputs.json); otherwise it is stale and skipped.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interruptSignal } from '../dist/io/interrupt.js';

// Ctrl-C and SIGTERM are heard from here on: loading the program takes a
// tenth of a second or more, and a signal in that time still ends it cleanly
// with the documented exit code.
const signal = interruptSignal(process);

const file = (p) => fileURLToPath(new URL(p, import.meta.url));
const stat = (p) => {
  try {
    return statSync(file(p));
  } catch {
    return undefined;
  }
};
const compiled = stat('../dist/cli/main.js')?.mtimeMs ?? -1;
let unchanged;
const fresh = (p) => {
  const built = stat(p)?.mtimeMs;
  if (built === undefined) return false;
  return built >= compiled || (unchanged ??= sameInputs());
};

/** Whether every dist/ file the bundle was built from still has the content it had then. */
function sameInputs() {
  try {
    const inputs = JSON.parse(readFileSync(file('../dist/bundle/inputs.json'), 'utf8'));
    const files = Object.keys(inputs);
    return (
      files.length > 0 &&
      files.every((f) => createHash('sha256').update(readFileSync(file(`../${f}`))).digest('hex') === inputs[f])
    );
  } catch {
    return false;
  }
}

const { main, processIO } = fresh('../dist/bundle/cli.cjs')
  ? await script(file('../dist/bundle/cli.cjs'))
  : await import(fresh('../dist/bundle/cli.js') ? '../dist/bundle/cli.js' : '../dist/cli/main.js');

main(process.argv, processIO(signal)).then((code) => {
  process.exitCode = code;
});

/**
 * Runs the CommonJS bundle as Node would, but compiled with the code cache
 * when the cache was written for exactly this file (V8 itself checks only
 * the source's length, its own version and flags).
 */
async function script(filename) {
  const vm = await import('node:vm');
  const cacheFile = filename.replace(/\.cjs$/, '.cache');
  const { size, mtimeMs } = statSync(filename);
  const stamp = `${size}:${mtimeMs}`;
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    const end = cache.indexOf(10);
    if (cache.subarray(0, end).toString() === stamp) cachedData = cache.subarray(end + 1);
  } catch {
    /* no cache: compile as usual */
  }
  const compiledScript = new vm.Script(Module.wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
  const module = { exports: {} };
  compiledScript.runInThisContext().call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  if (process.env.LEAFLETS_WRITE_CODE_CACHE)
    // after the run, so the cache holds every function the render compiled
    process.once('beforeExit', () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${stamp}\n`), compiledScript.createCachedData()])));
  return module.exports;
}
