import PDFDocument from 'pdfkit';
import { fastTrueTypeSubset } from './subset.js';
import { drawSvg } from './svg-operators.js';
import { reuseDeflated } from './deflate-memo.js';
import type * as fontkit from 'fontkit';
import type { LaidOutDocument, PageItem, PlacedRun } from '../../model/layout.js';
import type { LoadedAsset } from './assets.js';
import { chainFonts, fontNamed, measure, measureRun, shapeRtl, type FontChain, type LoadedFont } from './fonts.js';
import { directionalRuns, hasRtl } from './bidi.js';
import { glyphCharacters, rtlTextOperators, type RtlGlyph } from './rtl-text.js';
import { infoOf, xmpOf, type PdfMetadata } from './metadata.js';
import { buildStructure, roleOf, type StructElement } from './structure.js';
import { linkAnnotations } from './links.js';
import type { Pace } from '../../io/interrupt.js';

type Doc = InstanceType<typeof PDFDocument>;

export interface PaintInput {
  fonts: FontChain;
  assets: ReadonlyMap<string, LoadedAsset>;
  meta: PdfMetadata;
  /** lives as long as the Renderer */
  cache: Map<string, unknown>;
  /** awaited before each page: a long document stops there on Ctrl-C */
  pace?: Pace;
}

/** pdfkit internals the writer relies on, checked by the tests against the pinned 0.17.2. */
interface DocInternals {
  _font: { constructor: new (doc: Doc, font: unknown, id: string) => unknown };
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  _addInfo: () => void;
  appendXML: (xml: string, newline?: boolean) => void;
  /** every content-stream operator pdfkit writes goes through it; paint.ts listens for BT and ET */
  addContent: (data: string) => Doc;
}

/** The only module that draws: laid-out pages → PDF bytes. */
export async function paint(laid: LaidOutDocument, input: PaintInput): Promise<Uint8Array> {
  const first = laid.pages[0]!;
  const doc = new PDFDocument({
    size: first.size,
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: input.meta.lang,
    displayTitle: true,
    // no standard font: loading Helvetica's metrics is wasted time, we never use it
    font: null as unknown as string,
    info: infoOf(input.meta) as PDFKit.DocumentInfo,
  });
  const internals = doc as unknown as DocInternals;
  internals._addInfo = () => internals.appendXML(xmpOf(input.meta));
  reuseDeflated(doc, input.cache);

  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  registerFonts(doc, input.fonts, input.cache, fontsUsed(laid));
  const images = new Map<string, unknown>();
  let svg: typeof import('svg-to-pdfkit').default | undefined;
  for (const a of input.assets.values()) {
    if (a.type === 'svg') svg ??= (await import('svg-to-pdfkit')).default;
    // opened once per document: the logo on every page is one image object
    else images.set(a.id, (doc as unknown as { openImage(src: Buffer): unknown }).openImage(Buffer.from(a.bytes)));
  }

  const { elements, place, end } = buildStructure(doc, laid.structure, laid.pages);
  const links = linkAnnotations(doc);
  type OutlineItem = ReturnType<Doc['outline']['addItem']>;
  const tops = new Map<number, OutlineItem>();

  for (const [index, page] of laid.pages.entries()) {
    await input.pace?.();
    doc.addPage({ size: page.size, margin: 0 });
    // pdfkit points a bookmark at the current page: add each while its section's first page is current
    laid.outline.forEach((o, k) => {
      if (o.page === index) tops.set(k, doc.outline.addItem(o.title));
      for (const c of o.children) if (c.page === index) tops.get(k)!.addItem(c.title);
    });
    for (const group of page.artifacts) {
      if (!group.items.length) continue;
      doc.markContent('Artifact', { type: group.kind });
      for (const item of group.items) draw(doc, item, input, images, svg, null);
      doc.endMarkedContent();
    }
    for (const item of page.items) draw(doc, item, input, images, svg, { elements, place, roleOf: (id) => roleOf(laid.structure, id), node: (id) => laid.structure.nodes[id]!, links });
  }
  await input.pace?.();
  end();
  // the structure tree and the fonts (subset, compressed) each take a while for a long leaflet
  await input.pace?.();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/**
 * Registers the parsed fonts with this document. pdfkit parses a font
 * again for every document it is given; handing it the font object parsed
 * once per process makes warm renders several times faster.
 */
function registerFonts(doc: Doc, fonts: FontChain, cache: Map<string, unknown>, used: ReadonlySet<string>) {
  const internals = doc as unknown as DocInternals;
  let Embedded = cache.get('pdf:EmbeddedFont') as DocInternals['_font']['constructor'] | undefined;
  const all: [string, LoadedFont][] = chainFonts(fonts);
  if (!Embedded) {
    // pdfkit does not export its embedded-font class; take it from a font it makes
    const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    probe.font(Buffer.from(all[0]![1].bytes));
    Embedded = (probe as unknown as DocInternals)._font.constructor;
    cache.set('pdf:EmbeddedFont', Embedded);
  }
  // only the fonts the pages draw with: an embedded font costs a subset and
  // glyph metrics even when unused. Ids stay those of the whole chain.
  const base = internals._fontCount;
  all.forEach(([name, f], i) => {
    if (!used.has(name)) return;
    const embedded = new Embedded(doc, f.font, `F${base + i + 1}`) as EmbeddedInternals;
    embedded.layoutCache = f.runs;
    fastTrueTypeSubset(embedded.subset);
    // a right-to-left run is drawn exactly as fonts.ts shaped and measured it
    // (right to left whatever its characters); pdfkit would pick the direction from the script
    const layout = embedded.layout.bind(embedded);
    embedded.layout = (text, features, onlyWidth) =>
      features === DRAW_RTL ? shapeRtl(f, text) : features ? layout(text, features, onlyWidth) : spaceSeparated(embedded, text, onlyWidth);
    internals._fontFamilies[name] = embedded;
  });
  internals._fontCount = base + all.length;
}

/** Names of the fonts any text or stamp on any page is drawn in. */
function fontsUsed(laid: LaidOutDocument): Set<string> {
  const used = new Set<string>();
  for (const page of laid.pages)
    for (const item of [...page.items, ...page.artifacts.flatMap((g) => g.items)]) {
      if (item.kind === 'text') for (const r of item.runs) used.add(r.font);
      else if (item.kind === 'stamp') used.add(item.font);
    }
  return used;
}

/** pdfkit 0.17.2's EmbeddedFont, the parts paint replaces. */
export interface EmbeddedInternals {
  layoutCache: unknown;
  subset: unknown;
  layout(text: string, features: unknown, onlyWidth?: boolean): unknown;
  layoutCached(piece: string): fontkit.GlyphRun;
}

/**
 * pdfkit's layout of text without features (pdfkit 0.17.2,
 * EmbeddedFont.layout): the text cut after every space and tab, each piece
 * from the font's run cache, the runs joined. Same pieces, same runs, same
 * order; without pdfkit's per-character array test and the arrays it copies
 * once a piece, which made it a tenth of drawing a page.
 */
export function spaceSeparated(embedded: EmbeddedInternals, text: string, onlyWidth?: boolean): unknown {
  const glyphs: fontkit.Glyph[] | null = onlyWidth ? null : [];
  const positions: fontkit.GlyphRun['positions'] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  const add = (piece: string) => {
    const run = embedded.layoutCached(piece);
    if (glyphs && positions)
      for (let g = 0; g < run.glyphs.length; g++) {
        glyphs.push(run.glyphs[g]!);
        positions.push(run.positions[g]!);
      }
    advanceWidth += run.advanceWidth;
  };
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      add(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) add(text.slice(last));
  return { glyphs, positions, advanceWidth };
}

/** The features value paint passes for a right-to-left run: registerFonts' layout answers it with shapeRtl's run. */
const DRAW_RTL = Object.freeze({}) as unknown as PDFKit.Mixins.OpenTypeFeatures[];

/**
 * Text whose glyphs do not follow its characters in order: right-to-left
 * runs (and Arabic fonts such as Noto Sans Arabic share one dotless glyph
 * between ب ت ث ن ي, so the font's Unicode map alone cannot tell them
 * apart), and Indic text where a vowel sign is drawn before its consonant
 * (कि) or letters fuse into a conjunct (क्ष). Such runs carry their
 * characters as ActualText, so copied, searched and read-aloud text is the
 * source text in logical order.
 */
const REORDERED = /[\u0900-\u09FF\uA8E0-\uA8FF]/;

/**
 * Whether a right-to-left run's glyphs, read from the right, carry exactly
 * its characters: then the font's Unicode map gives the text back (readers
 * such as poppler and pdf.js put right-to-left glyphs back into logical
 * order themselves) and ActualText, which those readers take as drawn left
 * to right, would reverse it. A mirrored bracket or a glyph shared by
 * several letters needs ActualText.
 */
function spellsText(run: fontkit.GlyphRun, text: string): boolean {
  let spelled = '';
  // ligatures hold their letters in drawing order (fonts.ts visualLigatures)
  for (let i = run.glyphs.length - 1; i >= 0; i--) spelled += String.fromCodePoint(...[...(run.glyphs[i] as unknown as { codePoints: number[] }).codePoints].reverse());
  return spelled === text;
}

interface Tagging {
  elements: Map<number, StructElement>;
  /** an inline element (a Link) joins its parent here, between the text drawn before it and after it */
  place: (id: number) => void;
  roleOf: (id: number) => string;
  node: (id: number) => LaidOutDocument['structure']['nodes'][number];
  links: ReturnType<typeof linkAnnotations>;
}

function draw(
  doc: Doc,
  item: PageItem,
  input: PaintInput,
  images: Map<string, unknown>,
  svg: typeof import('svg-to-pdfkit').default | undefined,
  tagging: Tagging | null,
) {
  switch (item.kind) {
    case 'rect': {
      doc.rect(item.x, item.y, item.width, item.height);
      if (item.fill && item.stroke) doc.lineWidth(item.lineWidth).fillAndStroke(item.fill, item.stroke);
      else if (item.fill) doc.fill(item.fill);
      else if (item.stroke) doc.lineWidth(item.lineWidth).stroke(item.stroke);
      return;
    }
    case 'line':
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).lineWidth(item.lineWidth).stroke(item.colour);
      return;
    case 'stamp': {
      doc.save();
      doc.fillOpacity(item.opacity);
      doc.font(item.font).fontSize(item.size).fillColor(item.colour);
      doc.rotate(item.angle, { origin: [item.x, item.y] });
      const w = doc.widthOfString(item.text);
      doc.text(item.text, item.x - w / 2, item.y, { lineBreak: false, baseline: 'middle' });
      doc.restore();
      return;
    }
    case 'image': {
      const asset = input.assets.get(item.asset)!;
      const place = () => {
        if (asset.type === 'svg')
          drawSvg(doc, svg!, Buffer.from(asset.bytes).toString('utf8'), item.x, item.y, { width: item.width, height: item.height, preserveAspectRatio: 'xMinYMin meet' }, input.cache);
        else doc.image(images.get(item.asset) as PDFKit.Mixins.ImageOption & string, item.x, item.y, { width: item.width, height: item.height });
      };
      if (tagging && item.struct !== null) {
        const content = doc.markStructureContent('Figure');
        place();
        doc.endMarkedContent();
        tagging.elements.get(item.struct)!.add(content);
      } else place();
      return;
    }
    case 'qr': {
      const place = () => {
        // one path of every dark run, filled once: rows that touch leave no seam between them
        for (const r of item.runs) doc.rect(item.x + (r.col + item.quiet) * item.module, item.y + (r.row + item.quiet) * item.module, r.length * item.module, item.module);
        doc.fill(item.colour);
      };
      if (tagging && item.struct !== null) {
        const content = doc.markStructureContent('Figure');
        place();
        doc.endMarkedContent();
        const element = tagging.elements.get(item.struct)!;
        element.add(content);
        // PDF/UA: a Figure says where it is on the page (default user space, origin bottom left), quiet zone included
        const side = (item.size + 2 * item.quiet) * item.module;
        const height = (doc as unknown as { page: { height: number } }).page.height;
        const round = (v: number) => Math.round(v * 100) / 100;
        (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
          O: 'Layout',
          BBox: [round(item.x), round(height - item.y - side), round(item.x + side), round(height - item.y)],
          Placement: 'Block',
        };
      } else place();
      return;
    }
    case 'text': {
      // consecutive runs of one structure element share one marked-content sequence
      let k = 0;
      while (k < item.runs.length) {
        const struct = item.runs[k]!.struct;
        let e = k;
        while (e + 1 < item.runs.length && item.runs[e + 1]!.struct === struct) e++;
        const runs = item.runs.slice(k, e + 1);
        if (!tagging) runs.forEach((r) => drawRun(doc, r, item.y, input.fonts));
        else if (struct === null) {
          doc.markContent('Artifact', { type: 'Layout' });
          runs.forEach((r) => drawRun(doc, r, item.y, input.fonts));
          doc.endMarkedContent();
        } else {
          tagging.place(struct);
          const content = doc.markStructureContent(tagging.roleOf(struct));
          runs.forEach((r) => drawRun(doc, r, item.y, input.fonts));
          doc.endMarkedContent();
          tagging.elements.get(struct)!.add(content);
          const n = tagging.node(struct);
          if (n.href) for (const r of runs) if (r.text.trim()) tagging.links.add(r, item.y, tagging.elements.get(struct)!, n.href, n.alt ?? n.href);
        }
        k = e + 1;
      }
      return;
    }
  }
}

function drawRun(doc: Doc, run: PlacedRun, baseline: number, fonts: FontChain) {
  doc.font(run.font).fontSize(run.size).fillColor(run.colour);
  const font = fontNamed(fonts, run.font);
  const options = { lineBreak: false, baseline: 'alphabetic' as const };
  /** whether the characters of a left-to-right piece must travel as ActualText */
  const actualFor = (text: string) => REORDERED.test(text);
  if (run.rtl) drawRtl(doc, font, run.text, run.x, baseline, run.size);
  else if (!hasRtl(run.text)) {
    // Every space-separated piece pdfkit will look up is shaped now, the way
    // layout measured it: a piece layout measured in parts (a line joins
    // "mini-" and "invasivo") would otherwise be shaped by pdfkit itself,
    // with every default feature, slower and not quite what was measured.
    measure(font, run.text, run.size);
    withActualText(doc, actualFor(run.text) ? run.text : null, () => doc.text(run.text, run.x, baseline, options));
  } else {
    // a run laid out before the bidirectional split (none today): its directional runs left to right,
    // each with its own ActualText, as each is its own text object
    let x = run.x;
    for (const d of directionalRuns(run.text)) {
      if (d.rtl) drawRtl(doc, font, d.text, x, baseline, run.size);
      else withActualText(doc, actualFor(d.text) ? d.text : null, () => doc.text(d.text, x, baseline, options));
      x += measureRun(font, d.text, run.size, d.rtl);
    }
  }
}

/** pdfkit 0.17.2's EmbeddedFont, the parts drawRtl writes a text object with. */
interface EmbeddedText {
  id: string;
  ref(): unknown;
  encode(text: string, features: unknown): [string[], fontkit.GlyphRun['positions']];
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
}

/**
 * Draws a right-to-left run exactly as fonts.ts shaped and measured it, in
 * one text object that rtl-text.ts writes: marks shaping moves off their
 * base and glyphs that show another character carry their characters in
 * spans of their own, so extracted text is the run in logical order.
 */
function drawRtl(doc: Doc, font: LoadedFont, text: string, x: number, baseline: number, size: number) {
  const target = doc as unknown as DocInternals & { _font: EmbeddedText; page: { height: number; fonts: Record<string, unknown> } };
  const embedded = target._font;
  const run = shapeRtl(font, text);
  // the Unicode map holds a ligature's letters in drawing order (fonts.ts visualLigatures)
  const codePoints = run.glyphs.map((g) => (g as unknown as { codePoints: number[] }).codePoints);
  const chars = glyphCharacters(codePoints, text);
  if (!chars) {
    // glyphs that do not add up to the text: the whole run carries it, as one span
    const spelled = spellsText(run, text);
    withActualText(doc, spelled ? null : text, () => doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', features: DRAW_RTL }));
    return;
  }
  const [encoded, positions] = embedded.encode(text, DRAW_RTL);
  const glyphs: RtlGlyph[] = encoded.map((hex, i) => {
    const p = positions[i]!;
    const own = String.fromCodePoint(...[...codePoints[i]!].reverse());
    const mark = p.xAdvance === 0 && p.advanceWidth === 0 && (p.xOffset !== 0 || p.yOffset !== 0);
    return { hex, xAdvance: p.xAdvance!, advanceWidth: p.advanceWidth!, xOffset: p.xOffset!, yOffset: p.yOffset!, actual: own === chars[i] ? null : chars[i]!, mark: mark ? chars[i]! : null, space: chars[i] === ' ' };
  });
  const carrier = glyphs.some((g) => g.mark !== null) ? carrierOf(embedded, font) : null;
  const height = target.page.height;
  target.page.fonts[embedded.id] ??= embedded.ref();
  // as pdfkit draws text: y down flipped to PDF's y up for the text object
  doc.save();
  doc.transform(1, 0, 0, -1, 0, height);
  for (const op of rtlTextOperators(glyphs, x, height - baseline, { font: embedded.id, size, carrier })) target.addContent(op);
  doc.restore();
}

/**
 * The subset id of a glyph with no ink and no width, mapped to U+200B (zero
 * width space), a format character pdf.js leaves out of copied text:
 * rtl-text.ts opens a mark's span with it. The font's own glyph for U+200B,
 * else its ".null" glyph (by TrueType convention among the first glyphs,
 * drawn for no character, as in Noto Sans Hebrew). Null when it has neither.
 */
function carrierOf(embedded: EmbeddedText, font: LoadedFont): string | null {
  const empty = (g: { advanceWidth: number; path: { commands: unknown[] } }) => g.advanceWidth === 0 && g.path.commands.length === 0;
  let id: number | undefined;
  if (font.font.hasGlyphForCodePoint(0x200b) && empty(font.font.glyphForCodePoint(0x200b))) id = font.font.glyphForCodePoint(0x200b).id;
  for (let i = 1; id === undefined && i < 4; i++) {
    const glyph = font.font.getGlyph(i) as ReturnType<LoadedFont['font']['glyphForCodePoint']> & { codePoints: number[] };
    if (empty(glyph) && glyph.codePoints.length === 0) id = i;
  }
  if (id === undefined) return null;
  const gid = embedded.subset.includeGlyph(id);
  embedded.widths[gid] ??= 0;
  embedded.unicode[gid] ??= [0x200b];
  return gid.toString(16).padStart(4, '0');
}

/**
 * Draws one text object (one pdfkit text call) with `actual` as its
 * ActualText, the marked-content span opened right after BT and closed
 * right before ET. pdfkit wraps each text object in q … Q with a
 * coordinate flip; a span around that would close (EMC) under the outer,
 * unflipped matrix, and poppler places a span's text by the matrix in
 * force at EMC: the words landed in the mirror image of the page, out of
 * reading order (a Devanagari word in an Italian note came out of
 * pdftotext many lines below its line). Inside the text object the matrix
 * at EMC is the one the glyphs were drawn with.
 */
function withActualText(doc: Doc, actual: string | null, drawText: () => void) {
  if (actual === null) return drawText();
  const target = doc as unknown as DocInternals;
  const addContent = target.addContent;
  let objects = 0;
  target.addContent = function (this: Doc, data: string) {
    if (data === 'ET') doc.endMarkedContent();
    addContent.call(this, data);
    if (data === 'BT') {
      // one text call is one text object: a second would carry the text again
      if (++objects > 1) throw new Error('withActualText: a text call drew more than one text object');
      doc.markContent('Span', { actual } as PDFKit.Mixins.MarkingOptions);
    }
    return this;
  };
  const own = Object.hasOwn(target, 'addContent');
  try {
    drawText();
  } finally {
    if (own) target.addContent = addContent;
    else delete (target as Partial<DocInternals>).addContent;
  }
}
