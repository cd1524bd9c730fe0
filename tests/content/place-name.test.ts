import { describe, expect, it } from 'vitest';
import { placeName } from '../../src/content/schema.js';

const leaflet = {
  summary: ['a', 'b'],
  sections: [
    { id: 'what-it-is', blocks: [{ text: 'x' }] },
    { id: 'procedure', sections: [{ id: 'steps', blocks: [{ steps: ['a', 'b'] }] }] },
    { id: 'faq', blocks: [{ faq: [{ q: 'a', a: ['b'] }, { q: 'c', a: ['d', 'e'] }] }, { figure: { src: 'x.png' } }] },
    { title: 'no id yet' },
  ],
  document: { version: '1.0' },
};

describe('error places name sections by id and count from 1', () => {
  it.each([
    ['/summary/1', 'summary paragraph 2'],
    ['/sections/0', "section 'what-it-is'"],
    ['/sections/0/title', "'title' of section 'what-it-is'"],
    ['/sections/0/blocks/0', "section 'what-it-is', block 1"],
    ['/sections/0/blocks/0/text', "'text' of section 'what-it-is', block 1"],
    ['/sections/1/sections/0/blocks/0/steps/1', "section 'procedure.steps', block 1, step 2"],
    ['/sections/2/blocks/0/faq/1/q', "'q' of section 'faq', block 1, question 2"],
    ['/sections/2/blocks/0/faq/1/a/1', "section 'faq', block 1, question 2, answer paragraph 2"],
    ['/sections/2/blocks/1/figure/src', "'src' of section 'faq', block 2"],
    ['/sections/3/blocks', "'blocks' of section 4"],
    ['/document/version', "'document.version'"],
    ['', ''],
  ])('%s → %s', (pointer, expected) => {
    expect(placeName(pointer, leaflet)).toBe(expected);
  });
});
