import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Diagnostic, Result } from '../../model/diagnostic.js';
import type { FaceName } from '../../model/layout.js';
import type { Theme } from '../../model/template.js';
import { CODES } from '../../diagnostics/codes.js';
import { directionalRuns, hasRtl } from './bidi.js';

/** One font file, parsed once per process and shared by every document the Renderer writes. */
export interface LoadedFont {
  path: string;
  bytes: Uint8Array;
  font: fontkit.Font;
  /** advance widths of text pieces in em, keyed by piece: measuring is most of layout's time */
  widths: Map<string, number>;
  /**
   * Shaped pieces in pdfkit's own layout-cache format (positions scaled to
   * 1000 units an em). Shared with every document's embedded font, so a
   * word is shaped once per process, not once to measure and again per
   * document to draw.
   */
  runs: Record<string, fontkit.GlyphRun>;
  /** advance widths in em of right-to-left runs, shaped whole */
  rtlWidths: Map<string, number>;
  /** paragraphs already broken into lines, by their runs and width (text.ts) */
  lines: Map<string, import('./text.js').Line[]>;
}

/** The fonts a document draws with: the four body faces, then the fallbacks in order. */
export interface FontChain {
  faces: Record<FaceName, LoadedFont>;
  fallback: LoadedFont[];
}

const FACES: readonly FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];

/**
 * Loads the theme's fonts, reusing fonts already parsed for an earlier
 * document (plain pdfkit re-parses every TTF for every document, which is
 * most of a warm render's time).
 */
export function loadFonts(theme: Theme, cache: Map<string, unknown>, themeFile: string): Result<FontChain> {
  const diagnostics: Diagnostic[] = [];
  const load = (path: string): LoadedFont | undefined => {
    const key = `pdf:font:${path}`;
    const known = cache.get(key) as LoadedFont | undefined;
    if (known) return known;
    try {
      const bytes = readFileSync(path);
      const loaded: LoadedFont = { path, bytes, font: fontkit.create(bytes), widths: new Map(), rtlWidths: new Map(), lines: new Map(), runs: Object.create(null) as Record<string, fontkit.GlyphRun> };
      if (typeof loaded.font.hasGlyphForCodePoint !== 'function') throw new Error('a font collection, not one font');
      cache.set(key, loaded);
      return loaded;
    } catch (e) {
      diagnostics.push({
        code: CODES.WRITE_FAILED,
        severity: 'error',
        message: `The font ${path} named in the template's theme cannot be read as a TrueType or OpenType font (${(e as Error).message}).`,
        file: themeFile,
      });
      return undefined;
    }
  };
  const faces = {} as Record<FaceName, LoadedFont>;
  for (const f of FACES) {
    const loaded = load(theme.fonts.body[f]);
    if (loaded) faces[f] = loaded;
  }
  const fallback = theme.fonts.fallback.map(load).filter((f): f is LoadedFont => f !== undefined);
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: { faces, fallback }, warnings: [] };
}

/** A font of the chain by the name layout gives it: a face, or `fallback:N`. */
export function fontNamed(chain: FontChain, name: string): LoadedFont {
  if (name.startsWith('fallback:')) return chain.fallback[Number(name.slice(9))]!;
  return chain.faces[name as FaceName];
}

/** The first font of the chain, starting at `face`, that has a glyph for the character; undefined when none has. */
export function fontFor(chain: FontChain, face: FaceName, codePoint: number): string | undefined {
  if (chain.faces[face].font.hasGlyphForCodePoint(codePoint)) return face;
  for (let i = 0; i < chain.fallback.length; i++) if (chain.fallback[i]!.font.hasGlyphForCodePoint(codePoint)) return `fallback:${i}`;
  return undefined;
}

/**
 * Width of `text` in points, drawn as paint draws it: cut into directional
 * runs (bidi.ts), a left-to-right run split the way pdfkit lays text out
 * (at each space, the space kept with the word before it) so that what we
 * measure is exactly what pdfkit draws, kerning included; a right-to-left
 * run shaped whole.
 */
export function measure(font: LoadedFont, text: string, size: number): number {
  if (!hasRtl(text)) return measureLtr(font, text, size);
  let width = 0;
  for (const run of directionalRuns(text)) width += run.rtl ? measureRtl(font, run.text, size) : measureLtr(font, run.text, size);
  return width;
}

function measureLtr(font: LoadedFont, text: string, size: number): number {
  let em = 0;
  let last = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length ? last < i : c === 32 || c === 9) {
      const piece = text.slice(last, i + 1);
      let w = font.widths.get(piece);
      if (w === undefined) {
        w = shape(font, piece).advanceWidth / 1000;
        font.widths.set(piece, w);
      }
      em += w;
      last = i + 1;
    }
  }
  return em * size;
}

function measureRtl(font: LoadedFont, text: string, size: number): number {
  let w = font.rtlWidths.get(text);
  if (w === undefined) {
    w = shapeRtl(font, text).advanceWidth / font.font.unitsPerEm;
    font.rtlWidths.set(text, w);
  }
  return w * size;
}

/**
 * A right-to-left run is shaped whole, with every default feature: Arabic
 * needs its joining forms and required ligatures (lam-alef), Hebrew its
 * mark positioning. fontkit takes the direction from the run's script and
 * writes into the features object it is given, hence a new one per call.
 * paint.ts hands the same to pdfkit, which then shapes the run in one call.
 */
export const RTL_SHAPING = (): Record<string, boolean> => ({});

/** A right-to-left run shaped as paint draws it (glyphs in drawing order, font units). */
export function shapeRtl(font: LoadedFont, text: string): fontkit.GlyphRun {
  return font.font.layout(text, RTL_SHAPING());
}

/**
 * Kerning only. The other default OpenType features (contextual
 * alternates, ligatures, mark positioning) change nothing visible in the
 * Latin and Cyrillic text leaflets carry, but running DejaVu's contextual
 * lookups for every word was over half of a cold render. No ligatures
 * also keeps extracted text (copy, search, screen readers) letter for letter.
 */
const SHAPING: Record<string, boolean> = {
  ccmp: false,
  locl: false,
  rlig: false,
  mark: false,
  mkmk: false,
  calt: false,
  clig: false,
  liga: false,
  rclt: false,
  curs: false,
  kern: true,
};

/** fontkit's layout scaled exactly as pdfkit's EmbeddedFont.layoutRun does (pdfkit 0.17.2), kept in the shared cache. */
function shape(font: LoadedFont, piece: string): fontkit.GlyphRun {
  const known = font.runs[piece];
  if (known) return known;
  const run = font.font.layout(piece, SHAPING);
  const scale = 1000 / font.font.unitsPerEm;
  for (let i = 0; i < run.positions.length; i++) {
    const position = run.positions[i]!;
    for (const key of Object.keys(position)) position[key] = position[key]! * scale;
    position.advanceWidth = run.glyphs[i]!.advanceWidth * scale;
  }
  font.runs[piece] = run;
  return run;
}

/** Distance from the top of a line box to the baseline, pt. */
export function ascent(font: LoadedFont, size: number): number {
  return (font.font.ascent / font.font.unitsPerEm) * size;
}
