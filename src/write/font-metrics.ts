/**
 * Laying out Latin, Greek and Cyrillic text from font metrics computed at
 * build time (scripts/font-metrics.js → dist/font-metrics.json): glyph ids,
 * advances and the pair kerning fontkit would apply, for the characters the
 * bundled body faces draw one glyph each. A piece of text made only of such
 * characters is measured and encoded from the table, with no OpenType
 * engine; anything else (another face, a character outside the table) is
 * shaped by fontkit as before. The result is the run fontkit's layout gives
 * with the writer's features, scaled as pdfkit scales it — the same glyph
 * objects, the same numbers (tests/pdf/font-metrics.property.test.ts).
 *
 * This module sits two folders below the package, as the bundle's files
 * do, so that one relative path finds the table from both.
 */
import { readFileSync } from 'node:fs';
import type * as fontkit from 'fontkit';

/** Changes when the table's shape changes: a table of another shape is ignored. */
export const METRICS_VERSION = 1;

/** One face's table, as scripts/font-metrics.js writes it. */
interface FaceTable {
  unitsPerEm: number;
  chars: string;
  gid: number[];
  adv: number[];
  script: number[];
  tags: string[];
  unknown: string;
  variantOfTag: Record<string, number>;
  row: number[];
  col: number[];
  cols: number;
  kern: number[][];
}

/** A face's table ready for lookups: character → entry index, by code point. */
export interface FontMetrics {
  table: FaceTable;
  /** entry index + 1 by UTF-16 code unit; 0: not in the table */
  index: Uint16Array;
  /** kerning variant per script index, the last slot for text of no script; -1: not from the table */
  variant: Int16Array;
  scale: number;
}

const FILE = new URL('../../dist/font-metrics.json', import.meta.url);
let tables: Record<string, FaceTable> | null | undefined;
/** keys of the faces the build proved a trailing space inert in */
let inertSpace: ReadonlySet<string> = new Set();

function load(): void {
  if (tables !== undefined) return;
  try {
    const data = JSON.parse(readFileSync(FILE, 'utf8')) as { version: number; fonts: Record<string, FaceTable>; inertSpace?: string[] };
    tables = data.version === METRICS_VERSION ? data.fonts : null;
    if (tables) inertSpace = new Set(data.inertSpace ?? []);
  } catch {
    // no table (a bare tsc build): every piece is shaped by fontkit
    tables = null;
  }
}

/** Whether the build proved, for this font file, that a trailing space changes no shaping (src/write/pdf/trailing-space.ts). */
export function spaceProvenInert(bytes: Uint8Array): boolean {
  load();
  const key = fontKey(bytes);
  return key !== undefined && inertSpace.has(key);
}

/**
 * A font file's identity: its length and the checksum adjustment its head
 * table carries (a checksum of the whole file), read without parsing it.
 */
export function fontKey(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) return undefined;
  const tableCount = view.getUint16(4);
  for (let i = 0; i < tableCount; i++) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.byteLength) return undefined;
    if (view.getUint32(at) === 0x68656164 /* head */) {
      const offset = view.getUint32(at + 8);
      if (offset + 12 > bytes.byteLength) return undefined;
      return `${bytes.byteLength}:${view.getUint32(offset + 8)}`;
    }
  }
  return undefined;
}

/** The build-time metrics of this font file, when the build made some for it. */
export function metricsFor(bytes: Uint8Array, unitsPerEm: number): FontMetrics | undefined {
  load();
  const key = fontKey(bytes);
  const table = key === undefined ? undefined : tables?.[key];
  if (!table || table.unitsPerEm !== unitsPerEm) return undefined;
  let max = 0;
  for (let i = 0; i < table.chars.length; i++) max = Math.max(max, table.chars.charCodeAt(i));
  const index = new Uint16Array(max + 1);
  for (let i = 0; i < table.chars.length; i++) index[table.chars.charCodeAt(i)] = i + 1;
  const variant = new Int16Array(table.tags.length + 1).fill(-1);
  table.tags.forEach((tag, i) => (variant[i] = table.variantOfTag[tag] ?? -1));
  variant[table.tags.length] = table.variantOfTag[table.unknown] ?? -1;
  return { table, index, variant, scale: 1000 / unitsPerEm };
}

/**
 * fontkit's own glyph object, shared per font and carrying the code points
 * it was first asked for, as its layout returns it. fontkit works out
 * whether a new glyph's characters are marks from the Unicode property
 * trie, which it inflates on first use (several milliseconds of a cold
 * start); a table character is never a mark (the build checks that against
 * the same data), so its glyph is made without the look-up.
 */
function glyphOf(font: fontkit.Font, id: number, char: number): fontkit.Glyph {
  const made = (font as unknown as { _glyphs?: Record<number, fontkit.Glyph | undefined> })._glyphs;
  if (!made || made[id]) return font.getGlyph(id, [char]);
  const glyph = font.getGlyph(id, []) as fontkit.Glyph & { codePoints: number[] };
  glyph.codePoints = [char];
  return glyph;
}

/** What pdfkit and the writer read of a glyph run. */
export interface TableRun {
  glyphs: fontkit.Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}

/**
 * The piece laid out from the table, in pdfkit's units (1000 an em), or
 * undefined when a character is not in it. The script whose kerning
 * applies is that of the first character that has one, as fontkit picks it.
 */
export function tableLayout(m: FontMetrics, font: fontkit.Font, piece: string): TableRun | undefined {
  const { index, table } = m;
  const n = piece.length;
  const entries = new Array<number>(n);
  let script = -1;
  for (let i = 0; i < n; i++) {
    const c = piece.charCodeAt(i);
    const e = c < index.length ? index[c]! - 1 : -1;
    if (e < 0) return undefined;
    entries[i] = e;
    if (script < 0) script = table.script[e]!;
  }
  const v = m.variant[script < 0 ? table.tags.length : script]!;
  if (v < 0) return undefined;
  const kern = table.kern[v]!;
  const glyphs = new Array<fontkit.Glyph>(n);
  const positions = new Array<TableRun['positions'][number]>(n);
  let advanceWidth = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    glyphs[i] = glyphOf(font, table.gid[e]!, piece.charCodeAt(i));
    const adv = table.adv[e]!;
    const k = i + 1 < n ? kern[table.row[e]! * table.cols + table.col[entries[i + 1]!]!]! : 0;
    // fontkit adds the kerning to the advance in font units; pdfkit then scales every field
    const xAdvance = (adv + k) * m.scale;
    positions[i] = { xAdvance, yAdvance: 0 * m.scale, xOffset: 0 * m.scale, yOffset: 0 * m.scale, advanceWidth: adv * m.scale };
    advanceWidth += xAdvance;
  }
  return { glyphs, positions, advanceWidth };
}
