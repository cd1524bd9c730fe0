// The few parts of these untyped packages the PDF writer uses.

declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: Record<string, number>[];
    /** the sum of the positions' xAdvance */
    readonly advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    lineGap: number;
    capHeight: number;
    xHeight: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** the glyph the font's character map gives the code point, with its outline */
    glyphForCodePoint(codePoint: number): Glyph & { path: { commands: unknown[] } };
    /** the font's one glyph object for the id; made with `codePoints` when first asked for */
    getGlyph(id: number, codePoints?: number[]): Glyph;
    layout(text: string, features?: Record<string, boolean>, script?: string, language?: string, direction?: 'ltr' | 'rtl'): GlyphRun;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

declare module 'linebreak' {
  export interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

declare module 'svg-to-pdfkit' {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string; assumePt?: boolean },
  ): void;
}
