import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { lazyPostTable } from './post-table.js';
import type { Diagnostic, Result } from '../../model/diagnostic.js';
import type { FaceName } from '../../model/layout.js';
import type { ScriptName, Theme } from '../../model/template.js';
import { CODES } from '../../diagnostics/codes.js';
import { directionalRuns, hasRtl, mirrored } from './bidi.js';
import { scriptOf } from './scripts.js';
import { metricsFor, spaceProvenInert, tableLayout, type FontMetrics } from '../font-metrics.js';
import { endsInSpaceGlyph, spaceIsInert } from './trailing-space.js';

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
  /** right-to-left runs shaped whole (shapeRtl), in pdfkit's units: paint draws these */
  rtlRuns: Map<string, fontkit.GlyphRun>;
  /** paragraphs already broken into lines, by their runs and width (text.ts) */
  lines: Map<string, import('./text.js').Line[]>;
  /**
   * OpenType features for left-to-right text: kerning only for the body
   * faces (see SHAPING), every default feature for a script's own face —
   * Devanagari needs its conjuncts and reordering, Chinese its locl forms.
   */
  features: Record<string, boolean>;
  /** build-time metrics of a body face (font-metrics.ts): Latin, Greek and Cyrillic pieces laid out without fontkit's engine */
  metrics?: FontMetrics;
  /** whether a trailing space changes nothing in the shaping of the text before it (trailing-space.ts); found on first need */
  inertSpace?: boolean;
}

/**
 * The fonts a document draws with: the four body faces, the faces of the
 * scripts the document holds (only those are read), then the fallbacks.
 */
export interface FontChain {
  faces: Record<FaceName, LoadedFont>;
  fallback: LoadedFont[];
  scripts: Partial<Record<ScriptName, { regular: LoadedFont; bold: LoadedFont }>>;
  /** the script of the leaflet's language: digits and punctuation with nothing before them take its face */
  primary: ScriptName | null;
}

/** What a document needs beyond the body faces, found by reading its text (scripts.ts). */
export interface FontNeeds {
  scripts: ReadonlySet<ScriptName>;
  primary: ScriptName | null;
}

const FACES: readonly FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];

/**
 * Loads the theme's fonts, reusing fonts already parsed for an earlier
 * document (plain pdfkit re-parses every TTF for every document, which is
 * most of a warm render's time).
 */
export function loadFonts(theme: Theme, cache: Map<string, unknown>, themeFile: string, needs: FontNeeds = { scripts: new Set(), primary: null }): Result<FontChain> {
  const diagnostics: Diagnostic[] = [];
  const load = (path: string, features = SHAPING): LoadedFont | undefined => {
    const key = `pdf:font:${path}`;
    const known = cache.get(key) as LoadedFont | undefined;
    if (known) return known;
    try {
      const bytes = readFileSync(path);
      const loaded: LoadedFont = {
        path,
        bytes,
        font: fontkit.create(bytes),
        widths: new Map(),
        rtlWidths: new Map(),
        rtlRuns: new Map(),
        lines: new Map(),
        runs: Object.create(null) as Record<string, fontkit.GlyphRun>,
        features,
      };
      if (typeof loaded.font.hasGlyphForCodePoint !== 'function') throw new Error('a font collection, not one font');
      lazyPostTable(loaded.font);
      if (features === SHAPING) loaded.metrics = metricsFor(bytes, loaded.font.unitsPerEm);
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
  const fallback = theme.fonts.fallback.map((f) => load(f)).filter((f): f is LoadedFont => f !== undefined);
  const scripts: FontChain['scripts'] = {};
  const wanted = new Set(needs.scripts);
  if (needs.primary) wanted.add(needs.primary);
  // in a fixed order, so font ids and bytes do not depend on which character came first
  for (const script of [...wanted].sort()) {
    const files = theme.fonts.scripts[script];
    if (!files) continue;
    const regular = load(files.regular, FULL_SHAPING);
    const bold = load(files.bold, FULL_SHAPING);
    if (regular && bold) scripts[script] = { regular, bold };
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  const primary = needs.primary && scripts[needs.primary] ? needs.primary : null;
  return { ok: true, value: { faces, fallback, scripts, primary }, warnings: [] };
}

/** Every font of the chain with the name layout gives it, in the order paint numbers them. */
export function chainFonts(chain: FontChain): [string, LoadedFont][] {
  const out: [string, LoadedFont][] = [...Object.entries(chain.faces), ...chain.fallback.map((f, i): [string, LoadedFont] => [`fallback:${i}`, f])];
  for (const script of Object.keys(chain.scripts).sort() as ScriptName[]) {
    const faces = chain.scripts[script]!;
    out.push([`script:${script}:regular`, faces.regular], [`script:${script}:bold`, faces.bold]);
  }
  return out;
}

/** A font of the chain by the name layout gives it: a face, `fallback:N` or `script:NAME:regular|bold`. */
export function fontNamed(chain: FontChain, name: string): LoadedFont {
  if (name.startsWith('fallback:')) return chain.fallback[Number(name.slice(9))]!;
  if (name.startsWith('script:')) {
    const [, script, weight] = name.split(':') as [string, ScriptName, 'regular' | 'bold'];
    return chain.scripts[script]![weight];
  }
  return chain.faces[name as FaceName];
}

const upright = (face: FaceName): 'regular' | 'bold' => (face === 'bold' || face === 'boldItalic' ? 'bold' : 'regular');

/**
 * The font that draws a character set in `face`: the face of the
 * character's own script when the theme has one; for a character of no
 * script (digits, spaces, punctuation, combining marks) the font of the
 * character before it (`previous`) when that has it, so a run of Arabic or
 * Chinese text is not cut at every space or comma, else the face of the
 * language's script; then the body face, the fallbacks, and any other
 * script face that has it. Undefined when no font has it.
 */
export function fontFor(chain: FontChain, face: FaceName, codePoint: number, previous?: string): string | undefined {
  const script = scriptOf(codePoint);
  if (script) {
    const own = chain.scripts[script];
    if (own && own[upright(face)].font.hasGlyphForCodePoint(codePoint)) return `script:${script}:${upright(face)}`;
  } else {
    if (previous && previous !== face && fontNamed(chain, previous).font.hasGlyphForCodePoint(codePoint)) return previous;
    if (!previous && chain.primary) {
      const name = `script:${chain.primary}:${upright(face)}`;
      if (fontNamed(chain, name).font.hasGlyphForCodePoint(codePoint)) return name;
    }
  }
  if (chain.faces[face].font.hasGlyphForCodePoint(codePoint)) return face;
  for (let i = 0; i < chain.fallback.length; i++) if (chain.fallback[i]!.font.hasGlyphForCodePoint(codePoint)) return `fallback:${i}`;
  for (const s of Object.keys(chain.scripts).sort() as ScriptName[])
    if (chain.scripts[s]![upright(face)].font.hasGlyphForCodePoint(codePoint)) return `script:${s}:${upright(face)}`;
  return undefined;
}

/** Whether any font beyond the four body faces may draw part of the text: otherwise runs need no splitting. */
export function hasExtraFonts(chain: FontChain): boolean {
  return chain.fallback.length > 0 || Object.keys(chain.scripts).length > 0;
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

/** Width of a run of one embedding level, in points, shaped in the direction the bidirectional algorithm gave it. */
export function measureRun(font: LoadedFont, text: string, size: number, rtl: boolean): number {
  return rtl ? measureRtl(font, text, size) : measure(font, text, size);
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
    w = shapeRtl(font, text).advanceWidth / 1000;
    font.rtlWidths.set(text, w);
  }
  return w * size;
}

/**
 * A right-to-left run is shaped whole, with every default feature: Arabic
 * needs its joining forms and required ligatures (lam-alef), Hebrew its
 * mark positioning. fontkit writes into the features object it is given,
 * hence a new one per call.
 */
export const RTL_SHAPING = (): Record<string, boolean> => ({});

/**
 * fontkit 2.0.4 throws on a mark whose base glyph has no anchor for it
 * (Noto Sans Arabic: kasratan on a final feh, "تعافٍ"). Such a run is shaped
 * again without mark positioning: the mark is drawn beside its letter
 * instead of the whole leaflet failing.
 */
const WITHOUT_MARK_POSITIONING = (): Record<string, boolean> => ({ mark: false, mkmk: false });

/**
 * A run of a right-to-left level shaped right to left, whatever its
 * characters (a run of only spaces and brackets too: fontkit would pick
 * left to right from their script), glyphs in drawing order, scaled to 1000
 * units an em as pdfkit scales its own runs. Kept per font for the process;
 * paint hands exactly this run to pdfkit.
 */
export function shapeRtl(font: LoadedFont, text: string): fontkit.GlyphRun {
  const known = font.rtlRuns.get(text);
  if (known) return known;
  let run: fontkit.GlyphRun;
  // rule L4: brackets at a right-to-left level take their mirrored form — "(" is drawn as ")" (fontkit does not)
  const shown = mirrored(text);
  try {
    run = font.font.layout(shown, RTL_SHAPING(), undefined, undefined, 'rtl');
  } catch {
    run = font.font.layout(shown, WITHOUT_MARK_POSITIONING(), undefined, undefined, 'rtl');
  }
  scaleRun(font, run);
  visualLigatures(run);
  font.rtlRuns.set(text, run);
  return run;
}

/**
 * A ligature of a right-to-left run (lam-alef) stands for its letters in
 * drawing order in the PDF's Unicode map: poppler and pdf.js put
 * right-to-left text back into logical order character by character, so the
 * map's "لا" came out as "ال". The glyph object is fontkit's, shared by
 * every run of the font; it is turned once and marked. A mark that is two
 * marks (shadda with fathatan) keeps reading order: it is drawn apart from
 * the letters (rtl-text.ts) and read on its own.
 */
function visualLigatures(run: fontkit.GlyphRun): void {
  for (const glyph of run.glyphs as unknown as { codePoints: number[]; advanceWidth: number; visual?: true }[])
    if (glyph.codePoints.length > 1 && glyph.advanceWidth > 0 && !glyph.visual) {
      glyph.codePoints = [...glyph.codePoints].reverse();
      glyph.visual = true;
    }
}

function scaleRun(font: LoadedFont, run: fontkit.GlyphRun): void {
  const scale = 1000 / font.font.unitsPerEm;
  for (let i = 0; i < run.positions.length; i++) {
    const position = run.positions[i]!;
    for (const key of Object.keys(position)) position[key] = position[key]! * scale;
    position.advanceWidth = run.glyphs[i]!.advanceWidth * scale;
  }
}

/**
 * Kerning only. The other default OpenType features (contextual
 * alternates, ligatures, mark positioning) change nothing visible in the
 * Latin and Cyrillic text leaflets carry, but running DejaVu's contextual
 * lookups for every word was over half of a cold render. No ligatures
 * also keeps extracted text (copy, search, screen readers) letter for letter.
 */
export const SHAPING: Record<string, boolean> = {
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

/** Every default feature: fontkit's shapers add what the script needs (Indic reordering, conjuncts, CJK locl). */
const FULL_SHAPING: Record<string, boolean> = {};

/** fontkit's layout scaled exactly as pdfkit's EmbeddedFont.layoutRun does (pdfkit 0.17.2), kept in the shared cache. */
function shape(font: LoadedFont, piece: string): fontkit.GlyphRun {
  const known = font.runs[piece];
  if (known) return known;
  let run: fontkit.GlyphRun;
  if (font.features === SHAPING) {
    // from the build-time table when every character is in it: the same run, without the OpenType engine
    const fromTable = font.metrics && tableLayout(font.metrics, font.font, piece);
    if (fromTable) {
      font.runs[piece] = fromTable as unknown as fontkit.GlyphRun;
      return font.runs[piece];
    }
    const derived = withoutSpace(font, piece);
    if (derived) return derived;
    run = font.font.layout(piece, SHAPING);
  } else {
    const derived = withoutSpace(font, piece);
    if (derived) return derived;
    try {
      // a fresh object for full shaping: fontkit writes the script's features into the one it is given
      run = font.font.layout(piece, {});
    } catch {
      run = font.font.layout(piece, WITHOUT_MARK_POSITIONING());
    }
  }
  scaleRun(font, run);
  font.runs[piece] = run;
  return run;
}

/**
 * A word without its trailing space, taken from the word shaped with it
 * when the font proves a trailing space changes nothing (trailing-space.ts):
 * the line breaker measures most words both ways, and in an Indic face each
 * shaping is a whole run of fontkit's Indic shaper. Its glyphs and positions
 * are the spaced run's (already scaled), less the space; pdfkit reads no more.
 */
function withoutSpace(font: LoadedFont, piece: string): fontkit.GlyphRun | undefined {
  if (!piece || piece.endsWith(' ') || piece.endsWith('\t')) return undefined;
  const spaced = font.runs[`${piece} `];
  if (!spaced) return undefined;
  // proven by the build for the bundled faces, else read from the font's tables once
  font.inertSpace ??= spaceProvenInert(font.bytes) || spaceIsInert(font.font);
  if (!font.inertSpace || !endsInSpaceGlyph(font.font, spaced)) return undefined;
  const positions = spaced.positions.slice(0, -1);
  let advanceWidth = 0;
  // summed as fontkit's GlyphRun sums it, so the width is the same number to the last bit
  for (const p of positions) advanceWidth += p.xAdvance!;
  const run = { glyphs: spaced.glyphs.slice(0, -1), positions, advanceWidth } as unknown as fontkit.GlyphRun;
  font.runs[piece] = run;
  return run;
}

/** Distance from the top of a line box to the baseline, pt. */
export function ascent(font: LoadedFont, size: number): number {
  return (font.font.ascent / font.font.unitsPerEm) * size;
}
