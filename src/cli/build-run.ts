/**
 * `leaflets build`: command-line values → BuildOptions (bad values are usage
 * errors, exit 2) → the library's build → the report printed (a progress bar
 * and grouped problems, or JSON) → the exit code.
 */
import path from 'node:path';
import type { Paper } from '../model/template.js';
import { FORMATS, sourceDate, type Format } from '../render.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { colourWanted, formatDiagnostics, painter } from '../diagnostics/print.js';
import { describe } from '../batch/matrix.js';
import type { ArtefactRecord, BuildReport } from '../batch/report.js';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { createProgress } from './progress.js';
import { interruptedExitCode } from '../io/interrupt.js';
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
    cwd: io.cwd,
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
    signal: io.signal,
  };
  const colour = colourWanted(io.stderr, io.env);
  const json = opts.json === true;
  const progress = createProgress(io.stderr, { colour });
  const result = await build({ ...options, progress });
  progress.stop();
  if (!result.ok) {
    // asked for wrongly (config, names, output paths): nothing was built
    if (json) write(io.stdout, JSON.stringify({ ok: false, diagnostics: result.diagnostics }, null, 2));
    else write(io.stderr, formatDiagnostics(result.diagnostics, { colour }));
    return EXIT.USAGE;
  }
  const report = result.value;
  if (json) write(io.stdout, JSON.stringify(report, null, 2));
  else {
    printProblems(report.artefacts, io, colour);
    if (report.problems.length) write(io.stderr, formatDiagnostics(report.problems, { colour }));
    write(io.stdout, summaryLine(report, colour));
  }
  if (report.interrupted) return interruptedExitCode(io.signal);
  return report.ok ? EXIT.OK : EXIT.CONTENT;
}

/**
 * Failures (and warnings of what was built), each problem once with the
 * artefacts it affects: a broken brand fails every artefact of that brand
 * with the same message, which should be read once, not forty times.
 */
function printProblems(records: readonly ArtefactRecord[], io: CliIO, colour: boolean): void {
  const groups = new Map<string, { diagnostics: Diagnostic[]; paths: string[]; failed: boolean }>();
  for (const r of records) {
    if (r.status !== 'failed' && !(r.status === 'built' && r.diagnostics.length)) continue;
    const id = JSON.stringify(r.diagnostics);
    const g = groups.get(id) ?? { diagnostics: r.diagnostics, paths: [], failed: r.status === 'failed' };
    g.paths.push(r.status === 'failed' ? `${r.path} (${describe({ ...r, lang: r.language, brand: r.brand })})` : r.path);
    groups.set(id, g);
  }
  const c = painter(colour);
  for (const g of [...groups.values()].sort((a, b) => Number(a.failed) - Number(b.failed))) {
    const shown = g.paths.slice(0, 5).join(', ') + (g.paths.length > 5 ? ` and ${g.paths.length - 5} more` : '');
    write(io.stderr, `\n${g.failed ? c.red.bold('failed') : c.yellow('warnings in')} ${shown}:`);
    write(io.stderr, formatDiagnostics(g.diagnostics, { colour }));
  }
}

function summaryLine(report: BuildReport, colour: boolean): string {
  const c = painter(colour);
  const s = report.summary;
  const parts = [`${s.built} built`, `${s.skipped} up to date`];
  if (s.failed) parts.push(c.red(`${s.failed} failed`));
  if (s.cancelled) parts.push(`${s.cancelled} not built`);
  const where = `${report.out}${report.shard ? `, shard ${report.shard}` : ''}`;
  const head = report.interrupted ? c.yellow('interrupted:') : s.failed ? c.red('build failed:') : 'build finished:';
  return `${head} ${parts.join(', ')} of ${s.total} artefacts in ${(s.milliseconds / 1000).toFixed(1)} s (${where})`;
}
