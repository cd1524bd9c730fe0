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

/** The parser as it was before it was made linear: quadratic, but the output every golden file was made with. */
function quadraticReference(text: string, allowBold = true): string {
  const esc = (c: string) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c;
  const italicEnd = (from: number) => {
    if (from >= text.length || /\s|\*/.test(text[from]!)) return -1;
    for (let j = from + 1; j < text.length; j++) if (text[j] === '*' && text[j + 1] !== '*' && !/\s/.test(text[j - 1]!)) return j;
    return -1;
  };
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (allowBold && text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2 && !/\s/.test(text[i + 2]!) && !/\s/.test(text[end - 1]!)) {
        out += `<strong>${quadraticReference(text.slice(i + 2, end), false)}</strong>`;
        i = end + 2;
      } else {
        out += '**';
        i += 2;
      }
      continue;
    }
    if (text[i] === '*') {
      const end = italicEnd(i + 1);
      if (end > 0) {
        out += `<em>${[...text.slice(i + 1, end)].map(esc).join('')}</em>`;
        i = end + 1;
        continue;
      }
    }
    out += esc(text[i]!);
    i++;
  }
  return out;
}

describe('inline parsing is linear and keeps the output it always had', () => {
  it('gives the same HTML as the old scan-to-the-end parser for any mix of stars, letters and spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '**', '***', 'a', 'b', ' ', '\n', '<') }), (s) => {
        expect(inlineToHtml(s)).toBe(quadraticReference(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('900 KB of unclosed "*a " parses in one pass (the old parser took minutes)', () => {
    const text = '*a '.repeat(300_000);
    const started = performance.now();
    expect(inlineToText(text)).toBe(text);
    // a correctness bound, not a benchmark: linear work is ~0.1 s here, quadratic was > 10 min
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe('left-to-right runs inside right-to-left text are isolated in HTML', () => {
  const rtl = (text: string) => inlineToHtml(text, { rtl: true });

  it.each([
    ['اتصل على +39 02 1234 5678 الآن', 'اتصل على <span dir="ltr">+39 02 1234 5678</span> الآن'],
    ['יש ליטול **Paracetamol 500 mg** פעמיים', 'יש ליטול <strong><span dir="ltr">Paracetamol 500 mg</span></strong> פעמיים'],
    ['بتاريخ 24/11/2026 الساعة 08:30', 'بتاريخ <span dir="ltr">24/11/2026</span> الساعة <span dir="ltr">08:30</span>'],
    ['لدى 70–80% من المرضى', 'لدى <span dir="ltr">70–80%</span> من المرضى'],
    ['באתר https://www.example.org/he.', 'באתר <a href="https://www.example.org/he"><span dir="ltr">https://www.example.org/he</span></a>.'],
    ['تناول (Paracetamol) يوميا', 'تناول (<span dir="ltr">Paracetamol</span>) يوميا'],
    ['Ibuprofen (400 mg) مساءً', '<span dir="ltr">Ibuprofen (400 mg)</span> مساءً'],
    ['חום מעל 38 °C', 'חום מעל <span dir="ltr">38</span> °<span dir="ltr">C</span>'],
  ])('%s', (input, html) => {
    expect(rtl(input)).toBe(html);
  });

  it('a tel: link keeps its no-break spaces and reads left to right', () => {
    expect(rtl('اتصل [+39 02 1234 5678](tel:+390212345678)')).toBe('اتصل <a href="tel:+390212345678"><span dir="ltr">+39\u00a002\u00a01234\u00a05678</span></a>');
  });

  it('left-to-right leaflets are unchanged: no span is added', () => {
    expect(inlineToHtml('Chiamare il +39 02 1234 5678, **Paracetamol 500 mg**')).toBe('Chiamare il +39 02 1234 5678, <strong>Paracetamol 500 mg</strong>');
  });

  it('any text: isolating adds only span dir="ltr" around runs holding no right-to-left letter, and every character survives in order', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('ש', 'ل', 'م', ' ', 'a', 'B', '1', '٣', '+', '-', '–', '/', ':', '.', ',', '%', '(', ')', '*', '**', '<', '&', '"') }),
        (s) => {
          const html = rtl(s);
          const spans = [...html.matchAll(/<span dir="ltr">([^<]*)<\/span>/g)].map((m) => m[1]!);
          for (const run of spans) expect(run, html).not.toMatch(/(?=\p{L})[\u0590-\u08FF]/u);
          expect(html.replace(/<span dir="ltr">|<\/span>/g, '')).toBe(inlineToHtml(s));
        },
      ),
      { numRuns: 500 },
    );
  });
});
