import { describe, expect, it } from 'vitest';
import { glyphCharacters, rtlTextOperators, type RtlGlyph } from '../../src/write/pdf/rtl-text.js';

const glyph = (hex: string, over: Partial<RtlGlyph> = {}): RtlGlyph => ({ hex, xAdvance: 500, advanceWidth: 500, xOffset: 0, yOffset: 0, actual: null, mark: null, space: false, ...over });
const style = { font: 'F5', size: 10, carrier: '0009' };

describe('the text object of a right-to-left run', () => {
  it('a run with nothing to carry is one TJ, in the segments pdfkit writes (the same bytes as before)', () => {
    const ops = rtlTextOperators([glyph('0001'), glyph('0002', { xAdvance: 480 }), glyph('0003')], 100, 700, style);
    expect(ops).toEqual(['BT', '1 0 0 1 100 700 Tm', '/F5 10 Tf', '[<00010002> 20 <0003> 0] TJ', 'ET']);
  });

  it('a mark moved off its base is drawn where shaping puts it, inside a span whose ActualText is the mark and whose first glyph is the carrier on the baseline just before the base', () => {
    // drawing order: a letter, the mark, its base
    const ops = rtlTextOperators([glyph('0001'), glyph('0004', { xAdvance: 0, advanceWidth: 0, xOffset: 100, yOffset: 300, mark: '\u064E' }), glyph('0002')], 100, 700, style);
    const text = ops.join('\n');
    const span = text.slice(text.indexOf('/Span'), text.indexOf('EMC'));
    expect(span).toContain('/ActualText <feff064e>');
    const moves = [...span.matchAll(/1 0 0 1 (\S+) (\S+) Tm\n\[<(\w+)>/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
    // the base's origin is 105: the span opens at 104.99 on the baseline, the mark is drawn 1 pt right and 3 pt up
    expect(moves).toEqual([[104.99, 700, '0009'], [106, 703, '0004'], [104.99, 700, '0009']]);
    // pieces from the right, in reading order: the base, the mark, the letter
    expect(text.indexOf('<0002>')).toBeLessThan(text.indexOf('/Span'));
    expect(text.indexOf('/Span')).toBeLessThan(text.indexOf('<0001>'));
  });

  it('a glyph that shows another character (a mirrored bracket) carries its own character, one span for that glyph only', () => {
    const ops = rtlTextOperators([glyph('0001'), glyph('0005', { actual: '(' }), glyph('0002')], 0, 0, style);
    expect(ops.filter((o) => o.includes('ActualText'))).toEqual(['/Span <</ActualText <feff0028>>> BDC']);
  });

  it('each glyph takes as many characters of the text as it has code points, read from the last drawn', () => {
    expect(glyphCharacters([[0x627], [0x644, 0x623]], 'لأا')).toEqual(['ا', 'لأ']);
    expect(glyphCharacters([[0x627]], 'لا')).toBeNull();
  });
});
