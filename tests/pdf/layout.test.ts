import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { LaidOutDocument, StructRole } from '../../src/model/layout.js';
import { loadFonts } from '../../src/write/pdf/fonts.js';
import { breakLines } from '../../src/write/pdf/text.js';
import { paginate } from '../../src/write/pdf/paginate.js';
import { layoutLeaflet } from '../../src/write/pdf/layout.js';
import { stylesFor, PAPER_SIZES } from '../../src/write/pdf/styles.js';
import { parseMarkup } from '../../src/markup/parse.js';
import { loadPatient } from '../../src/content/patient.js';
import { REPO, layoutOf, renderer } from './helpers.js';

/** Text items on each page with the role of their structure element, in reading order. */
function lines(doc: LaidOutDocument) {
  const parent = new Map<number, number>();
  for (const n of doc.structure.nodes) for (const c of n.children) parent.set(c, n.id);
  return doc.pages.map((p) =>
    p.items.flatMap((item) => {
      if (item.kind !== 'text') return [];
      const struct = item.runs.find((r) => r.struct !== null)!.struct!;
      return [{ struct, role: doc.structure.nodes[struct]!.role as StructRole, text: item.runs.map((r) => r.text).join(''), ancestors: ancestors(struct) }];
    }),
  );
  function ancestors(id: number): number[] {
    const out: number[] = [];
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) out.push(p);
    return out;
  }
}

const variants = [
  { lang: 'it', paper: 'a4' },
  { lang: 'en', paper: 'a4' },
  { lang: 'it', paper: 'a5' },
  { lang: 'en', paper: 'letter' },
  { lang: 'en', paper: 'a5' },
] as const;

describe('pagination', () => {
  for (const v of variants) {
    it(`a heading is never the last thing on a page (${v.lang}, ${v.paper})`, async () => {
      const doc = await layoutOf(v);
      expect(doc.pages.length).toBeGreaterThan(1);
      for (const page of lines(doc).slice(0, -1)) expect(page[page.length - 1]!.role).not.toMatch(/^H\d$/);
    });

    it(`callouts and key points are never split across pages (${v.lang}, ${v.paper})`, async () => {
      const doc = await layoutOf(v);
      const pageOf = new Map<number, Set<number>>();
      lines(doc).forEach((page, i) => {
        for (const l of page) {
          const nodes = doc.structure.nodes;
          // a callout is a Div of a label and its text; a key point is a list item labelled with a circled number read as its digit
          const box = [l.struct, ...l.ancestors].find(
            (id) =>
              (nodes[id]!.role === 'Div' && nodes[id]!.children.length === 2) ||
              (nodes[id]!.role === 'LI' && nodes[id]!.children.some((c) => nodes[c]!.role === 'Lbl' && nodes[c]!.actual !== undefined)),
          );
          if (box !== undefined) pageOf.set(box, (pageOf.get(box) ?? new Set()).add(i));
        }
      });
      expect(pageOf.size).toBeGreaterThanOrEqual(10);
      for (const [box, pages] of pageOf) expect(pages.size, `structure element ${box}`).toBe(1);
    });

    it(`no paragraph leaves a single line alone at the foot or head of a page (${v.lang}, ${v.paper})`, async () => {
      const doc = await layoutOf(v);
      const perPage = new Map<number, number[]>();
      lines(doc).forEach((page, i) => {
        for (const l of page) {
          if (l.role !== 'P' && l.role !== 'LBody') continue;
          const counts = perPage.get(l.struct) ?? [];
          counts[i] = (counts[i] ?? 0) + 1;
          perPage.set(l.struct, counts);
        }
      });
      for (const [id, counts] of perPage) {
        const parts = counts.filter((c) => c !== undefined);
        if (parts.length > 1) for (const c of parts) expect(c, `paragraph ${id}`).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('long content flows over as many pages as it needs without losing or repeating a word', async () => {
    const composed = await renderer.compose({ leaflet: 'periduroscopia', lang: 'it', template: 'standard', formats: ['pdf'], paper: 'a5', skip: [] });
    if (!composed.ok) throw new Error('compose');
    const words = Array.from({ length: 1500 }, (_, i) => `parola${i}`);
    const markup = `<article class="leaflet"><main><section id="s"><h2>Titolo</h2><p>${words.join(' ')}</p><div class="callout tip"><p class="callout-label">Consiglio</p><p>${words.slice(0, 40).join(' ')}</p></div></section></main></article>`;
    const tree = parseMarkup(markup);
    if (!tree.ok) throw new Error('markup');
    const theme = composed.value.view.theme;
    const fonts = loadFonts(theme, renderer.writerCache, 'theme.yaml');
    if (!fonts.ok) throw new Error('fonts');
    const flow = layoutLeaflet(tree.value, { styles: stylesFor(theme), fonts: fonts.value, size: PAPER_SIZES.a5!, margins: theme.margins, assets: new Map() });
    const doc = paginate(flow, fonts.value);
    expect(doc.pages.length).toBeGreaterThan(3);
    const text = lines(doc).flat().map((l) => l.text).join(' ');
    const seen = text.split(/\s+/).filter((w) => w.startsWith('parola'));
    expect(seen).toEqual([...words, ...words.slice(0, 40)]);
  });
});

describe('line breaking', () => {
  const fontsFor = async () => {
    const t = await renderer.template('standard');
    if (!t.ok) throw new Error('template');
    const f = loadFonts(t.value.theme, renderer.writerCache, 'theme.yaml');
    if (!f.ok) throw new Error('fonts');
    return f.value;
  };

  it('keeps every word once, in order, and never overflows the measure (property)', async () => {
    const fonts = await fontsFor();
    const word = fc.stringMatching(/^[a-zàèéìòùA-ZÀÈ0-9’'(),.:;!?%\-–—→①②]{1,30}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.constantFrom('regular', 'bold', 'italic')), { minLength: 1, maxLength: 80 }), fc.integer({ min: 60, max: 500 }), (ws, width) => {
        const runs = ws.map(([w, font], i) => ({ text: i < ws.length - 1 ? `${w} ` : w, font, size: 11, colour: '#000', struct: 1 }));
        const out = breakLines(runs, width, fonts);
        const joined = out.map((l) => l.pieces.map((p) => p.text).join('')).join('');
        expect(joined.replace(/\s+/g, '')).toBe(ws.map(([w]) => w).join(''));
        for (const l of out) expect(l.width).toBeLessThanOrEqual(width + 0.01);
      }),
      { numRuns: 150 },
    );
  });

  it('breaks a word longer than the line between characters instead of running into the margin', async () => {
    const fonts = await fontsFor();
    const long = 'pneumonoultramicroscopicsilicovolcanoconiosi'.repeat(3);
    const out = breakLines([{ text: long, font: 'regular', size: 11, colour: '#000', struct: 1 }], 120, fonts);
    expect(out.length).toBeGreaterThan(2);
    expect(out.map((l) => l.pieces.map((p) => p.text).join('')).join('')).toBe(long);
  });

  it('shows a hyphen where a line breaks at a soft hyphen, and nothing where it does not', async () => {
    const fonts = await fontsFor();
    const text = 'La peri\u00ADduro\u00ADscopia è una procedura endo\u00ADscopica';
    const narrow = breakLines([{ text, font: 'regular', size: 11, colour: '#000', struct: 1 }], 70, fonts).map((l) => l.pieces.map((p) => p.text).join(''));
    expect(narrow.some((l) => /-\s*$/.test(l))).toBe(true);
    expect(narrow.join('')).not.toContain('\u00AD');
    const wide = breakLines([{ text, font: 'regular', size: 11, colour: '#000', struct: 1 }], 1000, fonts).map((l) => l.pieces.map((p) => p.text).join(''));
    expect(wide).toEqual(['La periduroscopia è una procedura endoscopica']);
  });
});

describe('patient box', () => {
  const labelsOf = (template: string, lang: string) => {
    // one pack per language serves every template (i18n/<lang>.yaml)
    void template;
    const strings = parse(readFileSync(path.join(REPO, `i18n/${lang}.yaml`), 'utf8')) as { patient: Record<string, string> };
    return { title: strings.patient.title!, labels: new Set(Object.values(strings.patient)) };
  };

  for (const template of ['standard', 'large-print'] as const)
    for (const paper of ['a4', 'a5'] as const)
      for (const lang of ['it', 'en'] as const)
        it(`no label word is split across lines (${template}, ${paper}, ${lang})`, async () => {
          const patient = await loadPatient({ file: 'data/patients/example.yaml', set: [], root: REPO, cwd: REPO });
          if (!patient.ok) throw new Error('example patient');
          const doc = await layoutOf({ lang, paper, template, patient: patient.value });
          const { title, labels } = labelsOf(template, lang);
          const all = lines(doc).flat();
          const box = all.find((l) => l.role === 'H2' && l.text.trim() === title)!.ancestors[0]!;
          const lbl = new Map<number, string[]>();
          for (const l of all) if (l.role === 'Lbl' && l.ancestors.includes(box)) lbl.set(l.struct, [...(lbl.get(l.struct) ?? []), l.text.trim()]);
          // every field of the example patient has a label; Companion/Accompagnatore is the longest word
          expect(lbl.size).toBeGreaterThanOrEqual(10);
          // a label broken inside a word joins back as "Accompagnat ore", which is no label
          for (const parts of lbl.values()) expect(labels, parts.join(' | ')).toContain(parts.join(' '));
        });
});

describe('footer', () => {
  const footerOf = (page: LaidOutDocument['pages'][number]) => {
    const items = page.artifacts.filter((a) => a.kind === 'Pagination').flatMap((a) => a.items);
    const half = page.size[1] / 2;
    return {
      lines: items.flatMap((i) => (i.kind === 'text' && i.y > half ? [i.runs.map((r) => r.text).join('')] : [])),
      rule: Math.min(...items.flatMap((i) => (i.kind === 'line' && i.y1 > half ? [i.y1] : []))),
    };
  };

  for (const [lang, ref, page, published] of [
    ['it', 'Rif. PIL-SPINE-001 · Versione 1.0', 'Pagina {n} di {m}', 'pubblicato il'],
    // the English file is a translation: it names the source version it translates, never as its own;
    // "Ref. … · Translation of version 1.0" is wider than an 18 pt A5 line, so every page keeps the
    // reference and page 1 the rest
    ['en', 'Ref. PIL-SPINE-001', 'Page {n} of {m}', 'Translation of version 1.0'],
  ] as const)
    it(`on A5 in large print the footer keeps to two lines and the text keeps the page (${lang})`, async () => {
      const doc = await layoutOf({ lang, paper: 'a5', template: 'large-print' });
      const m = doc.pages.length;
      doc.pages.forEach((p, i) => {
        const { lines: text, rule } = footerOf(p);
        const all = text.join('\n');
        // the leaflet is identified and the page counted on every page, in the body's 18 pt
        expect(all).toContain(ref);
        expect(all).not.toMatch(/(^|· )Version 1\.0/);
        expect(text).toContain(page.replace('{n}', String(i + 1)).replace('{m}', String(m)));
        if (i === 0) {
          // the publication date is printed once, on the first page
          expect(all).toContain(published);
          return;
        }
        expect(all).not.toContain(published);
        expect(text.length, `page ${i + 1}: ${all}`).toBeLessThanOrEqual(2);
        // before: the control line wrapped beside the page label into four lines, a fifth of the page
        expect(rule / p.size[1], `page ${i + 1}`).toBeGreaterThan(0.88);
      });
    });

  it('where the whole control line fits beside the page label, every page has the same one-line footer (A4)', async () => {
    const doc = await layoutOf({ lang: 'it', paper: 'a4' });
    doc.pages.forEach((p, i) => expect(footerOf(p).lines).toEqual(['Rif. PIL-SPINE-001 · Versione 1.0 · pubblicato il 24 novembre 2026', `Pagina ${i + 1} di ${doc.pages.length}`]));
  });
});

describe('DRAFT mark', () => {
  for (const paper of ['a4', 'a5'] as const)
    it(`a draft's DRAFT mark is painted over every background fill and under the text, on every page (en, ${paper})`, async () => {
      const doc = await layoutOf({ lang: 'en', paper });
      for (const [i, page] of doc.pages.entries()) {
        // paint draws the artifact groups in order, then the content
        const order = page.artifacts.flatMap((a) => a.items);
        const stamp = order.findIndex((it) => it.kind === 'stamp');
        expect(stamp, `page ${i + 1}`).toBeGreaterThanOrEqual(0);
        order.forEach((it, k) => {
          if (it.kind === 'rect' && it.fill) expect(k, `page ${i + 1}: fill ${it.fill} at ${it.y}`).toBeLessThan(stamp);
        });
      }
      expect(doc.pages.some((p) => p.artifacts.some((a) => a.items.some((it) => it.kind === 'rect' && it.fill)))).toBe(true);
    });
});
