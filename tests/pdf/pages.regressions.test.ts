/**
 * Fixed cases the page-rule properties (pages.property.test.ts) found on
 * deeper searches, kept as plain tests so that they stay fixed whatever the
 * generator draws next.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LaidOutDocument } from '../../src/model/layout.js';
import { NO_LEGAL_END } from '../../src/write/pdf/paginate.js';
import { lay, loadShared, type Case } from './generated.js';

beforeAll(loadShared);

const at = { file: 'generated.yaml', pointer: '' };
const pagesOf = (doc: LaidOutDocument, kind: string) => doc.blocks.filter((b) => b.kind === kind).map((b) => b.pages.map((p) => `${p.page + 1}×${p.lines}`).join(' '));

describe('page rules on cases deeper searches found', () => {
  it('a large-print A5 title bound to the first section heading, its FAQ question and the answer’s first lines, together taller than the page: page 1 ends after the title, the question is not broken over two pages', () => {
    // before: page 1 held the title, the section heading and the question's first line, page 2 the question's second line
    const c: Case = {
      lang: 'it',
      template: 'large-print',
      paper: 'a5',
      brand: 'demo-clinic',
      draft: false,
      title: 'elettroencefalografista elettroencefalografista elettroencefalografista elettroencefalografista',
      summary: [],
      patient: null,
      sections: [
        {
          id: 's1',
          path: 's1',
          title: 'Domande frequenti sulla procedura',
          at,
          sections: [],
          blocks: [{ kind: 'faq', at, items: [{ q: 'La procedura è dolorosa per il paziente?', a: [Array.from({ length: 300 }, (_, i) => ['dolore', 'procedura', 'paziente', 'medico'][i % 4]).join(' '), 'Sì.', 'No, dopo.'], at }] }],
        },
      ],
    };
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
    const c: Case = {
      lang: 'it',
      template: 'large-print',
      paper: 'a5',
      brand: 'demo-clinic',
      draft: false,
      title: 'dolore elettroencefalografista dolore',
      summary: [],
      patient: null,
      sections: [
        {
          id: 's1',
          path: 's1',
          title: 'dolore',
          at,
          sections: [],
          blocks: [
            { kind: 'figure', src: 'fig-40x40.png', path: '/generated/fig-40x40.png', folder: '/generated', srcAt: {}, alt: 'generated figure', width: 20, at },
            { kind: 'warning', text: Array.from({ length: 170 }, (_, i) => (i % 20 === 1 ? '3 marzo 2026,' : 'dolore')).join(' '), at },
          ],
        },
        { id: 's2', path: 's2', title: 'dolore', at, sections: [], blocks: [{ kind: 'faq', at, items: [{ q: '3 marzo 2026,', a: ['dolore dolore dolore dolore dolore dolore'], at }] }] },
      ],
    };
    const { doc } = lay(c);
    const [title, section] = doc.blocks.filter((b) => b.kind === 'heading');
    expect(title!.pages.map((p) => p.page)).toEqual([0]);
    expect(section!.pages.map((p) => p.page)).toEqual([1]);
    expect(doc.blocks.find((b) => b.kind === 'figure')!.pages[0]!.page).toBe(1);
    expect(doc.pages[0]!.end!.rules).toContain(NO_LEGAL_END);
  });
});
