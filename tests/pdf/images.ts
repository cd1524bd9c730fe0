import type { PNG } from 'pngjs';

/** A horizontal band of the page, compared on its own so a change in a small band is not averaged away. */
export interface Region {
  name: string;
  /** top and bottom as fractions of the page height */
  from: number;
  to: number;
}

/** Header band, body, footer band of a leaflet page. */
export const PAGE_REGIONS: readonly Region[] = [
  { name: 'header', from: 0, to: 0.1 },
  { name: 'body', from: 0.1, to: 0.9 },
  { name: 'footer', from: 0.9, to: 1 },
];

export interface ImageComparison {
  same: boolean;
  /** differing pixels per region, and how many each may have */
  regions: { name: string; differing: number; allowed: number }[];
}

export interface CompareOptions {
  /** a channel may differ by this much (0–255) before the pixel counts as different: hinting, gamma */
  threshold?: number;
  /** differing pixels a region may have: isolated speckles of anti-aliasing */
  allowed?: number;
}

/**
 * Two page images as a reader would see them differ. A pixel counts as
 * different when no pixel within one pixel of it in the other image has
 * nearly its colour — in either direction — so anti-aliasing and
 * glyph edges that move by a pixel between poppler builds do not count,
 * while a missing word, number or rule does. The whole-page mean this
 * replaces let a deleted "di 5" in the footer through (well under 1.5).
 */
export function compareImages(got: PNG, ref: PNG, options: CompareOptions = {}): ImageComparison {
  const threshold = options.threshold ?? 48;
  const allowed = options.allowed ?? 4;
  if (got.width !== ref.width || got.height !== ref.height)
    return { same: false, regions: PAGE_REGIONS.map((r) => ({ name: r.name, differing: Number.POSITIVE_INFINITY, allowed })) };
  const { width, height } = got;
  const close = (a: PNG, i: number, b: PNG, j: number) =>
    Math.abs(a.data[i]! - b.data[j]!) <= threshold && Math.abs(a.data[i + 1]! - b.data[j + 1]!) <= threshold && Math.abs(a.data[i + 2]! - b.data[j + 2]!) <= threshold;
  /** the pixel (x, y) of `a` has a near match within one pixel in `b` */
  const matched = (a: PNG, b: PNG, x: number, y: number) => {
    const i = (y * width + x) * 4;
    if (close(a, i, b, i)) return true;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        if (close(a, i, b, (ny * width + nx) * 4)) return true;
      }
    return false;
  };
  const regions = PAGE_REGIONS.map((r) => {
    let differing = 0;
    for (let y = Math.floor(r.from * height); y < Math.floor(r.to * height); y++)
      for (let x = 0; x < width; x++) if (!matched(got, ref, x, y) || !matched(ref, got, x, y)) differing++;
    return { name: r.name, differing, allowed };
  });
  return { same: regions.every((r) => r.differing <= r.allowed), regions };
}
