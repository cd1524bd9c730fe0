import type { MarkupElement, MarkupNode } from '../../model/markup.js';
import type { BlockKind, FaceName, ImageItem, PageItem, StructNode, StructRole, StructureTree, TextItem } from '../../model/layout.js';
import { textOf } from '../../model/markup.js';
import type { Theme } from '../../model/template.js';
import type { LoadedAsset } from './assets.js';
import { ascent, fontFor, fontNamed, hasExtraFonts, measure, type FontChain } from './fonts.js';
import { breakLines, type InlineRun, type Line } from './text.js';
import { mm, type BoxStyle, type Styles, type TextStyle } from './styles.js';
import { finish, type Steps } from '../../io/interrupt.js';
import { tableChunks, type BlockKit } from './blocks/table.js';
import { checkBox, ruledLines } from './blocks/marks.js';
import { qrCode, qrSideMm } from '../qr.js';
import { besideFits, cutAfterLines, figureSize, SIDE_HEIGHT_SHARE } from './blocks/figure.js';

/**
 * An unbreakable vertical slice of the leaflet: one line of a paragraph,
 * a heading line, an image, the padding of a box. Pagination only moves
 * whole chunks; `keepWithNext` chains say which must share a page.
 */
export interface Chunk {
  height: number;
  /** space above, dropped at the top of a page */
  spaceBefore: number;
  keepWithNext: boolean;
  /** the rule that binds it to the next chunk (KEEP), reported when a page ends early */
  why?: string;
  /**
   * The chain starting here is never moved to the next page whole; it is
   * cut where the page ends instead (the patient box starts on page 1).
   */
  staysOnPage?: boolean;
  /** y relative to the chunk's top */
  items: PageItem[];
  /** boxes (callouts, key points…) this chunk is inside, outermost first */
  boxes: number[];
  /** a section heading starts here */
  bookmark?: { title: string; level: 2 | 3 };
  /** drawn first when this chunk starts a page: a table's header row, as an Artifact */
  repeat?: Chunk;
  /** the blocks (Flow.groups) this chunk belongs to, outermost first */
  groups: number[];
}

/** The rules that bind a chunk to the next, by name: the pagination reports them when a page ends early. */
export const KEEP = {
  heading: 'a heading stays with what follows',
  label: 'a label stays with its text',
  orphan: 'no orphan or widow line',
  listEnds: 'a list never leaves its first or last item alone',
  callout: 'a callout is not split',
  keyPoint: 'a key point is not split',
  patient: 'the patient box is not split',
  contacts: 'the contacts are not split',
  figure: 'a figure stays with its caption',
  /** never cut, even in a figure taller than a page: an image alone at the foot of a page, its caption overleaf */
  caption: 'an image keeps the first lines of its caption',
  draft: 'the draft notice is not split',
  faqTip: 'a FAQ tip stays with the end of its answer',
  notesStart: 'the prompt for notes stays with its first lines',
  notes: 'the lines for notes are not split',
} as const;

/** Ruled lines for notes that never leave their prompt: a prompt alone at the foot of a page is no use. */
export const NOTES_HELD = 3;

/** A block the pagination rules speak of; `unsplit` ones are kept on one page when they fit. */
export interface Group {
  kind: BlockKind;
  unsplit: boolean;
  parent: number | null;
}

export interface BoxSpec {
  id: number;
  x: number;
  width: number;
  style: BoxStyle;
}

/** Everything repeated on each page, laid out once. */
export interface PageFrame {
  size: [number, number];
  /** the area the flow fills (on the first page, see `first`) */
  content: { x: number; y: number; width: number; height: number };
  header: PageItem[];
  /** document control lines; the page label is placed per page */
  footer: PageItem[];
  pageLabel: { format: string; y: number; right: number; style: TextStyle } | null;
  /** the note that opens a page where a box continues, "(continua)"; null when the template gives none */
  continued: { text: string; style: TextStyle } | null;
  /**
   * The first page, when its footer differs (a narrow page prints the
   * publication date there only): the height of its flow area, its footer
   * and the baseline of its page label. Otherwise null.
   */
  first: { contentHeight: number; footer: PageItem[]; labelY: number } | null;
  draft: string | null;
  /** the page reads right to left (the page label is laid out as a right-to-left line too) */
  rtl: boolean;
}

export interface Flow {
  chunks: Chunk[];
  boxes: BoxSpec[];
  groups: Group[];
  structure: StructureTree;
  frame: PageFrame;
  stamp: Styles['draftStamp'];
}

export interface LayoutInput {
  styles: Styles;
  fonts: FontChain;
  size: [number, number];
  margins: Theme['margins'];
  assets: ReadonlyMap<string, LoadedAsset>;
  /**
   * A right-to-left leaflet: every line is laid out as its mirror image and
   * the finished pages are mirrored (mirror.ts), so the page reads from the
   * right — list markers, callout bars and labels included.
   */
  rtl?: boolean;
}

interface Ctx {
  x: number;
  width: number;
  struct: number;
  boxes: number[];
  /** the colour of a box's label (callouts) */
  accent?: string;
  /** inside the large-print article: one column, figures as wide as the column (as its style.css) */
  largePrint?: boolean;
}

/** markup → chunks in reading order, with the structure tree they belong to. */
export function layoutLeaflet(tree: MarkupElement, input: LayoutInput): Flow {
  return finish(layoutSteps(tree, input));
}

/** The same, pausing after every block so that a long leaflet can be interrupted (io/interrupt.ts). */
export function* layoutSteps(tree: MarkupElement, input: LayoutInput): Steps<Flow> {
  const { styles, fonts } = input;
  const rtl = input.rtl === true;
  const [pageWidth, pageHeight] = input.size;
  const m = { top: mm(input.margins.top), right: mm(input.margins.right), bottom: mm(input.margins.bottom), left: mm(input.margins.left) };
  const frame = frameOf(tree, input, { x: m.left, y: m.top, width: pageWidth - m.left - m.right, height: pageHeight - m.top - m.bottom });
  const content = frame.content;

  const nodes: StructNode[] = [];
  const node = (role: StructRole, parent: number | null, alt?: string, actual?: string): number => {
    const id = nodes.length;
    nodes.push({ id, role, ...(alt !== undefined && { alt }), ...(actual !== undefined && { actual }), children: [] });
    if (parent !== null) nodes[parent]!.children.push(id);
    return id;
  };
  const root = node('Document', null);
  const chunks: Chunk[] = [];
  const boxes: BoxSpec[] = [];
  const groups: Group[] = [];
  /** the blocks being laid out, outermost first: every chunk emitted now belongs to them */
  const open: number[] = [];
  const group = (kind: BlockKind, unsplit: boolean, body: () => void) => {
    const parent = open[open.length - 1] ?? null;
    open.push(groups.length);
    groups.push({ kind, unsplit, parent });
    try {
      body();
    } finally {
      open.pop();
    }
  };
  /** the same, around blocks laid out step by step */
  function* grouped(kind: BlockKind, unsplit: boolean, body: () => Steps<void>): Steps<void> {
    const parent = open[open.length - 1] ?? null;
    open.push(groups.length);
    groups.push({ kind, unsplit, parent });
    try {
      yield* body();
    } finally {
      open.pop();
    }
  }
  /** binds a chunk to the next, naming the rule unless a narrower one already did */
  const bind = (c: Chunk, why: string) => {
    c.keepWithNext = true;
    c.why ??= why;
  };
  /** set after a heading: the next block sits close under it and stays with it */
  let afterHeading = false;

  // ---- inline text -------------------------------------------------------

  const faceOf = (bold: boolean, italic: boolean): FaceName => (bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular');

  /** The runs of an element holding inline content, whitespace collapsed as a browser would. */
  const runsOf = (el: MarkupElement, style: TextStyle, struct: number | null, skip?: (n: MarkupNode) => boolean): InlineRun[] => {
    const raw: InlineRun[] = [];
    const baseBold = style.face === 'bold' || style.face === 'boldItalic';
    const baseItalic = style.face === 'italic' || style.face === 'boldItalic';
    const walk = (n: MarkupNode, bold: boolean, italic: boolean, s: number | null, colour: string, phone = false) => {
      if (skip?.(n)) return;
      if (n.type === 'text') {
        // a phone number is never broken across lines: its spaces do not break (U+00A0)
        const text = n.value.replace(/[ \t\r\n\f]+/g, ' ');
        raw.push({ text: phone ? text.replace(/ /g, '\u00a0') : text, font: faceOf(bold, italic), size: style.size, colour, struct: s });
        return;
      }
      if (n.tag === 'br') {
        raw.push({ text: '\n', font: faceOf(bold, italic), size: style.size, colour, struct: s });
        return;
      }
      if (n.tag === 'img') return;
      let b = bold;
      let i = italic;
      let c = colour;
      let st = s;
      if (n.tag === 'strong') b = true;
      // large print sets emphasis upright and bold instead of italic (UKAAF: no italics)
      if (n.tag === 'em') styles.italic ? (i = true) : (b = true);
      if (n.attrs['aria-hidden'] === 'true') {
        st = null;
        c = styles.colours.primary;
      }
      // a link is its own Link element with alternate text; paint puts a link annotation over its text (PDF/UA-1 7.18.5)
      if (n.tag === 'a' && n.attrs.href && st !== null) {
        st = node('Link', st, textOf(n).replace(/\s+/g, ' ').trim() || n.attrs.href);
        nodes[st]!.href = n.attrs.href;
        nodes[st]!.inline = true;
        c = styles.colours.primary;
      }
      // a part in another language than its paragraph is its own Span carrying /Lang (PDF/UA, WCAG 3.1.2)
      if (n.attrs.lang && st !== null) {
        st = node('Span', st);
        nodes[st]!.lang = n.attrs.lang;
        nodes[st]!.inline = true;
      }
      if (n.classes.includes('point-label') || n.classes.includes('number')) {
        b = true;
        c = styles.colours.primary;
      }
      const tel = phone || (n.tag === 'a' && /^tel:/i.test(n.attrs.href ?? ''));
      for (const ch of n.children) walk(ch, b, i, st, c, tel);
    };
    // an element in another language (a patient's note, a brand footer in English) says so on its own structure element
    if (el.attrs.lang && struct !== null) nodes[struct]!.lang = el.attrs.lang;
    for (const ch of el.children) walk(ch, baseBold, baseItalic, struct, style.colour);
    // collapse spaces across runs, trim the ends
    const out: InlineRun[] = [];
    let prevSpace = true;
    for (const r of raw) {
      let text = r.text;
      if (text === '\n') {
        const last = out[out.length - 1];
        if (last) last.text = last.text.replace(/ +$/, '');
        out.push(r);
        prevSpace = true;
        continue;
      }
      if (prevSpace) text = text.replace(/^ /, '');
      if (!text) continue;
      prevSpace = text.endsWith(' ');
      out.push({ ...r, text });
    }
    for (let k = out.length - 1; k >= 0; k--) {
      const t = out[k]!.text.replace(/ +$/, '');
      if (t) {
        out[k]!.text = t;
        break;
      }
      out.splice(k, 1);
    }
    return withFallbackFonts(out);
  };

  const withFallbackFonts = (runs: InlineRun[]): InlineRun[] => fontRuns(fonts, runs);

  const lineItems = (line: Line, x: number, style: TextStyle): { item: TextItem; baseline: number } => {
    const face = fontNamed(fonts, 'regular').font;
    const contentHeight = ((face.ascent - face.descent) / face.unitsPerEm) * style.size;
    const baseline = (style.lineHeight - contentHeight) / 2 + ascent(fontNamed(fonts, 'regular'), style.size);
    return {
      baseline,
      item: {
        kind: 'text',
        y: baseline,
        runs: line.pieces.map((p) => ({ text: p.text, font: p.font, size: p.size, colour: p.colour, x: x + p.x, width: p.width, struct: p.struct, ...(p.rtl && { rtl: p.rtl }) })),
      },
    };
  };

  /**
   * A paragraph as one chunk a line. The first line keeps with the second
   * (no orphan) and the last but one with the last (no widow).
   */
  const paragraph = (
    runs: InlineRun[],
    style: TextStyle,
    ctx: Ctx,
    gap: number,
    opts: { x?: number; width?: number; first?: PageItem[]; keep?: boolean; why?: string; bookmark?: Chunk['bookmark'] } = {},
  ): Chunk[] => {
    const x = opts.x ?? ctx.x;
    const lines = breakLines(runs, opts.width ?? ctx.width, fonts, rtl);
    if (!lines.length && opts.first) lines.push({ pieces: [], width: 0 });
    const out: Chunk[] = lines.map((line, i) => {
      const { item } = lineItems(line, x, style);
      const items: PageItem[] = [item];
      if (i === 0 && opts.first) items.unshift(...opts.first);
      return {
        height: style.lineHeight,
        spaceBefore: i === 0 ? gap : 0,
        keepWithNext: opts.keep === true || (lines.length >= 2 && (i === 0 || i === lines.length - 2)),
        ...(opts.keep === true ? { why: opts.why ?? KEEP.heading } : lines.length >= 2 && (i === 0 || i === lines.length - 2) ? { why: KEEP.orphan } : {}),
        items,
        boxes: ctx.boxes,
        groups: [],
      };
    });
    if (out[0] && opts.bookmark) out[0].bookmark = opts.bookmark;
    return out;
  };

  const emit = (cs: Chunk[]) => {
    if (!cs.length) return;
    if (afterHeading) {
      cs[0]!.spaceBefore = Math.min(cs[0]!.spaceBefore, styles.space.afterHeading);
      afterHeading = false;
    }
    for (const c of cs) c.groups = [...open];
    chunks.push(...cs);
  };

  const gapFor = (ctx: Ctx, first: boolean, normal: number) => (first && ctx.boxes.length && isBoxStart() ? 0 : normal);
  /** inside a box, the first block sits on the box's padding */
  let boxStart = false;
  const isBoxStart = () => boxStart;

  // ---- blocks ------------------------------------------------------------

  const heading = (el: MarkupElement, ctx: Ctx) => {
    const level = el.tag === 'h1' ? 1 : el.tag === 'h2' ? 2 : 3;
    const style = el.classes.includes('question') ? styles.question : level === 1 ? styles.h1 : level === 2 ? styles.h2 : styles.h3;
    const role: StructRole = level === 1 ? 'H1' : level === 2 ? 'H2' : 'H3';
    const id = node(role, ctx.struct);
    const inSection = parentSection.get(el);
    // the title keeps a section's space from the draft notice above it (they touched); at the top of a page it is dropped
    const gap = level === 1 ? styles.space.section : level === 2 ? styles.space.section : el.classes.includes('question') ? styles.space.section * 0.7 : styles.space.section * 0.8;
    const cs = paragraph(runsOf(el, style, id), style, ctx, gapFor(ctx, true, gap), {
      keep: true,
      bookmark: inSection ? { title: textOf(el).replace(/\s+/g, ' ').trim(), level: level === 3 ? 3 : 2 } : undefined,
    });
    if (level <= 2 && cs.length) {
      // a rule under section titles, as in the HTML
      const last = cs[cs.length - 1]!;
      const y = last.height + 2;
      last.items.push({ kind: 'line', x1: ctx.x, y1: y, x2: ctx.x + ctx.width, y2: y, colour: level === 1 ? styles.colours.primary : styles.colours.accent, lineWidth: level === 1 ? 1.5 : 1 });
      last.height += 5;
    }
    boxStart = false;
    group(el.classes.includes('question') ? 'faq-question' : 'heading', false, () => emit(cs));
    afterHeading = true;
  };

  const para = (el: MarkupElement, ctx: Ctx) => {
    const cls = el.classes;
    let style = styles.body;
    let gap = styles.space.paragraph;
    if (cls.includes('subtitle')) {
      style = styles.subtitle;
      gap = 4;
    } else if (cls.includes('callout-label') || cls.includes('note-label')) {
      style = { ...styles.label, colour: ctx.accent ?? styles.colours.primary };
    } else if (cls.includes('when') || cls.includes('past-note')) {
      style = { ...styles.body, face: 'bold', colour: cls.includes('when') ? styles.colours.primary : styles.colours.text };
    } else if (cls.includes('urgent-call')) {
      style = { ...styles.body, size: styles.body.size * 1.15, lineHeight: styles.body.lineHeight * 1.15 };
    } else if (ctx.accent && !boxStart) gap = styles.space.paragraph * 0.5;
    const id = node('P', ctx.struct);
    const cs = paragraph(runsOf(el, style, id), style, ctx, gapFor(ctx, true, gap));
    // a callout's label stays with its text, a timeline step's time with what to do then
    if (cls.includes('callout-label') || cls.includes('note-label') || cls.includes('when') || cls.includes('past-note')) for (const c of cs) bind(c, KEEP.label);
    boxStart = false;
    group('paragraph', false, () => emit(cs));
  };

  const list = (el: MarkupElement, ctx: Ctx) => group('list', false, () => listItems(el, ctx));
  const listItems = (el: MarkupElement, ctx: Ctx) => {
    if (el.classes.includes('points')) return points(el, ctx);
    const l = node('L', ctx.struct);
    const numbered = el.tag === 'ol';
    // a box to tick on paper, drawn as a square (an artifact), never a font glyph that a font may lack
    const checklist = el.classes.includes('checklist');
    let n = Number(el.attrs.start ?? 1) || 1;
    let first = true;
    const items = el.children.filter((c): c is MarkupElement => c.type === 'element');
    for (const li of items) {
      const item = node('LI', l);
      const lbl = node('Lbl', item);
      const body = node('LBody', item);
      const labelText = numbered ? `${n++}.` : checklist ? '' : '•';
      const labelStyle: TextStyle = numbered ? { ...styles.body, face: 'bold', colour: styles.colours.primary } : { ...styles.body, colour: styles.colours.primary };
      const { item: label } = lineItems(
        { pieces: [{ text: labelText, font: labelStyle.face, size: labelStyle.size, colour: labelStyle.colour, struct: lbl, x: 0, width: 0 }], width: 0 },
        ctx.x + (numbered ? 0 : styles.indent * 0.25),
        labelStyle,
      );
      const gap = first ? gapFor(ctx, true, styles.space.paragraph) : styles.space.list;
      const cs = paragraph(runsOf(li, styles.body, body), styles.body, ctx, gap, {
        x: ctx.x + styles.indent,
        width: ctx.width - styles.indent,
        first: checklist ? [checkBox(ctx.x, lineItems({ pieces: [], width: 0 }, 0, styles.body).baseline, styles.body.size, styles.colours.text)] : [label],
      });
      // no list leaves its first or last item alone on a page
      const index = items.indexOf(li);
      if (items.length >= 3 && (index === 0 || index === items.length - 2)) bind(cs[cs.length - 1]!, KEEP.listEnds);
      group('list-item', false, () => emit(cs));
      first = false;
      boxStart = false;
    }
  };

  /**
   * Key points: each in its own tinted box with its circled number, never
   * split. The number is the item's Lbl, as a step's "1." is; a screen
   * reader is given "1" (ActualText), not "circled digit one".
   */
  const points = (el: MarkupElement, ctx: Ctx) => {
    const l = node('L', ctx.struct);
    let first = true;
    let n = 0;
    for (const li of el.children) {
      if (li.type !== 'element') continue;
      n++;
      const item = node('LI', l);
      const marker = li.children.find((c): c is MarkupElement => c.type === 'element' && c.classes.includes('marker'));
      const lbl = marker ? node('Lbl', item, undefined, String(n)) : null;
      const body = node('LBody', item);
      const style = styles.boxes.point;
      const box = openBox(style, ctx);
      const inner = { ...ctx, boxes: [...ctx.boxes, box.id] };
      const markerWidth = styles.marker.size * 1.25;
      const x = ctx.x + style.padding;
      const parent = open[open.length - 1] ?? null;
      open.push(groups.length);
      groups.push({ kind: 'key-point', unsplit: true, parent });
      const start = chunks.length;
      emit([spacer(style.padding, first ? gapFor(ctx, true, styles.space.paragraph) : styles.space.list * 2, inner)]);
      const markerRun: PageItem[] = [];
      if (marker) {
        const text = textOf(marker).trim();
        const w = measure(fontNamed(fonts, styles.marker.face), text, styles.marker.size);
        // the circled number's baseline sits on the first line's
        const bodyBaseline = lineItems({ pieces: [], width: 0 }, 0, styles.body).baseline;
        markerRun.push({
          kind: 'text',
          y: bodyBaseline + styles.marker.size * 0.12,
          runs: [{ text, font: styles.marker.face, size: styles.marker.size, colour: styles.marker.colour, x: x + (markerWidth - w) / 2 - 2, width: w, struct: lbl }],
        });
      }
      const runs = runsOf(li, styles.body, body, (n) => n === marker);
      boxStart = true;
      emit(paragraph(runs, styles.body, inner, 0, { x: x + markerWidth, width: ctx.width - 2 * style.padding - markerWidth, first: markerRun }));
      emit([spacer(style.padding, 0, inner)]);
      keepTogether(start, KEEP.keyPoint);
      open.pop();
      first = false;
      boxStart = false;
    }
  };

  const spacer = (height: number, gap: number, ctx: Ctx): Chunk => ({ height, spaceBefore: gap, keepWithNext: false, items: [], boxes: ctx.boxes, groups: [] });
  const openBox = (style: BoxStyle, ctx: Ctx): BoxSpec => {
    const b = { id: boxes.length, x: ctx.x, width: ctx.width, style };
    boxes.push(b);
    return b;
  };
  /** Chunks from `start` on stay on one page when they fit on one. */
  const keepTogether = (start: number, why: string) => {
    for (let i = start; i < chunks.length - 1; i++) bind(chunks[i]!, why);
  };

  /** A callout, the summary, the patient box, the draft notice: blocks on a tinted or bordered box. */
  function* boxed(el: MarkupElement, ctx: Ctx, style: BoxStyle, role: StructRole | null, keep: string | null): Steps<void> {
    const box = openBox(style, ctx);
    const struct = role ? node(role, ctx.struct) : ctx.struct;
    const inset = style.barWidth + style.padding;
    const inner: Ctx = { x: ctx.x + inset, width: ctx.width - inset - style.padding, struct, boxes: [...ctx.boxes, box.id], accent: style.bar ?? style.stroke ?? undefined };
    const start = chunks.length;
    const wasAfterHeading = afterHeading;
    emit([spacer(style.padding, gapFor(ctx, true, el.classes.includes('callout') ? styles.space.callout : styles.space.paragraph), inner)]);
    if (wasAfterHeading) bind(chunks[start]!, KEEP.heading);
    boxStart = true;
    yield* blocks(el.children, inner);
    afterHeading = false;
    emit([spacer(style.padding, 0, inner)]);
    if (keep) keepTogether(start, keep);
    boxStart = false;
  }

  /**
   * Label/value pairs (the patient box). The label column is as wide as the
   * longest label needs — the whole label when that takes at most a third of
   * the box, never less than its longest word, so no label breaks inside a
   * word ("Accompagnat/ore"). When even that leaves the value too little room
   * (large print on A5), each label stands on its own line above its value.
   */
  const definitions = (el: MarkupElement, ctx: Ctx) => {
    const l = node('L', ctx.struct);
    const labelStyle: TextStyle = { ...styles.body, face: 'bold' };
    const kids = el.children.filter((c): c is MarkupElement => c.type === 'element');
    const pairs: { dt: MarkupElement; dd: MarkupElement | undefined }[] = [];
    for (let i = 0; i < kids.length; i++) if (kids[i]!.tag === 'dt') pairs.push({ dt: kids[i]!, dd: kids[i + 1]?.tag === 'dd' ? kids[++i] : undefined });
    const widthOf = (runs: InlineRun[]) => Math.max(0, ...breakLines(runs, Number.MAX_SAFE_INTEGER, fonts, rtl).map((line) => line.width));
    const labelRuns = (dt: MarkupElement, struct: number | null) => runsOf(dt, labelStyle, struct);
    let longestLabel = 0;
    let longestWord = 0;
    for (const { dt } of pairs) {
      const runs = labelRuns(dt, null);
      longestLabel = Math.max(longestLabel, widthOf(runs));
      for (const word of runs.map((r) => r.text).join('').split(/\s+/))
        if (word) longestWord = Math.max(longestWord, widthOf(withFallbackFonts([{ text: word, font: 'bold', size: labelStyle.size, colour: labelStyle.colour, struct: null }])));
    }
    const gap = styles.body.size * 0.75;
    const narrowest = longestWord + gap;
    // a value column narrower than about ten ems holds two or three words a line: not worth keeping beside the label
    const stacked = narrowest > ctx.width * 0.45 || ctx.width - narrowest < styles.body.size * 10;
    const labelWidth = stacked ? ctx.width : Math.max(narrowest, Math.min(longestLabel + gap, ctx.width / 3));
    let first = true;
    for (const { dt, dd } of pairs) {
      const item = node('LI', l);
      const lbl = node('Lbl', item);
      const body = dd ? node('LBody', item) : null;
      const gapAbove = first ? gapFor(ctx, true, styles.space.paragraph) : styles.space.list;
      first = false;
      boxStart = false;
      if (stacked) {
        // the label keeps with the first lines of its value
        const label = paragraph(labelRuns(dt, lbl), labelStyle, ctx, gapAbove, { keep: dd !== undefined, why: KEEP.label });
        const value = dd && body !== null ? paragraph(runsOf(dd, styles.body, body), styles.body, ctx, 0) : [];
        emit([...label, ...value]);
        continue;
      }
      const labelLines = breakLines(labelRuns(dt, lbl), labelWidth - gap, fonts, rtl);
      const valueLines = dd && body !== null ? breakLines(runsOf(dd, styles.body, body), ctx.width - labelWidth, fonts, rtl) : [];
      const rows = Math.max(labelLines.length, valueLines.length, 1);
      const items: PageItem[] = [];
      for (let r = 0; r < rows; r++) {
        const shift = r * styles.body.lineHeight;
        for (const [lines, x] of [[labelLines, ctx.x], [valueLines, ctx.x + labelWidth]] as const) {
          const line = lines[r];
          if (!line) continue;
          const { item: t } = lineItems(line, x, styles.body);
          t.y += shift;
          items.push(t);
        }
      }
      // reading order: the label, then its value
      items.sort((a, b) => (a.kind === 'text' && b.kind === 'text' ? (a.runs[0]?.struct ?? 0) - (b.runs[0]?.struct ?? 0) || a.y - b.y : 0));
      emit([{ height: rows * styles.body.lineHeight, spaceBefore: gapAbove, keepWithNext: false, items, boxes: ctx.boxes, groups: [] }]);
    }
  };

  const captionStyle = (): TextStyle => ({ ...styles.small, face: (styles.italic ? 'italic' : 'regular') as FaceName });

  /** The image's size at its place: its share of the column, the whole column in large print (docs/templates.md, "Figures in print"). */
  const sizeOf = (el: MarkupElement, asset: LoadedAsset, ctx: Ctx) => {
    const share = Number(el.attrs['data-width']) / 100;
    return figureSize({ image: asset, share: share > 0 ? share : null, column: ctx.width, area: content.height, wholeColumn: ctx.largePrint === true });
  };

  const figure = (el: MarkupElement, ctx: Ctx) => {
    const img = el.tag === 'img' ? el : el.children.find((c): c is MarkupElement => c.type === 'element' && c.tag === 'img');
    const caption = el.children.find((c): c is MarkupElement => c.type === 'element' && c.tag === 'figcaption');
    const asset = img ? input.assets.get((img.attrs.src ?? '').replace(/^asset:/, '')) : undefined;
    if (img && asset) {
      const fig = node('Figure', ctx.struct, img.attrs.alt ?? '');
      const { width: w, height: h } = sizeOf(el, asset, ctx);
      const image: ImageItem = { kind: 'image', asset: asset.id, x: ctx.x, y: 0, width: w, height: h, struct: fig };
      emit([{ height: h, spaceBefore: gapFor(ctx, true, styles.space.paragraph), keepWithNext: caption !== undefined, ...(caption && { why: KEEP.caption }), items: [image], boxes: ctx.boxes, groups: [] }]);
    }
    if (caption) {
      const id = node('P', ctx.struct);
      const style = captionStyle();
      emit(paragraph(runsOf(caption, style, id), style, ctx, 3));
    }
    boxStart = false;
  };

  /**
   * The leaflet online: the QR code (a Figure with alternative text, drawn
   * as vector squares) and beside it the address in text, with its link.
   * One piece, never split. When the column beside the code would hold
   * fewer than about ten ems a line, or not the address's scheme and host
   * on one line (large print on A5), the text goes under the code instead.
   */
  const online = (el: MarkupElement, ctx: Ctx) => {
    const qr = el.children.find((c): c is MarkupElement => c.type === 'element' && c.classes.includes('qr'));
    const items: PageItem[] = [];
    let codeSide = 0;
    if (qr?.attrs['data-qr']) {
      const code = qrCode(qr.attrs['data-qr']);
      const module = mm(qrSideMm(code)) / code.size;
      codeSide = (code.size + 2 * code.quiet) * module;
      const fig = node('Figure', ctx.struct, qr.attrs['aria-label'] ?? '');
      items.push({ kind: 'qr', x: ctx.x, y: 0, module, size: code.size, quiet: code.quiet, runs: code.runs, colour: '#000000', struct: fig });
    }
    // beside the code only when that column holds ten ems and the address's scheme and host unbroken (they never break)
    const host = /^https:\/\/[^/?#]*/i.exec(qr?.attrs['data-qr'] ?? '')?.[0] ?? '';
    const room = ctx.width - codeSide - styles.body.size * 0.5;
    const beside = room >= Math.max(styles.body.size * 10, measure(fontNamed(fonts, 'regular'), host, styles.body.size));
    const textX = beside && codeSide ? ctx.x + codeSide + styles.body.size * 0.5 : ctx.x;
    const textWidth = ctx.x + ctx.width - textX;
    let top = beside ? 0 : codeSide;
    for (const p of el.children) {
      if (p.type !== 'element' || p.tag !== 'p') continue;
      const id = node('P', ctx.struct);
      for (const line of breakLines(runsOf(p, styles.body, id), textWidth, fonts, rtl)) {
        const { item } = lineItems(line, textX, styles.body);
        item.y += top;
        items.push(item);
        top += styles.body.lineHeight;
      }
    }
    emit([{ height: Math.max(top, codeSide), spaceBefore: gapFor(ctx, true, styles.space.paragraph), keepWithNext: false, items, boxes: ctx.boxes, groups: [] }]);
    boxStart = false;
  };

  /** A paragraph of body text, the only kind that flows beside a side figure. */
  const plainParagraph = (n: MarkupNode | undefined): n is MarkupElement => n?.type === 'element' && n.tag === 'p' && n.classes.length === 0;

  /**
   * A figure with side placement (`side-start`, `side-end`) beside the
   * paragraphs that follow it in its section, as the HTML floats it: the
   * image and its caption in a column of the figure's width on that side
   * (the right-hand one of a right-to-left page after mirroring), the text
   * in the rest of the column, then back to the full column below the
   * figure. The figure and the lines beside it are one chunk, so no page
   * separates them and no line runs under the image; a paragraph reaching
   * below the figure goes on at full width, bound to it by the orphan rule.
   * Null when the figure goes above the text instead (docs/templates.md,
   * "Figures in print": large print, a text column narrower than
   * SIDE_MEASURE_EMS, a caption's narrower than SIDE_CAPTION_EMS, a figure
   * taller than SIDE_HEIGHT_SHARE of the page, no paragraph after it).
   */
  const sideFigure = (el: MarkupElement, ctx: Ctx, after: readonly MarkupNode[]): { band: Chunk; used: Set<MarkupNode>; rest: Chunk[] } | null => {
    const side = el.classes.includes('side-start') ? 'start' : el.classes.includes('side-end') ? 'end' : null;
    if (side === null || ctx.largePrint === true) return null;
    const img = el.children.find((c): c is MarkupElement => c.type === 'element' && c.tag === 'img');
    const caption = el.children.find((c): c is MarkupElement => c.type === 'element' && c.tag === 'figcaption');
    const asset = img ? input.assets.get((img.attrs.src ?? '').replace(/^asset:/, '')) : undefined;
    const following: MarkupElement[] = [];
    for (const n of after) {
      if (n.type === 'text') continue;
      if (!plainParagraph(n)) break;
      following.push(n);
    }
    if (!img || !asset || !following.length) return null;
    const { width: w, height: h } = sizeOf(el, asset, ctx);
    const gutter = styles.body.size; // the HTML's 1em margin beside a floated figure
    const style = captionStyle();
    if (!besideFits(ctx.width, w, gutter, styles.body.size, caption ? style.size : null)) return null;
    const captionLines = caption ? breakLines(runsOf(caption, style, null), w, fonts, rtl) : [];
    const figureHeight = h + (captionLines.length ? 3 + captionLines.length * style.lineHeight : 0);
    if (figureHeight > content.height * SIDE_HEIGHT_SHARE) return null;

    // from here on the figure is placed beside the text: structure elements in source order
    const figX = side === 'start' ? ctx.x : ctx.x + ctx.width - w;
    const textX = side === 'start' ? ctx.x + w + gutter : ctx.x;
    const textWidth = ctx.width - w - gutter;
    const fig = node('Figure', ctx.struct, img.attrs.alt ?? '');
    const items: PageItem[] = [{ kind: 'image', asset: asset.id, x: figX, y: 0, width: w, height: h, struct: fig }];
    if (caption) {
      const id = node('P', ctx.struct);
      breakLines(runsOf(caption, style, id), w, fonts, rtl).forEach((line, i) => {
        const { item } = lineItems(line, figX, style);
        item.y += h + 3 + i * style.lineHeight;
        items.push(item);
      });
    }
    const used = new Set<MarkupNode>();
    let rest: Chunk[] = [];
    let y = 0;
    const body = styles.body;
    for (const [k, p] of following.entries()) {
      if (k > 0) {
        if (y + styles.space.paragraph >= figureHeight) break;
        y += styles.space.paragraph;
      }
      used.add(p);
      const id = node('P', ctx.struct);
      const runs = runsOf(p, body, id);
      // the lines whose top is beside the figure; the rest goes on at full width below it
      const beside = Math.max(1, Math.ceil((figureHeight - y) / body.lineHeight));
      const cut = cutAfterLines(runs, breakLines(runs, textWidth, fonts, rtl), beside, (before) => breakLines(before, textWidth, fonts, rtl));
      if (cut.rest.length) rest = paragraph(cut.rest, body, ctx, 0);
      for (const line of cut.kept) {
        const { item } = lineItems(line, textX, body);
        item.y += y;
        items.push(item);
        y += body.lineHeight;
      }
      if (rest.length) break;
    }
    const band: Chunk = { height: Math.max(figureHeight, y), spaceBefore: gapFor(ctx, true, styles.space.paragraph), keepWithNext: false, items, boxes: ctx.boxes, groups: [] };
    // the rest of a paragraph cut by the figure's foot keeps its first line with the lines beside the figure
    if (rest.length) bind(band, KEEP.orphan);
    return { band, used, rest };
  };

  const parentSection = new WeakMap<MarkupElement, boolean>();

  const kit: BlockKit = {
    styles,
    fonts,
    node: (role, parent) => node(role, parent),
    nodeAt: (id) => nodes[id]!,
    runsOf: (el, style, struct) => runsOf(el, style, struct),
    lineItems,
    paragraph: (runs, style, ctx, gap, opts) => paragraph(runs, style, { ...ctx, struct: root }, gap, opts),
  };

  /**
   * A FAQ item: the question keeps with the first lines of its answer (a
   * heading's rule) and the practical tip with the last lines of it — the
   * tip landed on the next page, cut off from its question.
   */
  let inFaq = false;
  function* faqItem(el: MarkupElement, ctx: Ctx): Steps<void> {
    inFaq = true;
    try {
      for (const c of el.children) {
        if (c.type !== 'element') continue;
        if (c.classes.includes('callout') && chunks.length) bind(chunks[chunks.length - 1]!, KEEP.faqTip);
        yield* blocks([c], ctx);
      }
    } finally {
      inFaq = false;
    }
  }

  /**
   * The patient box is not split when it fits on a page, and it starts on
   * page 1 in every template and paper size: when the rest of page 1 cannot
   * hold it, it is cut there and continues on page 2 under a "continued" note.
   */
  const patientBox = (el: MarkupElement, ctx: Ctx) =>
    grouped('patient-box', true, function* () {
      const start = chunks.length;
      yield* boxed(el, ctx, styles.boxes.patient, 'Div', KEEP.patient);
      if (chunks[start]) chunks[start].staysOnPage = true;
    });

  /** The clinic's contacts close the leaflet in one piece: a split left the last page holding one line. */
  const contacts = (el: MarkupElement, ctx: Ctx) =>
    grouped('contacts', true, function* () {
      const start = chunks.length;
      yield* blocks(el.children, ctx);
      keepTogether(start, KEEP.contacts);
    });

  /**
   * Room for the patient's questions: the prompt, then ruled lines. The
   * prompt never ends a page: it keeps with the first NOTES_HELD lines, and
   * the whole block stays on one page when it fits (the lines landed on the
   * page after their heading and prompt); a block taller than a page is cut
   * between lines, under a "continued" note.
   */
  function* notes(el: MarkupElement, ctx: Ctx): Steps<void> {
    const start = chunks.length;
    yield* blocks(el.children, ctx);
    const lines = ruledLines(Number(el.attrs['data-lines']) || 0, ctx, styles.body.lineHeight * 1.6, styles.colours.muted);
    if (chunks.length > start && lines.length) bind(chunks[chunks.length - 1]!, KEEP.label);
    for (const line of lines.slice(0, NOTES_HELD - 1)) if (line !== lines[lines.length - 1]) bind(line, KEEP.notesStart);
    emit(lines);
    keepTogether(start, KEEP.notes);
    boxStart = false;
  }

  function* blocks(children: readonly MarkupNode[], ctx: Ctx): Steps<void> {
    /** paragraphs already laid out beside a side figure */
    const done = new Set<MarkupNode>();
    for (const [index, c] of children.entries()) {
      if (c.type !== 'element' || done.has(c)) continue;
      yield;
      const cls = c.classes;
      switch (c.tag) {
        case 'h1':
        case 'h2':
        case 'h3':
          heading(c, ctx);
          break;
        case 'p':
        case 'figcaption':
          para(c, ctx);
          break;
        case 'ul':
        case 'ol':
          list(c, ctx);
          break;
        case 'dl':
          definitions(c, ctx);
          break;
        case 'table':
          emit(tableChunks(c, ctx, gapFor(ctx, true, styles.space.paragraph), kit));
          boxStart = false;
          break;
        case 'figure':
        case 'img': {
          const beside = c.tag === 'figure' ? sideFigure(c, ctx, children.slice(index + 1)) : null;
          if (beside) {
            group('figure', true, () => emit([beside.band]));
            for (const p of beside.used) done.add(p);
            if (beside.rest.length) group('paragraph', false, () => emit(beside.rest));
            boxStart = false;
            break;
          }
          group('figure', true, () => {
            const start = chunks.length;
            figure(c, ctx);
            keepTogether(start, KEEP.figure);
          });
          break;
        }
        case 'section': {
          const sect = node('Sect', ctx.struct);
          for (const h of c.children) if (h.type === 'element' && /^h[23]$/.test(h.tag) && !h.classes.includes('question')) parentSection.set(h, true);
          yield* blocks(c.children, { ...ctx, struct: sect });
          break;
        }
        case 'aside':
          yield* patientBox(c, ctx);
          break;
        case 'div':
          if (cls.includes('urgent')) yield* grouped('callout', true, () => boxed(c, ctx, styles.boxes.urgent, 'Div', KEEP.callout));
          else if (cls.includes('notes')) yield* grouped('notes', true, () => notes(c, ctx));
          else if (cls.includes('callout')) yield* grouped(inFaq ? 'faq-tip' : 'callout', true, () => boxed(c, ctx, cls.includes('warning') ? styles.boxes.warning : styles.boxes.tip, 'Div', KEEP.callout));
          else if (cls.includes('summary')) yield* grouped('summary', false, () => boxed(c, ctx, styles.boxes.summary, 'Div', null));
          else if (cls.includes('draft-mark')) yield* grouped('draft', true, () => boxed(c, ctx, styles.boxes.draft, 'Div', KEEP.draft));
          else if (cls.includes('faq-item')) yield* faqItem(c, ctx);
          else if (cls.includes('answer')) yield* grouped('faq-answer', false, () => blocks(c.children, ctx));
          else if (cls.includes('contacts')) yield* contacts(c, ctx);
          else if (cls.includes('online')) group('figure', true, () => online(c, ctx));
          else yield* blocks(c.children, ctx);
          break;
        case 'header':
        case 'footer':
          break;
        default:
          // main, article and groupings the contract may add: their children flow in order
          if (c.children.some((k) => k.type === 'text' && k.value.trim())) para(c, ctx);
          else yield* blocks(c.children, cls.includes('large-print') ? { ...ctx, largePrint: true } : ctx);
      }
    }
  }

  yield* blocks(tree.children, { x: content.x, width: content.width, struct: root, boxes: [], ...(tree.classes.includes('large-print') && { largePrint: true }) });

  return {
    chunks,
    boxes,
    groups,
    structure: { root, nodes },
    frame,
    stamp: styles.draftStamp,
  };
}

/** A character of another script, or one the face lacks, is drawn from the font of the chain that has it (fonts.ts). */
export function fontRuns(fonts: FontChain, runs: InlineRun[]): InlineRun[] {
  if (!hasExtraFonts(fonts)) return runs;
  const out: InlineRun[] = [];
  for (const r of runs) {
    let current = '';
    let font = r.font;
    let previous: string | undefined;
    for (const ch of r.text) {
      const f = fontFor(fonts, r.font as FaceName, ch.codePointAt(0)!, previous) ?? r.font;
      previous = f;
      if (f !== font && current) {
        out.push({ ...r, text: current, font });
        current = '';
      }
      font = f;
      current += ch;
    }
    if (current) out.push({ ...r, text: current, font });
  }
  return out;
}

/** Header (logo, brand name), footer (document control, page label) and the DRAFT mark: the same on every page. */
function frameOf(tree: MarkupElement, input: LayoutInput, content: PageFrame['content']): PageFrame {
  const { styles, fonts } = input;
  const [pageWidth, pageHeight] = input.size;
  const find = (el: MarkupElement, test: (e: MarkupElement) => boolean): MarkupElement | undefined => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (test(c)) return c;
      const deep = find(c, test);
      if (deep) return deep;
    }
    return undefined;
  };
  const plain = (el: MarkupNode) => textOf(el).replace(/\s+/g, ' ').trim();
  const rtl = input.rtl === true;
  const line = (text: string, style: TextStyle, x: number, y: number): TextItem => {
    if (!rtl && !hasExtraFonts(fonts))
      return {
        kind: 'text',
        y,
        runs: [{ text, font: style.face, size: style.size, colour: style.colour, x, width: measure(fontNamed(fonts, style.face), text, style.size), struct: null }],
      };
    // the brand's name in another script: its fonts and its direction
    const [laid] = breakLines(fontRuns(fonts, [{ text, font: style.face, size: style.size, colour: style.colour, struct: null }]), Number.MAX_SAFE_INTEGER, fonts, rtl);
    return { kind: 'text', y, runs: (laid?.pieces ?? []).map((p) => ({ text: p.text, font: p.font, size: p.size, colour: p.colour, x: x + p.x, width: p.width, struct: null, ...(p.rtl && { rtl: p.rtl }) })) };
  };

  const header: PageItem[] = [];
  const headerEl = find(tree, (e) => e.tag === 'header');
  const top = mm(8);
  const bandHeight = Math.max(12, content.y - top - mm(5));
  if (headerEl) {
    const logo = find(headerEl, (e) => e.tag === 'img');
    const asset = logo ? input.assets.get((logo.attrs.src ?? '').replace(/^asset:/, '')) : undefined;
    let x = content.x;
    let h = 0;
    if (asset) {
      h = Math.min(styles.logoHeight, bandHeight);
      const w = Math.min((asset.width / asset.height) * h, content.width * 0.4);
      h = (w * asset.height) / asset.width;
      header.push({ kind: 'image', asset: asset.id, x, y: top, width: w, height: h, struct: null });
      x += w + 10;
    }
    const brandEl = find(headerEl, (e) => e.classes.includes('brand-name'));
    const name = brandEl ? plain(brandEl) : '';
    if (name) {
      const s = styles.header;
      const mid = top + Math.max(h, s.lineHeight) / 2;
      header.push(line(name, s, x, mid + s.size * 0.35));
      h = Math.max(h, s.lineHeight);
    }
    if (h > 0) {
      const y = top + h + mm(2);
      header.push({ kind: 'line', x1: content.x, y1: y, x2: content.x + content.width, y2: y, colour: styles.colours.accent, lineWidth: 1 });
    }
  }

  let footer: PageItem[] = [];
  let pageLabel: PageFrame['pageLabel'] = null;
  let first: PageFrame['first'] = null;
  let area = content;
  const footerEl = find(tree, (e) => e.tag === 'footer');
  if (footerEl) {
    const s = styles.footer;
    const labelEl = find(footerEl, (e) => e.classes.includes('page-label'));
    const format = labelEl?.attrs['data-format'] ?? null;
    const reserve = format ? measure(fontNamed(fonts, s.face), format.replace('{page}', '88').replace('{pages}', '88'), s.size) + 12 : 0;
    const texts: string[] = [];
    for (const p of footerEl.children) if (p.type === 'element' && !p.classes.includes('pagination') && plain(p)) texts.push(plain(p));
    const wrap = (text: string, width: number) => breakLines(fontRuns(fonts, [{ text, font: s.face, size: s.size, colour: s.colour, struct: null }]), width, fonts, rtl);

    /**
     * Footer lines anchored to the foot of the page, the page label on line
     * `labelOn` (right-aligned); a footer with more lines takes its room from
     * the text above, never runs off the sheet.
     */
    const build = (lines: Line[], labelOn: number) => {
      const last = pageHeight - mm(7);
      let y = last - Math.max(0, lines.length - 1) * s.lineHeight;
      const ruleY = y - ascent(fontNamed(fonts, s.face), s.size) - 3;
      const items: PageItem[] = [{ kind: 'line', x1: content.x, y1: ruleY, x2: content.x + content.width, y2: ruleY, colour: styles.colours.accent, lineWidth: 1 }];
      let labelY = y;
      lines.forEach((l, i) => {
        if (i === labelOn) labelY = y;
        if (l.pieces.length) items.push({ kind: 'text', y, runs: l.pieces.map((pc) => ({ ...pc, x: content.x + pc.x })) });
        y += s.lineHeight;
      });
      return { items, labelY, height: Math.min(content.height, ruleY - mm(4) - content.y) };
    };

    const [control = '', ...others] = texts;
    const beside = wrap(control, content.width - reserve);
    let every: ReturnType<typeof build>;
    if (beside.length <= 1) {
      // the document control line fits beside the page label: one footer on every page
      every = build([...beside, ...others.flatMap((t) => wrap(t, content.width - reserve))], 0);
    } else {
      // A narrow page (A5, large print): the control line wrapped beside the
      // page label took four lines of an A5 page in large print. Every page
      // keeps the leading parts of the line that fit on one line — the
      // reference and the version, which identify the leaflet — with the page
      // label beside them when it fits, else on a line of its own under them.
      // The rest (the publication date) is printed on the first page only.
      const parts = control.split(' · ');
      let kept = 1;
      while (kept < parts.length && wrap(parts.slice(0, kept + 1).join(' · '), content.width).length === 1) kept++;
      const head = parts.slice(0, kept).join(' · ');
      const shared = !format || wrap(head, content.width - reserve).length === 1;
      const headLines = wrap(head, shared ? content.width - reserve : content.width);
      const rest = parts.length > kept ? wrap(parts.slice(kept).join(' · '), content.width) : [];
      const tail = others.flatMap((t) => wrap(t, content.width));
      const own: Line[] = shared || !format ? [] : [{ pieces: [], width: 0 }];
      every = build([...headLines, ...tail, ...own], shared ? 0 : headLines.length + tail.length);
      if (rest.length) {
        const one = build([...headLines, ...rest, ...tail, ...own], shared ? 0 : headLines.length + rest.length + tail.length);
        first = { contentHeight: one.height, footer: one.items, labelY: one.labelY };
      }
    }
    footer = every.items;
    area = { ...content, height: every.height };
    if (format) pageLabel = { format, y: every.labelY, right: content.x + content.width, style: s };
  }

  const labelEl = footerEl ? find(footerEl, (e) => e.classes.includes('page-label')) : undefined;
  const continuedText = labelEl?.attrs['data-continued']?.trim();
  const continued = continuedText ? { text: continuedText, style: { ...styles.small, colour: styles.colours.muted } } : null;

  const notice = find(tree, (e) => e.classes.includes('draft-mark'));
  const draft = notice ? plain(find(notice, (e) => e.tag === 'strong') ?? notice).split(' ')[0] || 'DRAFT' : null;
  void pageWidth;
  return { size: input.size, content: area, header, footer, pageLabel, continued, first, draft, rtl };
}
