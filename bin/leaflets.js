#!/usr/bin/env node
// Starts the CLI from its bundle, dist/bundle/cli.cjs: one script compiled
// with V8's code cache (dist/bundle/cli.cache, written by `npm run build`
// after a warm-up render), so a cold start neither resolves hundreds of
// modules nor parses and compiles what a render runs. The cache is used
// only when it was written for exactly this script: both name the script's
// content hash (the script's first line). `npm run build` is what makes the
// bundle; nothing here second-guesses it at every start. Without a bundle
// (a bare `tsc`), the per-file modules run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { interruptSignal } from '../dist/io/interrupt.js';

// Ctrl-C and SIGTERM are heard from here on: loading the program takes a
// tenth of a second or more, and a signal in that time still ends it cleanly
// with the documented exit code.
const signal = interruptSignal(process);

const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
const { main, processIO } = existsSync(bundle) ? script(bundle) : await import('../dist/cli/main.js');

main(process.argv, processIO(signal)).then((code) => {
  process.exitCode = code;
});

/** Runs the CommonJS bundle as Node would, compiled with the code cache written for it. */
function script(filename) {
  const source = readFileSync(filename, 'utf8');
  // "// build <sha256>": V8 itself checks only the source's length, its version and flags
  const id = source.slice(0, source.indexOf('\n'));
  const cacheFile = filename.replace(/\.cjs$/, '.cache');
  let cachedData;
  try {
    const cache = readFileSync(cacheFile);
    const end = cache.indexOf(10);
    if (id.startsWith('// build ') && cache.subarray(0, end).toString() === id) cachedData = cache.subarray(end + 1);
  } catch {
    /* no cache: compile as usual */
  }
  const vm = createRequire(import.meta.url)('node:vm');
  const compiledScript = new vm.Script(Module.wrap(source), { filename, cachedData });
  if (process.env.LEAFLETS_DEBUG)
    process.stderr.write(`code cache: ${cachedData === undefined ? 'none' : compiledScript.cachedDataRejected ? 'rejected' : 'used'}\n`);
  const module = { exports: {} };
  compiledScript.runInThisContext().call(module.exports, module.exports, createRequire(filename), module, filename, path.dirname(filename));
  if (process.env.LEAFLETS_WRITE_CODE_CACHE)
    // after the run, so the cache holds every function the render compiled
    process.once('beforeExit', () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${id}\n`), compiledScript.createCachedData()])));
  return module.exports;
}
