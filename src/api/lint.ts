/**
 * Lint as a library call: readability, translations, repeats, printable
 * characters and document control of the named leaflets (default: all).
 * The date review dates are checked against comes in as an option: the
 * library never reads the clock.
 */
import { fail, ok, type Result } from '../model/diagnostic.js';
import { listLeafletIds, unknownLeaflet } from '../content/leaflet.js';
import { lint as lintLeaflets, type LintReport } from '../lint/run.js';

export type { LintReport };

export interface LintOptions {
  /** absolute content root */
  root: string;
  /** the folder file names in messages are relative to (default: root) */
  cwd?: string;
  /** leaflet ids; default: every leaflet of the root */
  leaflets?: string[];
  /** the date review dates are checked against, YYYY-MM-DD */
  today: string;
  /** templates whose fonts the text must fit; default: the config's templates, else standard */
  templates?: string[];
  /** more warnings than this make the report's tooManyWarnings true; default: lint.maxWarnings of the config */
  maxWarnings?: number;
}

/** Not ok only when a named leaflet does not exist; every finding is in the report. */
export async function lint(options: LintOptions): Promise<Result<LintReport>> {
  const known = await listLeafletIds(options.root);
  const named = options.leaflets ?? [];
  const unknown = named.filter((id) => !known.includes(id));
  if (unknown.length) return fail(unknown.map((id) => unknownLeaflet(id, known)));
  const report = await lintLeaflets({
    root: options.root,
    cwd: options.cwd ?? options.root,
    ids: named.length ? [...new Set(named)] : known,
    today: options.today,
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}),
  });
  return ok(report);
}
