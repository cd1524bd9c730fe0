import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { SourceMap } from './source-map.js';
import { BLOCK_KINDS } from '../model/content.js';
import * as generated from './validators.generated.js';

export type SchemaName = 'leaflet' | 'language' | 'brand' | 'patient' | 'config' | 'strings';

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
  return toDiagnostics(validate.errors ?? [], map, options.redactValues ?? false);
}

function toDiagnostics(errors: ErrorObject[], map: SourceMap, redact: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A block with an unknown kind also fails maxProperties etc.; report the root cause only.
  const unknownAt = new Set(
    errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath),
  );
  for (const e of errors) {
    if ((e.keyword === 'maxProperties' || e.keyword === 'minProperties') && unknownAt.has(e.instancePath)) continue;
    const d = describe(e, map, redact);
    const key = `${d.code}:${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function describe(e: ErrorObject, map: SourceMap, redact: boolean): Diagnostic {
  // Patient files hold health data: name the field and place, never the value.
  const describeValue = (v: unknown) => (redact ? '' : showValue(v));
  const at = (pointer: string, key = false) => {
    const p = key ? map.locateKey(pointer) : map.locate(pointer);
    return { file: map.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn };
  };
  const where = fieldName(e.instancePath);
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      const isBlock = allowed.length === BLOCK_KINDS.length && BLOCK_KINDS.every((k) => allowed.includes(k));
      if (isBlock)
        return {
          code: CODES.UNKNOWN_BLOCK,
          severity: 'error',
          message: `Unknown block kind '${prop}'.${didYouMean(prop, allowed)} Block kinds are: ${allowed.join(', ')}.`,
          ...at(`${e.instancePath}/${prop}`, true),
        };
      return {
        code: CODES.UNKNOWN_FIELD,
        severity: 'error',
        message: `Unknown field '${prop}'${where ? ` in ${where}` : ''}.${didYouMean(prop, allowed)}${
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
    case 'type':
      return {
        code: CODES.WRONG_TYPE,
        severity: 'error',
        message: `${capital(where || 'The file')} should be ${article(String((e.params as { type: string }).type))}${redact ? '' : `, not ${describeValue(e.data)}`}.`,
        ...at(e.instancePath),
      };
    case 'maxProperties':
    case 'minProperties': {
      const keys = e.data && typeof e.data === 'object' ? Object.keys(e.data) : [];
      return {
        code: CODES.INVALID_VALUE,
        severity: 'error',
        message:
          e.keyword === 'maxProperties'
            ? `A block has exactly one kind, but this one has ${keys.map((k) => `'${k}'`).join(' and ')}. Split it into separate blocks.`
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
  if (pattern.includes('[a-z]{2,3}')) return 'use a 2–3 letter lowercase language code such as it or en.';
  if (pattern.includes('\\d{4}')) return 'write dates as YYYY-MM-DD.';
  if (pattern.includes('png|jpe?g|svg')) return 'images must be .png, .jpg, .jpeg or .svg files.';
  if (pattern.includes('#[0-9a-fA-F]{6}')) return 'write colours as #rrggbb.';
  return desc ?? `it must match ${pattern}.`;
}

/** "/sections/2/blocks/0/faq/1/q" → "field 'q' of sections[2].blocks[0].faq[1]" */
function fieldName(pointer: string): string {
  if (!pointer) return '';
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const p of parts) path += /^\d+$/.test(p) ? `[${p}]` : path ? `.${p}` : p;
  return `'${path}'`;
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
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}
