import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import HandlebarsRuntime from 'handlebars/runtime.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Template, TemplateFile, TemplateStrings } from '../model/template.js';
import type { StringUse } from '../model/strings.js';
import type { ViewModel } from '../model/view.js';
import { CODES } from '../diagnostics/codes.js';
import { escapeHtml, inlineToHtml } from './inline.js';

/**
 * The only module that knows Handlebars. One isolated environment per
 * template, strict mode, known helpers only, no prototype access: a template
 * can read the view model and nothing else.
 */
export interface Engine {
  render(view: ViewModel): Result<string>;
}

/*
 * Rendering needs only Handlebars' runtime. The compiler (a generated
 * parser, the code generator and source-map) is loaded the first time a
 * template's source is not among the precompiled ones, so a render of the
 * bundled templates never loads it.
 */
const Handlebars = HandlebarsRuntime as unknown as typeof import('handlebars');

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

const helpers: Record<string, Handlebars.HelperDelegate> = {
  /** {{inline text}}: escaped, with **bold** and *italic* as strong/em; in a right-to-left leaflet its left-to-right runs isolated */
  inline: (text: unknown, options: Handlebars.HelperOptions) =>
    new Handlebars.SafeString(inlineToHtml(String(text ?? ''), { rtl: (options.data as { root?: { dir?: string } } | undefined)?.root?.dir === 'rtl' })),
  /** {{tr t.page page=1 pages=3}}: a template string with {placeholders} filled, escaped */
  tr: (format: unknown, options: Handlebars.HelperOptions) =>
    escapeHtml(
      String(format ?? '').replace(/\{(\w+)\}/g, (m, k: string) => (k in options.hash ? String(options.hash[k]) : m)),
    ),
  /**
   * {{address online}}: an address shown as text, escaped, with a <wbr>
   * after each slash of its path, so that a narrow column wraps it between
   * its parts ("…/leaflets/" | "cataract-surgery/it") rather than inside a
   * word ("le/aflets", which overflow-wrap: anywhere alone gave on a phone).
   */
  address: (text: unknown) => new Handlebars.SafeString(addressHtml(String(text ?? ''))),
  /** {{circled 3}} → ③ (key points) */
  circled: (n: unknown) => {
    const i = Number(n);
    return i >= 1 && i <= CIRCLED.length ? CIRCLED[i - 1]! : `(${i})`;
  },
  /** {{add1 @index}} → 1-based numbers */
  add1: (n: unknown) => Number(n) + 1,
  eq: (a: unknown, b: unknown) => a === b,
  /**
   * {{sentenceCase t.draft}}: "BOZZA" → "Bozza", in the leaflet's language
   * (Turkish "TASLAK" → "Taslak", dotless ı and all). Large print has no
   * blocks of capitals (UKAAF); the word itself stays in the language pack.
   */
  sentenceCase: function (this: unknown, text: unknown, options: Handlebars.HelperOptions) {
    const s = String(text ?? '');
    const lang = String((options.data as { root?: { lang?: string } } | undefined)?.root?.lang ?? 'en');
    if (s !== s.toLocaleUpperCase(lang)) return s;
    const [first = '', ...rest] = s;
    return first + rest.join('').toLocaleLowerCase(lang);
  },
};

/** An address escaped, a break opportunity after each slash of its path (never inside its scheme and host: "https://" stays whole). */
export function addressHtml(address: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(address)?.[0] ?? '';
  const path = address.slice(host.length);
  // the query and fragment keep no extra breaks: they are one piece for a reader
  const end = path.search(/[?#]/);
  const [route, rest] = end < 0 ? [path, ''] : [path.slice(0, end), path.slice(end)];
  return escapeHtml(host) + route.split('/').map(escapeHtml).join('/<wbr>') + escapeHtml(rest);
}

export function createEngine(template: Template): Result<Engine> {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, strictArgs(name, fn));
  const diagnostics: Diagnostic[] = [];
  const compile = (file: TemplateFile) => {
    try {
      // Compiled once, eagerly, so syntax errors surface now, naming the file.
      return hb.template(templateSpec(file.source));
    } catch (e) {
      diagnostics.push(templateError(e, file));
      return undefined;
    }
  };
  for (const [name, file] of template.partials) {
    const fn = compile(file);
    if (fn) hb.registerPartial(name, wrapPartial(fn, file));
  }
  const main = compile(template.main);
  if (!main || diagnostics.length) return { ok: false, diagnostics };

  return {
    ok: true,
    warnings: [],
    value: {
      render(view) {
        try {
          const html = main(view, {
            allowProtoPropertiesByDefault: false,
            allowProtoMethodsByDefault: false,
          });
          return { ok: true, value: html, warnings: [] };
        } catch (e) {
          const file = (e as { templateFile?: TemplateFile }).templateFile ?? template.main;
          return { ok: false, diagnostics: [templateError(e, file)] };
        }
      },
    },
  };
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])),
  preventIndent: true,
};

/**
 * A template's compiled form (Handlebars' precompiled JavaScript) depends
 * only on its source, the compile options and the Handlebars version: keyed
 * by a hash of the three, it is computed once per process, and for the
 * bundled templates once at build time (scripts/precompile-templates.js).
 */
export function templateKey(source: string): string {
  return createHash('sha256').update(`${Handlebars.VERSION}\0${JSON.stringify(COMPILE_OPTIONS)}\0${source}`).digest('hex');
}

/** Handlebars' precompiled JavaScript for a template source; throws on a syntax error. */
export function precompileSource(source: string): string {
  const compiler = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  // precompile adds its defaults to the options object it is given
  return String(compiler.precompile(source, { ...COMPILE_OPTIONS, knownHelpers: { ...COMPILE_OPTIONS!.knownHelpers } }));
}

/** Template specs by key: those precompiled at build time, then any compiled since. */
let specs: Map<string, TemplateSpecification | string> | undefined;
const PRECOMPILED = new URL('../../dist/templates.precompiled.json', import.meta.url);

function templateSpec(source: string): TemplateSpecification {
  if (!specs) {
    specs = new Map();
    try {
      const built = JSON.parse(readFileSync(PRECOMPILED, 'utf8')) as Record<string, string>;
      for (const [key, code] of Object.entries(built)) specs.set(key, code);
    } catch {
      /* not built, or from another version: compile as needed */
    }
  }
  const key = templateKey(source);
  const known = specs.get(key) ?? precompileSource(source);
  // kept as code until first used
  const spec = typeof known === 'string' ? (new Function(`return ${known};`)() as TemplateSpecification) : known;
  specs.set(key, spec);
  return spec;
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/**
 * Strict mode checks `{{titel}}` but not a helper's arguments: `{{inline titel}}`
 * would quietly print nothing. The view model has every field (null when
 * absent), so an undefined argument is always a misspelt field.
 */
function strictArgs(name: string, fn: Handlebars.HelperDelegate): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as Handlebars.HelperOptions & { loc?: { start: { line: number; column: number } } };
    if (args.slice(0, -1).some((a) => a === undefined))
      throw Object.assign(new Error(`an argument of {{${name}}} is not defined`), {
        lineNumber: options.loc?.start.line,
        column: options.loc?.start.column,
      });
    return (fn as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/** Runtime errors inside a partial should name the partial's file, not the main template. */
function wrapPartial(fn: Handlebars.TemplateDelegate, file: TemplateFile): Handlebars.TemplateDelegate {
  return (context, options) => {
    try {
      return fn(context, options);
    } catch (e) {
      if (e && typeof e === 'object' && !('templateFile' in e)) Object.assign(e, { templateFile: file });
      throw e;
    }
  };
}

function templateError(e: unknown, file: TemplateFile): Diagnostic {
  const err = e as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? e);
  const parse = /Parse error on line (\d+)/.exec(message);
  const strict = /- (\d+):(\d+)$/.exec(message.split('\n')[0]!);
  const line = err.lineNumber ?? (parse ? Number(parse[1]) : strict ? Number(strict[1]) : undefined);
  const column = err.column !== undefined ? err.column + 1 : strict ? Number(strict[2]) + 1 : undefined;
  const lines = message.split('\n');
  const first = lines[0]!.replace(/ - \d+:\d+$/, '');
  // Handlebars' parser says what it expected on the last line ("Expecting 'CLOSE', got 'INVALID'"); the
  // lines between are an ASCII code frame we replace with our own position.
  const expecting = parse ? lines.find((l) => l.startsWith('Expecting')) : undefined;
  return {
    code: CODES.TEMPLATE_ERROR,
    severity: 'error',
    message: `Template error: ${first}${expecting ? ` ${explainExpecting(expecting)}` : ''}${/not defined/.test(first) ? '. The view model has no such field (see docs/templates.md).' : ''}`,
    file: file.display,
    line,
    column,
  };
}

/** "Expecting 'CLOSE', 'CLOSE_UNESCAPED', got 'INVALID'" → "expected }} but found something else." */
function explainExpecting(line: string): string {
  const names: Record<string, string> = { CLOSE: '}}', CLOSE_UNESCAPED: '}}}', CLOSE_RAW_BLOCK: '}}}}', ID: 'a name', OPEN_ENDBLOCK: '{{/…}}', EOF: 'the end of the file' };
  const wanted = [...line.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
  const got = wanted.pop();
  const want = [...new Set(wanted.map((w) => names[w] ?? w.toLowerCase()))].sort((a, b) => a.length - b.length).slice(0, 2).join(' or ');
  return `Expected ${want}, found ${got === 'INVALID' ? 'something else' : (names[got ?? ''] ?? got?.toLowerCase())}.`;
}

export type { TemplateStrings };

/**
 * Where a template source reads its strings: every `t.<key>` (and
 * `@root.t.<key>`, `../t.<key>`) with its line and column, and where it lists
 * the patient box rows, whose labels leaflets fills in from the pack itself.
 */
export interface StringReads {
  reads: [key: string, line: number, column: number][];
  rows: [line: number, column: number] | null;
}

export function stringReadsOfSource(source: string): StringReads {
  const compiler = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  const out: StringReads = { reads: [], rows: null };
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; parts?: string[]; data?: boolean; loc?: { start: { line: number; column: number } } };
    if (node.type === 'PathExpression' && node.parts && node.loc) {
      const parts = node.data && node.parts[0] === 'root' ? node.parts.slice(1) : node.data ? [] : node.parts;
      const at = node.loc.start;
      if (parts[0] === 't' && parts.length > 1) out.reads.push([parts.slice(1).join('.'), at.line, at.column + 1]);
      if (parts[0] === 'patient' && parts[1] === 'fields' && !out.rows) out.rows = [at.line, at.column + 1];
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') walk(v);
  };
  walk(compiler.parse(source));
  return out;
}

/** String reads by source key: those found at build time, then any found since. */
let readsCache: Map<string, StringReads> | undefined;
const PRECOMPILED_READS = new URL('../../dist/templates.strings.json', import.meta.url);

/**
 * Every string a template reads, and what reads it. The bundled templates'
 * reads are found at build time (scripts/precompile-templates.js), so a
 * render does not load Handlebars' parser to check its strings.
 */
export function stringUses(template: Template, patientRowKeys: readonly string[]): StringUse[] {
  if (!readsCache) {
    readsCache = new Map();
    try {
      const built = JSON.parse(readFileSync(PRECOMPILED_READS, 'utf8')) as Record<string, StringReads>;
      for (const [key, reads] of Object.entries(built)) readsCache.set(key, reads);
    } catch {
      /* not built: parse as needed */
    }
  }
  const uses: StringUse[] = [];
  for (const file of [template.main, ...template.partials.values()]) {
    const key = templateKey(file.source);
    let reads = readsCache.get(key);
    if (!reads) {
      try {
        reads = stringReadsOfSource(file.source);
      } catch {
        continue; // a syntax error is reported when the template is compiled, naming the file
      }
      readsCache.set(key, reads);
    }
    for (const [k, line, column] of reads.reads) uses.push({ key: k, part: `${file.display}:${line}:${column}` });
    if (reads.rows)
      for (const k of patientRowKeys) uses.push({ key: k, part: `the patient box rows (${file.display}:${reads.rows[0]}:${reads.rows[1]})` });
  }
  return uses;
}
