import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from '../model/diagnostic.js';

export interface PrintStyle {
  /** colour and code frames: only on a TTY and never with NO_COLOR */
  colour: boolean;
  /** where relative file names in diagnostics start from (for code frames) */
  cwd?: string;
}

export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if ('NO_COLOR' in env && env.NO_COLOR !== undefined) return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export function painter(colour: boolean): ChalkInstance {
  return new Chalk({ level: colour ? 1 : 0 });
}

/** `file:line:column: severity CODE: message` — one line a problem, grep-able. */
export function formatDiagnostic(d: Diagnostic, style: PrintStyle): string {
  const c = painter(style.colour);
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const sev = d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.blue('info');
  let out = `${c.bold(where)}${sev} ${c.dim(d.code)}: ${d.message}`;
  for (const h of d.hints ?? []) out += `\n  ${c.dim('hint:')} ${h}`;
  if (style.colour && d.file && d.line && !d.sensitive) {
    // without a cwd, a relative file name is read as Node resolves any path: from the process's folder
    const frame = codeFrame(style.cwd === undefined ? path.resolve(d.file) : path.resolve(style.cwd, d.file), d.line, d.column ?? 1, c);
    if (frame) out += `\n${frame}`;
  }
  return out;
}

export function formatDiagnostics(list: readonly Diagnostic[], style: PrintStyle): string {
  return list.map((d) => formatDiagnostic(d, style)).join('\n');
}

export function summary(list: readonly Diagnostic[], style: PrintStyle): string {
  const c = painter(style.colour);
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.filter((d) => d.severity === 'warning').length;
  const parts = [];
  if (errors) parts.push(c.red(`${errors} error${errors > 1 ? 's' : ''}`));
  if (warnings) parts.push(c.yellow(`${warnings} warning${warnings > 1 ? 's' : ''}`));
  return parts.join(', ');
}

/** Two lines of context and a caret under the column, as prettier's codeFrameColumns. */
function codeFrame(file: string, line: number, column: number, c: ChalkInstance): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 1);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const mark = n === line ? c.red('>') : ' ';
    out.push(`${mark} ${c.dim(String(n).padStart(width))} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}${c.red('^')}`);
  }
  return out.join('\n');
}
