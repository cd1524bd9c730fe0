/**
 * The page rules of docs/templates.md ("Rules every page keeps"), proven on
 * generated leaflets rather than on the one bundled leaflet: random section
 * trees with every block kind, short and very long texts, lists of 1 to 200
 * items, with and without a patient, both templates, A4, Letter and A5.
 * Each leaflet goes through select and compose as a real one does, then is
 * laid out to pages as plain data (no PDF is drawn).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LaidOutDocument, PlacedBlock } from '../../src/model/layout.js';
import type { MarkupElement, MarkupNode } from '../../src/model/markup.js';
import type { PageItem } from '../../src/model/layout.js';
import { NOTES_HELD } from '../../src/write/pdf/layout.js';
import { NO_LEGAL_END, TITLE_ENDS_PAGE } from '../../src/write/pdf/paginate.js';
import { bothDirections, crowdedPatientCase, documentCase, INFO, lay, leafletCase, loadShared, type Case, type Laid } from './generated.js';

beforeAll(loadShared);

/** fast-check shows the case; this says where in it the rule broke */
const where = (c: Case) => `${c.template} ${c.paper} ${c.lang}${c.patient ? ' with a patient' : ''}${c.draft ? ' draft' : ''}`;

// 30 leaflets a rule on every run; PAGES_RUNS=300 for a deeper search (all rules held over 300 when written)
const RUNS = Number(process.env.PAGES_RUNS ?? 30);
/**
 * fast-check stops at its time limit without failing: a deeper search gets
 * time in proportion to its runs, or on a busy machine PAGES_RUNS=300 would
 * quietly try fewer leaflets than asked. The limit also bounds shrinking.
 */
const LIMIT = 40_000 * Math.max(1, RUNS / 30);
const TIMEOUT = LIMIT + 80_000;
const property = (name: string, check: (laid: Laid, c: Case) => void, cases: fc.Arbitrary<Case> = leafletCase) =>
  it(name, () => {
    fc.assert(
      fc.property(cases, (c) => {
        check(lay(c), c);
      }),
      // shrinking a 500-word leaflet can take minutes: stop at a time limit and show the smallest case found by then
      { numRuns: RUNS, seed: process.env.PAGES_SEED ? Number(process.env.PAGES_SEED) : undefined, interruptAfterTimeLimit: LIMIT },
    );
  }, TIMEOUT);

// ---- reading the pages back ----------------------------------------------

const role = (doc: LaidOutDocument, id: number) => doc.structure.nodes[id]!.role;
/** list bullets, step numbers and key-point digits the layout adds as labels: not words of the content */
const ADDED_LABEL = /^(•|\d+\.|[\u2460-\u24FF\u2776-\u2793])$/;

/** The words of the leaflet as the pages give them, in reading order. */
function pageWords(doc: LaidOutDocument): string[] {
  const parentOf = new Map<number, number>();
  for (const n of doc.structure.nodes) for (const c of n.children) parentOf.set(c, n.id);
  let out = '';
  let last: number | null = null;
  for (const page of doc.pages)
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      for (const r of item.runs) {
        if (r.struct === null) continue;
        if (role(doc, r.struct) === 'Lbl' && ADDED_LABEL.test(r.text.trim())) continue;
        // a new structure element starts a new word, except a link inside its sentence ("https://…," or "[words](…).")
        const inline = last !== null && ((role(doc, r.struct) === 'Link' && parentOf.get(r.struct) === last) || (role(doc, last) === 'Link' && parentOf.get(last) === r.struct));
        if (r.struct !== last && !inline) out += ' ';
        out += r.text;
        last = r.struct;
      }
    }
  return out.split(/\s+/).filter(Boolean);
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'li', 'dt', 'dd', 'figcaption', 'div', 'section', 'aside', 'ul', 'ol', 'dl', 'main', 'figure', 'br']);
/** The words of the leaflet markup, in document order: what the pages must hold, once each. */
function markupWords(tree: MarkupElement): string[] {
  let out = '';
  const walk = (n: MarkupNode) => {
    if (n.type === 'text') {
      out += n.value;
      return;
    }
    if (n.tag === 'header' || n.tag === 'footer' || n.attrs['aria-hidden'] === 'true') return;
    const block = BLOCK_TAGS.has(n.tag);
    if (block) out += ' ';
    for (const c of n.children) walk(c);
    if (block) out += ' ';
  };
  walk(tree);
  return out.split(/\s+/).filter(Boolean);
}

/** Text of each drawn line of content, per page. */
const linesOf = (doc: LaidOutDocument) =>
  doc.pages.map((p) => p.items.flatMap((i) => (i.kind === 'text' && i.runs.some((r) => r.struct !== null) ? [{ text: i.runs.map((r) => r.text).join(''), role: role(doc, i.runs.find((r) => r.struct !== null)!.struct!) }] : [])));

/** the tallest flow area of a page: a block taller than that cannot be kept on one */
const areaOf = (doc: LaidOutDocument) => Math.max(0, ...doc.pages.flatMap((p) => (p.end ? [p.end.area] : [])));
const firstPage = (b: PlacedBlock) => b.pages[0]?.page ?? -1;
const lastPage = (b: PlacedBlock) => b.pages[b.pages.length - 1]?.page ?? -1;
const inside = (doc: LaidOutDocument, b: PlacedBlock, test: (a: PlacedBlock) => boolean) => {
  for (let p = b.parent; p !== null; p = doc.blocks[p]!.parent) if (test(doc.blocks[p]!)) return true;
  return false;
};

/**
 * A block's height with the headings just above it, which keep with it:
 * together they may be taller than a page. The first block inside another
 * (a list's first key point) keeps with the headings above it. With `title`
 * false the title does not count: rather than cut a block kept whole that
 * fits on a page with the section headings above it, page 1 ends after the
 * title.
 */
const withHeadings = (doc: LaidOutDocument, k: number, title = true) => {
  const first = doc.blocks.findIndex((b) => b.kind === 'heading');
  let h = doc.blocks[k]!.height;
  let n = k;
  // blocks are listed in document order, a container just before its first item
  while (n > 0 && doc.blocks[n]!.parent === n - 1) n--;
  for (; n > 0 && doc.blocks[n - 1]!.kind === 'heading' && (title || n - 1 !== first); n--) h += doc.blocks[n]!.gap + doc.blocks[n - 1]!.height;
  return h;
};

const UNSPLIT = new Set(['callout', 'key-point', 'patient-box', 'contacts', 'figure', 'faq-tip', 'draft', 'notes']);

// ---- the rules -----------------------------------------------------------

describe('rules every page keeps, on generated leaflets (property)', () => {
  property('no word is lost, duplicated or reordered', ({ doc, tree }) => {
    expect(pageWords(doc)).toEqual(markupWords(tree));
  });

  property('a heading is never the last thing on a page, unless the headings and first lines bound to it are taller than a page, or it is the title and what is bound to it does not fit in what is left of page 1', ({ doc }, c) => {
    doc.pages.slice(0, -1).forEach((page, i) => {
      const last = page.items[page.items.length - 1];
      if (last?.kind !== 'text') return; // a figure
      // a long large-print title with the first section's heading, question and first lines: no page holds them, a cut between headings is the least break
      if (page.end?.rules.includes(NO_LEGAL_END)) return expect(page.end.moved, `${where(c)}: page ${i + 1} ends early`).toBeGreaterThan(page.end.area);
      const struct = last.runs.find((r) => r.struct !== null)!.struct!;
      // the title stays on page 1; a draft notice above it or its own length leaves too little room there for what is bound to it
      if (page.end?.rules.includes(TITLE_ENDS_PAGE)) {
        expect(role(doc, struct), `${where(c)}: page ${i + 1} ends after a heading that is not the title`).toBe('H1');
        expect(i, `${where(c)}: page ${i + 1} ends after the title`).toBe(0);
        return expect(page.end.moved, `${where(c)}: page ${i + 1} ends early`).toBeGreaterThan(page.end.free);
      }
      expect(role(doc, struct), `${where(c)}: page ${i + 1} ends with "${last.runs.map((r) => r.text).join('')}"`).not.toMatch(/^H\d$/);
    });
  });

  property('a FAQ question stays with the first lines of its answer, and its tip with the end of its answer', ({ doc }, c) => {
    const area = areaOf(doc);
    doc.blocks.forEach((q, k) => {
      if (q.kind !== 'faq-question') return;
      const answer = doc.blocks.slice(k + 1).find((b) => b.kind === 'faq-answer')!;
      const rest = doc.blocks.slice(doc.blocks.indexOf(answer) + 1);
      const next = rest.findIndex((b) => b.kind === 'faq-question' || b.kind === 'heading');
      const tip = rest.slice(0, next < 0 ? undefined : next).find((b) => b.kind === 'faq-tip');
      expect(lastPage(q), `${where(c)}: question ${k} and its answer`).toBe(firstPage(answer));
      // the headings bound above the question, the question, its answer and its tip: when taller than a page, the tip is what gives way
      const together = withHeadings(doc, k) + answer.gap + answer.height + (tip ? tip.gap + tip.height : 0);
      if (tip && together <= area) expect(firstPage(tip), `${where(c)}: tip of question ${k}`).toBe(lastPage(answer));
    });
  });

  property('a callout, key point, patient box, contacts block, figure or notes block is never split when it fits on a page, and says "continued" where it must split', ({ doc, continued }, c) => {
    const area = areaOf(doc);
    doc.blocks.forEach((b, k) => {
      if (!UNSPLIT.has(b.kind) || b.pages.length <= 1) return;
      // the patient box starts on page 1 even when the rest of page 1 cannot hold it (the rule below)
      if (b.kind !== 'patient-box') expect(withHeadings(doc, k, false), `${where(c)}: ${b.kind} ${k} split over pages ${b.pages.map((p) => p.page + 1).join(', ')}`).toBeGreaterThan(area);
      for (const p of b.pages.slice(1)) {
        if (inside(doc, b, (a) => UNSPLIT.has(a.kind))) continue;
        expect(b.continued, `${where(c)}: ${b.kind} ${k} continues on page ${p.page + 1} without saying so`).toContain(p.page);
        const top = doc.pages[p.page]!.artifacts.flatMap((a) => a.items).some((i) => i.kind === 'text' && i.runs.some((r) => r.text === continued));
        expect(top, `${where(c)}: page ${p.page + 1} has no "${continued}"`).toBe(true);
      }
    });
  });

  property('lists split between items, and no paragraph leaves a widow or an orphan line', ({ doc }, c) => {
    doc.blocks.forEach((b, k) => {
      if ((b.kind !== 'paragraph' && b.kind !== 'list-item') || b.pages.length <= 1) return;
      // a box taller than a page is cut where the page ends
      if (inside(doc, b, (a) => UNSPLIT.has(a.kind) && a.pages.length > 1)) return;
      for (const p of b.pages) expect(p.lines, `${where(c)}: ${b.kind} ${k} has ${p.lines} line(s) on page ${p.page + 1}`).toBeGreaterThanOrEqual(2);
    });
  });

  property('no page but the last is more than half empty unless what follows could not legally start on it', ({ doc }, c) => {
    for (const [i, page] of doc.pages.entries()) {
      const end = page.end;
      if (!end || end.free <= end.area / 2) continue;
      // the test names the rule that moved the next block whole
      const why = `${where(c)}: page ${i + 1} is ${Math.round((100 * end.free) / end.area)}% empty; moved ${end.moved} pt together (${end.rules.join('; ') || 'no rule'})`;
      expect(end.moved, why).toBeGreaterThan(end.free);
    }
  });

  property('no line breaks inside a date, a time, a phone number, a number with its unit, or a URL’s scheme and host', ({ doc, patient }, c) => {
    const all = pageWords(doc).join(' ');
    // a phone link is printed with no-break spaces: the same piece
    const lines = linesOf(doc).flat().map((l) => l.text.replace(/\u00A0/g, ' '));
    const pieces = [...INFO.map((s) => s.replace(/^(https?:\/\/[^/]+).*/, '$1')), ...(patient ? [patient.doctor?.phone ?? ''] : [])].filter(Boolean);
    for (const piece of pieces) {
      const whole = all.split(piece).length - 1;
      if (!whole) continue;
      const kept = lines.reduce((n, l) => n + l.split(piece).length - 1, 0);
      // a piece wider than its column (a URL in a large-print title or key point) must break, between characters: its first line holds nothing else
      const alone = lines.filter((l) => piece.startsWith(l.trim()) && l.trim().length < piece.length && l.trim().length > 0).length;
      if (kept + alone >= whole && alone > 0) continue;
      expect(kept, `${where(c)}: "${piece}" broken across lines: ${lines.filter((l) => piece.split(" ").some((w) => l.includes(w))).slice(0, 6).join(" | ")}`).toBe(whole);
    }
  });

  property(
    'the title is on page 1 wherever it fits there',
    ({ doc }, c) => {
      const k = doc.blocks.findIndex((b) => b.kind === 'heading');
      const title = doc.blocks[k]!;
      // only the draft notice comes before the title
      const above = doc.blocks.slice(0, k).filter((b) => b.parent === null);
      const top = above.reduce((h, b, n) => h + (n ? b.gap : 0) + b.height, 0) + (above.length ? title.gap : 0);
      if (top + title.height > (doc.pages[0]!.end?.area ?? Infinity)) return;
      expect(title.pages.map((p) => p.page), `${where(c)}: the title is not on page 1 alone`).toEqual([0]);
    },
    // crowded first pages too: a draft notice, a long title and a patient box bound to it
    fc.oneof(leafletCase, crowdedPatientCase),
  );

  property('the patient box starts on page 1', ({ doc }, c) => {
    const box = doc.blocks.find((b) => b.kind === 'patient-box');
    if (!c.patient) return expect(box).toBeUndefined();
    patientBoxOnPageOne(doc, c);
  });

  it('the patient box starts on page 1 also when the rest of page 1 cannot hold it (property over leaflets with a crowded first page)', () => {
    // laid out only, no PDF: cheap enough for twice the runs, so a broken rule is caught on nearly every run (about 9 in 10 at 30)
    const runs = RUNS * 2;
    let cut = 0;
    fc.assert(
      fc.property(crowdedPatientCase, (c) => {
        const { doc } = lay(c);
        if (patientBoxOnPageOne(doc, c).pages.length > 1) cut++;
      }),
      { numRuns: runs, seed: process.env.PAGES_SEED ? Number(process.env.PAGES_SEED) : undefined, interruptAfterTimeLimit: LIMIT },
    );
    // the generator makes the case the rule is about: boxes that page 1 could not hold whole
    expect(cut, 'no generated patient box was too tall for the rest of page 1').toBeGreaterThanOrEqual(Math.ceil(runs / 5));
  }, TIMEOUT);
});

describe('document control on the page, on generated leaflets (property)', () => {
  /** the text of a page's lines, content or footer, without spaces: a line may wrap anywhere a space is */
  const squeezed = (items: PageItem[]) => items.flatMap((i) => (i.kind === 'text' ? i.runs.map((r) => r.text) : [])).join('').replace(/\s+/g, '');
  const squeeze = (text: string) => text.replace(/\s+/g, '');
  const day = (iso: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

  property(
    'every leaflet prints its reference, version, publication and next review date; a translation its own status and the version it translates, never the source version as its own; every page names the reference',
    ({ doc, strings, source, document }, c) => {
      const t = (k: string, version?: string) => String(strings[k]).replace('{version}', version ?? '');
      const content = squeezed(doc.pages.flatMap((p) => p.items));
      const translation = c.lang !== source;
      const own = translation ? t('translationOf', c.document!.translatedVersion) : `${t('version')} ${document.version}`;
      for (const part of [`${t('reference')} ${document.reference}`, own, `${t('published')} ${day(document.published, c.lang)}`, `${t('review')} ${day(document.review, c.lang)}`])
        expect(content, `${where(c)}: "${part}" is not printed`).toContain(squeeze(part));
      if (translation) {
        // the draft translation warns in its own language; an approved one does not
        const warning = squeeze(t('translationDraft', c.document!.translatedVersion));
        expect(content.includes(warning), `${where(c)}: the draft translation's warning`).toBe(c.draft);
        const everywhere = content + squeezed(doc.pages.flatMap((p) => p.artifacts.flatMap((a) => a.items)));
        expect(everywhere, `${where(c)}: the source's version printed as the translation's own`).not.toContain(squeeze(`${t('version')} ${document.version}`));
      }
      doc.pages.forEach((p, i) => {
        const footer = squeezed(p.artifacts.filter((a) => a.kind === 'Pagination').flatMap((a) => a.items));
        expect(footer, `${where(c)}: page ${i + 1}'s footer does not name the leaflet`).toContain(squeeze(`${t('reference')} ${document.reference}`));
      });
    },
    documentCase,
  );
});

/**
 * The patient box starts on page 1; only when the title and the draft notice
 * leave no room for its heading and first row does it start on page 2 — and
 * then what moved is that least piece, never the whole box.
 */
function patientBoxOnPageOne(doc: LaidOutDocument, c: Case): PlacedBlock {
  const box = doc.blocks.find((b) => b.kind === 'patient-box')!;
  if (firstPage(box) === 0) return box;
  // A title that does not fit on page 1 below the draft notice opens page 2 (rule 8: never cut): the box then
  // starts on the page the title ends on, or on the next when that page ends for want of room for its first piece.
  const title = doc.blocks.find((b) => b.kind === 'heading')!;
  if (firstPage(title) > 0) {
    if (firstPage(box) === lastPage(title)) return box;
    expect(firstPage(box), `${where(c)}: the patient box starts on page ${firstPage(box) + 1}, the title ends on page ${lastPage(title) + 1}`).toBe(lastPage(title) + 1);
    const after = doc.pages[lastPage(title)]!.end!;
    expect(after.moved, `${where(c)}: the patient box left page ${lastPage(title) + 1} with ${after.free} pt free`).toBeGreaterThan(after.free);
    return box;
  }
  const end = doc.pages[0]!.end!;
  expect(end.moved, `${where(c)}: the patient box starts on page ${firstPage(box) + 1} though page 1 has ${end.free} pt free`).toBeGreaterThan(end.free);
  expect(firstPage(box), `${where(c)}: the patient box starts on page ${firstPage(box) + 1}`).toBe(1);
  // A title and a box bound together and taller than a page, with no legal end on page 1 before the
  // box's first row, are cut after the title (NO_LEGAL_END): the page then records the whole bound
  // height, which rule 2's property needs. Otherwise what moved is the box's least piece, never all of it.
  if (!end.rules.includes(NO_LEGAL_END))
    expect(end.moved, `${where(c)}: the whole patient box (${box.height} pt) moved to page ${firstPage(box) + 1}; only its heading and first row may`).toBeLessThan(box.height);
  return box;
}

// ---- figures and notes, left to right and right to left ------------------

/** A drawn line of text as a box: from its first run's left edge to its last run's right edge, ascent above and descent below the baseline. */
const textBoxes = (items: PageItem[]) =>
  items.flatMap((i) => {
    if (i.kind !== 'text' || !i.runs.length) return [];
    const size = Math.max(...i.runs.map((r) => r.size));
    const words = i.runs.filter((r) => r.text.trim());
    if (!words.length) return [];
    return [{ text: i.runs.map((r) => r.text).join(''), x1: Math.min(...words.map((r) => r.x)), x2: Math.max(...words.map((r) => r.x + r.width)), y1: i.y - size * 0.8, y2: i.y + size * 0.25 }];
  });
const figuresOn = (doc: LaidOutDocument, page: number) => doc.pages[page]!.items.filter((i): i is Extract<PageItem, { kind: 'image' }> => i.kind === 'image' && i.struct !== null);

/** The markup's figures in order, with whether each has a caption and which side it asks for. */
function markupFigures(tree: MarkupElement): { caption: boolean; side: boolean }[] {
  const out: { caption: boolean; side: boolean }[] = [];
  const walk = (n: MarkupNode) => {
    if (n.type !== 'element') return;
    if (n.tag === 'figure') out.push({ caption: n.children.some((k) => k.type === 'element' && k.tag === 'figcaption'), side: n.classes.some((k) => k.startsWith('side-')) });
    n.children.forEach(walk);
  };
  walk(tree);
  return out;
}

/** Every character of the content, once: the words of a right-to-left line are drawn in visual order, so only what is on the pages is compared there, not its order. */
const characters = (words: string[]) => [...words.join('')].sort().join('');

describe('figures beside the text and notes blocks, on generated leaflets in both directions (property)', () => {
  property(
    'no word is lost, duplicated or reordered (right to left: no character lost or duplicated)',
    ({ doc, tree }, c) => {
      if (c.lang === 'ar') expect(characters(pageWords(doc))).toEqual(characters(markupWords(tree)));
      else expect(pageWords(doc)).toEqual(markupWords(tree));
    },
    bothDirections,
  );

  property(
    'no line of text overlaps a figure, and every figure stays inside the page',
    ({ doc }, c) => {
      doc.pages.forEach((page, p) => {
        const lines = textBoxes([...page.items, ...page.artifacts.flatMap((a) => a.items)]);
        for (const img of figuresOn(doc, p)) {
          expect(img.x, `${where(c)}: figure off the page`).toBeGreaterThanOrEqual(0);
          expect(img.x + img.width, `${where(c)}: figure off the page`).toBeLessThanOrEqual(page.size[0] + 0.01);
          for (const l of lines) {
            const overlaps = l.x1 < img.x + img.width - 0.01 && l.x2 > img.x + 0.01 && l.y1 < img.y + img.height - 0.01 && l.y2 > img.y + 0.01;
            expect(overlaps, `${where(c)}: page ${p + 1}: "${l.text}" overlaps the figure at ${img.x},${img.y} ${img.width}x${img.height}`).toBe(false);
          }
        }
      });
    },
    bothDirections,
  );

  property(
    'no two lines of text overlap: the text beside a figure clears its caption too',
    ({ doc }, c) => {
      doc.pages.forEach((page, p) => {
        const lines = textBoxes([...page.items, ...page.artifacts.flatMap((a) => a.items)]);
        for (const [i, a] of lines.entries())
          for (const b of lines.slice(i + 1)) {
            const overlaps = a.x1 < b.x2 - 0.01 && a.x2 > b.x1 + 0.01 && a.y1 < b.y2 - 0.01 && a.y2 > b.y1 + 0.01;
            expect(overlaps, `${where(c)}: page ${p + 1}: "${a.text}" overlaps "${b.text}"`).toBe(false);
          }
      });
    },
    bothDirections,
  );

  property(
    'a caption stays with its figure: its first line right under the image on the same page, all of it there when the figure fits a page',
    ({ doc, tree }, c) => {
      const figures = markupFigures(tree);
      // in the same order: the figures of the markup, their Figure elements and their blocks (the leaflet's QR code among them: no caption)
      const nodes = doc.structure.nodes.filter((n) => n.role === 'Figure');
      const placed = doc.blocks.filter((b) => b.kind === 'figure');
      expect(nodes.length).toBe(figures.length);
      const area = areaOf(doc);
      nodes.forEach((fig, k) => {
        if (!figures[k]!.caption) return;
        // the caption is the paragraph made right after its figure (layout.ts)
        const caption = fig.id + 1;
        const page = doc.pages.findIndex((pg) => pg.items.some((i) => i.kind === 'image' && i.struct === fig.id));
        const img = figuresOn(doc, page).find((i) => i.struct === fig.id)!;
        const captionLines = doc.pages.flatMap((pg, p) => pg.items.flatMap((i) => (i.kind === 'text' && i.runs.some((r) => r.struct === caption) ? [{ p, y: i.y, x: Math.min(...i.runs.map((r) => r.x)) }] : [])));
        expect(captionLines.length, `${where(c)}: figure ${k} has no caption lines`).toBeGreaterThan(0);
        const first = captionLines[0]!;
        expect(first.p, `${where(c)}: the caption of figure ${k} starts on another page`).toBe(page);
        expect(first.y, `${where(c)}: the caption of figure ${k} is not under its image`).toBeGreaterThan(img.y + img.height);
        expect(first.y - (img.y + img.height), `${where(c)}: the caption of figure ${k} is far from its image`).toBeLessThan(60);
        if (withHeadings(doc, doc.blocks.indexOf(placed[k]!)) <= area) expect(captionLines.every((l) => l.p === page), `${where(c)}: the caption of figure ${k} is split from it`).toBe(true);
      });
    },
    bothDirections,
  );

  property(
    'a notes prompt keeps its first ruled lines on its page',
    ({ doc }, c) => {
      for (const [k, b] of doc.blocks.entries()) {
        if (b.kind !== 'notes' || b.pages.length <= 1) continue;
        // the prompt (at least one line) and at least NOTES_HELD of its lines
        expect(b.pages[0]!.lines, `${where(c)}: notes ${k} leave their page with ${b.pages[0]!.lines} line(s)`).toBeGreaterThanOrEqual(1 + NOTES_HELD);
      }
    },
    bothDirections,
  );
});
