/**
 * The PDF writer: leaflet markup → measured chunks → pages → pdfkit.
 *
 *   checkGlyphs   every character against the font chain, before layout
 *   layoutLeaflet MarkupElement → Flow (chunks with sizes, structure tree)
 *   paginate      Flow → LaidOutDocument (pages of positioned items: plain data)
 *   mirrorPages   right-to-left leaflets: the pages turned round (mirror.ts)
 *   paint         LaidOutDocument → bytes (the only step that touches pdfkit)
 */
import path from 'node:path';
import type { Result } from '../../model/diagnostic.js';
import type { LaidOutDocument } from '../../model/layout.js';
import type { Template } from '../../model/template.js';
import type { Composed } from '../../pipeline.js';
import { CODES } from '../../diagnostics/codes.js';
import { drawCounts, loadAssets, type LoadedAsset } from './assets.js';
import { svgDrawsProblems } from '../images.js';
import { chainFonts, loadFonts, type FontChain } from './fonts.js';
import { checkGlyphs, missingGlyphDiagnostics, type TextSources } from './glyphs.js';
import { layoutSteps } from './layout.js';
import { drive, finish, Interrupted, pacer, type Pace, type Steps } from '../../io/interrupt.js';
import { metadataOf } from './metadata.js';
import { mirrorPages } from './mirror.js';
import { paginate } from './paginate.js';
import { PAPER_SIZES, stylesFor } from './styles.js';
import { languageScript, scriptsIn } from './scripts.js';
import type { MarkupNode } from '../../model/markup.js';
import type { ScriptName } from '../../model/template.js';

export interface PdfOptions {
  template: Template;
  date: Date;
  /** lives as long as the Renderer: parsed fonts and other reusable state */
  cache: Map<string, unknown>;
  /** where the text came from, so a character no font has is reported at its line */
  sources?: TextSources;
  /** called between pieces of work so Ctrl-C can stop a long document (io/interrupt.ts) */
  pace?: Pace;
}

export interface LaidOut {
  document: LaidOutDocument;
  fonts: FontChain;
  assets: Map<string, LoadedAsset>;
}

/** Everything up to paint: the layout as data (tests compare it as JSON). */
export async function layoutPdf(composed: Composed, options: PdfOptions): Promise<Result<LaidOut>> {
  const prepared = await prepare(composed, options);
  if (!prepared.ok) return prepared;
  return finish(layoutPdfSteps(composed, prepared.value));
}

interface Prepared {
  fonts: FontChain;
  styles: ReturnType<typeof stylesFor>;
  assets: Map<string, LoadedAsset>;
}

/** Fonts, the glyph check and the images: every refusal before any layout work. */
async function prepare(composed: Composed, options: PdfOptions): Promise<Result<Prepared>> {
  const { view, tree } = composed;
  const theme = view.theme;
  const themeFile = path.join(options.template.dir, 'theme.yaml');
  // only the script faces the text needs are read: an Italian leaflet never opens the Chinese font
  let fonts = loadFonts(theme, options.cache, themeFile, { scripts: scriptsOfTree(tree), primary: languageScript(view.lang) });
  if (!fonts.ok) return fonts;
  const styles = stylesFor(theme);
  let missing = checkGlyphs(tree, fonts.value, styles.italic);
  const unread = (Object.keys(theme.fonts.scripts) as ScriptName[]).filter((s) => !fonts.ok || !fonts.value.scripts[s]);
  if (missing.size && unread.length) {
    // a character of no script the text names (U+1F100 "🄀" is in the Chinese face): every script face is tried before refusing it
    fonts = loadFonts(theme, options.cache, themeFile, { scripts: new Set(Object.keys(theme.fonts.scripts) as ScriptName[]), primary: languageScript(view.lang) });
    if (!fonts.ok) return fonts;
    missing = checkGlyphs(tree, fonts.value, styles.italic);
  }
  if (missing.size) {
    const files = [...Object.values(theme.fonts.body), ...theme.fonts.fallback, ...Object.values(theme.fonts.scripts).flatMap((f) => [f.regular, f.bold])];
    return { ok: false, diagnostics: missingGlyphDiagnostics(missing, view, options.sources ?? { sourceMaps: [] }, files) };
  }
  const assets = await loadAssets(view.assets);
  if (!assets.ok) return assets;
  return { ok: true, value: { fonts: fonts.value, styles, assets: assets.value }, warnings: [] };
}

function* layoutPdfSteps(composed: Composed, prepared: Prepared): Steps<Result<LaidOut>> {
  const { view, tree } = composed;
  const { fonts, styles, assets } = prepared;
  const size = PAPER_SIZES[view.paper] ?? PAPER_SIZES.a4!;
  const rtl = view.dir === 'rtl';
  const flow = yield* layoutSteps(tree, { styles, fonts, size, margins: view.theme.margins, assets, rtl });
  yield;
  const pages = paginate(flow, fonts);
  yield;
  // a right-to-left leaflet was laid out as its mirror image
  const document = rtl ? mirrorPages(pages) : pages;
  // an SVG is redrawn on every page that shows it: bound what the whole PDF draws
  const counts = drawCounts(document);
  const draws = view.assets.flatMap((a) => {
    const loaded = assets.get(a.id);
    return loaded?.elements !== undefined ? [{ asset: a, elements: loaded.elements, times: counts.get(a.id) ?? 0 }] : [];
  });
  const tooMany = svgDrawsProblems(draws);
  if (tooMany.length) return { ok: false, diagnostics: tooMany };
  return { ok: true, value: { document, fonts, assets }, warnings: [] };
}

/** The scripts of every character the markup holds, text and the attributes the writer prints. */
function scriptsOfTree(tree: MarkupNode, into: Set<ScriptName> = new Set()): Set<ScriptName> {
  if (tree.type === 'text') return scriptsIn(tree.value, into);
  for (const a of ['alt', 'data-format'] as const) if (tree.attrs[a]) scriptsIn(tree.attrs[a]!, into);
  for (const c of tree.children) scriptsOfTree(c, into);
  return into;
}

/** markup → boxes → pages → pdfkit. */
export async function writePdf(composed: Composed, options: PdfOptions): Promise<Result<{ bytes: Uint8Array; pages: number }>> {
  const pace = options.pace ?? pacer(undefined);
  const prepared = await prepare(composed, options);
  if (!prepared.ok) return prepared;
  await pace();
  const laid = await drive(layoutPdfSteps(composed, prepared.value), pace);
  if (!laid.ok) return laid;
  const { paint } = await import('./paint.js');
  try {
    const bytes = await paint(laid.value.document, {
      fonts: laid.value.fonts,
      assets: laid.value.assets,
      meta: metadataOf(composed.view, options.date),
      cache: options.cache,
      pace,
    });
    return { ok: true, value: { bytes, pages: laid.value.document.pages.length }, warnings: [] };
  } catch (e) {
    if (e instanceof Interrupted) throw e;
    // images were checked before layout; what is left here is a damaged file pdfkit could not decode
    return {
      ok: false,
      diagnostics: [{ code: CODES.WRITE_FAILED, severity: 'error', message: `The PDF could not be drawn: ${(e as Error).message}` }],
    };
  } finally {
    forgetUnmappedGlyphs(laid.value.fonts);
  }
}

/**
 * Subsetting makes fontkit create (and cache, per font, for the process)
 * glyphs it reaches through composite glyphs — the grave accent inside "è" —
 * with no characters. A later document that shapes "`" would get that cached
 * glyph, and pdfkit would write an empty Unicode mapping for it: the mark
 * shows, but copied or read aloud it is lost. Dropping those glyph objects
 * after each document lets the next one create them with their characters.
 */
function forgetUnmappedGlyphs(fonts: FontChain): void {
  for (const [, f] of chainFonts(fonts)) {
    const glyphs = (f.font as unknown as { _glyphs?: Record<number, { codePoints?: number[] }> })._glyphs;
    if (!glyphs) continue;
    for (const id of Object.keys(glyphs)) if (!glyphs[Number(id)]?.codePoints?.length) delete glyphs[Number(id)];
  }
}
