#!/usr/bin/env node
// npm run fuzz -- --runs N [--seed S]: the fuzz target of tests/fuzz for longer runs than npm test's.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' }, verbose: { type: 'boolean' } } });
if (!/^\d+$/.test(values.runs)) {
  console.error(`--runs: '${values.runs}' is not a whole number`);
  process.exit(2);
}
const env = { ...process.env, FUZZ_RUNS: values.runs };
if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
if (values.verbose) env.FUZZ_VERBOSE = '1';
const r = spawnSync('npx', ['vitest', 'run', 'tests/fuzz'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
