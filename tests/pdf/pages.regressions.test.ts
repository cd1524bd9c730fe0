/**
 * Fixed cases the page-rule properties (pages.property.test.ts) found on
 * deeper searches, kept as plain tests so that they stay fixed whatever the
 * generator draws next.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LaidOutDocument } from '../../src/model/layout.js';
import { NO_LEGAL_END, TITLE_ENDS_PAGE } from '../../src/write/pdf/paginate.js';
import { lay, loadShared, type Case } from './generated.js';

beforeAll(loadShared);

const at = { file: 'generated.yaml', pointer: '' };
/** An Italian large-print A5 leaflet of the demo clinic, with no summary or patient: every case below is one. */
const largePrintA5 = (title: string, sections: Case['sections'], draft = false): Case => ({
  lang: 'it',
  template: 'large-print',
  paper: 'a5',
  brand: 'demo-clinic',
  draft,
  title,
  summary: [],
  patient: null,
  sections,
});
type Blocks = Case['sections'][number]['blocks'];
const sectionOf = (id: string, title: string, blocks: Blocks): Case['sections'][number] => ({ id, path: id, title, at, sections: [], blocks });
const pagesOf = (doc: LaidOutDocument, kind: string) => doc.blocks.filter((b) => b.kind === kind).map((b) => b.pages.map((p) => `${p.page + 1}×${p.lines}`).join(' '));

describe('page rules on cases deeper searches found', () => {
  it('a large-print A5 title bound to the first section heading, its FAQ question and the answer’s first lines, together taller than the page: page 1 ends after the title, the question is not broken over two pages', () => {
    // before: page 1 held the title, the section heading and the question's first line, page 2 the question's second line
    const c = largePrintA5('elettroencefalografista elettroencefalografista elettroencefalografista elettroencefalografista', [
      sectionOf('s1', 'Domande frequenti sulla procedura', [
        { kind: 'faq', at, items: [{ q: 'La procedura è dolorosa per il paziente?', a: [Array.from({ length: 300 }, (_, i) => ['dolore', 'procedura', 'paziente', 'medico'][i % 4]).join(' '), 'Sì.', 'No, dopo.'], at }] },
      ]),
    ]);
    const { doc } = lay(c);
    expect(pagesOf(doc, 'heading')[0]).toBe('1×8');
    expect(pagesOf(doc, 'heading')[1]).toBe('2×2');
    expect(pagesOf(doc, 'faq-question')).toEqual(['2×2']);
    expect(doc.blocks.find((b) => b.kind === 'faq-answer')!.pages[0]!.page).toBe(1);
    // page 1 says why it ends after a heading: what is bound to the title is taller than the page
    expect(doc.pages[0]!.end!.rules).toContain(NO_LEGAL_END);
    expect(doc.pages[0]!.end!.moved).toBeGreaterThan(doc.pages[0]!.end!.area);
  });

  it('a large-print A5 section opening with a small image (drawn as wide as the column, nearly a page tall): its heading goes with the image to page 2, page 1 keeps the title (seed 31337)', () => {
    // before: page 1 ended with the section heading "dolore", its image alone at the top of page 2
    const c = largePrintA5('dolore elettroencefalografista dolore', [
      sectionOf('s1', 'dolore', [
        { kind: 'figure', src: 'fig-40x40.png', path: '/generated/fig-40x40.png', folder: '/generated', srcAt: {}, alt: 'generated figure', width: 20, at },
        { kind: 'warning', text: Array.from({ length: 170 }, (_, i) => (i % 20 === 1 ? '3 marzo 2026,' : 'dolore')).join(' '), at },
      ]),
      sectionOf('s2', 'dolore', [{ kind: 'faq', at, items: [{ q: '3 marzo 2026,', a: ['dolore dolore dolore dolore dolore dolore'], at }] }]),
    ]);
    const { doc } = lay(c);
    const [title, section] = doc.blocks.filter((b) => b.kind === 'heading');
    expect(title!.pages.map((p) => p.page)).toEqual([0]);
    expect(section!.pages.map((p) => p.page)).toEqual([1]);
    expect(doc.blocks.find((b) => b.kind === 'figure')!.pages[0]!.page).toBe(1);
    expect(doc.pages[0]!.end!.rules).toContain(NO_LEGAL_END);
  });

  it('a large-print A5 title bound to the first section heading and its first key point, together taller than the page though the heading and the key point fit one: page 1 ends after the title, the key point is not split (seed 1164500208)', () => {
    // before: page 1 held the title, the heading and the key point's first five lines, page 2 "(continua)" and its last two
    const c = largePrintA5('dolore infiammazione dolore infiammazione dolore', [
      sectionOf('s1', 'dolore', [
        {
          kind: 'points',
          at,
          items: [
            { label: 'dolore elettroencefalografista', text: 'dolore infiammazione dolore dolore 3 marzo 2026, dolore dolore dolore dolore endoscopia', at },
            { label: 'dolore', text: 'dolore 3 marzo 2026, dolore', at },
          ],
        },
        { kind: 'text', text: 'dolore', at },
      ]),
      sectionOf('s2', 'dolore', [{ kind: 'text', text: 'dolore dolore dolore dolore 3 marzo 2026, dolore', at }]),
    ]);
    const { doc } = lay(c);
    const [title, section] = doc.blocks.filter((b) => b.kind === 'heading');
    expect(pagesOf(doc, 'key-point')).toEqual(['2×7', '2×2']);
    expect(title!.pages.map((p) => p.page)).toEqual([0]);
    expect(section!.pages.map((p) => p.page)).toEqual([1]);
    // nothing says "continued": nothing continues
    expect(doc.blocks.every((b) => b.continued.length === 0)).toBe(true);
    // page 1 says why it ends after the title: what is bound to it did not fit in what page 1 had left
    expect(doc.pages[0]!.end!.rules).toContain(TITLE_ENDS_PAGE);
    expect(doc.pages[0]!.end!.moved).toBeGreaterThan(doc.pages[0]!.end!.free);
  });

  it('a draft large-print A5 leaflet whose title, first section heading and key point fit on a page but not below the draft notice: page 1 keeps the title, page 2 opens with the heading and the whole key point', () => {
    // before: page 1 held only the draft notice, the title moved to page 2 with what is bound to it
    const c = largePrintA5(
      'dolore infiammazione dolore infiammazione dolore',
      [
        sectionOf('s1', 'dolore', [
          {
            kind: 'points',
            at,
            items: [
              { label: 'dolore elettroencefalografista', text: 'dolore infiammazione dolore dolore dolore', at },
              { label: 'dolore', text: 'dolore 3 marzo 2026, dolore', at },
            ],
          },
        ]),
      ],
      true,
    );
    const { doc } = lay(c);
    const [title, section] = doc.blocks.filter((b) => b.kind === 'heading');
    expect(doc.blocks.find((b) => b.kind === 'draft')!.pages.map((p) => p.page)).toEqual([0]);
    expect(title!.pages.map((p) => p.page)).toEqual([0]);
    expect(section!.pages.map((p) => p.page)).toEqual([1]);
    expect(pagesOf(doc, 'key-point')).toEqual(['2×4', '2×2']);
    expect(doc.pages[0]!.end!.rules).toContain(TITLE_ENDS_PAGE);
    expect(doc.pages[0]!.end!.moved).toBeGreaterThan(doc.pages[0]!.end!.free);
  });
});
