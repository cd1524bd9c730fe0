import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inlineToHtml, inlineToText } from '../../src/compose/inline.js';

describe('inline links: [text](https://…), tel:, mailto: and bare https:// addresses', () => {
  it.each([
    ['Call [02 1234 5678](tel:+390212345678) now', 'Call <a href="tel:+390212345678">02\u00a01234\u00a05678</a> now'],
    ['See https://example.org/a. Then', 'See <a href="https://example.org/a">https://example.org/a</a>. Then'],
    ['**Call [112](tel:112)**', '<strong>Call <a href="tel:112">112</a></strong>'],
    ['[write](mailto:info@example.org)', '<a href="mailto:info@example.org">write</a>'],
    ['[the unit](https://example.org/unit)', '<a href="https://example.org/unit">the unit</a>'],
    ['(https://example.org)', '(<a href="https://example.org">https://example.org</a>)'],
  ])('%s → %s', (input, html) => {
    expect(inlineToHtml(input)).toBe(html);
  });

  it.each([
    ['[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['[x](http://example.org)', '[x](http://example.org)'],
    ['[x](tel:call-me)', '[x](tel:call-me)'],
    ['[x](https://a.org/"onclick=)', '[x](https://a.org/&quot;onclick=)'],
  ])('a target that is not https:, tel: or mailto: stays text: %s', (input, html) => {
    expect(inlineToHtml(input)).toBe(html);
  });

  it('plain text of a link is its words', () => {
    expect(inlineToText('Call [02 1234 5678](tel:+390212345678)')).toBe('Call 02\u00a01234\u00a05678');
  });

  it('links never nest and every href is https:, tel: or mailto: (any text)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('[', ']', '(', ')', 'https://', 'tel:', '+39', 'mailto:', 'a', ' ', '*', '"', '<', 'javascript:') }),
        (s) => {
          const html = inlineToHtml(s);
          for (const m of html.matchAll(/<a href="([^"]*)">/g)) expect(m[1]).toMatch(/^(https:\/\/|tel:|mailto:)/);
          expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /);
          expect(html.replace(/<\/?(strong|em)>|<a href="[^"<>]*">|<\/a>/g, '')).not.toMatch(/[<>]/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays linear on long runs of unclosed brackets (60 KB in well under a second)', () => {
    const t = Date.now();
    inlineToHtml('[a](https://'.repeat(5000) + 'https://x '.repeat(1000));
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
