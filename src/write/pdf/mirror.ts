import type { LaidOutDocument, PageItem } from '../../model/layout.js';

/**
 * A right-to-left leaflet is laid out as the mirror image of its pages
 * (every line with the piece read first at its left, list markers, callout
 * bars, the logo and the document reference on the left, the page label on
 * the right) and turned round here: each item's horizontal position is
 * reflected in the page's vertical centre line. Nothing is drawn mirrored —
 * glyphs, images and the DRAFT mark keep their form; only where they stand
 * changes. So one layout serves both directions and the Latin leaflets'
 * layout is untouched.
 */
export function mirrorPages(doc: LaidOutDocument): LaidOutDocument {
  return {
    ...doc,
    pages: doc.pages.map((page) => {
      const width = page.size[0];
      const flip = (item: PageItem): PageItem => mirrorItem(item, width);
      return { ...page, items: page.items.map(flip), artifacts: page.artifacts.map((a) => ({ ...a, items: a.items.map(flip) })) };
    }),
  };
}

const r = (v: number) => Math.round(v * 100) / 100;

function mirrorItem(item: PageItem, width: number): PageItem {
  switch (item.kind) {
    case 'text':
      return { ...item, runs: item.runs.map((run) => ({ ...run, x: r(width - run.x - run.width) })) };
    case 'line':
      return { ...item, x1: r(width - item.x1), x2: r(width - item.x2) };
    case 'rect':
    case 'image':
      return { ...item, x: r(width - item.x - item.width) };
    case 'qr':
      // where it stands changes; the code itself is never drawn mirrored (a mirrored code does not decode)
      return { ...item, x: r(width - item.x - (item.size + 2 * item.quiet) * item.module) };
    case 'stamp':
      // centred on the page, and a mirrored slant would read no better
      return item;
  }
}
