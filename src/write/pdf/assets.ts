import type { Diagnostic, Result } from '../../model/diagnostic.js';
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
    else out.set(a.id, { id: a.id, type: a.type, bytes: image.value.bytes, width: image.value.width, height: image.value.height });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: out, warnings: [] };
}
