import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';

export interface LintCliOptions {
  root: string;
  json?: boolean;
  maxWarnings?: string;
  stats?: boolean;
  template?: string;
  today?: string;
  stamp?: string;
  lang?: string;
}

export function lintCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('lint'))
    .description('check content for readability, complete and up-to-date translations, repeats, printable characters and document control')
    .argument('[leaflets...]', 'leaflet ids (default: all)')
    .option('--max-warnings <n>', 'fail (exit 1) when there are more warnings than this (default: lint.maxWarnings of leaflets.config.yaml)')
    .option('--stats', 'print words, sentences and the readability score of every section')
    .option('--template <name>', "check characters against this template's fonts (default: the config's templates, else standard)")
    .option('--today <date>', 'the date review dates are checked against, YYYY-MM-DD (default: today)')
    .option('--stamp <leaflet>', 'record in a translation the source content it now matches (with --lang), instead of linting')
    .option('--lang <code>', 'the translation to stamp (with --stamp)')
    .addHelpText(
      'after',
      examples([
        'leaflets lint',
        'leaflets lint periduroscopia --json',
        'leaflets lint --max-warnings 0',
        'leaflets lint periduroscopia --stats',
        'leaflets lint --template large-print --today 2027-01-31',
        'leaflets lint --stamp periduroscopia --lang en',
      ]) +
        '\nRules, their options and how to set them in leaflets.config.yaml: docs/lint.md.\nExit codes: 0 no errors (and warnings within --max-warnings), 1 otherwise, 2 usage errors.\n',
    )
    .action(async (ids: string[], opts: LintCliOptions) => {
      const root = rootOf(opts, io);
      if (opts.stamp !== undefined) {
        if (ids.length) throw new UsageError('--stamp takes the leaflet itself: leaflets lint --stamp <leaflet> --lang <code>.');
        setExit(await stamp(opts.stamp, opts, root, io));
        return;
      }
      if (opts.lang !== undefined) throw new UsageError('--lang is only used with --stamp <leaflet>.');
      const { listLeafletIds, unknownLeaflet } = await import('../content/leaflet.js');
      const { listTemplates } = await import('../content/template.js');
      const { didYouMean } = await import('../diagnostics/suggest.js');
      const maxWarnings = parseMaxWarnings(opts.maxWarnings);
      const today = opts.today === undefined ? localDate(new Date()) : parseDate(opts.today);
      const known = await listLeafletIds(root);
      for (const id of ids) if (!known.includes(id)) throw new UsageError(unknownLeaflet(id, known).message);
      if (opts.template !== undefined) {
        const templates = await listTemplates(root);
        if (!templates.includes(opts.template))
          throw new UsageError(`There is no template '${opts.template}'.${didYouMean(opts.template, templates)} Templates: ${templates.join(', ')}.`);
      }

      const { lint } = await import('../lint/run.js');
      const { formatJson, formatStats, formatStylish } = await import('../lint/stylish.js');
      const { colourWanted } = await import('../diagnostics/print.js');
      const report = await lint({
        root,
        cwd: io.cwd,
        ids: ids.length ? [...new Set(ids)] : known,
        today,
        ...(opts.template ? { templates: [opts.template] } : {}),
        ...(maxWarnings !== undefined ? { maxWarnings } : {}),
      });
      if (opts.json) io.stdout.write(formatJson(report));
      else {
        const colour = colourWanted(io.stdout, io.env);
        if (opts.stats) io.stdout.write(formatStats(report, colour));
        io.stdout.write(formatStylish(report, colour));
      }
      if (report.errorCount || report.tooManyWarnings) setExit(EXIT.CONTENT);
    });
}

async function stamp(id: string, opts: LintCliOptions, root: string, io: CliIO): Promise<number> {
  const { listLeafletIds, loadLeaflet, unknownLeaflet } = await import('../content/leaflet.js');
  const known = await listLeafletIds(root);
  if (!known.includes(id)) throw new UsageError(unknownLeaflet(id, known).message);
  const loaded = await loadLeaflet(id, { root, cwd: io.cwd });
  if (!loaded.ok) {
    const { formatDiagnostics, colourWanted } = await import('../diagnostics/print.js');
    write(io.stderr, formatDiagnostics(loaded.diagnostics, { colour: colourWanted(io.stderr, io.env) }));
    write(io.stderr, `Nothing stamped: fix the problems above first.`);
    return EXIT.CONTENT;
  }
  const leaflet = loaded.value;
  const translations = leaflet.languages.filter((l) => l.lang !== leaflet.source).map((l) => l.lang);
  const which = translations.length ? `Translations of '${id}': ${translations.join(', ')}.` : `'${id}' has no translations.`;
  if (opts.lang === undefined) throw new UsageError(`--stamp needs --lang <code>, the translation to stamp. ${which}`);
  if (opts.lang === leaflet.source)
    throw new UsageError(`'${opts.lang}' is the source language of '${id}'; only translations are stamped. ${which}`);
  if (!translations.includes(opts.lang)) throw new UsageError(`'${id}' has no language '${opts.lang}'. ${which}`);
  const { stampTranslation } = await import('../lint/stamp.js');
  const { displayPath } = await import('../content/paths.js');
  const result = await stampTranslation(leaflet, opts.lang);
  const file = displayPath(result.file, io.cwd);
  if (opts.json) write(io.stdout, JSON.stringify({ file, source: leaflet.source, hashes: result.hashes, changed: result.changed }, null, 2));
  else
    write(
      io.stdout,
      result.changed.length
        ? `Stamped ${file} against ${leaflet.source}.yaml: ${result.changed.length} of ${Object.keys(result.hashes).length} stamps changed (${result.changed.join(', ')}).`
        : `${file} was already stamped against the current ${leaflet.source}.yaml; nothing changed.`,
    );
  return EXIT.OK;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of 0 or more, not '${value}'.`);
  return Number(value);
}

function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
  if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!)
    throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${value}'.`);
  return value;
}

/** The clock is read here, at the edge; everything below takes the date as a parameter. */
function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
