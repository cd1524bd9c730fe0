import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import type { SourceMap } from './source-map.js';

/** YYYY-MM-DD that names a day on the calendar (the schema only checks the shape: 2026-02-30 passes it). */
export function isCalendarDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Dates that a JS Date would silently roll over (30 February → 2 March) are
 * errors at their position. `redact` leaves the value out of the message.
 */
export function checkDates(values: { pointer: string; value: unknown }[], map: SourceMap, redact = false): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { pointer, value } of values) {
    if (typeof value !== 'string' || isCalendarDate(value)) continue;
    const p = map.locate(pointer);
    const field = pointer.split('/').filter(Boolean).join('.').replace(/\.(\d+)\./g, '[$1].');
    out.push({
      code: CODES.INVALID_VALUE,
      severity: 'error',
      message: `'${field}' is not a day on the calendar${redact ? '' : ` (${value})`}. Check the day and the month.`,
      file: map.file,
      line: p.line,
      column: p.column,
    });
  }
  return out;
}
