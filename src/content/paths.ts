import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Where things live under a content root (DESIGN.md, "Content root"). */
export const layout = {
  leaflets: (root: string) => path.join(root, 'data', 'leaflets'),
  leaflet: (root: string, id: string) => path.join(root, 'data', 'leaflets', id),
  brands: (root: string) => path.join(root, 'data', 'brands'),
  patients: (root: string) => path.join(root, 'data', 'patients'),
  templates: (root: string) => path.join(root, 'templates'),
  /** the content folder's language packs: i18n/<lang>.yaml, merged over the bundled ones */
  i18n: (root: string) => path.join(root, 'i18n'),
  config: (root: string) => path.join(root, 'leaflets.config.yaml'),
};

/** A path as a user should see it in a message: relative to where they stand. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Resolves `relative` against `base` and checks that the real file (symlinks
 * followed) stays inside `folder`. Returns the real path, or why not.
 */
export async function resolveConfined(
  folder: string,
  base: string,
  relative: string,
): Promise<{ ok: true; path: string } | { ok: false; reason: 'missing' | 'outside' }> {
  if (path.isAbsolute(relative) || /^[a-z][a-z0-9+.-]*:/i.test(relative)) return { ok: false, reason: 'outside' };
  const candidate = path.resolve(base, relative);
  let real: string;
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    return { ok: false, reason: 'missing' };
  }
  try {
    real = await realpath(candidate);
  } catch {
    const lexical = path.relative(folder, candidate);
    return { ok: false, reason: lexical.startsWith('..') ? 'outside' : 'missing' };
  }
  const rel = path.relative(realFolder, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { ok: false, reason: 'outside' };
  return { ok: true, path: real };
}
