#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) and the batch worker into
// dist/bundle/ with esbuild. A cold `leaflets render` spends most of its time
// resolving and compiling hundreds of small modules (pdfkit, fontkit and their
// dependencies); one file per entry, with lazily loaded chunks for what only
// some commands need, starts several times faster. dist/ keeps its per-file
// output for tests and for code that imports modules directly.
//
// Runs last in `npm run build`: bin/leaflets.js uses the bundle only while it
// is at least as new as dist/cli/main.js, so a later bare `tsc` falls back to
// the per-file modules instead of running stale code.
import { build } from 'esbuild';
import { mkdirSync, rmSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outdir = path.join(root, 'dist/bundle');

// chunk names carry content hashes: clear the old ones rather than pile them up
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

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
  plugins: [
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
            contents: source.replace(/\b__dirname\b/g, "require('node:path').dirname(require.resolve('pdfkit'))"),
            loader: 'js',
            resolveDir: path.dirname(args.path),
          };
        });
      },
    },
  ],
  // CommonJS dependencies bundled into an ES module still call require() for
  // Node's built-ins (and, above, to find pdfkit)
  banner: {
    js: ["import { createRequire as __leafletsRequire } from 'node:module';", 'const require = __leafletsRequire(import.meta.url);'].join('\n'),
  },
});

// the bundle is built from dist/: never older than what it was built from
const now = new Date();
for (const entry of ['cli.js', 'worker.js']) utimesSync(path.join(outdir, entry), now, now);
