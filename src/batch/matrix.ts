/**
 * The build matrix: which artefacts a build makes. Pure functions of the
 * config, the command-line flags and what the content root holds, so the
 * same inputs always give the same jobs in the same order (sharding and
 * byte-identical rebuilds depend on that order).
 */
import type { Config } from '../model/config.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Paper } from '../model/template.js';
import type { Format } from '../render.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { DEFAULT_BRAND, brandNames } from '../content/brand.js';
import { DEFAULT_PATTERN, CACHE_FILE, MANIFEST_FILE, checkPattern, fillPattern } from './pattern.js';

/** What the content root holds, listed once by the caller. */
export interface Inventory {
  /** leaflet id → its language codes (from the <lang>.yaml file names), sorted */
  leaflets: ReadonlyMap<string, readonly string[]>;
  brands: readonly string[];
  templates: readonly string[];
}

/** Command-line values: each one, when given, replaces the config's. */
export interface MatrixFlags {
  leaflets?: string[];
  languages?: 'all' | string[];
  brands?: 'all' | string[];
  templates?: 'all' | string[];
  formats?: Format[];
  paper?: Paper;
  sections?: string[];
  skip?: string[];
  output?: string;
}

export interface Matrix {
  leaflets: string[];
  /** 'all': every language each leaflet has */
  languages: 'all' | string[];
  /** null: the default brand (neutral.yaml if the root has one, else the built-in one) */
  brands: (string | null)[];
  templates: string[];
  formats: Format[];
  paper: Paper;
  sections?: string[];
  skip: string[];
  output: string;
}

/** One artefact to build. */
export interface Job {
  leaflet: string;
  /** null only for a leaflet with no language files: its job fails and says so */
  lang: string | null;
  brand: string | null;
  template: string;
  format: Format;
  paper: Paper;
  sections?: string[];
  skip: string[];
  /** where it goes, relative to the output folder, with / separators */
  path: string;
}

/** The name a default brand has in paths and reports. */
export const DEFAULT_BRAND_LABEL = DEFAULT_BRAND;
const DEFAULT_FORMATS: Format[] = ['pdf', 'html'];

type Origin = { flag: string } | { config: Config; pointer: string };

/** Config < flags, one dimension at a time, every name checked against the root. */
export function resolveMatrix(config: Config, flags: MatrixFlags, inventory: Inventory): Result<Matrix> {
  const diagnostics: Diagnostic[] = [];
  const pick = <T>(flag: string, fromFlag: T | undefined, key: keyof Config, fromConfig: T | undefined) =>
    fromFlag !== undefined
      ? { value: fromFlag, origin: { flag } as Origin }
      : fromConfig !== undefined
        ? { value: fromConfig, origin: { config, pointer: `/${key}` } as Origin }
        : undefined;

  const known = (
    what: string,
    chosen: { value: 'all' | string[]; origin: Origin } | undefined,
    all: readonly string[],
  ): string[] | undefined => {
    if (!chosen || chosen.value === 'all') return undefined;
    const names = unique(chosen.value);
    names.forEach((name, i) => {
      if (!all.includes(name))
        diagnostics.push(
          at(chosen.origin, i, chosen.value, {
            code: CODES.UNKNOWN_IN_MATRIX,
            severity: 'error',
            message: `There is no ${what} '${name}'.${didYouMean(name, [...all])} ${
              all.length ? `Known: ${all.join(', ')}.` : `The content root has none.`
            }`,
          }),
        );
    });
    return names;
  };

  const leafletIds = [...inventory.leaflets.keys()];
  const leafletsChoice = pick('leaflet argument', flags.leaflets, 'leaflets', config.leaflets);
  const leaflets = known('leaflet', leafletsChoice, leafletIds) ?? leafletIds;

  const brandsChoice = pick('--brand', flags.brands, 'brands', config.brands);
  // the default brand can be named even where the root has no neutral.yaml: it is then the built-in one (null)
  const namedBrands = known('brand', brandsChoice, brandNames(inventory.brands))?.map((b) =>
    b === DEFAULT_BRAND && !inventory.brands.includes(b) ? null : b,
  );
  const brands: (string | null)[] =
    namedBrands ?? (brandsChoice?.value === 'all' && inventory.brands.length ? [...inventory.brands] : [null]);

  const templatesChoice = pick('--template', flags.templates, 'templates', config.templates);
  const templates =
    known('template', templatesChoice, inventory.templates) ??
    (templatesChoice?.value === 'all' ? [...inventory.templates] : ['standard']);

  const languagesChoice = pick('--lang', flags.languages, 'languages', config.languages);
  let languages: 'all' | string[] = 'all';
  if (languagesChoice && languagesChoice.value !== 'all') {
    languages = unique(languagesChoice.value);
    const present = new Set(leaflets.flatMap((id) => inventory.leaflets.get(id) ?? []));
    languages.forEach((lang, i) => {
      if (!present.has(lang))
        diagnostics.push(
          at(languagesChoice.origin, i, languagesChoice.value, {
            code: CODES.LANGUAGE_NOWHERE,
            severity: 'error',
            message: `No leaflet in the build has the language '${lang}'.${didYouMean(lang, [...present])} Languages: ${[...present].sort().join(', ') || 'none'}.`,
          }),
        );
    });
  }

  const outputChoice = pick('--output', flags.output, 'output', config.output);
  const output = outputChoice?.value ?? DEFAULT_PATTERN;
  const problem = checkPattern(output);
  if (problem && outputChoice)
    diagnostics.push(
      at(outputChoice.origin, undefined, undefined, {
        code: CODES.BAD_OUTPUT_PATTERN,
        severity: 'error',
        message: `The output pattern '${output}' cannot be used: ${problem}.`,
      }),
    );

  if (diagnostics.length) return { ok: false, diagnostics };
  return {
    ok: true,
    value: {
      leaflets,
      languages,
      brands,
      templates,
      formats: unique(flags.formats ?? config.formats ?? DEFAULT_FORMATS),
      paper: flags.paper ?? config.paper ?? 'a4',
      sections: flags.sections ?? config.sections,
      skip: flags.skip ?? config.skip ?? [],
      output,
    },
    warnings: [],
  };
}

/**
 * Every artefact of the matrix, ordered leaflet › language › brand ›
 * template › format. A language listed explicitly is built for the leaflets
 * that have it; the others are not an error (that is lint's job).
 */
export function expandJobs(matrix: Matrix, inventory: Inventory): Result<Job[]> {
  const jobs: Job[] = [];
  for (const leaflet of matrix.leaflets) {
    const has = inventory.leaflets.get(leaflet) ?? [];
    const langs: (string | null)[] =
      matrix.languages === 'all' ? (has.length ? [...has] : [null]) : matrix.languages.filter((l) => has.includes(l));
    for (const lang of langs)
      for (const brand of matrix.brands)
        for (const template of matrix.templates)
          for (const format of matrix.formats) {
            const path = fillPattern(matrix.output, {
              leaflet,
              lang: lang ?? 'und',
              brand: brand ?? DEFAULT_BRAND_LABEL,
              template,
              paper: matrix.paper,
              format,
            });
            if (path === undefined)
              return failure(CODES.BAD_OUTPUT_PATTERN, `The output pattern '${matrix.output}' makes an unsafe path for ${leaflet} (${lang ?? 'no language'}, ${brand ?? DEFAULT_BRAND_LABEL}, ${template}, ${format}).`);
            jobs.push({ leaflet, lang, brand, template, format, paper: matrix.paper, sections: matrix.sections, skip: matrix.skip, path });
          }
  }
  const seen = new Map<string, Job>();
  for (const job of jobs) {
    const lower = job.path.toLowerCase(); // case-insensitive file systems (macOS, Windows runners)
    if (lower === MANIFEST_FILE || lower === CACHE_FILE || /^manifest\.\d+-of-\d+\.json$/.test(lower))
      return failure(CODES.OUTPUT_CLASH, `The output pattern '${matrix.output}' writes ${job.path}, the name of the build's own manifest or cache. Add a folder or an extension such as .{format}.`);
    const other = seen.get(lower);
    if (other)
      return failure(
        CODES.OUTPUT_CLASH,
        `The output pattern '${matrix.output}' gives two artefacts the same file ${job.path} (${describe(other)} and ${describe(job)}). Add the placeholders that differ: ${differing(other, job)}.`,
      );
    seen.set(lower, job);
  }
  return { ok: true, value: jobs, warnings: [] };
}

export function describe(job: Pick<Job, 'leaflet' | 'lang' | 'brand' | 'template' | 'format'>): string {
  return `${job.leaflet} ${job.lang ?? '(no language)'} ${job.brand ?? DEFAULT_BRAND_LABEL} ${job.template} ${job.format}`;
}

function differing(a: Job, b: Job): string {
  const names: string[] = [];
  if (a.leaflet !== b.leaflet) names.push('{leaflet}');
  if (a.lang !== b.lang) names.push('{lang}');
  if (a.brand !== b.brand) names.push('{brand}');
  if (a.template !== b.template) names.push('{template}');
  if (a.format !== b.format) names.push('{format}');
  return names.join(', ');
}

function failure(code: string, message: string): Result<never> {
  return { ok: false, diagnostics: [{ code, severity: 'error', message }] };
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/** Places a diagnostic at the config value it is about, or names the flag. */
function at(origin: Origin, index: number | undefined, value: unknown, d: Diagnostic): Diagnostic {
  if ('flag' in origin) return { ...d, message: `${origin.flag}: ${d.message}` };
  const map = origin.config.sourceMap;
  if (!map) return d;
  const pointer = index !== undefined && Array.isArray(value) ? `${origin.pointer}/${index}` : origin.pointer;
  const p = map.locate(pointer);
  return { ...d, file: map.file, line: p.line, column: p.column };
}
