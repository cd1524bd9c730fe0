import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result, Diagnostic } from '../model/diagnostic.js';
import type { Template, TemplateFile, Theme } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from './yaml.js';
import { displayPath, layout } from './paths.js';

export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Template folders by name: the bundled ones, then the root's own templates/
 * added over them (a root template of the same name wins). Copying only
 * `standard` into a content folder keeps the bundled `large-print`.
 */
export async function templateFolders(root: string): Promise<Map<string, { base: string; bundled: boolean }>> {
  const out = new Map<string, { base: string; bundled: boolean }>();
  for (const [base, bundled] of [[BUNDLED_TEMPLATES, true], [layout.templates(root), false]] as const) {
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
    await readPartials(path.join(parentFolder.base, parent as string, 'partials'), partials, readTemplateFile);
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
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: { name, dir, main, partials, css, theme, bundled: folder.bundled }, warnings: [] };
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

type RawTheme = Omit<Theme, 'fonts'> & { fonts: { body: Record<keyof Theme['fonts']['body'], string>; fallback?: string[] } };

/** Font paths are package-relative ("dejavu-fonts-ttf/ttf/DejaVuSans.ttf") or template-relative. */
function resolveFont(spec: string, dir: string): string {
  if (spec.startsWith('./') || spec.startsWith('../')) return path.resolve(dir, spec);
  return require.resolve(spec);
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
    },
  };
}

