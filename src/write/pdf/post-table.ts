import type * as fontkit from 'fontkit';

/** The parts of fontkit 2.0.4's TrueType font object this module touches. */
interface FontInternals {
  _tables: Record<string, unknown>;
  _decodeTable(entry: TableEntry): Record<string, unknown> | undefined;
  directory?: { tables?: Record<string, TableEntry | undefined> };
  stream?: { buffer?: Uint8Array };
}
interface TableEntry {
  tag: string;
  offset: number;
  length: number;
}

/** The fields of `post` after its 32-byte header, by table version: read only by glyph.name. */
const NAME_FIELDS = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;
const HEADER_BYTES = 32;

/**
 * Gives a TrueType face a `post` table read from its 32-byte header, the
 * glyph names decoded by fontkit only when something asks for them.
 *
 * pdfkit reads one flag of `post` (isFixedPitch) when it embeds a face, and
 * fontkit then decodes the whole table: for DejaVu Sans, 6,000 glyph names,
 * about 27 ms of a cold render for the first face and a few for each next
 * one, to print none of them. Nothing changes in the PDF; a font whose table
 * is not where fontkit says is left as it is.
 */
export function lazyPostTable(font: fontkit.Font): void {
  const f = font as unknown as FontInternals;
  const entry = f.directory?.tables?.post;
  const bytes = f.stream?.buffer;
  if (!entry || !bytes || typeof f._decodeTable !== 'function' || !f._tables || 'post' in f._tables) return;
  if (entry.length < HEADER_BYTES || entry.offset + HEADER_BYTES > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, HEADER_BYTES);
  const fixed = (at: number) => view.getInt32(at) / 65536;
  const post: Record<string, unknown> = {
    version: fixed(0),
    italicAngle: fixed(4),
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
    minMemType42: view.getUint32(16),
    maxMemType42: view.getUint32(20),
    minMemType1: view.getUint32(24),
    maxMemType1: view.getUint32(28),
  };
  let whole: Record<string, unknown> | undefined;
  for (const name of NAME_FIELDS)
    Object.defineProperty(post, name, {
      enumerable: true,
      get: () => (whole ??= f._decodeTable(entry) ?? {})[name],
    });
  f._tables.post = post;
}
