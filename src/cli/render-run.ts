import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Paper } from '../model/template.js';
import { FORMATS, Renderer, defaultFileName, sourceDate, type Format, type RenderRequest } from '../render.js';
import { checkOutput, writeOutput, type OutputPolicy } from '../io/output.js';
import { colourWanted, formatDiagnostics } from '../diagnostics/print.js';
import { CODES } from '../diagnostics/codes.js';
import { loadPatient } from '../content/patient.js';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { interruptedExitCode, isAbort } from '../io/interrupt.js';
import { rootOf } from './options.js';
import type { RenderCliOptions } from './render.js';

const USAGE_CODES = new Set<string>([
  CODES.UNKNOWN_LEAFLET,
  CODES.UNKNOWN_LANGUAGE,
  CODES.UNKNOWN_SECTION,
  CODES.UNKNOWN_BRAND,
  CODES.UNKNOWN_TEMPLATE,
  CODES.EMPTY_SELECTION,
  CODES.BAD_SET,
  CODES.DRAFT_HANDOUT,
]);

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** `leaflets render`: one leaflet, one language, one or two formats. */
export async function runRender(id: string, opts: RenderCliOptions, io: CliIO): Promise<number> {
  const root = rootOf(opts, io);
  const formats = list(opts.format) ?? [];
  for (const f of formats)
    if (!FORMATS.includes(f as Format)) throw new UsageError(`--format: '${f}' is not a format. Use pdf, html or pdf,html.`);
  if (!formats.length) throw new UsageError('--format: name at least one format (pdf, html).');
  if (opts.output && formats.length > 1) throw new UsageError('-o names one file; with several formats use --out DIR.');
  const date = sourceDate(io.env);
  if (date instanceof Error) throw new UsageError(date.message);

  const renderer = new Renderer({ root, cwd: io.cwd });
  const known = await import('../content/leaflet.js');
  const ids = await known.listLeafletIds(root);
  if (!ids.includes(id)) throw new UsageError(known.unknownLeaflet(id, ids).message);

  const report = (diagnostics: Diagnostic[]) => {
    if (!diagnostics.length) return;
    if (opts.json) return;
    write(io.stderr, formatDiagnostics(diagnostics, { colour: colourWanted(io.stderr, io.env), cwd: io.cwd }));
  };

  let patient: RenderRequest['patient'];
  if (opts.patient || opts.set.length) {
    const p = await loadPatient({ file: opts.patient, set: opts.set, root, cwd: io.cwd });
    if (!p.ok && p.diagnostics.every((d) => d.code === CODES.FILE_UNREADABLE))
      throw new UsageError(`--patient ${opts.patient}: ${p.diagnostics[0]!.message}`);
    if (!p.ok) return fail(p.diagnostics);
    patient = p.value;
  }
  const request: RenderRequest = {
    leaflet: id,
    lang: opts.lang,
    template: opts.template,
    brand: opts.brand,
    formats: formats as Format[],
    paper: opts.paper as Paper,
    sections: list(opts.sections),
    skip: list(opts.skip) ?? [],
    patient,
    date,
    // the clock is read here, at the edge: a patient's appointment before the render date is worth a warning
    today: date ?? new Date(),
    allowDraft: opts.allowDraft === true,
  };
  // Ctrl-C during the render: Interrupted unwinds to main, nothing has been written
  const result = await renderer.render(request, { signal: io.signal });
  if (!result.ok) return fail(result.diagnostics);
  report(result.warnings);

  const policy: OutputPolicy = {
    root,
    cwd: io.cwd,
    inputs: opts.patient ? [path.resolve(io.cwd, opts.patient)] : [],
    overwrite: opts.overwrite,
  };
  const targets = result.value.map((a) =>
    opts.output
      ? path.resolve(io.cwd, opts.output)
      : path.resolve(io.cwd, opts.out, defaultFileName(id, a.lang, opts.template, a.format, a.personal, opts.brand)),
  );
  // every target is checked before anything is written: all or nothing
  for (const [i, a] of result.value.entries()) {
    const checked = await checkOutput(targets[i]!, a.format, policy);
    if (!checked.ok) throw new UsageError(checked.reason);
  }
  const written: { path: string; format: string; lang: string; template: string; pages: number | null; bytes: number; sha256: string }[] = [];
  for (const [i, a] of result.value.entries()) {
    const file = targets[i]!;
    // Health data: readable by the owner only.
    try {
      await writeOutput(file, a.bytes, a.format, policy, { mode: a.personal ? 0o600 : 0o644, signal: io.signal });
    } catch (e) {
      if (isAbort(e, io.signal)) return interrupted(written.map((w) => w.path));
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code ? `Cannot write ${path.relative(io.cwd, file) || file} (${code}). Check the output path and its permissions.` : (e as Error).message);
    }
    written.push({
      path: path.relative(io.cwd, file) || file,
      format: a.format,
      lang: a.lang,
      template: opts.template,
      pages: a.pages ?? null,
      bytes: a.bytes.length,
      sha256: createHash('sha256').update(a.bytes).digest('hex'),
    });
    // each file as it lands, so what an interrupted render left is on screen
    const w = written[written.length - 1]!;
    if (!opts.json) write(io.stdout, `wrote ${w.path} (${w.pages ? `${w.pages} page${w.pages > 1 ? 's' : ''}, ` : ''}${Math.round(w.bytes / 1024)} KiB)`);
  }
  if (opts.json) write(io.stdout, JSON.stringify({ ok: true, files: written, warnings: result.warnings }, null, 2));
  return EXIT.OK;

  /** Stopped between or during the writes: say what is whole on disk, write nothing more. */
  function interrupted(done: string[]): number {
    const reason = typeof io.signal?.reason === 'string' ? io.signal.reason : 'SIGINT';
    const kept = done.length ? `${done.join(', ')} ${done.length > 1 ? 'were' : 'was'} written before it` : 'nothing was written';
    if (opts.json) write(io.stdout, JSON.stringify({ ok: false, interrupted: true, signal: reason, files: written }, null, 2));
    else write(io.stderr, `interrupted (${reason}): ${kept}; nothing more is written.`);
    return interruptedExitCode(io.signal);
  }

  function fail(diagnostics: Diagnostic[]): number {
    if (opts.json) write(io.stdout, JSON.stringify({ ok: false, diagnostics }, null, 2));
    else write(io.stderr, formatDiagnostics(diagnostics, { colour: colourWanted(io.stderr, io.env), cwd: io.cwd }));
    // A name typed on the command line that does not exist is a usage error, as an unknown option is.
    return diagnostics.every((d) => d.severity !== 'error' || USAGE_CODES.has(d.code)) ? EXIT.USAGE : EXIT.CONTENT;
  }
}
