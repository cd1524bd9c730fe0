import type { Diagnostic, Result } from '../../model/diagnostic.js';
import type { LaidOutDocument, PageItem } from '../../model/layout.js';
import type { Asset } from '../../model/view.js';
import { readImage } from '../images.js';

/** An image read and checked before layout: layout needs its size, paint its bytes. */
export interface LoadedAsset {
  id: string;
  type: Asset['type'];
  bytes: Uint8Array;
  /** intrinsic size; for SVG in user units */
  width: number;
  height: number;
  /** SVG: elements drawn each time it is placed */
  elements?: number;
}

/**
 * Reads every image the markup refers to through the one image checker
 * (src/write/images.ts), in the view's order — a fixed order keeps the
 * output bytes stable — and reports every refused image, not only the first.
 */
export async function loadAssets(assets: readonly Asset[]): Promise<Result<Map<string, LoadedAsset>>> {
  const out = new Map<string, LoadedAsset>();
  const diagnostics: Diagnostic[] = [];
  for (const a of assets) {
    const image = await readImage(a);
    if (!image.ok) diagnostics.push(...image.diagnostics);
    else out.set(a.id, { id: a.id, type: a.type, bytes: image.value.bytes, width: image.value.width, height: image.value.height, ...(image.value.elements !== undefined ? { elements: image.value.elements } : {}) });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: out, warnings: [] };
}

/** How many times each asset is drawn across the pages (the logo: once per page). */
export function drawCounts(document: LaidOutDocument): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (items: readonly PageItem[]) => {
    for (const item of items) if (item.kind === 'image') counts.set(item.asset, (counts.get(item.asset) ?? 0) + 1);
  };
  for (const page of document.pages) {
    for (const group of page.artifacts) count(group.items);
    count(page.items);
  }
  return counts;
}
