import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inlineToHtml, inlineToText } from '../../src/compose/inline.js';

describe('inline text: **bold** and *italic* only', () => {
  it.each([
    ['La **periduroscopia** è', 'La <strong>periduroscopia</strong> è'],
    ['una *tecnica* mini', 'una <em>tecnica</em> mini'],
    ['**molto *rara* complicanza**', '<strong>molto <em>rara</em> complicanza</strong>'],
    ['5 * 3 * 2', '5 * 3 * 2'],
    ['** not bold **', '** not bold **'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['{{x}} & "q" \'s', '{{x}} &amp; &quot;q&quot; &#39;s'],
    ['**<b>**', '<strong>&lt;b&gt;</strong>'],
    ['unclosed **bold', 'unclosed **bold'],
  ])('%s → %s', (input, html) => {
    expect(inlineToHtml(input)).toBe(html);
  });

  it('never produces a tag other than strong and em, and the text survives', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '**', 'a', ' ', '<', '>', '&', '"', '{', '}', 'b', '/') }), (s) => {
        const html = inlineToHtml(s);
        expect(html.replace(/<\/?(strong|em)>/g, '')).not.toMatch(/[<>]/);
        expect(inlineToText(s).replace(/\*/g, '')).toBe(s.replace(/\*/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});
