#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js) and the batch worker into
// dist/bundle/ with esbuild. A cold `leaflets render` spends most of its time
// resolving and compiling hundreds of small modules (pdfkit, fontkit and their
// dependencies); one file per entry, with lazily loaded chunks for what only
// some commands need, starts several times faster. dist/ keeps its per-file
// output for tests and for code that imports modules directly.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'dist/cli/main.js', worker: 'dist/batch/worker.js' },
  outdir: 'dist/bundle',
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
      name: 'one-fontkit',
      setup(b) {
        b.onResolve({ filter: /^fontkit$/ }, () => ({ path: require.resolve('fontkit') }));
      },
    },
  ],
  banner: {
    // CommonJS dependencies bundled into an ES module still call require() for
    // Node's built-ins, and pdfkit finds its data files next to itself
    js: [
      "import { createRequire as __leafletsRequire } from 'node:module';",
      'const require = __leafletsRequire(import.meta.url);',
      `const __dirname = ${JSON.stringify(path.join(root, 'node_modules/pdfkit/js'))};`,
    ].join('\n'),
  },
});
