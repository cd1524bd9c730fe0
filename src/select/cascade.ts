import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';

/** Keys that would let data rewrite object prototypes. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

export interface Layer<T> {
  /** where the values come from, for messages: "brand data/brands/x.yaml", "--set" */
  origin: string;
  values: Partial<T> | undefined;
}

/**
 * Merges settings in one ordered call, lowest priority first:
 * template defaults < brand < leaflet < language < patient < command line.
 * Plain objects merge key by key; anything else (lists, strings) replaces.
 */
export function cascade<T extends object>(layers: readonly Layer<T>[]): { value: T; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let value: Record<string, unknown> = Object.create(null);
  for (const layer of layers) {
    if (layer.values) value = merge(value, layer.values as Record<string, unknown>, layer.origin, '', diagnostics);
  }
  return { value: { ...value } as T, diagnostics };
}

function merge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
  origin: string,
  path: string,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign(Object.create(null), base);
  for (const key of Object.keys(over)) {
    if (RESERVED.has(key)) {
      diagnostics.push({
        code: CODES.RESERVED_KEY,
        severity: 'error',
        message: `${origin}: the key '${path}${key}' is reserved and cannot be set.`,
      });
      continue;
    }
    const v = over[key];
    if (v === undefined) continue;
    const b = out[key];
    out[key] = isPlain(v) && isPlain(b) ? merge(b, v, origin, `${path}${key}.`, diagnostics) : isPlain(v) ? merge(Object.create(null), v, origin, `${path}${key}.`, diagnostics) : v;
  }
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Turns `key.sub=value` pairs from the command line into a nested object.
 * Values stay strings; the schema of whatever they feed checks them.
 */
export function parseSetFlags(pairs: readonly string[]): { values: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const values: Record<string, unknown> = Object.create(null);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!key || !/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(key)) {
      diagnostics.push({
        code: CODES.BAD_SET,
        severity: 'error',
        message: `--set expects key=value, such as --set appointment.time=08:30; got a malformed key${key ? ` '${key}'` : ''}.`,
      });
      continue;
    }
    const parts = key.split('.');
    if (parts.some((p) => RESERVED.has(p))) {
      diagnostics.push({ code: CODES.RESERVED_KEY, severity: 'error', message: `--set: the key '${key}' is reserved.` });
      continue;
    }
    let node = values;
    for (const p of parts.slice(0, -1)) {
      if (!isPlain(node[p])) node[p] = Object.create(null);
      node = node[p] as Record<string, unknown>;
    }
    node[parts.at(-1)!] = pair.slice(eq + 1);
  }
  return { values: { ...values }, diagnostics };
}
