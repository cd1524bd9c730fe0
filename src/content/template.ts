import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result, Diagnostic } from '../model/diagnostic.js';
import type { ScriptFaces, Template, TemplateFile, TemplateStrings, Theme } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from './yaml.js';
import { displayPath, layout } from './paths.js';

export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const require = createRequire(import.meta.url);

/** The root's own templates/ if it has one, else the bundled templates. */
export async function templatesDir(root: string): Promise<string> {
  const own = layout.templates(root);
  try {
    if ((await stat(own)).isDirectory()) return own;
  } catch {
    /* no templates of its own */
  }
  return BUNDLED_TEMPLATES;
}

export async function listTemplates(root: string): Promise<string[]> {
  const dir = await templatesDir(root);
  const names = [];
  for (const e of await readdir(dir, { withFileTypes: true }))
    if (e.isDirectory()) {
      try {
        await stat(path.join(dir, e.name, 'leaflet.hbs'));
        names.push(e.name);
      } catch {
        /* not a template */
      }
    }
  return names.sort();
}

/** Reads a template folder: main template, partials, CSS, theme and strings. */
export async function loadTemplate(name: string, options: { root: string; cwd: string }): Promise<Result<Template>> {
  const base = await templatesDir(options.root);
  const known = await listTemplates(options.root);
  if (!known.includes(name))
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
  const dir = path.join(base, name);
  const show = (f: string) => displayPath(f, options.cwd);
  const readTemplateFile = async (p: string): Promise<TemplateFile> => ({
    path: p,
    display: show(p),
    source: await readFile(p, 'utf8'),
  });
  const main = await readTemplateFile(path.join(dir, 'leaflet.hbs'));
  const themeFile = path.join(dir, 'theme.yaml');
  const themeRaw = await readYamlFile(themeFile, show(themeFile));
  if (!themeRaw.ok) return themeRaw;
  const { extends: parent, ...rawTheme } = themeRaw.value.data as RawTheme & { extends?: unknown };
  // A variant (large print) keeps the markup of the template it extends and
  // changes only what differs, so a fix to a shared partial reaches both.
  const partials = new Map<string, TemplateFile>();
  if (parent !== undefined) {
    if (typeof parent !== 'string' || parent === name || !known.includes(parent)) {
      const p = themeRaw.value.map.locate('/extends');
      return {
        ok: false,
        diagnostics: [
          {
            code: CODES.UNKNOWN_TEMPLATE,
            severity: 'error',
            message: `'extends' must name another template of this folder: ${known.filter((k) => k !== name).join(', ') || 'there is none'}.`,
            file: themeRaw.value.file,
            line: p.line,
            column: p.column,
          },
        ],
      };
    }
    await readPartials(path.join(base, parent, 'partials'), partials, readTemplateFile);
  }
  await readPartials(path.join(dir, 'partials'), partials, readTemplateFile);
  let css = '';
  try {
    css = await readFile(path.join(dir, 'style.css'), 'utf8');
  } catch {
    /* no stylesheet */
  }
  const diagnostics: Diagnostic[] = [];
  const theme = resolveTheme(rawTheme as RawTheme, dir);
  const strings = new Map<string, TemplateStrings>();
  const i18nDir = path.join(dir, 'i18n');
  try {
    for (const f of (await readdir(i18nDir)).sort()) {
      if (!f.endsWith('.yaml')) continue;
      const r = await readYamlFile(path.join(i18nDir, f), show(path.join(i18nDir, f)));
      if (!r.ok) diagnostics.push(...r.diagnostics);
      else strings.set(f.slice(0, -5), r.value.data as TemplateStrings);
    }
  } catch {
    /* checked when a language is selected */
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: { name, dir, main, partials, css, theme, strings, i18nDir: show(i18nDir), bundled: base === BUNDLED_TEMPLATES }, warnings: [] };
}

/** Adds partials/<name>.hbs of `folder` to `into`, replacing those of the same name. */
async function readPartials(
  folder: string,
  into: Map<string, TemplateFile>,
  read: (p: string) => Promise<TemplateFile>,
): Promise<void> {
  let files: string[];
  try {
    files = (await readdir(folder)).sort();
  } catch {
    return; // a template may have no partials of its own
  }
  for (const f of files) if (f.endsWith('.hbs')) into.set(f.slice(0, -4), await read(path.join(folder, f)));
}

type RawTheme = Omit<Theme, 'fonts'> & {
  fonts: { body: Record<keyof Theme['fonts']['body'], string>; fallback?: string[]; scripts?: Record<string, ScriptFaces> };
};

/**
 * Font paths are package-relative ("dejavu-fonts-ttf/ttf/DejaVuSans.ttf") or
 * template-relative. A font package whose `exports` map names only its
 * JavaScript (most font packages) still ships the files: they are found in
 * the package's folder, where Node would look for the package itself.
 */
function resolveFont(spec: string, dir: string): string {
  if (spec.startsWith('./') || spec.startsWith('../')) return path.resolve(dir, spec);
  try {
    return require.resolve(spec);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
    const parts = spec.split('/');
    const name = parts.slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    for (const base of require.resolve.paths(name) ?? []) {
      const file = path.join(base, spec);
      if (existsSync(path.join(base, name, 'package.json')) && existsSync(file)) return file;
    }
    throw e;
  }
}

function resolveTheme(raw: RawTheme, dir: string): Theme {
  const body = raw.fonts.body;
  return {
    ...raw,
    fonts: {
      body: {
        regular: resolveFont(body.regular, dir),
        bold: resolveFont(body.bold, dir),
        italic: resolveFont(body.italic, dir),
        boldItalic: resolveFont(body.boldItalic, dir),
      },
      fallback: (raw.fonts.fallback ?? []).map((f) => resolveFont(f, dir)),
      scripts: Object.fromEntries(
        Object.entries(raw.fonts.scripts ?? {}).map(([script, faces]) => [script, { regular: resolveFont(faces.regular, dir), bold: resolveFont(faces.bold, dir) }]),
      ),
    },
  };
}

