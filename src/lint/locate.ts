import type { SourceMap } from '../content/source-map.js';

/** file:line:column of a value (or of one character inside a single-line string) in a YAML file. */
export function place(
  of: { file: string; sourceMap: SourceMap },
  pointer: string,
  offset?: number,
): { file: string; line: number; column: number } {
  const p = offset === undefined ? of.sourceMap.locate(pointer) : of.sourceMap.locateChar(pointer, offset);
  return { file: of.file, line: p.line, column: p.column };
}

/** "it.yaml:12:7", for messages that point at a second place. */
export function shortPlace(p: { file: string; line: number; column: number }): string {
  return `${p.file.split(/[\\/]/).pop()}:${p.line}:${p.column}`;
}

/** The first words of a text, for messages that quote it. */
export function quote(text: string, max = 48): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? `“${t}”` : `“${t.slice(0, max - 1).trimEnd()}…”`;
}
