/**
 * A TrueType subset without decoding outlines. pdfkit embeds a face through
 * fontkit's subsetter, which decodes every used glyph's whole outline
 * (contour ends, instructions, flags, coordinates) only to learn whether it
 * is a composite and which glyphs it is made of — the "e" and the grave
 * accent inside "è". Both are in the glyph's first bytes; reading them there
 * took a fifth of a warm render's time out. The subset's bytes are the same
 * (tests/pdf/subset.property.test.ts encodes random subsets of every bundled
 * face both ways).
 */

/** The parts of fontkit 2.0.4's TTFSubset (and its font) this module touches. */
interface TrueTypeSubset {
  font: {
    directory?: { tables?: Record<string, unknown> };
    _variationProcessor?: unknown;
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
    getGlyph(id: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  };
  glyphEncoder?: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(id: number): number;
  _addGlyph(id: number): number;
}

// composite glyph flags (OpenType glyf table)
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;
/** numberOfContours and the bounding box */
const GLYPH_HEADER = 10;

/**
 * Makes this subset add glyphs from their bytes. Leaves a CFF subset, a
 * variable font or a fontkit that has changed shape as it is.
 */
export function fastTrueTypeSubset(subset: unknown): void {
  const s = subset as TrueTypeSubset;
  const font = s.font;
  if (typeof s._addGlyph !== 'function' || !('glyphEncoder' in s) || !font?.directory?.tables?.glyf || font._variationProcessor || !font.loca) return;
  s._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    const glyph = font.getGlyph(gid);
    const start = font.loca.offsets[gid]!;
    const end = font.loca.offsets[gid + 1]!;
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    let buffer = stream.readBuffer(end - start);
    // numberOfContours < 0: a composite, whose components' glyph ids become the subset's
    if (buffer.length >= GLYPH_HEADER && buffer[0]! & 0x80) {
      buffer = new Uint8Array(buffer);
      const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      let at = GLYPH_HEADER;
      let flags: number;
      do {
        flags = view.getUint16(at);
        view.setUint16(at + 2, this.includeGlyph(view.getUint16(at + 2)));
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        at += flags & WE_HAVE_A_SCALE ? 2 : flags & WE_HAVE_AN_X_AND_Y_SCALE ? 4 : flags & WE_HAVE_A_TWO_BY_TWO ? 8 : 0;
      } while (flags & MORE_COMPONENTS);
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}
