import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkStylesheet, decodeEscapes } from '../../src/content/stylesheet.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { PROJECT } from '../support/cli.js';

const check = (css: string) => checkStylesheet(css, 'templates/clinic/style.css');

describe('a template stylesheet may not load or run anything', () => {
  it('the bundled stylesheets pass', () => {
    for (const t of ['standard', 'large-print']) expect(check(readFileSync(path.join(PROJECT, 'templates', t, 'style.css'), 'utf8'))).toEqual([]);
  });

  it.each([
    ['@import', 'p { color: red }\n@import url("https://e.example/x.css");', 2, 1],
    ['@import written with an escape', 'p { color: red }\n  @\\69mport "https://e.example/x.css";', 2, 3],
    ['url() to the web', 'p {\n  background: url(https://e.example/x.png);\n}', 2, 15],
    ['url() with an escaped name', 'p {\n  background: u\\72l(https://e.example/x.png);\n}', 2, 15],
    ['url() with a quoted argument and escaped name', 'p { background: \\75 rl("https://e.example/x.png") }', 1, 17],
    ['image-set() with a string', 'p { background: image-set("https://e.example/a.png" 1x) }', 1, 17],
    ['src()', 'p { background: src("https://e.example/a.png") }', 1, 17],
    ['a url in a custom property', ':root { --bg: url(//e.example/x.png) }', 1, 15],
    ['a url in @font-face', '@font-face { font-family: X; src: url(https://e.example/x.woff2) }', 1, 35],
    ['a file url', 'p { background: url(../../etc/passwd) }', 1, 17],
    ['expression()', 'p { width: expression(alert(1)) }', 1, 12],
    ['expression() with an escaped name', 'p { width: \\65xpression(alert(1)) }', 1, 12],
    ['behavior', 'p { behavior: url(#default#x) }', 1, 5],
    ['-moz-binding', 'p { -moz-binding: url(#x) }', 1, 5],
  ])('%s is refused at its line and column', (_, css, line, column) => {
    const d = check(css);
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]).toMatchObject({ code: CODES.BAD_STYLESHEET, file: 'templates/clinic/style.css', line, column });
  });

  it('"</style" is refused even inside a comment or a string', () => {
    expect(check('/* </style><script>alert(1)</script> */ p { color: red }')[0]).toMatchObject({ code: CODES.BAD_STYLESHEET, line: 1, column: 4 });
    expect(check('p::after { content: "</STYLE>" }')[0]).toMatchObject({ code: CODES.BAD_STYLESHEET, line: 1, column: 22 });
  });

  it('CSS the parser cannot read whole is refused rather than guessed at', () => {
    expect(check('p { color: red;\n  background: u\\72l(https://e.example/x.png;\n')[0]).toMatchObject({ file: 'templates/clinic/style.css', line: 2 });
  });

  it('data: images of the known formats and fragment references are allowed', () => {
    expect(check('p { background: url("data:image/png;base64,iVBORw0KGgo=") }')).toEqual([]);
    expect(check('p { background: url(data:image/svg+xml;utf8,%3Csvg%3E%3C/svg%3E) }')).toEqual([]);
    expect(check('p { filter: url(#soft) }')).toEqual([]);
    expect(check('p { background: url(data:text/html;base64,PHNjcmlwdD4=) }')[0]).toMatchObject({ code: CODES.BAD_STYLESHEET });
  });
});

describe('CSS escapes', () => {
  it('decode hex escapes with their optional space and plain escapes', () => {
    expect(decodeEscapes('u\\72l')).toBe('url');
    expect(decodeEscapes('\\75 rl')).toBe('url');
    expect(decodeEscapes('\\000075rl')).toBe('url');
    expect(decodeEscapes('u\\rl')).toBe('url');
  });

  // Every way of writing "url" with CSS escapes: each letter as itself, an
  // escaped letter, or a hex escape of 1–6 digits in either case.
  const escapedLetter = (c: string) =>
    fc.oneof(
      fc.constant(c),
      fc.constant(c.toUpperCase()),
      fc.integer({ min: 2, max: 6 }).map((n) => `\\${c.charCodeAt(0).toString(16).padStart(n, '0')} `),
      fc.constant(`\\${c.charCodeAt(0).toString(16).toUpperCase()} `),
      // "\u" would be a hex escape start only for hex letters; u, r and l are not hex digits
      fc.constant(`\\${c}`),
    );
  it('property: however "url" is escaped, a url to the web is refused', () => {
    fc.assert(
      fc.property(
        fc.tuple(escapedLetter('u'), escapedLetter('r'), escapedLetter('l')),
        fc.webUrl(),
        fc.boolean(),
        ([u, r, l], url, quoted) => {
          const arg = quoted ? JSON.stringify(url) : url.replace(/[()'"\\\s]/g, '');
          const d = check(`p {\n  background: ${u}${r}${l}(${arg});\n}\n`);
          expect(d.length).toBeGreaterThan(0);
          expect(d[0]!.line).toBe(2);
        },
      ),
      { numRuns: 300 },
    );
  });
});
