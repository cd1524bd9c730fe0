/** Command-line values of `leaflets build` → BuildOptions; bad values are usage errors (exit 2). */
import path from 'node:path';
import type { Paper } from '../model/template.js';
import { FORMATS, sourceDate, type Format } from '../render.js';
import { UsageError, type CliIO } from './context.js';
import { rootOf } from './options.js';
import type { BuildCliOptions } from './build.js';
import { build, type BuildOptions } from '../batch/build.js';
import { parseShard } from '../batch/shard.js';

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean));

export async function runBuild(leaflets: string[], opts: BuildCliOptions, io: CliIO): Promise<number> {
  const formats = list(opts.format);
  for (const f of formats ?? [])
    if (!FORMATS.includes(f as Format)) throw new UsageError(`--format: '${f}' is not a format. Use pdf, html or pdf,html.`);
  if (formats && !formats.length) throw new UsageError('--format: name at least one format (pdf, html).');
  let jobs: number | undefined;
  if (opts.jobs !== undefined) {
    jobs = Number(opts.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs: '${opts.jobs}' is not a whole number from 1 to 64.`);
  }
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  if (shard instanceof Error) throw new UsageError(shard.message);
  const date = sourceDate(io.env);
  if (date instanceof Error) throw new UsageError(date.message);
  /** a comma-separated list, or `all` as in the config */
  const named = (flag: string, v: string | undefined): 'all' | string[] | undefined => {
    const names = list(v);
    if (names && !names.length) throw new UsageError(`${flag}: name at least one.`);
    return names?.length === 1 && names[0] === 'all' ? 'all' : names;
  };

  const options: BuildOptions = {
    root: rootOf(opts, io),
    json: opts.json === true,
    leaflets: leaflets.length ? leaflets : undefined,
    languages: named('--lang', opts.lang),
    formats: formats as Format[] | undefined,
    brands: named('--brand', opts.brand),
    templates: named('--template', opts.template),
    paper: opts.paper as Paper | undefined,
    sections: list(opts.sections),
    skip: list(opts.skip),
    out: opts.out === undefined ? undefined : path.resolve(io.cwd, opts.out),
    output: opts.output,
    jobs,
    shard,
    force: opts.force === true,
    overwrite: opts.overwrite === true,
    date,
  };
  return build(options, io);
}
