import type { LaidOutDocument, LaidOutPage, PageEnd, PageItem, PlacedBlock, RectItem } from '../../model/layout.js';
import { KEEP, type Chunk, type Flow } from './layout.js';
import { fontFor, fontNamed, hasExtraFonts, measure, type FontChain } from './fonts.js';
import { fontRuns } from './layout.js';
import { breakLines } from './text.js';

/**
 * Chunks → pages. A chain of chunks joined by `keepWithNext` (a heading
 * and the first lines after it, a callout, a key point, the two first and
 * two last lines of a paragraph) moves to the next page whole when it does
 * not fit; only a chain taller than a page is cut — and the patient box,
 * which starts on page 1 whatever its height. A cut never leaves a heading,
 * a label or a paragraph's first line last on the page (but the title,
 * which stays on page 1 where it fits), and a box that
 * continues on the next page opens there with a "continued" note. Every
 * chunk is placed exactly once, so no word is lost or repeated.
 */
export function paginate(flow: Flow, fonts: FontChain): LaidOutDocument {
  const { frame, chunks } = flow;
  const { content } = frame;
  /** the foot of the flow on the page being filled: page 1 may have a taller footer */
  const bottom = () => content.y + (pages.length === 1 && frame.first ? frame.first.contentHeight : content.height);
  const EPS = 0.01;

  interface Placed {
    chunk: Chunk;
    top: number;
  }
  const pages: Placed[][] = [[]];
  /** why each page (but the last) ends where it does */
  const ends: PageEnd[] = [];
  /** per page, the groups a "continued" note opened it for */
  const continuedOn: Set<number>[] = [new Set()];
  let y = content.y;
  const current = () => pages[pages.length - 1]!;
  const newPage = (rules: string[], moved: number) => {
    const area = bottom() - content.y;
    ends.push({ free: r(bottom() - y), area: r(area), moved: r(moved), rules });
    pages.push([]);
    continuedOn.push(new Set());
    y = content.y;
  };
  /** "continued" notes: a page holding only notes counts as empty */
  const notes = new WeakSet<Chunk>();
  const atPageTop = () => current().every((p) => notes.has(p.chunk));
  const place = (c: Chunk) => {
    if (!atPageTop()) y += c.spaceBefore;
    // a table row starting a page brings its header row along
    else if (c.repeat) {
      current().push({ chunk: c.repeat, top: y });
      y += c.repeat.height;
    }
    current().push({ chunk: c, top: y });
    y += c.height;
  };
  const chainHeight = (from: number, to: number, atTop: boolean) => {
    let h = atTop ? (chunks[from]!.repeat?.height ?? 0) : 0;
    for (let k = from; k <= to; k++) h += chunks[k]!.height + (k === from && atTop ? 0 : chunks[k]!.spaceBefore);
    return h;
  };
  const rulesOf = (from: number, to: number) => [...new Set(chunks.slice(from, to).flatMap((c) => (c.keepWithNext && c.why ? [c.why] : [])))];
  /**
   * Where a chain too tall for the page may be cut, best first: between
   * blocks (a FAQ tip and its answer, the ends of a list), then inside a box
   * that cannot be kept whole; never after a heading, a label or a first line.
   */
  const BETWEEN_BLOCKS = new Set<string>([KEEP.listEnds, KEEP.faqTip]);
  const INSIDE_BOX = new Set<string>([KEEP.callout, KEEP.keyPoint, KEEP.patient, KEEP.contacts, KEEP.figure, KEEP.draft, KEEP.notes]);
  const cutLevel = (c: Chunk) => (!c.keepWithNext || c.why === undefined || BETWEEN_BLOCKS.has(c.why) ? 1 : INSIDE_BOX.has(c.why) ? 2 : 3);

  /** H1 → 1, H2 → 2, H3 → 3: the heading a chunk draws, if any (a FAQ question is an H3) */
  const headingLevel = (c: Chunk) => {
    const group = c.groups.length ? flow.groups[c.groups[c.groups.length - 1]!] : undefined;
    if (group?.kind !== 'heading' && group?.kind !== 'faq-question') return null;
    for (const item of c.items) if (item.kind === 'text') for (const run of item.runs) if (run.struct !== null) return Number(/^H(\d)$/.exec(flow.structure.nodes[run.struct]!.role)?.[1] ?? 9);
    return null;
  };
  /** The last chunk of the highest-level heading in chunks from..to that another heading follows, or null. */
  const headingBreak = (from: number, to: number): number | null => {
    let best: number | null = null;
    let bestLevel = Infinity;
    for (let k = from; k <= to; k++) {
      const here = headingLevel(chunks[k]!);
      const next = chunks[k + 1];
      if (here === null || !next || next.groups[next.groups.length - 1] === chunks[k]!.groups[chunks[k]!.groups.length - 1] || headingLevel(next) === null) continue;
      if (here <= bestLevel) {
        best = k;
        bestLevel = here;
      }
    }
    return best;
  };

  /**
   * The outermost block kept whole (a callout, a key point…) that a cut after
   * chunk `k` would split, as the range of its chunks, or null.
   */
  const splitBlock = (k: number): { from: number; to: number } | null => {
    const next = chunks[k + 1];
    if (!next) return null;
    const g = chunks[k]!.groups.find((id) => flow.groups[id]!.unsplit && next.groups.includes(id));
    if (g === undefined) return null;
    let from = k;
    while (from > 0 && chunks[from - 1]!.groups.includes(g)) from--;
    let to = k + 1;
    while (to < chunks.length - 1 && chunks[to + 1]!.groups.includes(g)) to++;
    return { from, to };
  };
  /** The last chunk of the title (the one H1) among chunks from..to, when something else follows it there, or null. */
  const titleEnd = (from: number, to: number): number | null => {
    for (let k = from; k < to; k++) {
      const c = chunks[k]!;
      if (headingLevel(c) !== 1) continue;
      const g = c.groups[c.groups.length - 1];
      if (chunks[k + 1]!.groups[chunks[k + 1]!.groups.length - 1] !== g) return k;
    }
    return null;
  };

  /** Opens a page for chunk `at`: when it continues a box or an unsplit block from the page before, a note says so. */
  const turn = (at: number, rules: string[], moved: number) => {
    newPage(rules, moved);
    const prev = chunks[at - 1];
    const next = chunks[at];
    if (!prev || !next || !frame.continued) return;
    const boxesShared = commonPrefix(prev.boxes, next.boxes);
    const groupsShared = commonPrefix(prev.groups, next.groups).filter((g) => flow.groups[g]!.unsplit);
    if (!boxesShared.length && !groupsShared.length) return;
    const { text, style } = frame.continued;
    const inner = boxesShared.length ? flow.boxes[boxesShared[boxesShared.length - 1]!]! : null;
    const x = inner ? inner.x + inner.style.barWidth + inner.style.padding : content.x;
    const width = measure(fontNamed(fonts, style.face), text, style.size);
    const pad = inner ? inner.style.padding : 0;
    const note: Chunk = {
      height: style.lineHeight + pad,
      spaceBefore: 0,
      keepWithNext: true,
      items: [{ kind: 'text', y: pad + style.size, runs: [{ text, font: style.face, size: style.size, colour: style.colour, x, width, struct: null }] }],
      boxes: boxesShared,
      groups: [],
    };
    place(note);
    notes.add(note);
    for (const g of groupsShared) continuedOn[continuedOn.length - 1]!.add(g);
  };

  let i = 0;
  while (i < chunks.length) {
    let j = i;
    while (j < chunks.length - 1 && chunks[j]!.keepWithNext) j++;
    const atTop = atPageTop();
    const h = chainHeight(i, j, atTop);
    if (y + h <= bottom() + EPS) {
      for (let k = i; k <= j; k++) place(chunks[k]!);
      i = j + 1;
      continue;
    }
    // the patient box starts on page 1 even when the title before it is bound to it
    const mustStayHere = pages.length === 1 && chunks.slice(i, j + 1).some((c) => c.staysOnPage === true);
    // The title stays on page 1 where it fits: when what is bound to it does
    // not fit in what page 1 has left (below a draft notice, or after a long
    // large-print title on A5), that goes to page 2 and page 1 ends with the
    // title — never a page 1 holding only the draft notice, nor a box that
    // fits on a page cut only because the title is bound to it.
    const title = pages.length === 1 ? titleEnd(i, j) : null;
    const titleFits = title !== null && y + chainHeight(i, title, atTop) <= bottom() + EPS;
    /** Ends page 1 after the title; the page records what was bound to it, up to chunk `to`. */
    const endAfterTitle = (to: number, rules: string[]) => {
      for (let k = i; k <= title!; k++) place(chunks[k]!);
      turn(title! + 1, [...rules, TITLE_ENDS_PAGE], chainHeight(title! + 1, to, false));
      i = title! + 1;
    };
    if (!atTop && !mustStayHere && chainHeight(i, j, true) <= content.height + EPS) {
      // the next page is never the first: its area is content's
      if (titleFits) endAfterTitle(j, rulesOf(i, j));
      else turn(i, rulesOf(i, j), h);
      continue;
    }
    // taller than a page (or the patient box on page 1): cut the chain
    // where the page ends, at the last place a cut is allowed
    let m = i - 1;
    let yy = y;
    for (let k = i; k <= j; k++) {
      const add = (k === i && atTop ? 0 : chunks[k]!.spaceBefore) + chunks[k]!.height;
      if (yy + add > bottom() + EPS) break;
      yy += add;
      m = k;
    }
    const fit = m;
    let best = -1;
    for (const level of [1, 2]) {
      for (let k = fit; k >= i; k--)
        if (k === j || cutLevel(chunks[k]!) <= level) {
          best = k;
          break;
        }
      if (best >= i) break;
    }
    // the cut would split a block kept whole that fits on a page with the
    // section headings above it, and only the title bound to them makes the
    // chain too tall: the headings and the whole block open page 2. The
    // patient box is exempt: it starts on page 1 (cut there) whatever its height
    const split = best >= i && !mustStayHere ? splitBlock(best) : null;
    if (split && title !== null && title < split.from && chainHeight(title + 1, split.to, true) <= content.height + EPS) {
      endAfterTitle(j, rulesOf(i, j));
      continue;
    }
    // nothing on the page may legally end it: a chain of headings and first
    // lines taller than the page (a long large-print title on A5 with the first
    // section's heading, its question and the answer's first lines) is cut
    // between two of its headings, after the highest-level one that fits —
    // the title ends page 1, rather than a question broken over two pages —
    // and a heading taller than the page where the page ends
    const forced = best < i && atTop;
    if (forced) best = headingBreak(i, fit) ?? Math.max(fit, i);
    m = best;

    if (m < i) {
      // what moves is the least that may start a page: up to the first place it could end one
      let k = i;
      while (k < j && cutLevel(chunks[k]!) > 2) k++;
      if (titleFits) endAfterTitle(k, rulesOf(i, k + 1));
      else turn(i, rulesOf(i, k + 1), chainHeight(i, k, false));
      continue;
    }
    for (let k = i; k <= m; k++) place(chunks[k]!);
    // the page records that what followed was bound to it and taller than a page
    if (forced && m < j) turn(m + 1, [...rulesOf(i, j), NO_LEGAL_END], chainHeight(i, j, true));
    i = m + 1;
    // the rest of the chain is weighed again: it may fit in what is left of this page
  }
  if (pages.length > 1 && !current().length) {
    pages.pop();
    ends.pop();
  }

  const total = pages.length;
  const outline: LaidOutDocument['outline'] = [];
  const out: LaidOutPage[] = pages.map((placed, index) => {
    const items: PageItem[] = [];
    const decoration: PageItem[] = [];
    for (const { chunk, top } of placed) {
      for (const item of chunk.items) {
        const moved = shift(item, top);
        const isContent = (moved.kind === 'text' && moved.runs.some((r) => r.struct !== null)) || ((moved.kind === 'image' || moved.kind === 'qr') && moved.struct !== null);
        (isContent ? items : decoration).push(moved);
      }
      if (chunk.bookmark) {
        const entry = { title: chunk.bookmark.title, page: index };
        if (chunk.bookmark.level === 2 || !outline.length) outline.push({ ...entry, children: [] });
        else outline[outline.length - 1]!.children.push(entry);
      }
    }
    // backgrounds first; the DRAFT mark over them (it vanished under the summary's and the callouts' fills), the text over both
    const artifacts: LaidOutPage['artifacts'] = [{ kind: 'Layout', items: [...boxRects(flow, placed), ...decoration] }];
    const stamp: PageItem[] = [];
    if (frame.draft) {
      const s = flow.stamp;
      const diagonal = Math.hypot(frame.size[0], frame.size[1]);
      // the mark in the leaflet's language: 草稿 and مسودة from their script's bold face
      const font = fontFor(fonts, 'bold', frame.draft.codePointAt(0)!) ?? 'bold';
      const unit = measure(fontNamed(fonts, font), frame.draft, 1);
      const size = Math.min(s.size, (diagonal * 0.55) / unit);
      stamp.push({ kind: 'stamp', text: frame.draft, font, size: r(size), colour: s.colour, opacity: s.opacity, x: r(frame.size[0] / 2), y: r(frame.size[1] / 2), angle: -Math.round((Math.atan2(frame.size[1], frame.size[0]) * 180) / Math.PI) });
      artifacts.push({ kind: 'Layout', items: stamp });
    }
    const onFirst = index === 0 && frame.first !== null;
    const footer = [...(onFirst ? frame.first!.footer : frame.footer)];
    if (frame.pageLabel) {
      const { format, style, right } = frame.pageLabel;
      const labelY = onFirst ? frame.first!.labelY : frame.pageLabel.y;
      const text = format.replace('{page}', String(index + 1)).replace('{pages}', String(total));
      if (frame.rtl || hasExtraFonts(fonts)) {
        // "الصفحة 1 من 5", "第 1 页，共 5 页": the label's own fonts and direction
        const [line] = breakLines(fontRuns(fonts, [{ text, font: style.face, size: style.size, colour: style.colour, struct: null }]), Number.MAX_SAFE_INTEGER, fonts, frame.rtl);
        const left = right - (line?.width ?? 0);
        footer.push({ kind: 'text', y: labelY, runs: (line?.pieces ?? []).map((p) => ({ text: p.text, font: p.font, size: p.size, colour: p.colour, x: left + p.x, width: p.width, struct: null, ...(p.rtl && { rtl: p.rtl }) })) });
      } else {
        const width = measure(fontNamed(fonts, style.face), text, style.size);
        footer.push({ kind: 'text', y: labelY, runs: [{ text, font: style.face, size: style.size, colour: style.colour, x: right - width, width, struct: null }] });
      }
    }
    artifacts.push({ kind: 'Pagination', items: [...frame.header, ...footer].map(round) });
    const end = ends[index];
    return { size: frame.size, ...(end && { end }), artifacts: artifacts.map((a) => ({ ...a, items: a.items.map(round) })), items: items.map(round) };
  });
  return { pages: out, structure: flow.structure, outline, blocks: placedBlocks(flow, pages, continuedOn) };
}

/** Why a page ends after a heading: what is bound to it is taller than any page, and no place in it may end a page. */
export const NO_LEGAL_END = 'the headings and first lines bound together are taller than a page: cut between headings';

/** Why page 1 ends after the title: what is bound to the title does not fit in what page 1 has left, and the title stays on page 1. */
export const TITLE_ENDS_PAGE = 'what is bound to the title does not fit in what is left of page 1: the title ends the page';

/** Each block's pages and the number of its lines or rows on each (chunks that draw content, not a box's padding). */
function placedBlocks(flow: Flow, pages: { chunk: Chunk }[][], continuedOn: Set<number>[]): PlacedBlock[] {
  const out: PlacedBlock[] = flow.groups.map((g) => ({ kind: g.kind, parent: g.parent, pages: [], height: 0, gap: 0, continued: [] }));
  const seen = new Set<number>();
  pages.forEach((placed, page) => {
    for (const { chunk } of placed)
      for (const g of chunk.groups) {
        const b = out[g]!;
        if (seen.has(g)) b.height += chunk.height + chunk.spaceBefore;
        else {
          b.height += chunk.height;
          b.gap = chunk.spaceBefore;
          seen.add(g);
        }
        // the ruled lines of a notes block are what it holds, as a paragraph's lines are
        if (!chunk.items.some((it) => it.kind === 'text' || it.kind === 'image' || it.kind === 'qr' || (it.kind === 'line' && b.kind === 'notes'))) continue;
        const last = b.pages[b.pages.length - 1];
        if (last?.page === page) last.lines++;
        else b.pages.push({ page, lines: 1 });
      }
    for (const g of continuedOn[page] ?? []) out[g]!.continued.push(page);
  });
  for (const b of out) {
    b.height = r(b.height);
    b.gap = r(b.gap);
  }
  return out;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < Math.min(a.length, b.length) && a[k] === b[k]; k++) out.push(a[k]!);
  return out;
}

/** The backgrounds, bars and borders of the boxes on one page, from their first to their last chunk there. */
function boxRects(flow: Flow, placed: { chunk: Chunk; top: number }[]): RectItem[] {
  const spans = new Map<number, { top: number; bottom: number }>();
  for (const { chunk, top } of placed)
    for (const id of chunk.boxes) {
      const s = spans.get(id);
      if (!s) spans.set(id, { top, bottom: top + chunk.height });
      else s.bottom = top + chunk.height;
    }
  const out: RectItem[] = [];
  for (const id of [...spans.keys()].sort((a, b) => a - b)) {
    const { top, bottom } = spans.get(id)!;
    const box = flow.boxes[id]!;
    const st = box.style;
    const height = bottom - top;
    if (st.fill || st.stroke) out.push({ kind: 'rect', x: box.x, y: top, width: box.width, height, fill: st.fill, stroke: st.stroke, lineWidth: st.stroke ? 1 : 0 });
    if (st.bar) out.push({ kind: 'rect', x: box.x, y: top, width: st.barWidth, height, fill: st.bar, stroke: null, lineWidth: 0 });
  }
  return out;
}

function shift(item: PageItem, dy: number): PageItem {
  switch (item.kind) {
    case 'text':
      return { ...item, y: item.y + dy };
    case 'line':
      return { ...item, y1: item.y1 + dy, y2: item.y2 + dy };
    case 'rect':
    case 'image':
    case 'stamp':
    case 'qr':
      return { ...item, y: item.y + dy };
  }
}

const r = (v: number) => Math.round(v * 100) / 100;

/** Two decimals: the layout JSON stays readable and stable across runs. */
function round(item: PageItem): PageItem {
  switch (item.kind) {
    case 'text':
      return { ...item, y: r(item.y), runs: item.runs.map((run) => ({ ...run, x: r(run.x), width: r(run.width) })) };
    case 'line':
      return { ...item, x1: r(item.x1), y1: r(item.y1), x2: r(item.x2), y2: r(item.y2) };
    case 'rect':
    case 'image':
      return { ...item, x: r(item.x), y: r(item.y), width: r(item.width), height: r(item.height) };
    case 'qr':
      // the module size stays exact: rounded, the code would drift by a hundredth of a point a module
      return { ...item, x: r(item.x), y: r(item.y) };
    case 'stamp':
      return item;
  }
}
