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

/** Content names its files relative to itself; see io/read for the rules. */
export { resolveConfined } from '../io/read.js';
