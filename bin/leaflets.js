#!/usr/bin/env node
// The bundled CLI (npm run build) starts several times faster than the
// per-file modules; use it unless a later `tsc` has left it behind.
import { statSync } from 'node:fs';

const mtime = (p) => {
  try {
    return statSync(new URL(p, import.meta.url)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = mtime('../dist/bundle/cli.js') >= mtime('../dist/cli/main.js');
const { main } = await import(bundled ? '../dist/bundle/cli.js' : '../dist/cli/main.js');

main(process.argv).then((code) => {
  process.exitCode = code;
});
