import type { LaidOutDocument, LaidOutPage, PageItem, RectItem } from '../../model/layout.js';
import type { Chunk, Flow } from './layout.js';
import { fontFor, fontNamed, hasExtraFonts, measure, type FontChain } from './fonts.js';
import { fontRuns } from './layout.js';
import { breakLines } from './text.js';

/**
 * Chunks → pages. A chain of chunks joined by `keepWithNext` (a heading
 * and the first lines after it, a callout, a key point, the two first and
 * two last lines of a paragraph) moves to the next page whole when it does
 * not fit; only a chain taller than a page is cut, chunk by chunk. Every
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
  let y = content.y;
  const current = () => pages[pages.length - 1]!;
  const newPage = () => {
    pages.push([]);
    y = content.y;
  };
  const place = (c: Chunk) => {
    if (current().length) y += c.spaceBefore;
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

  let i = 0;
  while (i < chunks.length) {
    let j = i;
    while (j < chunks.length - 1 && chunks[j]!.keepWithNext) j++;
    const atTop = current().length === 0;
    const h = chainHeight(i, j, atTop);
    if (y + h <= bottom() + EPS) {
      for (let k = i; k <= j; k++) place(chunks[k]!);
      i = j + 1;
    } else if (!atTop && chainHeight(i, j, true) <= content.height + EPS) {
      // the next page is never the first: its area is content's
      newPage();
    } else if (atTop || y + chunks[i]!.spaceBefore + chunks[i]!.height <= bottom() + EPS) {
      // taller than a page: cut the chain where the page ends
      place(chunks[i]!);
      i++;
    } else newPage();
  }
  if (pages.length > 1 && !current().length) pages.pop();

  const total = pages.length;
  const outline: LaidOutDocument['outline'] = [];
  const out: LaidOutPage[] = pages.map((placed, index) => {
    const items: PageItem[] = [];
    const decoration: PageItem[] = [];
    for (const { chunk, top } of placed) {
      for (const item of chunk.items) {
        const moved = shift(item, top);
        const isContent = (moved.kind === 'text' && moved.runs.some((r) => r.struct !== null)) || (moved.kind === 'image' && moved.struct !== null);
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
    return { size: frame.size, artifacts: artifacts.map((a) => ({ ...a, items: a.items.map(round) })), items: items.map(round) };
  });
  return { pages: out, structure: flow.structure, outline };
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
    case 'stamp':
      return item;
  }
}
