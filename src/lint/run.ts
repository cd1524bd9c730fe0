import { loadConfig } from '../content/config.js';
import { loadLeaflet } from '../content/leaflet.js';
import { displayPath, layout } from '../content/paths.js';
import { listTemplates, loadTemplate } from '../content/template.js';
import type { Config } from '../model/config.js';
import { checkLeaflet, fromDiagnostic, type PlacedMessage } from './check.js';
import { fontChain, type FontCache } from './fonts.js';
import type { FileResult, FontChain, LanguageStats } from './model.js';
import { resolveRules } from './settings.js';
import { languageStats } from './stats.js';
import { loadStrings } from '../content/strings.js';
import { checkLanguages } from '../content/languages.js';
import { BUILTIN_BRAND, listBrands, loadBrand } from '../content/brand.js';
import type { Brand } from '../model/brand.js';
import type { Leaflet } from '../model/content.js';
import type { PackInfo } from './model.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface LintOptions {
  root: string;
  /** for file names in messages */
  cwd: string;
  /** leaflet ids, already checked to exist */
  ids: string[];
  /** YYYY-MM-DD, taken from --today or the clock by the caller */
  today: string;
  /** templates whose fonts the text must fit (--template); default: the config's templates, else standard */
  templates?: string[];
  /** --max-warnings; default: lint.maxWarnings of the config */
  maxWarnings?: number;
}

export interface LintReport {
  /** one entry a file, in reading order; language files carry their readability stats */
  results: FileResult[];
  errorCount: number;
  warningCount: number;
  maxWarnings?: number;
  tooManyWarnings: boolean;
  leaflets: string[];
  stats: LanguageStats[];
}

/** Lints the named leaflets under a content root: reads config, content and fonts, then runs the rules. */
export async function lint(options: LintOptions): Promise<LintReport> {
  const { root, cwd } = options;
  const messages: PlacedMessage[] = [];
  const files: string[] = [];
  const note = (file: string) => {
    if (!files.includes(file)) files.push(file);
  };
  const configFile = displayPath(layout.config(root), cwd);

  const loadedConfig = await loadConfig({ root, cwd });
  let config: Config = {};
  if (loadedConfig.ok) config = loadedConfig.value;
  else messages.push(...loadedConfig.diagnostics.map((d) => fromDiagnostic(d, configFile)));
  const { runs, diagnostics: ruleProblems } = resolveRules(config);
  messages.push(...ruleProblems.map((d) => fromDiagnostic(d, configFile)));

  const fonts: FontChain[] = [];
  const calloutLabels = new Map<string, string[]>();
  const needsFonts = runs.some((r) => r.rule.id === 'glyph-coverage');
  if (needsFonts) {
    const cache: FontCache = new Map();
    for (const name of await templateNames(options, config, root)) {
      const t = await loadTemplate(name, { root, cwd });
      if (!t.ok) {
        messages.push(...t.diagnostics.map((d) => fromDiagnostic(d, configFile)));
        continue;
      }
      const { chain, diagnostics } = fontChain(name, t.value.theme, cache);
      fonts.push(chain);
      messages.push(...diagnostics.map((d) => fromDiagnostic(d, configFile)));
    }
  }

  const stats: LanguageStats[] = [];
  const statsByFile = new Map<string, LanguageStats>();
  const leaflets: Leaflet[] = [];
  const loadWarnings = new Map<Leaflet, Diagnostic[]>();
  for (const id of options.ids) {
    const loaded = await loadLeaflet(id, { root, cwd });
    if (!loaded.ok) {
      const sharedFile = displayPath(`${layout.leaflet(root, id)}/leaflet.yaml`, cwd);
      note(sharedFile);
      messages.push(...loaded.diagnostics.map((d) => fromDiagnostic(d, sharedFile)));
      continue;
    }
    leaflets.push(loaded.value);
    loadWarnings.set(loaded.value, loaded.warnings);
  }
  // the language packs of every language the leaflets use, checked against every template the config builds
  const names = await templateNames(options, config, root);
  const checked = await checkLanguages(leaflets, { root, cwd, templates: names });
  for (const l of checked.languages)
    if (l.leaflets.length) messages.push(...l.diagnostics.map((d) => fromDiagnostic(d, configFile)));
  const packs = new Map<string, PackInfo>();
  for (const lang of new Set(leaflets.flatMap((l) => l.languages.map((x) => x.lang)))) {
    const pack = await loadStrings(lang, { root, cwd });
    if (!pack.ok) continue;
    packs.set(lang, { reviewed: pack.value.reviewed, files: pack.value.files.map((f) => f.display), clinicFile: pack.value.clinicFile });
    // the callout labels the templates print in this language, which typed-decoration looks for typed into text
    const labels = ['tip', 'warning'].map((k) => pack.value.strings[k]).filter((v): v is string => typeof v === 'string');
    calloutLabels.set(lang, labels);
  }
  const brands = await configuredBrands(config, root, cwd);
  for (const leaflet of leaflets) {
    note(leaflet.file);
    for (const lang of leaflet.languages) {
      note(lang.file);
      const s = languageStats(leaflet.id, lang);
      stats.push(s);
      statsByFile.set(lang.file, s);
    }
    // a broken translation cannot be linted until its load problems are fixed: they are its messages
    for (const b of leaflet.broken) {
      note(b.file);
      messages.push(...b.diagnostics.map((d) => fromDiagnostic(d, b.file)));
    }
    messages.push(...(loadWarnings.get(leaflet) ?? []).map((d) => fromDiagnostic(d, leaflet.file)));
    messages.push(...checkLeaflet(leaflet, { runs, today: options.today, fonts, calloutLabels, packs, brands }));
  }

  const seen = new Set<string>();
  const unique = messages.filter((m) => {
    const key = `${m.file}:${m.line}:${m.column}:${m.code}:${m.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const withMessages = [...new Set(unique.map((m) => m.file))].filter((f) => !files.includes(f));
  const results: FileResult[] = [...withMessages, ...files].map((file) => {
    const list = unique
      .filter((m) => m.file === file)
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map(({ file: _file, ...m }) => m);
    const stat = statsByFile.get(file);
    return {
      file,
      messages: list,
      errorCount: list.filter((m) => m.severity === 'error').length,
      warningCount: list.filter((m) => m.severity === 'warning').length,
      ...(stat ? { stats: stat } : {}),
    };
  });
  const errorCount = results.reduce((n, r) => n + r.errorCount, 0);
  const warningCount = results.reduce((n, r) => n + r.warningCount, 0);
  const maxWarnings = options.maxWarnings ?? config.lint?.maxWarnings;
  return {
    results,
    errorCount,
    warningCount,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    tooManyWarnings: maxWarnings !== undefined && warningCount > maxWarnings,
    leaflets: options.ids,
    stats,
  };
}

/** The brands the config builds with: those named, every one for 'all', else the default (neutral.yaml or the built-in). */
async function configuredBrands(config: Config, root: string, cwd: string): Promise<Brand[]> {
  const names = config.brands === 'all' ? await listBrands(root) : config.brands?.length ? config.brands : [undefined];
  const out: Brand[] = [];
  for (const name of names) {
    const b = await loadBrand(name === 'neutral' && !(await listBrands(root)).includes('neutral') ? undefined : name, { root, cwd });
    if (b.ok && b.value !== BUILTIN_BRAND) out.push(b.value);
  }
  return out;
}

async function templateNames(options: LintOptions, config: Config, root: string): Promise<string[]> {
  if (options.templates?.length) return options.templates;
  const configured = config.templates as 'all' | string[] | undefined;
  if (configured === 'all') return listTemplates(root);
  return configured?.length ? configured : ['standard'];
}
