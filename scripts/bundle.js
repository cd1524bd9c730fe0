#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) and the batch worker into
// dist/bundle/ with esbuild. A cold `leaflets render` spends most of its time
// resolving and compiling hundreds of small modules (pdfkit, fontkit and their
// dependencies); one file per entry, with lazily loaded chunks for what only
// some commands need, starts several times faster. dist/ keeps its per-file
// output for tests and for code that imports modules directly.
//
// Runs last in `npm run build`, which is the only way to a runnable CLI:
// bin/leaflets.js starts the bundle without checking it against dist/ at
// every start (`npm test` and `npm run build` rebuild it).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outdir = path.join(root, 'dist/bundle');

// chunk names carry content hashes: clear the old ones rather than pile them up
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

/**
 * pdfkit loads all of crypto-js (every cipher and hash) at start for the
 * one MD5 of a document's file id; encryption, which needs the rest, is
 * never used. MD5 comes from crypto-js/md5 alone, the rest when asked for.
 */
function lazyCrypto(source) {
  const line = "var CryptoJS = require('crypto-js');";
  if (!source.includes(line)) throw new Error('bundle: pdfkit no longer requires crypto-js as expected; review the lazy-init plugin');
  return source.replace(line, "var CryptoJS = new Proxy({}, { get: (_, key) => (key === 'MD5' ? require('crypto-js/md5') : require('crypto-js')[key]) });");
}

/**
 * Tables that fontkit and unicode-properties build when they load — the
 * Unicode property trie, the Arabic, Indic and Universal shapers' tries
 * and state machines (each a base64 string inflated at start), and the
 * WOFF2 decoder's Brotli dictionary — are built on first use instead. A
 * Latin leaflet laid out from the build-time font metrics uses none of
 * them; a Hindi one builds the Indic ones when it shapes its first word.
 */
function lazyTables(source, file) {
  let count = 0;
  const out = source.replace(/^const (\$\w+\$var\$(trie|stateMachine)) = (new .*);$/gm, (_, name, kind, expr) => {
    count++;
    const method = kind === 'trie' ? 'get' : 'match';
    return `let ${name}$built; const ${name} = { ${method}: (...args) => (${name}$built ??= ${expr}).${method}(...args) };`;
  });
  const brotli = 'var $elh9A$brotlidecompressjs = require("brotli/decompress.js");';
  let result = out;
  if (file.includes('fontkit')) {
    if (!out.includes(brotli) || count !== 5) throw new Error(`bundle: fontkit's start-up tables are not where the lazy-init plugin expects them (${count} of 5); review it`);
    result = out.replace(brotli, 'var $elh9A$brotlidecompressjs = { __esModule: true, get default() { return require("brotli/decompress.js"); } };');
  } else if (count !== 1) throw new Error(`bundle: unicode-properties' trie is not where the lazy-init plugin expects it; review it`);
  return result;
}

const plugins = [
  {
    name: 'lazy-init',
    setup(b) {
      b.onLoad({ filter: /[\\/](fontkit|unicode-properties)[\\/]dist[\\/]main\.cjs$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        return { contents: lazyTables(await readFile(args.path, 'utf8'), args.path), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  },
  {
    // pdfkit require()s fontkit's CommonJS build while our code imports its ES build:
    // one copy, so a font is parsed by one fontkit and the bundle carries it once
    name: 'one-copy',
    setup(b) {
      for (const name of ['fontkit', 'linebreak', 'unicode-properties'])
        b.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: require.resolve(name) }));
    },
  },
  {
    // pdfkit reads its standard-font metrics from `${__dirname}/data`. A
    // bundled CommonJS module has no __dirname of its own; find pdfkit's
    // folder when (and only if) it asks, from wherever the package now
    // sits, rather than freezing the build machine's path into the bundle.
    name: 'pdfkit-dirname',
    setup(b) {
      b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        return {
          contents: lazyCrypto(source.replace(/\b__dirname\b/g, "require('node:path').dirname(require.resolve('pdfkit'))")),
          loader: 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  },
];

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli/main.js', worker: 'dist/batch/worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // chunks sit next to the entries, two folders below the package like every dist/ module, so their import.meta.url paths (../../templates/) still resolve
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  plugins,
  // CommonJS dependencies bundled into an ES module still call require() for
  // Node's built-ins (and, above, to find pdfkit)
  banner: {
    js: ["import { createRequire as __leafletsRequire } from 'node:module';", 'const require = __leafletsRequire(import.meta.url);'].join('\n'),
  },
});

// The CLI once more as one CommonJS script, which bin/leaflets.js compiles
// with V8's code cache: the bytecode of every function a render runs,
// written after a render below, so a cold start neither parses nor
// compiles them again. (Node 20 has no compile cache of its own, and V8
// caches only scripts, not ES modules.)
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli/main.js' },
  outfile: path.join(outdir, 'cli.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  plugins,
  // the pdfkit-dirname plugin's require.resolve('pdfkit') is meant to run, not to be bundled
  logOverride: { 'require-resolve-not-external': 'silent' },
  // a script has no import.meta; modules find their files relative to this one,
  // which sits two folders below the package as the ES modules do
  define: { 'import.meta.url': '__leafletsUrl' },
  // V8 drops a script's dynamic-import handler when it is compiled from a code cache
  supported: { 'dynamic-import': false },
  banner: { js: "const __leafletsUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The CommonJS bundle names its own content in its first line. The code
// cache is keyed on that name rather than on the file's size and time: npm
// pack stamps every file with one fixed time, so a key on mtime was never
// matched after an install and every start compiled the bundle afresh.
const cjsFile = path.join(outdir, 'cli.cjs');
const cjsSource = readFileSync(cjsFile, 'utf8');
writeFileSync(cjsFile, `// build ${createHash('sha256').update(cjsSource).digest('hex')}\n${cjsSource}`);

// Warm the code cache with a render of the bundled leaflet (bin/leaflets.js
// writes dist/bundle/cli.cache when asked to). Without it the CLI still
// runs, compiling as it goes.
const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'leaflets-cache-')), 'warm.pdf');
const warm = spawnSync(process.execPath, [path.join(root, 'bin/leaflets.js'), 'render', 'periduroscopia', '--lang', 'it', '-o', out], {
  cwd: root,
  env: { ...process.env, LEAFLETS_WRITE_CODE_CACHE: '1', SOURCE_DATE_EPOCH: '' },
  encoding: 'utf8',
});
rmSync(path.dirname(out), { recursive: true, force: true });
if (warm.status !== 0) console.warn(`No code cache written (the warm-up render failed): ${warm.stderr}`);
