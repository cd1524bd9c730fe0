/**
 * A build: config + options → matrix → jobs → (shard) → skip what is up to
 * date → build the rest in parallel → cache, manifest, report. Returns the
 * report as data; it never prints, exits or reads the environment (the
 * date and the abort signal come in as options). `leaflets build` prints it
 * (src/cli/build-run.ts).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Paper } from '../model/template.js';
import type { Format } from '../render.js';
import { loadConfig } from '../content/config.js';
import { displayPath, layout } from '../content/paths.js';
import { CODES } from '../diagnostics/codes.js';
import { checkOutput, checkOutputFolder, writeOutput, type OutputPolicy } from '../io/output.js';
import { realpath } from 'node:fs/promises';
import { fail, ok, type Result } from '../model/diagnostic.js';
import { DEFAULT_BRAND_LABEL, expandJobs, resolveMatrix, type Job } from './matrix.js';
import { readInventory } from './inventory.js';
import { selectShard, type Shard } from './shard.js';
import { KeyMaker } from './keys.js';
import { cacheFile, cacheText, mtimeOf, readCache, upToDate } from './cache.js';
import { runPool } from './pool.js';
import { writeFailed, type WorkItem, type WorkResult } from './artefact.js';
import { makeManifest, makeReport, type ArtefactRecord, type BuildReport } from './report.js';
import { shardManifestFile } from './pattern.js';
import { toolVersion } from './fingerprint.js';

export interface BuildOptions {
  /** absolute content root */
  root: string;
  /** the folder file names in diagnostics and the report are relative to (default: root) */
  cwd?: string;
  /** narrowing or overriding the config; undefined: the config's value */
  leaflets?: string[];
  languages?: 'all' | string[];
  formats?: Format[];
  brands?: 'all' | string[];
  templates?: 'all' | string[];
  paper?: Paper;
  sections?: string[];
  skip?: string[];
  /** absolute output folder from --out */
  out?: string;
  output?: string;
  jobs?: number;
  shard?: Shard;
  /** rebuild what is up to date too */
  force?: boolean;
  /** consent to replace files at output paths that leaflets did not write */
  overwrite?: boolean;
  /** every date inside the files (SOURCE_DATE_EPOCH); default: each leaflet's published date */
  date?: Date;
  /** stops handing out artefacts when aborted; those in flight finish */
  signal?: AbortSignal;
  /** told the total once, then every artefact as it is skipped or finishes */
  progress?: BuildProgress;
}

export interface BuildProgress {
  start(total: number): void;
  tick(record: ArtefactRecord): void;
}

/**
 * Builds what the options and the root's config ask for. Not ok: the build
 * was asked for wrongly (config, names, output paths) and nothing was
 * built. Ok: the report, whose `ok` says whether every artefact was built.
 */
export async function build(options: BuildOptions): Promise<Result<BuildReport>> {
  const started = performance.now();
  const io = { cwd: options.cwd ?? options.root };
  /** Problems with how the build was asked for: nothing is built. */
  const refuse = (list: Diagnostic[]) => fail<BuildReport>(list);

  const config = await loadConfig({ root: options.root, cwd: io.cwd });
  if (!config.ok) return refuse(config.diagnostics);
  const inventory = await readInventory(options.root);
  const matrix = resolveMatrix(
    config.value,
    {
      leaflets: options.leaflets,
      languages: options.languages,
      brands: options.brands,
      templates: options.templates,
      formats: options.formats,
      paper: options.paper,
      sections: options.sections,
      skip: options.skip,
      output: options.output,
    },
    inventory,
  );
  if (!matrix.ok) return refuse(matrix.diagnostics);
  const expanded = expandJobs(matrix.value, inventory);
  if (!expanded.ok) return refuse(expanded.diagnostics);
  if (!expanded.value.length)
    return refuse([
      {
        code: CODES.EMPTY_MATRIX,
        severity: 'error',
        message: `There is nothing to build: no leaflets under ${displayPath(layout.leaflets(options.root), io.cwd)}.`,
        hints: ['Pass --root to point at your content folder, or create one with `leaflets init <dir>`.'],
      },
    ]);

  const out =
    options.out ?? path.resolve(config.value.file ? path.dirname(config.value.file) : options.root, config.value.out ?? 'out');
  const jobs = selectShard(expanded.value, options.shard);
  const version = await toolVersion();
  const keys = new KeyMaker({ root: options.root, cwd: io.cwd, brands: inventory.brands, date: options.date });
  const cache = await readCache(out);
  const policy: OutputPolicy = {
    root: options.root,
    cwd: io.cwd,
    overwrite: options.overwrite,
    written: new Set(await Promise.all([...cache.keys()].map((p) => realpath(fileOf(out, p)).catch(() => fileOf(out, p))))),
  };
  const folder = await checkOutputFolder(out, policy);
  if (!folder.ok) return refuse([{ code: folder.code, severity: 'error', message: folder.reason }]);
  const records: (ArtefactRecord | undefined)[] = new Array(jobs.length);
  const pending: { item: WorkItem; key: string }[] = [];
  const jobKeys = await Promise.all(jobs.map((job) => keys.key(job)));
  const fresh = await Promise.all(
    jobs.map((job, i) => (options.force ? false : upToDate(fileOf(out, job), cache.get(job.path), jobKeys[i] ?? ''))),
  );
  jobs.forEach((job, i) => {
    const entry = cache.get(job.path);
    if (fresh[i] && entry)
      records[i] = record(job, {
        status: 'skipped',
        pages: entry.pages,
        bytes: entry.bytes,
        sha256: entry.sha256,
        milliseconds: 0,
        diagnostics: entry.diagnostics,
      });
    else
      pending.push({
        key: jobKeys[i] ?? '',
        item: {
          id: i,
          leaflet: job.leaflet,
          lang: job.lang,
          brand: job.brand,
          template: job.template,
          format: job.format,
          paper: job.paper,
          sections: job.sections,
          skip: job.skip,
          file: fileOf(out, job),
          date: options.date?.getTime(),
          written: cache.has(job.path),
        },
      });
  });

  // Every file this run would write is checked before the first is written:
  // a pattern or --out that lands on a source refuses the whole build.
  const manifestFile = path.join(out, shardManifestFile(options.shard));
  const targets = [...pending.map((p) => ({ file: p.item.file, kind: p.item.format })), { file: manifestFile, kind: 'json' as const }, { file: cacheFile(out), kind: 'json' as const }];
  const refusals: Diagnostic[] = [];
  for (const t of targets) {
    const checked = await checkOutput(t.file, t.kind, policy);
    if (!checked.ok) refusals.push({ code: checked.code, severity: 'error', message: checked.reason });
  }
  if (refusals.length)
    return refuse(
      refusals.length > 5
        ? [...refusals.slice(0, 5), { code: CODES.OUTPUT_REFUSED, severity: 'error', message: `… and ${refusals.length - 5} more outputs were refused.` }]
        : refusals,
    );

  const progress = options.progress;
  progress?.start(jobs.length);
  for (const r of records) if (r) progress?.tick(r);
  const keyOf = new Map(pending.map((p) => [p.item.id, p.key]));
  const updates: Promise<void>[] = [];
  const outcome = await runPool(
    pending.map((p) => p.item),
    {
      jobs: options.jobs ?? config.value.jobs ?? availableParallelism(),
      root: options.root,
      cwd: io.cwd,
      policy,
      signal: options.signal,
      onResult: (result: WorkResult) => {
        const job = jobs[result.id] as Job;
        const r = record(job, result);
        records[result.id] = r;
        // stopped by Ctrl-C: its file was not touched, so neither is its cache entry
        if (result.status === 'cancelled') return;
        progress?.tick(r);
        if (result.status === 'built')
          updates.push(
            mtimeOf(fileOf(out, job)).then((mtimeMs) => {
              cache.set(job.path, {
                key: keyOf.get(result.id) ?? '',
                sha256: result.sha256 ?? '',
                bytes: result.bytes ?? 0,
                pages: result.pages,
                diagnostics: result.diagnostics,
                mtimeMs,
              });
            }),
          );
        else cache.delete(job.path);
      },
    },
  );
  await Promise.all(updates);

  const all = jobs.map(
    (job, i) => records[i] ?? record(job, { status: 'cancelled', milliseconds: 0, diagnostics: [] }),
  );
  const interrupted = outcome.interrupted || options.signal?.aborted === true;
  // Written even when interrupted — the one file written after Ctrl-C, a
  // record of what is whole on disk — so the next build resumes where this
  // one stopped.
  const bookkeeping: Diagnostic[] = [];
  const keep = async (file: string, text: () => string) => {
    try {
      await writeOutput(file, text(), 'json', policy);
    } catch (e) {
      const errno = (e as NodeJS.ErrnoException).code;
      bookkeeping.push(errno ? writeFailed(displayPath(file, io.cwd), errno) : { code: CODES.OUTPUT_REFUSED, severity: 'error', message: (e as Error).message });
    }
  };
  await keep(cacheFile(out), () => cacheText(cache));
  if (!interrupted) {
    const manifest = makeManifest(all, { version, shard: options.shard, root: options.root, cwd: io.cwd });
    await keep(manifestFile, () => `${JSON.stringify(manifest, null, 2)}\n`);
  }

  const report = makeReport(all, {
    version,
    out: displayPath(out, io.cwd),
    shard: options.shard,
    milliseconds: Math.round(performance.now() - started),
    interrupted,
    problems: bookkeeping,
  });
  return ok(report);
}

function fileOf(out: string, job: Job | string): string {
  return path.join(out, ...(typeof job === 'string' ? job : job.path).split('/'));
}

function record(
  job: Job,
  r: Pick<WorkResult, 'milliseconds' | 'diagnostics' | 'pages' | 'bytes' | 'sha256'> & { status: ArtefactRecord['status'] },
): ArtefactRecord {
  return {
    path: job.path,
    leaflet: job.leaflet,
    format: job.format,
    language: job.lang,
    brand: job.brand ?? DEFAULT_BRAND_LABEL,
    template: job.template,
    paper: job.paper,
    pages: r.pages ?? null,
    bytes: r.bytes ?? null,
    sha256: r.sha256 ?? null,
    milliseconds: r.milliseconds,
    status: r.status,
    diagnostics: r.diagnostics,
  };
}
