import type { PageItem } from '../../../model/layout.js';
import type { Chunk } from '../layout.js';

/**
 * An empty square to tick on paper, on the first line of a checklist item,
 * its bottom on the baseline: a vector drawing (an Artifact), never a
 * glyph that a font may lack (REFERENCES.md: no fallback fonts in pdfkit).
 */
export function checkBox(x: number, baseline: number, size: number, colour: string): PageItem {
  const side = size * 0.8;
  return { kind: 'rect', x: x + size * 0.1, y: baseline - side, width: side, height: side, fill: null, stroke: colour, lineWidth: Math.max(0.75, size / 12) };
}

/** Ruled lines for the patient's own notes, each its own chunk so they may run onto the next page. */
export function ruledLines(count: number, ctx: { x: number; width: number; boxes: number[] }, pitch: number, colour: string): Chunk[] {
  return Array.from({ length: Math.min(Math.max(0, count), 30) }, () => ({
    height: pitch,
    spaceBefore: 0,
    keepWithNext: false,
    items: [{ kind: 'line', x1: ctx.x, y1: pitch - 2, x2: ctx.x + ctx.width, y2: pitch - 2, colour, lineWidth: 0.75 } satisfies PageItem],
    boxes: ctx.boxes,
    groups: [],
  }));
}
