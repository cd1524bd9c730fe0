/**
 * Every language a content root can render (bundled language packs, the
 * clinic's own packs, and the languages its leaflets are written in): where
 * its template strings come from, whether they were reviewed, and which
 * scripts the templates' fonts draw. What `leaflets languages` prints.
 */
import { ok, type Diagnostic, type Result } from '../model/diagnostic.js';
import type { Leaflet } from '../model/content.js';
import { listLeafletIds, loadLeaflet } from '../content/leaflet.js';
import { loadConfig } from '../content/config.js';
import { listTemplates } from '../content/template.js';
import { checkLanguages, type LanguageReport } from '../content/languages.js';

export type { LanguageReport };

export interface LanguagesOptions {
  /** absolute content root */
  root: string;
  /** the folder file names in diagnostics are relative to (default: root) */
  cwd?: string;
  /** templates to check the languages against; default: the config's templates, else every template there is */
  templates?: string[];
}

/** Leaflets that fail to load are left out, their problems returned as warnings. */
export async function languages(options: LanguagesOptions): Promise<Result<LanguageReport[]>> {
  const { root } = options;
  const cwd = options.cwd ?? root;
  const warnings: Diagnostic[] = [];
  const leaflets: Leaflet[] = [];
  for (const id of await listLeafletIds(root)) {
    const l = await loadLeaflet(id, { root, cwd });
    if (l.ok) leaflets.push(l.value);
    else warnings.push(...l.diagnostics);
  }
  let templates = options.templates;
  if (!templates) {
    const config = await loadConfig({ root, cwd });
    const configured = config.ok ? config.value.templates : undefined;
    // the languages are checked against every template there is: a language that only one template can print says so
    templates = configured === 'all' || !configured?.length ? await listTemplates(root) : configured;
  }
  const checked = await checkLanguages(leaflets, { root, cwd, templates });
  return ok(checked.languages, [...warnings, ...checked.diagnostics]);
}
