import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { escapePointer, SourceMap } from './source-map.js';
import { BLOCK_KINDS } from '../model/content.js';
import * as generated from './validators.generated.js';

export type SchemaName = 'leaflet' | 'language' | 'brand' | 'patient' | 'config' | 'theme' | 'strings';

const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Validators by schema, made on first use. */
const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator compiled at build time (scripts/validators.js) while it was
 * compiled from exactly this schema text; otherwise the schema compiled now
 * with the same options. Compiling at run time was a quarter of a cold render.
 */
function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const text = readFileSync(`${schemaDir}${name}.schema.json`, 'utf8');
    const fresh = generated.schemaHashes[name] === createHash('sha256').update(text).digest('hex');
    v = fresh ? (generated[name] as ValidateFunction) : compile(text);
    compiled.set(name, v);
  }
  return v;
}

/** Keep the options in step with scripts/validators.js. */
function compile(text: string): ValidateFunction {
  // loaded only for a schema edited since the last build
  const AjvModule = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const Ajv = AjvModule.default ?? AjvModule;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTuples: false, allowUnionTypes: true });
  return ajv.compile(JSON.parse(text));
}

/** Validates parsed YAML against a published schema; every error points at the YAML source. */
export function validateAgainst(
  name: SchemaName,
  data: unknown,
  map: SourceMap,
  options: { redactValues?: boolean } = {},
): Diagnostic[] {
  const validate = validator(name);
  if (validate(data)) return [];
  return toDiagnostics(validate.errors ?? [], map, options.redactValues ?? false, data);
}

/**
 * The same problems as validateAgainst, each with the JSON pointer of the
 * value it is about (a missing or unknown field: where it would be). For
 * data that has no source file, such as a form, whose fields are named by
 * their path rather than by a line.
 */
export function schemaProblems(name: SchemaName, data: unknown, options: { redactValues?: boolean } = {}): { pointer: string; diagnostic: Diagnostic }[] {
  const validate = validator(name);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  const map = SourceMap.empty(name);
  const unknownAt = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: { pointer: string; diagnostic: Diagnostic }[] = [];
  for (const e of errors) {
    if ((e.keyword === 'maxProperties' || e.keyword === 'minProperties') && unknownAt.has(e.instancePath)) continue;
    const params = e.params as { additionalProperty?: string; missingProperty?: string };
    const child = e.keyword === 'additionalProperties' ? params.additionalProperty : e.keyword === 'required' ? params.missingProperty : undefined;
    const pointer = child === undefined ? e.instancePath : `${e.instancePath}/${child}`;
    const diagnostic = describe(e, map, options.redactValues ?? false, data);
    const key = `${pointer}:${diagnostic.code}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, diagnostic });
  }
  return out;
}

function toDiagnostics(errors: ErrorObject[], map: SourceMap, redact: boolean, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A block with an unknown kind also fails maxProperties etc.; report the root cause only.
  const unknownAt = new Set(
    errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath),
  );
  for (const e of errors) {
    if ((e.keyword === 'maxProperties' || e.keyword === 'minProperties') && unknownAt.has(e.instancePath)) continue;
    const d = describe(e, map, redact, data);
    const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function describe(e: ErrorObject, map: SourceMap, redact: boolean, data: unknown): Diagnostic {
  // Patient files hold health data: name the field and place, never the value.
  const describeValue = (v: unknown) => (redact ? '' : showValue(v));
  const at = (pointer: string, key = false) => {
    const p = key ? map.locateKey(pointer) : map.locate(pointer);
    return { file: map.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
  };
  const where = placeName(e.instancePath, data);
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const isBlock = allowed.length === BLOCK_KINDS.length && BLOCK_KINDS.every((k) => allowed.includes(k));
      if (isBlock)
        return {
          code: CODES.UNKNOWN_BLOCK,
          severity: 'error',
          message: `Unknown block kind '${excerpt(prop)}'.${didYouMean(prop, allowed)} Block kinds are: ${allowed.join(', ')}.`,
          ...at(`${e.instancePath}/${prop}`, true),
        };
      return {
        code: CODES.UNKNOWN_FIELD,
        severity: 'error',
        message: `Unknown field '${excerpt(prop)}'${where ? ` in ${where}` : ''}.${didYouMean(prop, allowed)}${
          allowed.length ? ` Allowed fields: ${allowed.join(', ')}.` : ''
        }`,
        ...at(`${e.instancePath}/${prop}`, true),
      };
    }
    case 'required': {
      const prop = String((e.params as { missingProperty: string }).missingProperty);
      return {
        code: CODES.MISSING_FIELD,
        severity: 'error',
        message: `Missing required field '${prop}'${where ? ` in ${where}` : ''}. Add it.`,
        ...at(e.instancePath),
      };
    }
    case 'type': {
      const colonKey = textSplitByColon(e);
      if (colonKey !== undefined) {
        const p = map.locateKey(`${e.instancePath}/${escapePointer(colonKey)}`);
        const dash = /\/\d+$/.test(e.instancePath);
        return {
          code: CODES.YAML_UNQUOTED_COLON,
          severity: 'error',
          message: `${capital(where)} should be text, but a colon followed by a space made YAML read a key and a value. Put the text in quotes: ${dash ? '- "…"' : `${lastKey(e.instancePath)}: "…"`}.`,
          file: map.file,
          line: p.endLine,
          column: p.endColumn,
        };
      }
      return {
        code: CODES.WRONG_TYPE,
        severity: 'error',
        message: `${capital(where || 'The file')} should be ${article(String((e.params as { type: string }).type))}${redact ? '' : `, not ${describeValue(e.data)}`}.`,
        ...at(e.instancePath),
      };
    }
    case 'maxProperties':
    case 'minProperties': {
      const keys = e.data && typeof e.data === 'object' ? Object.keys(e.data) : [];
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message:
          e.keyword === 'maxProperties'
            ? `A block has exactly one kind, but this one has ${keys.map((k) => `'${excerpt(k)}'`).join(' and ')}. Split it into separate blocks.`
            : `This block is empty. Give it a kind: ${BLOCK_KINDS.join(', ')}.`,
        ...at(e.instancePath),
      };
    }
    case 'enum':
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message: `${capital(where)} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => `'${String(v)}'`).join(', ')}${redact ? '' : `, not ${describeValue(e.data)}`}.`,
        ...at(e.instancePath),
      };
    case 'pattern':
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message: `${capital(where)} has an invalid value${redact ? '' : ` ${describeValue(e.data)}`}: ${patternHint(e)}`,
        ...at(e.instancePath),
      };
    case 'minLength':
    case 'minItems':
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message: `${capital(where)} is empty. Fill it in or remove it.`,
        ...at(e.instancePath),
      };
    default:
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message: `${capital(where || 'The file')} ${e.message ?? 'is invalid'}.`,
        ...at(e.instancePath),
      };
  }
}

function patternHint(e: ErrorObject): string {
  const desc = (e.parentSchema as { description?: string } | undefined)?.description;
  const pattern = (e.params as { pattern: string }).pattern;
  if (pattern.includes('a-z0-9]+(-')) return 'use lowercase letters, digits and hyphens, such as what-it-is.';
  if (pattern.includes('[a-z]{2,3}')) return 'use a language code such as it, en or zh-Hans.';
  if (pattern.includes('\\d{4}')) return 'write dates as YYYY-MM-DD.';
  if (pattern.includes('png|jpe?g|svg')) return 'images must be .png, .jpg, .jpeg or .svg files.';
  if (pattern.includes('#[0-9a-fA-F]{6}')) return 'write colours as #rrggbb.';
  if (pattern.startsWith('^https://')) return 'write a whole https:// address with no spaces, such as https://clinic.example/leaflets/{leaflet}/{lang}.';
  return desc ?? `it must match ${pattern}.`;
}

/**
 * Where a value is, in the words an editor knows the leaflet by: sections by
 * id, blocks and items counted from 1. "/sections/2/blocks/0/faq/1/q" →
 * "'q' of section 'faq', block 1, question 2"; a subsection is
 * 'parent.child'. Other files keep their dotted field names
 * ('document.version', 'appointment.date').
 */
export function placeName(pointer: string, data: unknown): string {
  if (!pointer) return '';
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const phrases: string[] = [];
  const fields: string[] = [];
  const sectionIds: string[] = [];
  let node: unknown = data;
  const child = (n: unknown, key: string): unknown => (n && typeof n === 'object' ? (n as Record<string, unknown>)[key] : undefined);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) : undefined;
    if (index === undefined) {
      node = child(node, p);
      // a block's kind is said by its number already ("block 3"), not as a field
      if (!(fields.length === 0 && phrases.at(-1)?.startsWith('block ') && i < parts.length - 1)) fields.push(p);
      continue;
    }
    node = child(child(node, p), next!);
    i++;
    if (p === 'sections' && fields.length === 0) {
      const id = child(node, 'id');
      sectionIds.push(typeof id === 'string' && id ? id : String(index + 1));
      const named = typeof id === 'string' && id;
      // a subsection replaces its parent in the phrase: 'parent.child'
      if (phrases.length && phrases[0]!.startsWith('section ')) phrases.length = 0;
      phrases.push(named ? `section '${sectionIds.join('.')}'` : `section ${sectionIds.join('.')}`);
    } else if (p === 'blocks' && fields.length === 0) phrases.push(`block ${index + 1}`);
    else {
      const name = ITEM_NAMES[p] ?? `'${[...fields, p].join('.')}' item`;
      if (!ITEM_NAMES[p]) fields.length = 0;
      phrases.push(`${name} ${index + 1}`);
    }
  }
  const place = phrases.join(', ');
  const field = fields.length ? `'${fields.join('.')}'` : '';
  return field && place ? `${field} of ${place}` : field || place;
}

const ITEM_NAMES: Record<string, string> = {
  summary: 'summary paragraph',
  list: 'list item',
  steps: 'step',
  faq: 'question',
  a: 'answer paragraph',
  points: 'key point',
  medication: 'medication',
  rows: 'table row',
  head: 'header cell',
  checklist: 'checklist item',
  terms: 'term',
  timeline: 'timeline entry',
  items: 'item',
};

/**
 * Text with an unquoted ": " in it, where text was expected, is read as a
 * one-key mapping ("- Aderenze: fibrosi" → { Aderenze: "fibrosi" }): the
 * key, so the error can point at the colon.
 */
function textSplitByColon(e: ErrorObject): string | undefined {
  const expected = String((e.params as { type: string }).type).split(',');
  if (!expected.includes('string')) return undefined;
  const v = e.data;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const entries = Object.entries(v);
  if (entries.length !== 1) return undefined;
  const value = entries[0]![1];
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) ? entries[0]![0] : undefined;
}

function lastKey(pointer: string): string {
  return pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
}

function capital(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping (key: value)',
    array: 'a list',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

function showValue(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `'${excerpt(v)}'`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}
