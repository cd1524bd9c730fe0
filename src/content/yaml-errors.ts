import type { YAMLError } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';

/**
 * YAML syntax errors in the words of the mistake an editor made, one error a
 * cause. The parser reports what it could not read, often several times for
 * one slip: a single tab used for indentation gave four to seven errors,
 * among them a false "key appears twice". Three slips account for most of
 * them in leaflet content, and each has a plain fix:
 *
 * - a tab in the indentation → indent with spaces;
 * - text with ": " in it, unquoted → YAML reads a new key: put the text in quotes;
 * - text starting with `*` (bold `**…**` or italic `*…*` markers) → YAML reads
 *   an alias: put the text in quotes;
 * - and their rarer cousins: text starting with another character YAML gives
 *   a meaning (& ! @ ` %), or starting with a quote or bracket and going on
 *   after it, and " #" inside a text, which silently cuts it short.
 *
 * Messages never quote the text itself (patient files are parsed here too):
 * they name the key and the position.
 */

/** The start of the value on a YAML line: after the indentation, any "- " and a plain key. */
const VALUE_START = /^([ \t]*(?:-[ \t]+)*)(?:([A-Za-z_][\w.-]*)[ \t]*:[ \t]+)?/;

export interface LinePart {
  /** 1-based column where the value starts */
  column: number;
  /** the key the value belongs to, when the line has one */
  key?: string;
  value: string;
}

export function valueOf(line: string): LinePart {
  const m = VALUE_START.exec(line)!;
  return { column: m[0].length + 1, key: m[2], value: line.slice(m[0].length) };
}

/** How to write the value quoted, naming the key but never the text. */
export function quotedExample(part: LinePart, lineText: string): string {
  const dash = /^[ \t]*-[ \t]/.test(lineText) && !part.key;
  return part.key ? `${part.key}: "…"` : dash ? `- "…"` : `"…"`;
}

export function starMessage(part: LinePart, lineText: string): string {
  return `Text that starts with '*' is read by YAML as a reference to an anchor (for bold or italic at the start, too). Put the text in quotes: ${quotedExample(part, lineText)}.`;
}

/** Text starting with a character YAML gives a meaning: & anchor, ! tag, @ and ` reserved, % directive. */
export function specialMessage(part: LinePart, lineText: string): string {
  const c = part.value[0] ?? '';
  const meaning = c === '&' ? 'an anchor' : c === '!' ? 'a tag, and the word after it is dropped' : c === '%' ? 'a directive' : 'a reserved character';
  return `Text that starts with '${c}' is read by YAML as ${meaning}. Put the text in quotes: ${quotedExample(part, lineText)}.`;
}

/**
 * A plain text with " #" in it: YAML ends the text there and drops the rest
 * as a comment ("Nota #1 importante" loads as "Nota"). A comment written as
 * one has a space after the hash; "#1" or "#hashtag" is text.
 */
export function hashMessage(): string {
  return "' #' starts a comment in YAML, so the text after it is left out of the leaflet. Put the whole text in quotes (or, for a comment, write a space after the #).";
}

interface Cause {
  code: string;
  line: number;
  column: number;
  message: string;
}

export function explainSyntaxErrors(text: string, errors: readonly YAMLError[], file: string): Diagnostic[] {
  const lines = text.split(/\r?\n/);
  const causes = new Map<string, Cause>();
  const generic: Cause[] = [];
  for (const e of errors) {
    const line = e.linePos?.[0]?.line;
    const column = e.linePos?.[0]?.col;
    const lineText = line !== undefined ? (lines[line - 1] ?? '') : '';
    const part = valueOf(lineText);
    if (line !== undefined && e.code === 'TAB_AS_INDENT') {
      const indent = /^[ \t]*/.exec(lineText)![0];
      causes.set(`tab:${line}`, {
        code: CODES.YAML_TAB_INDENT,
        line,
        column: indent.indexOf('\t') + 1 || 1,
        message:
          'This line is indented with a tab. Indent with spaces: YAML does not allow tabs for indentation (most editors can turn tabs into spaces).',
      });
    } else if (line !== undefined && part.value.startsWith('*')) {
      causes.set(`star:${line}`, { code: CODES.YAML_STAR_START, line, column: part.column, message: starMessage(part, lineText) });
    } else if (line !== undefined && /^[&!@`%]/.test(part.value)) {
      causes.set(`special:${line}`, { code: CODES.YAML_SPECIAL_START, line, column: part.column, message: specialMessage(part, lineText) });
    } else if (line !== undefined && /^["'[{]/.test(part.value) && e.code === 'UNEXPECTED_TOKEN') {
      causes.set(`special:${line}`, {
        code: CODES.YAML_SPECIAL_START,
        line,
        column: part.column,
        message: `This text starts with ${part.value[0] === '[' || part.value[0] === '{' ? 'a bracket, which YAML reads as a list or mapping' : 'a quote, which YAML reads as quoting the whole text'}, and goes on after it. Put the whole text in double quotes, writing \\" for a quote inside: ${quotedExample(part, lineText)}.`,
      });
    } else if (
      line !== undefined &&
      (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') &&
      /:(\s|$)/.test(part.value) &&
      !/^["'[{|>]/.test(part.value)
    ) {
      const colon = part.value.search(/:(\s|$)/);
      causes.set(`colon:${line}`, {
        code: CODES.YAML_UNQUOTED_COLON,
        line,
        column: part.column + colon,
        message: `This text has a colon followed by a space, which YAML reads as the start of a new key. Put the text in quotes: ${quotedExample(part, lineText)}.`,
      });
    } else if (e.code === 'DUPLICATE_KEY') {
      generic.push({ code: CODES.DUPLICATE_KEY, line: line ?? 1, column: column ?? 1, message: 'This key appears twice in the same mapping. Keep one of them.' });
    } else {
      generic.push({ code: CODES.YAML_SYNTAX, line: line ?? 1, column: column ?? 1, message: `YAML syntax error: ${firstLine(e.message)}` });
    }
  }
  const found = [...causes.values()];
  // A tab shifts the structure of everything around it: the parser's other complaints
  // (before and after the tab, "key appears twice" included) are its knock-on effects.
  const tabs = found.filter((c) => c.code === CODES.YAML_TAB_INDENT);
  const kept = tabs.length ? tabs : [...found, ...generic.filter((g) => !found.some((c) => c.line === g.line))];
  return kept
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((c) => ({ code: c.code, severity: 'error', message: c.message, file, line: c.line, column: c.column }));
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}
