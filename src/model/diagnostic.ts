/** One problem found anywhere in the tool. Lines and columns are 1-based. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  hints?: string[];
  /** the file holds health data: printers show no code frame of it */
  sensitive?: boolean;
}

/** What every stage returns: a value (with warnings) or every problem it found. */
export type Result<T> =
  | { ok: true; value: T; warnings: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export function ok<T>(value: T, warnings: Diagnostic[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A place in a source file; `pointer` is the JSON pointer of the value inside it. */
export interface SourceRef {
  file: string;
  pointer: string;
}
