import { existsSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result, Diagnostic } from '../model/diagnostic.js';
import type { ScriptFaces, ScriptName, Template, TemplateFile, Theme } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from './yaml.js';
import { displayPath, layout } from './paths.js';
import type { SourceMap } from './source-map.js';
import { validateAgainst } from './schema.js';
import { confine, listConfined, readConfinedText, refusalText, type Confined } from '../io/read.js';

export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const require = createRequire(import.meta.url);
/** leaflet.hbs, partials and style.css: real templates are a few KB; anything near this is a mistake or an attack. */
export const MAX_TEMPLATE_FILE_BYTES = 256 * 1024;
/** The largest DejaVu face is 0.7 MB and a full CJK font about 20 MB. */
export const MAX_FONT_BYTES = 32 * 1024 * 1024;

/**
 * Template folders by name: the bundled ones, then the root's own templates/
 * added over them (a root template of the same name wins). Copying only
 * `standard` into a content folder keeps the bundled `large-print`.
 */
export async function templateFolders(root: string): Promise<Map<string, { base: string; bundled: boolean }>> {
  const out = new Map<string, { base: string; bundled: boolean }>();
  // the package's own folder as a content root (its bundled leaflets): its templates/ is the bundled one
  const own = layout.templates(root);
  const same = await Promise.all([realpath(own), realpath(BUNDLED_TEMPLATES)]).then(([a, b]) => a === b, () => false);
  const places: [string, boolean][] = [[BUNDLED_TEMPLATES, true], ...(same ? [] : [[own, false] as [string, boolean]])];
  for (const [base, bundled] of places) {
    let entries;
    try {
      entries = await readdir(base, { withFileTypes: true });
    } catch {
      continue; // a root without templates of its own
    }
    for (const e of entries)
      if (e.isDirectory()) {
        try {
          await stat(path.join(base, e.name, 'leaflet.hbs'));
          out.set(e.name, { base, bundled });
        } catch {
          /* not a template */
        }
      }
  }
  return out;
}

export async function listTemplates(root: string): Promise<string[]> {
  return [...(await templateFolders(root)).keys()].sort();
}

/** Reads a template folder: main template, partials, CSS and theme. Its strings are the language packs' (strings.ts). */
export async function loadTemplate(name: string, options: { root: string; cwd: string }): Promise<Result<Template>> {
  const folders = await templateFolders(options.root);
  const known = [...folders.keys()].sort();
  const folder = folders.get(name);
  if (!folder)
    return {
      ok: false,
      diagnostics: [
        {
          code: CODES.UNKNOWN_TEMPLATE,
          severity: 'error',
          message: `There is no template '${name}'.${didYouMean(name, known)} Templates: ${known.join(', ')}.`,
        },
      ],
    };
  const base = folder.base;
  const dir = path.join(base, name);
  const show = (f: string) => displayPath(f, options.cwd);
  // Every file is read through the confined reader: its real path must stay
  // inside the templates folder, so a partial symlinked to /etc/passwd is
  // refused by name and its text never reaches a message or the output.
  const refused = (file: string, r: Exclude<Confined<unknown>, { ok: true }>, what: string): Diagnostic => ({
    code: CODES.TEMPLATE_FILE_REFUSED,
    severity: 'error',
    message: `${what} ${show(file)} ${refusalText(r, MAX_TEMPLATE_FILE_BYTES)}.`,
    file: show(file),
  });
  const readTemplateFileIn = async (folderBase: string, p: string, what: string): Promise<Result<TemplateFile>> => {
    const r = await readConfinedText(folderBase, p, { maxBytes: MAX_TEMPLATE_FILE_BYTES });
    if (!r.ok) return { ok: false, diagnostics: [refused(p, r, what)] };
    return { ok: true, value: { path: p, display: show(p), source: r.value }, warnings: [] };
  };
  const readTemplateFile = (p: string, what: string) => readTemplateFileIn(base, p, what);
  const mainFile = await readTemplateFile(path.join(dir, 'leaflet.hbs'), 'The template file');
  if (!mainFile.ok) return mainFile;
  const main = mainFile.value;
  const themeFile = path.join(dir, 'theme.yaml');
  const themeRaw = await readYamlFile(themeFile, show(themeFile), base);
  if (!themeRaw.ok) return themeRaw;
  const themeErrors = validateAgainst('theme', themeRaw.value.data, themeRaw.value.map);
  if (themeErrors.length) return { ok: false, diagnostics: themeErrors };
  const { extends: parent, ...rawTheme } = themeRaw.value.data as RawTheme & { extends?: unknown };
  // A variant (large print) keeps the markup of the template it extends and
  // changes only what differs, so a fix to a shared partial reaches both.
  const partials = new Map<string, TemplateFile>();
  const diagnostics: Diagnostic[] = [];
  if (parent !== undefined) {
    // a root template may extend a bundled one; a template of the same name means the bundled one it replaces
    const parentFolder =
      typeof parent !== 'string' ? undefined : parent === name ? (folder.bundled ? undefined : { base: BUNDLED_TEMPLATES, bundled: true }) : folders.get(parent);
    if (!parentFolder || (parent === name && !(await isTemplate(path.join(BUNDLED_TEMPLATES, name))))) {
      const p = themeRaw.value.map.locate('/extends');
      return {
        ok: false,
        diagnostics: [
          {
            code: CODES.UNKNOWN_TEMPLATE,
            severity: 'error',
            message: `'extends' must name another template: ${known.filter((k) => k !== name).join(', ') || 'there is none'}${folder.bundled ? '' : ` (or '${name}' for the bundled template of that name)`}.`,
            file: themeRaw.value.file,
            line: p.line,
            column: p.column,
          },
        ],
      };
    }
    // an extended template's partials are confined to its own templates folder (bundled, or the root's)
    const parentBase = parentFolder.base;
    const readParent = (p: string, what: string) => readTemplateFileIn(parentBase, p, what);
    diagnostics.push(...(await readPartials(parentBase, path.join(parentBase, parent as string, 'partials'), partials, readParent, show)));
  }
  diagnostics.push(...(await readPartials(base, path.join(dir, 'partials'), partials, readTemplateFile, show)));
  let css = '';
  const cssFile = path.join(dir, 'style.css');
  const cssText = await readConfinedText(base, cssFile, { maxBytes: MAX_TEMPLATE_FILE_BYTES });
  if (cssText.ok) {
    css = cssText.value;
    if (!checkedAtBuild(css)) diagnostics.push(...(await import('./stylesheet.js')).checkStylesheet(css, show(cssFile)));
  } else if (cssText.reason !== 'missing') diagnostics.push(refused(cssFile, cssText, 'The stylesheet'));
  const theme = await resolveTheme(rawTheme as RawTheme, dir, base, themeRaw.value.map);
  if (!theme.ok) diagnostics.push(...theme.diagnostics);
  if (diagnostics.length || !theme.ok) return { ok: false, diagnostics };
  return { ok: true, value: { name, dir, main, partials, css, theme: theme.value, bundled: folder.bundled }, warnings: [] };
}

/**
 * The stylesheets `npm run build` checked and found clean (the bundled
 * templates'), as text: the same text needs no second check, which parses
 * it with css-tree (a tenth of a second's start-up for the parser alone).
 * Any other stylesheet, and a bundled one edited since, is checked here.
 */
const CHECKED_STYLESHEETS = new URL('../../dist/stylesheets.checked.json', import.meta.url);
let checkedStylesheets: Set<string> | undefined;
export function checkedAtBuild(css: string): boolean {
  if (!checkedStylesheets) {
    try {
      checkedStylesheets = new Set(JSON.parse(readFileSync(CHECKED_STYLESHEETS, 'utf8')) as string[]);
    } catch {
      checkedStylesheets = new Set();
    }
  }
  return checkedStylesheets.has(css);
}

async function isTemplate(dir: string): Promise<boolean> {
  try {
    return (await stat(path.join(dir, 'leaflet.hbs'))).isFile();
  } catch {
    return false;
  }
}

/** Adds partials/<name>.hbs of `folder` to `into`, replacing those of the same name. */
async function readPartials(
  base: string,
  folder: string,
  into: Map<string, TemplateFile>,
  read: (p: string, what: string) => Promise<Result<TemplateFile>>,
  show: (f: string) => string,
): Promise<Diagnostic[]> {
  const files = await listConfined(base, folder);
  if (!files.ok)
    return [
      {
        code: CODES.TEMPLATE_FILE_REFUSED,
        severity: 'error',
        message: `The partials folder ${show(folder)} ${refusalText(files)}.`,
        file: show(folder),
      },
    ];
  const diagnostics: Diagnostic[] = [];
  for (const f of files.value) {
    if (!f.endsWith('.hbs')) continue;
    const r = await read(path.join(folder, f), `The partial '${f.slice(0, -4)}'`);
    if (r.ok) into.set(f.slice(0, -4), r.value);
    else diagnostics.push(...r.diagnostics);
  }
  return diagnostics;
}

type RawTheme = Omit<Theme, 'fonts'> & {
  fonts: { body: Record<keyof Theme['fonts']['body'], string>; fallback?: string[]; scripts?: Record<string, ScriptFaces> };
};

/**
 * Font paths are names of a packaged font ("dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
 * the theme schema lists them) or template-relative ("./fonts/Name.ttf").
 * A packaged font must resolve inside the node_modules folder of its
 * package, a template font inside the template's folder: real paths, so a
 * symlinked font cannot lead the PDF writer to any other file.
 */
/**
 * A packaged font's file and its package's folder, found where Node looks
 * for the package. Scoped packages (@embedpdf/fonts-sc) count their scope,
 * and a font package whose `exports` names only its JavaScript still ships
 * its font files, so the file is looked up in the package folder itself.
 */
function packagedFont(spec: string): { pkgDir: string; file: string } | undefined {
  const parts = spec.split('/');
  const name = parts.slice(0, spec.startsWith('@') ? 2 : 1).join('/');
  for (const dir of require.resolve.paths(name) ?? []) {
    const pkgDir = path.join(dir, name);
    if (existsSync(path.join(pkgDir, 'package.json'))) {
      const file = path.join(pkgDir, ...parts.slice(name.split('/').length));
      return existsSync(file) ? { pkgDir, file } : undefined;
    }
  }
  return undefined;
}

async function resolveFont(spec: string, dir: string, base: string): Promise<Confined<undefined> | { ok: false; reason: 'not-installed' }> {
  let where: Confined<undefined>;
  if (spec.startsWith('./')) {
    // inside the template's folder, and that folder inside the templates folder
    const file = path.resolve(dir, spec);
    where = await confine(dir, file);
    if (where.ok) where = await confine(base, file);
  } else {
    const found = packagedFont(spec);
    if (!found) return { ok: false, reason: 'not-installed' };
    const { pkgDir, file } = found;
    if (!pkgDir.split(path.sep).includes('node_modules')) return { ok: false, reason: 'outside' };
    where = await confine(pkgDir, file);
  }
  if (!where.ok) return where;
  // fonts are read whole by the PDF writer: a FIFO, a device or a huge file must not get there
  const info = await stat(where.path);
  if (!info.isFile()) return { ok: false, reason: 'not-a-file' };
  return info.size > MAX_FONT_BYTES ? { ok: false, reason: 'too-large', size: info.size } : where;
}

async function resolveTheme(raw: RawTheme, dir: string, base: string, map: SourceMap): Promise<Result<Theme>> {
  const diagnostics: Diagnostic[] = [];
  const resolve = async (spec: string, pointer: string): Promise<string> => {
    const r = await resolveFont(spec, dir, base);
    if (r.ok) return r.path;
    const why =
      r.reason === 'not-installed'
        ? `is not installed; install its package (npm install ${spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/')}) or name a font file of the template folder (./fonts/Name.ttf)`
        : refusalText(r, MAX_FONT_BYTES);
    const p = map.locate(pointer);
    diagnostics.push({ code: CODES.FONT_REFUSED, severity: 'error', message: `The font ${spec} ${why}.`, file: map.file, line: p.line, column: p.column });
    return '';
  };
  const body = raw.fonts.body;
  const fonts = {
    body: {
      regular: await resolve(body.regular, '/fonts/body/regular'),
      bold: await resolve(body.bold, '/fonts/body/bold'),
      italic: await resolve(body.italic, '/fonts/body/italic'),
      boldItalic: await resolve(body.boldItalic, '/fonts/body/boldItalic'),
    },
    fallback: [] as string[],
    scripts: {} as Theme['fonts']['scripts'],
  };
  for (const [i, f] of (raw.fonts.fallback ?? []).entries()) fonts.fallback.push(await resolve(f, `/fonts/fallback/${i}`));
  for (const [script, faces] of Object.entries(raw.fonts.scripts ?? {}) as [ScriptName, ScriptFaces][])
    fonts.scripts[script] = {
      regular: await resolve(faces.regular, `/fonts/scripts/${script}/regular`),
      bold: await resolve(faces.bold, `/fonts/scripts/${script}/bold`),
    };
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: { ...raw, fonts }, warnings: [] };
}
