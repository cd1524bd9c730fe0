import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

interface Entry {
  value?: Position;
  key?: Position;
  /** where the scalar's text starts, for pointing at one character inside it */
  textStart?: { line: number; column: number; singleLine: boolean; escaped?: string };
}

/**
 * Maps JSON pointers ("/sections/3/blocks/0/text") to positions in a YAML
 * file, so that any later stage can name the line and column of a value.
 */
export class SourceMap {
  readonly file: string;
  private readonly entries: Map<string, Entry>;

  constructor(file: string, entries: Map<string, Entry>) {
    this.file = file;
    this.entries = entries;
  }

  static empty(file: string): SourceMap {
    return new SourceMap(file, new Map());
  }

  static fromDocument(file: string, doc: Document, text: string, lines: LineCounter): SourceMap {
    const entries = new Map<string, Entry>();
    const pos = (range: [number, number, number] | null | undefined): Position | undefined => {
      if (!range) return undefined;
      const a = lines.linePos(range[0]);
      const b = lines.linePos(range[1]);
      return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    };
    const walk = (node: unknown, pointer: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Node;
      const entry: Entry = entries.get(pointer) ?? {};
      entry.value = pos(n.range as [number, number, number] | undefined);
      if (isScalar(n) && n.range) {
        const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
        const start = lines.linePos(n.range[0] + (quoted ? 1 : 0));
        const raw = text.slice(n.range[0], n.range[1]);
        const oneLine = !raw.includes('\n') && (n.type === 'PLAIN' || quoted);
        // A double-quoted scalar with escapes ("\e", "\u202E") keeps its source
        // text, to count columns through the escapes: they are how control
        // characters get into a file.
        const escaped = oneLine && n.type === 'QUOTE_DOUBLE' && raw.includes('\\') ? raw.slice(1, -1) : undefined;
        entry.textStart = {
          line: start.line,
          column: start.col,
          singleLine: oneLine && (!raw.includes('\\') || escaped !== undefined),
          ...(escaped !== undefined ? { escaped } : {}),
        };
      }
      entries.set(pointer, entry);
      if (isMap(n)) {
        for (const item of n.items) {
          if (!isPair(item)) continue;
          const keyNode = item.key as Node | null;
          const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
          const child = `${pointer}/${escapePointer(key)}`;
          const childEntry: Entry = entries.get(child) ?? {};
          childEntry.key = pos(keyNode?.range as [number, number, number] | undefined);
          entries.set(child, childEntry);
          if (item.value) walk(item.value, child);
          else childEntry.value = childEntry.key;
        }
      } else if (isSeq(n)) {
        n.items.forEach((item, i) => walk(item, `${pointer}/${i}`));
      }
    };
    walk(doc.contents, '');
    return new SourceMap(file, entries);
  }

  /** Position of the value at `pointer`, or of its nearest located ancestor. */
  locate(pointer: string): Position {
    let p = pointer;
    for (;;) {
      const e = this.entries.get(p);
      if (e?.value) return e.value;
      if (e?.key) return e.key;
      if (p === '') return { line: 1, column: 1, endLine: 1, endColumn: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  /** Position of the key of the property at `pointer` (for "unknown field" errors). */
  locateKey(pointer: string): Position {
    return this.entries.get(pointer)?.key ?? this.locate(pointer);
  }

  /**
   * Line and column of the character at `offset` inside the string at
   * `pointer`. Exact for single-line plain or quoted scalars; for block
   * scalars it falls back to where the value starts.
   */
  locateChar(pointer: string, offset: number): { line: number; column: number } {
    const e = this.entries.get(pointer);
    if (e?.textStart?.escaped !== undefined) return { line: e.textStart.line, column: e.textStart.column + sourceColumns(e.textStart.escaped, offset) };
    if (e?.textStart?.singleLine) return { line: e.textStart.line, column: e.textStart.column + offset };
    const p = this.locate(pointer);
    return { line: p.line, column: p.column };
  }
}

/** YAML double-quoted escapes by their length in the source after the backslash (\x41 is 3, \u2028 is 5). */
const ESCAPE_LENGTH: Record<string, number> = { x: 3, u: 5, U: 9 };

/** Source columns taken by the first `offset` UTF-16 units of a double-quoted scalar's decoded text. */
function sourceColumns(raw: string, offset: number): number {
  let i = 0;
  let decoded = 0;
  while (i < raw.length && decoded < offset) {
    if (raw[i] === '\\') {
      const kind = raw[i + 1] ?? '';
      const length = ESCAPE_LENGTH[kind] ?? 1;
      const hex = kind === 'U' ? parseInt(raw.slice(i + 2, i + 10), 16) : 0;
      decoded += hex > 0xffff ? 2 : 1;
      i += 1 + length;
    } else {
      decoded += 1;
      i += 1;
    }
  }
  return i;
}

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
