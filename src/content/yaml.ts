import { readConfined, refusalText } from '../io/read.js';
import { LineCounter, parseDocument, isPair, isScalar, visit } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { SourceMap } from './source-map.js';
import { explainSyntaxErrors, hashMessage, specialMessage, starMessage, valueOf } from './yaml-errors.js';

/** Content files are small; anything bigger is a mistake or an attack. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Real content needs few anchors; many aliases are how alias bombs start. */
export const MAX_ALIASES = 50;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface YamlFile {
  file: string;
  data: unknown;
  text: string;
  map: SourceMap;
}

export type YamlResult = { ok: true; value: YamlFile } | { ok: false; diagnostics: Diagnostic[] };

/**
 * Reads (confined to `folder`: the real path, symlinks followed, must stay
 * inside it), size-checks, decodes and parses a YAML file. Never throws for
 * bad input, and never quotes a file that is not what it should be.
 */
export async function readYamlFile(file: string, display: string, folder: string): Promise<YamlResult> {
  const read = await readConfined(folder, file, { maxBytes: MAX_FILE_BYTES });
  if (!read.ok) {
    const code = read.reason === 'too-large' ? CODES.FILE_TOO_LARGE : read.reason === 'outside' ? CODES.FILE_OUTSIDE : CODES.FILE_UNREADABLE;
    const message =
      read.reason === 'missing'
        ? 'The file does not exist.'
        : read.reason === 'too-large'
          ? `The file is larger than ${MAX_FILE_BYTES} bytes; content files are limited to that size. Split it or remove what does not belong.`
          : read.reason === 'outside'
            ? `The file is a link to something outside ${folder}; only files inside that folder are read. Put the file itself there.`
            : `The file ${refusalText(read)}.`;
    return { ok: false, diagnostics: [{ code, severity: 'error', message, file: display }] };
  }
  return parseYamlText(read.value, display);
}

export function parseYamlText(bytes: Uint8Array, display: string): YamlResult {
  const err = (code: string, message: string, line?: number, column?: number): YamlResult => ({
    ok: false,
    diagnostics: [{ code, severity: 'error', message, file: display, line, column }],
  });
  if (bytes.length > MAX_FILE_BYTES)
    return err(CODES.FILE_TOO_LARGE, `The file is larger than ${MAX_FILE_BYTES} bytes; content files are limited to that size.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return err(
      CODES.NOT_UTF8,
      'The file is not valid UTF-8. Save it as UTF-8 (most editors: "Save with encoding" → UTF-8).',
      at.line,
      at.column,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text))
    return err(CODES.EMPTY_FILE, 'The file is empty. Add the content, or delete the file.', 1, 1);

  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: true,
    lineCounter: lines,
    strict: true,
  });
  const diagnostics: Diagnostic[] = explainSyntaxErrors(text, doc.errors, display);
  // a tag (!word) is no error to the parser, which drops the word; in content it is a slip
  for (const w of doc.warnings)
    if (w.code === 'TAG_RESOLVE_FAILED' && w.linePos) {
      const lineText = text.split(/\r?\n/)[w.linePos[0].line - 1] ?? '';
      const part = valueOf(lineText);
      diagnostics.push({ code: CODES.YAML_SPECIAL_START, severity: 'error', message: specialMessage(part, lineText), file: display, line: w.linePos[0].line, column: w.linePos[0].col });
    }
  if (diagnostics.length) return { ok: false, diagnostics };

  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      aliases++;
      // content has no anchors: '*text' is bold or italic at the start of unquoted text
      if (!node.resolve(doc)) {
        const p = node.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
        const lineText = text.split(/\r?\n/)[p.line - 1] ?? '';
        diagnostics.push({
          code: CODES.YAML_STAR_START,
          severity: 'error',
          message: starMessage(valueOf(lineText), lineText),
          file: display,
          line: p.line,
          column: p.col,
        });
        return;
      }
      if (aliases === MAX_ALIASES + 1) {
        const p = node.range ? lines.linePos(node.range[0]) : undefined;
        diagnostics.push({
          code: CODES.ALIAS_LIMIT,
          severity: 'error',
          message: `More than ${MAX_ALIASES} YAML aliases. Write the content out instead of repeating it with anchors.`,
          file: display,
          line: p?.line,
          column: p?.col,
        });
      }
    },
    Scalar(_key, node) {
      if (node.type !== 'PLAIN' || node.comment === undefined || !node.range) return;
      const after = /^[ \t]+#(?=\S)/.exec(text.slice(node.range[1], node.range[2]));
      if (!after) return;
      const p = lines.linePos(node.range[1] + after[0].length - 1);
      diagnostics.push({ code: CODES.YAML_HASH_IN_TEXT, severity: 'error', message: hashMessage(), file: display, line: p.line, column: p.col });
    },
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value))) {
        const p = pair.key.range ? lines.linePos(pair.key.range[0]) : undefined;
        diagnostics.push({
          code: CODES.FORBIDDEN_KEY,
          severity: 'error',
          message: `The key '${String(pair.key.value)}' is not allowed. Rename it.`,
          file: display,
          line: p?.line,
          column: p?.col,
        });
      }
    },
  });
  if (diagnostics.length) return { ok: false, diagnostics };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return err(CODES.ALIAS_LIMIT, `The YAML aliases expand too much (${firstLine(String((e as Error).message))}).`, 1, 1);
  }
  if (data === null || data === undefined)
    return err(CODES.EMPTY_FILE, 'The file has no content. Add the content, or delete the file.', 1, 1);
  return { ok: true, value: { file: display, data, text, map: SourceMap.fromDocument(display, doc, text, lines) } };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    try {
      if (len === 0) throw new Error();
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      const column = new TextDecoder().decode(bytes.subarray(lineStart, i)).length + 1;
      return { line, column };
    }
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += len;
  }
  return { line, column: 1 };
}
