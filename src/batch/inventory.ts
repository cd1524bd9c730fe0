/** Lists what a content root holds, without loading or checking it (rendering does that, per artefact). */
import { readdir } from 'node:fs/promises';
import { layout } from '../content/paths.js';
import { listLeafletIds } from '../content/leaflet.js';
import { listBrands } from '../content/brand.js';
import { listTemplates } from '../content/template.js';
import type { Inventory } from './matrix.js';

export async function readInventory(root: string): Promise<Inventory> {
  const ids = await listLeafletIds(root);
  const leaflets = new Map<string, string[]>();
  for (const id of ids) {
    let files: string[] = [];
    try {
      files = await readdir(layout.leaflet(root, id));
    } catch {
      /* listed a moment ago; the render will report it */
    }
    // The same rule as loadLeaflet: every <lang>.yaml beside leaflet.yaml is a language.
    leaflets.set(
      id,
      files
        .filter((f) => /\.ya?ml$/.test(f) && f !== 'leaflet.yaml')
        .map((f) => f.replace(/\.ya?ml$/, ''))
        .sort(),
    );
  }
  return { leaflets, brands: await listBrands(root), templates: await listTemplates(root) };
}
