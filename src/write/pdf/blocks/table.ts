import type { MarkupElement } from '../../../model/markup.js';
import type { PageItem, StructNode, StructRole, TextItem } from '../../../model/layout.js';
import type { Chunk } from '../layout.js';
import type { FontChain } from '../fonts.js';
import { breakLines, type InlineRun, type Line } from '../text.js';
import type { Styles, TextStyle } from '../styles.js';

/** What the table layout borrows from the page-flow core (layout.ts). */
export interface BlockKit {
  styles: Styles;
  fonts: FontChain;
  node(role: StructRole, parent: number | null): number;
  /** the structure node, to set attributes such as a header cell's scope */
  nodeAt(id: number): StructNode;
  runsOf(el: MarkupElement, style: TextStyle, struct: number | null): InlineRun[];
  lineItems(line: Line, x: number, style: TextStyle): { item: TextItem; baseline: number };
  paragraph(runs: InlineRun[], style: TextStyle, ctx: { x: number; width: number; boxes: number[] }, gap: number, opts?: { keep?: boolean }): Chunk[];
}

export interface TableCtx {
  x: number;
  width: number;
  struct: number;
  boxes: number[];
}

interface Cell {
  el: MarkupElement;
  header: boolean;
  scope: 'Column' | 'Row' | null;
}

const elements = (el: MarkupElement, tag?: string): MarkupElement[] =>
  el.children.filter((c): c is MarkupElement => c.type === 'element' && (tag === undefined || c.tag === tag));

/**
 * A table as chunks: the caption, the header row, then one chunk a row, so
 * pagination splits only between rows (a row that fits a page is never
 * split) and every row that starts a page brings a copy of the header row
 * with it (an Artifact: a screen reader hears it once). Tagged Table /
 * THead / TBody / TR / TH (with /Scope) / TD.
 *
 * When a column would be narrower than its longest word or about six ems
 * (an 18 pt large-print table on A4, a four-column table on A5), the table
 * is re-flowed instead: each row a block of "column header: value" lines,
 * the first cell as its heading, still tagged as a table.
 */
export function tableChunks(el: MarkupElement, ctx: TableCtx, gap: number, kit: BlockKit): Chunk[] {
  const { styles, fonts } = kit;
  const table = kit.node('Table', ctx.struct);
  const out: Chunk[] = [];
  const caption = elements(el, 'caption')[0];
  if (caption) {
    const id = kit.node('Caption', table);
    const style: TextStyle = { ...styles.body, face: 'bold' };
    const cs = kit.paragraph(kit.runsOf(caption, style, id), style, ctx, gap, { keep: true });
    for (const c of cs) c.why = 'a table caption stays with its table';
    out.push(...cs);
  }
  const headRows = elements(el, 'thead').flatMap((g) => elements(g, 'tr'));
  const bodyRows = [...elements(el, 'tbody').flatMap((g) => elements(g, 'tr')), ...elements(el, 'tr')];
  const cellsOf = (tr: MarkupElement): Cell[] =>
    elements(tr)
      .filter((c) => c.tag === 'th' || c.tag === 'td')
      .map((c) => ({ el: c, header: c.tag === 'th', scope: c.tag === 'th' ? (c.attrs.scope === 'row' ? 'Row' : 'Column') : null }));
  const head = headRows[0] ? cellsOf(headRows[0]) : [];
  const rows = bodyRows.map(cellsOf);
  const columns = Math.max(head.length, ...rows.map((r) => r.length), 1);

  const pad = Math.max(3, styles.body.size * 0.35);
  const headStyle: TextStyle = { ...styles.body, face: 'bold' };
  const styleOf = (c: Cell): TextStyle => (c.header ? headStyle : styles.body);
  const plainRuns = (c: Cell) => kit.runsOf(c.el, styleOf(c), null);
  const lineWidth = (runs: InlineRun[]) => Math.max(0, ...breakLines(runs, Number.MAX_SAFE_INTEGER, fonts).map((l) => l.width));
  const wordWidth = (runs: InlineRun[]) => {
    let w = 0;
    for (const r of runs) for (const word of r.text.split(/\s+/)) if (word) w = Math.max(w, lineWidth([{ ...r, text: word }]));
    return w;
  };
  const all = [head, ...rows];
  const natural = Array.from({ length: columns }, (_, j) => Math.max(0, ...all.map((r) => (r[j] ? lineWidth(plainRuns(r[j]!)) : 0))) + 2 * pad);
  const minimal = Array.from({ length: columns }, (_, j) => Math.max(0, ...all.map((r) => (r[j] ? wordWidth(plainRuns(r[j]!)) : 0))) + 2 * pad);
  const weights = (el.attrs['data-widths'] ?? '').split(/\s+/).filter(Boolean).map(Number);
  const widths = columnWidths(ctx.width, natural, minimal, weights.length === columns && weights.every((w) => w > 0) ? weights : null);
  const tooNarrow = widths.some((w, j) => w + 0.01 < minimal[j]! || w < styles.body.size * 6);

  const rowChunk = (cells: Cell[], tr: number | null, header: boolean): Chunk => {
    const items: PageItem[] = [];
    let x = ctx.x;
    let height = 0;
    const texts: PageItem[] = [];
    cells.forEach((c, j) => {
      const w = widths[j] ?? 0;
      let struct: number | null = null;
      if (tr !== null) {
        struct = kit.node(c.header ? 'TH' : 'TD', tr);
        if (c.scope) kit.nodeAt(struct).scope = c.scope;
      }
      const style = styleOf(c);
      const lines = breakLines(kit.runsOf(c.el, style, struct), w - 2 * pad, fonts);
      lines.forEach((line, k) => {
        const { item } = kit.lineItems(line, x + pad, style);
        item.y += pad + k * style.lineHeight;
        texts.push(item);
      });
      height = Math.max(height, lines.length * style.lineHeight + 2 * pad);
      x += w;
    });
    if (header) items.push({ kind: 'rect', x: ctx.x, y: 0, width: x - ctx.x, height, fill: styles.colours.accent, stroke: null, lineWidth: 0 });
    // the row's rules: below it and between its cells (artifacts: they carry no text)
    items.push({ kind: 'line', x1: ctx.x, y1: height, x2: x, y2: height, colour: styles.colours.primary, lineWidth: header ? 1 : 0.5 });
    let cx = ctx.x;
    for (const w of widths.slice(0, -1)) {
      cx += w;
      items.push({ kind: 'line', x1: cx, y1: 0, x2: cx, y2: height, colour: styles.colours.accent, lineWidth: 0.5 });
    }
    return { height, spaceBefore: 0, keepWithNext: false, items: [...items, ...texts], boxes: ctx.boxes, groups: [] };
  };

  if (tooNarrow) {
    out.push(...reflowed(head, rows, table, ctx, gap, out.length === 0, kit));
    return out;
  }

  const headGroup = head.length ? kit.node('THead', table) : null;
  const headTr = headGroup !== null ? kit.node('TR', headGroup) : null;
  const headerChunk = head.length ? rowChunk(head, headTr, true) : null;
  if (headerChunk) {
    headerChunk.spaceBefore = out.length ? 0 : gap;
    // the header row never ends a page
    headerChunk.keepWithNext = true;
    headerChunk.why = 'a table\'s header row stays with its first row';
    out.push(headerChunk);
  }
  // the copy a page break repeats: the same drawing, marked as an Artifact
  const repeat: Chunk | undefined = headerChunk
    ? { ...headerChunk, spaceBefore: 0, keepWithNext: true, items: headerChunk.items.map((i) => (i.kind === 'text' ? { ...i, runs: i.runs.map((r) => ({ ...r, struct: null })) } : i)) }
    : undefined;
  const body = rows.length ? kit.node('TBody', table) : table;
  rows.forEach((cells, r) => {
    const chunk = rowChunk(cells, kit.node('TR', body), false);
    if (r === 0 && !out.length) chunk.spaceBefore = gap;
    if (repeat) chunk.repeat = repeat;
    // no table leaves its last row alone on a page
    if (rows.length >= 3 && r === rows.length - 2) {
      chunk.keepWithNext = true;
      chunk.why = 'a table never leaves its last row alone';
    }
    out.push(chunk);
  });
  return out;
}

/**
 * Column widths that fill the width: the text's natural widths when they
 * fit; otherwise each column gets its longest word and the rest is shared
 * in proportion to what each column still wants. Relative widths from the
 * content ("1 2") win when given.
 */
export function columnWidths(total: number, natural: number[], minimal: number[], weights: number[] | null): number[] {
  if (weights) {
    const sum = weights.reduce((a, b) => a + b, 0);
    return weights.map((w) => (total * w) / sum);
  }
  const want = natural.reduce((a, b) => a + b, 0);
  if (want <= total) return natural.map((n) => n + (total - want) / natural.length);
  const floor = minimal.reduce((a, b) => a + b, 0);
  if (floor >= total) return minimal.map((m) => (total * m) / floor);
  const extra = natural.map((n, j) => n - minimal[j]!);
  const extraSum = extra.reduce((a, b) => a + b, 0) || 1;
  return minimal.map((m, j) => m + ((total - floor) * extra[j]!) / extraSum);
}

/** Each row as a block: its first cell bold, then "column header: value" for the others; a rule between rows. */
function reflowed(head: Cell[], rows: Cell[][], table: number, ctx: TableCtx, gap: number, first: boolean, kit: BlockKit): Chunk[] {
  const { styles } = kit;
  const out: Chunk[] = [];
  const body = kit.node('TBody', table);
  const headText = (j: number) => (head[j] ? kit.runsOf(head[j]!.el, { ...styles.body, face: 'bold' }, null).map((r) => r.text).join('') : '');
  rows.forEach((cells, r) => {
    const tr = kit.node('TR', body);
    const start = out.length;
    cells.forEach((c, j) => {
      const cell = kit.node(c.header ? 'TH' : 'TD', tr);
      if (c.scope) kit.nodeAt(cell).scope = j === 0 ? 'Row' : c.scope;
      const style: TextStyle = j === 0 ? { ...styles.body, face: 'bold' } : styles.body;
      const label = j === 0 ? [] : [{ text: `${headText(j)}: `, font: 'bold', size: style.size, colour: style.colour, struct: cell } satisfies InlineRun];
      const cs = kit.paragraph([...label, ...kit.runsOf(c.el, style, cell)], style, ctx, j === 0 ? (r === 0 && first ? gap : styles.space.paragraph) : 2);
      out.push(...cs);
    });
    // a row stays together when it fits on a page
    for (let k = start; k < out.length - 1; k++) {
      out[k]!.keepWithNext = true;
      out[k]!.why ??= 'a table row is not split';
    }
    const last = out[out.length - 1];
    if (last) {
      last.items.push({ kind: 'line', x1: ctx.x, y1: last.height + 3, x2: ctx.x + ctx.width, y2: last.height + 3, colour: styles.colours.accent, lineWidth: 0.75 });
      last.height += 4;
    }
  });
  return out;
}
