/**
 * A template's style.css is inlined into every HTML leaflet as written, so
 * it is checked at load time with a real CSS parser (css-tree), not with
 * regular expressions: names are compared after their escapes are decoded
 * (`u\72l(` is `url(`, `@\69mport` is `@import`), and a stylesheet the
 * parser cannot read whole is refused rather than guessed at.
 *
 * The rules: nothing may load anything (no @import, no url(), src() or
 * image-set() except the template's own data: images), nothing may run
 * (no expression(), behavior or -moz-binding), and nothing may end the
 * <style> element early. The Content-Security-Policy of the HTML output
 * (src/write/html.ts) stops what slips past this; this check says where.
 */
import { excerpt } from '../diagnostics/excerpt.js';
import parse from 'css-tree/parser';
import walk from 'css-tree/walker';
import type { FunctionNode } from 'css-tree';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';

/** Images a stylesheet may carry inline: the formats the image checker knows. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|svg\+xml)[;,]/i;
/** Functions whose arguments are URLs, or which run script (old IE). */
const FETCHING_FUNCTIONS = new Set(['url', 'src', 'image-set', '-webkit-image-set', 'image', '-webkit-image', 'expression']);
/** Properties that attach behaviour (old IE, old Firefox). */
const SCRIPT_PROPERTIES = new Set(['behavior', '-moz-binding']);

/** Problems of a template stylesheet, each at the line and column of `file` where it starts. */
export function checkStylesheet(css: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const problem = (code: string, why: string, line: number, column: number) =>
    out.push({ code, severity: 'error', message: why[0]!.toUpperCase() + why.slice(1), file, line, column });
  const at = (index: number) => {
    const before = css.slice(0, index).split('\n');
    return [before.length, before[before.length - 1]!.length + 1] as const;
  };

  // The HTML parser ends a style element at the first literal "</style", in
  // a comment or a string alike, before any CSS rule applies.
  for (const m of css.matchAll(/<\/style/gi))
    problem(CODES.BAD_STYLESHEET, 'it contains "</style", which would end the stylesheet early. Remove it (also from comments).', ...at(m.index!));

  const ast = parse(css, {
    positions: true,
    parseCustomProperty: true,
    onParseError: (e: { message: string; line?: number; column?: number; offset?: number }) => {
      const [line, column] = e.line !== undefined ? [e.line, e.column ?? 1] : at(e.offset ?? 0);
      problem(CODES.STYLESHEET_SYNTAX, `this is not valid CSS (${e.message}). Fix the rule; a stylesheet is checked only when it parses whole.`, line, column);
    },
  });

  walk(ast, (node) => {
    const start = node.loc?.start ?? { line: 1, column: 1 };
    switch (node.type) {
      case 'Atrule':
        if (decode(node.name) === 'import')
          problem(CODES.BAD_STYLESHEET, '@import would fetch another stylesheet; the HTML must be self-contained. Put the rules in style.css.', start.line, start.column);
        break;
      case 'Url':
        if (!allowedUrl(node.value))
          problem(CODES.BAD_STYLESHEET, `url(${shorten(node.value)}) would fetch a file; the HTML must be self-contained. Use a data:image/png, jpeg or svg+xml URL.`, start.line, start.column);
        break;
      case 'Function': {
        const name = decode(node.name);
        if (name === 'expression')
          problem(CODES.BAD_STYLESHEET, 'expression() runs script; it is not allowed in a leaflet stylesheet.', start.line, start.column);
        else if (FETCHING_FUNCTIONS.has(name) && !(name === 'url' || name === 'src' ? allowedArguments(node) : false))
          problem(CODES.BAD_STYLESHEET, `${name}() would fetch a file; the HTML must be self-contained. Use url() with a data:image/png, jpeg or svg+xml URL.`, start.line, start.column);
        break;
      }
      case 'Declaration':
        if (SCRIPT_PROPERTIES.has(decode(node.property)))
          problem(CODES.BAD_STYLESHEET, `the property ${node.property} attaches script; it is not allowed in a leaflet stylesheet.`, start.line, start.column);
        break;
      case 'Raw': {
        // Text the parser kept unparsed: look for the same things, escapes decoded.
        const text = decodeEscapes(node.value).toLowerCase();
        const hit = /(?:url|src|image-set|image|expression)\s*\(|@import/.exec(text);
        if (hit) problem(CODES.BAD_STYLESHEET, `"${hit[0]}" in text the CSS parser could not read; the HTML must be self-contained.`, start.line, start.column);
        break;
      }
    }
  });
  return out.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}

/** A url: only the template's own inline images, or a fragment of the document. */
function allowedUrl(value: string): boolean {
  const v = value.trim();
  return v.startsWith('#') || DATA_IMAGE.test(v);
}

/** url("…") and src("…") written as functions: their one string argument must itself be allowed. */
function allowedArguments(node: FunctionNode): boolean {
  const args = node.children.toArray().filter((c) => c.type !== 'WhiteSpace');
  return args.length === 1 && args[0]!.type === 'String' && allowedUrl(args[0]!.value);
}

/** An identifier with its escapes decoded, lower-cased: what the browser compares. */
function decode(name: string): string {
  return decodeEscapes(name).toLowerCase();
}

/** CSS escapes (`\72 `, `\(`) decoded, for text the parser did not read. */
export function decodeEscapes(s: string): string {
  return s.replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|([^\n\r\f0-9a-fA-F]))/g, (_, hex: string | undefined, ch: string | undefined) => {
    if (ch !== undefined) return ch;
    const cp = parseInt(hex!, 16);
    return cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
  });
}

function shorten(s: string): string {
  return excerpt(s, 60);
}
