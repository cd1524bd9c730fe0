import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Patient } from '../model/patient.js';
import { CODES } from '../diagnostics/codes.js';
import { cascade, parseSetFlags } from '../select/cascade.js';
import { readYamlFile } from './yaml.js';
import { checkDates } from './dates.js';
import { schemaProblems, validateAgainst } from './schema.js';
import { SourceMap } from './source-map.js';
import { displayPath } from './paths.js';
import { findControls } from '../markup/controls.js';

export interface PatientRequest {
  file?: string;
  set: readonly string[];
  root: string;
  cwd: string;
}

/**
 * Reads a patient file and applies --set overrides (the command line wins).
 * Messages name fields and positions, never values.
 */
export async function loadPatient(req: PatientRequest): Promise<Result<Patient>> {
  const r = await readPatient(req);
  return r.ok ? r : { ok: false, diagnostics: r.diagnostics.map((d) => ({ ...d, sensitive: true })) };
}

/**
 * One patient's details given as data (a form, a hospital system) rather
 * than a file: the same checks as a patient file — schema, forbidden keys,
 * characters that are not text, real dates. Diagnostics name the field
 * (file: 'patient.<field>'), never its value.
 */
export function checkPatient(data: unknown): Result<Patient> {
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { ok: false, diagnostics: [{ code: CODES.WRONG_TYPE, severity: 'error', message: 'Patient details must be a mapping of fields (name: …).', file: 'patient', sensitive: true }] };
  const merged = cascade<Record<string, unknown>>([{ origin: 'patient', values: data as Record<string, unknown> }]);
  if (merged.diagnostics.length) return { ok: false, diagnostics: merged.diagnostics.map((d) => ({ ...d, sensitive: true })) };
  const map = SourceMap.empty('patient');
  const where = (d: Diagnostic): Diagnostic => {
    const field = /'([\w.[\]]+)'/.exec(d.message)?.[1];
    return { ...d, file: field ? `patient.${field}` : 'patient', line: undefined, column: undefined, endLine: undefined, endColumn: undefined, sensitive: true };
  };
  // named by the field's path, as the form names its inputs: patient.medication.0.action
  const problems = schemaProblems('patient', merged.value, { redactValues: true });
  if (problems.length)
    return {
      ok: false,
      diagnostics: problems.map(({ pointer, diagnostic }) => ({
        ...where(diagnostic),
        file: pointer ? `patient.${pointer.slice(1).split('/').join('.')}` : 'patient',
      })),
    };
  const controls = controlCharacters(merged.value, map, new Set(Object.keys(merged.value)), false);
  if (controls.length) return { ok: false, diagnostics: controls.map((d) => ({ ...d, file: d.file?.replace(/^--set /, 'patient.') })) };
  const patient = merged.value as unknown as Patient;
  const dates = checkDates(
    [
      { pointer: '/appointment/date', value: patient.appointment?.date },
      ...(patient.medication ?? []).map((m, i) => ({ pointer: `/medication/${i}/from`, value: m.from })),
    ],
    map,
    true,
  );
  if (dates.length) return { ok: false, diagnostics: dates.map(where) };
  return { ok: true, value: patient, warnings: [] };
}

async function readPatient(req: PatientRequest): Promise<Result<Patient>> {
  let fromFile: Record<string, unknown> = {};
  let map = SourceMap.empty('--set');
  if (req.file) {
    const abs = path.resolve(req.cwd, req.file);
    // The doctor names this file; it may live anywhere they keep patient files, so it is confined to its own folder.
    const parsed = await readYamlFile(abs, displayPath(abs, req.cwd), path.dirname(await realpath(abs).catch(() => abs)));
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics.map(redact) };
    if (!parsed.value.data || typeof parsed.value.data !== 'object' || Array.isArray(parsed.value.data))
      return {
        ok: false,
        diagnostics: [{ code: CODES.WRONG_TYPE, severity: 'error', message: 'A patient file must be a mapping of fields (name: …).', file: parsed.value.file, line: 1, column: 1 }],
      };
    fromFile = parsed.value.data as Record<string, unknown>;
    map = parsed.value.map;
  }
  const flags = parseSetFlags(req.set);
  if (flags.diagnostics.length) return { ok: false, diagnostics: flags.diagnostics };
  coerce(flags.values);
  const merged = cascade<Record<string, unknown>>([
    { origin: map.file, values: fromFile },
    { origin: '--set', values: flags.values },
  ]);
  if (merged.diagnostics.length) return { ok: false, diagnostics: merged.diagnostics };
  const data = merged.value;
  const errors = validateAgainst('patient', data, map, { redactValues: true });
  if (errors.length) {
    // Errors in values that came from --set point at the flag, not at the file.
    const setKeys = new Set(req.set.map((s) => s.slice(0, Math.max(0, s.indexOf('=')))));
    return {
      ok: false,
      diagnostics: errors.map((d) => {
        const field = /'([\w.[\]]+)'/.exec(d.message)?.[1]?.replace(/\[\d+\]/g, '');
        if (field && setKeys.has(field)) return { ...d, file: `--set ${field}`, line: undefined, column: undefined };
        return req.file ? d : { ...d, file: '--set', line: undefined, column: undefined };
      }),
    };
  }
  const controls = controlCharacters(data, map, new Set(Object.keys(flags.values)), Boolean(req.file));
  if (controls.length) return { ok: false, diagnostics: controls };
  const patient = data as unknown as Patient;
  const dates = checkDates(
    [
      { pointer: '/appointment/date', value: patient.appointment?.date },
      ...(patient.medication ?? []).map((m, i) => ({ pointer: `/medication/${i}/from`, value: m.from })),
    ],
    map,
    true,
  );
  if (dates.length) return { ok: false, diagnostics: dates.map((d) => (fromSet(d) ? { ...d, file: '--set', line: undefined, column: undefined } : d)) };
  return { ok: true, value: patient, warnings: [] };

  function fromSet(d: { message: string }): boolean {
    const field = /'([\w.[\]]+)'/.exec(d.message)?.[1];
    return !req.file || (field !== undefined && req.set.some((s) => s.startsWith(`${field}=`)));
  }
}

/**
 * Control and bidi-override characters (markup/controls.ts) in any patient
 * field are refused: they would print as nothing or reorder what the reader
 * sees. The message names the field, the character and its position, never
 * the value.
 */
function controlCharacters(data: unknown, map: SourceMap, fromSet: ReadonlySet<string>, hasFile: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (v: unknown, pointer: string, field: string) => {
    if (typeof v === 'string') {
      const found = findControls(v);
      if (!found.length) return;
      const c = found[0]!;
      const top = pointer.split('/')[1] ?? '';
      const where = fromSet.has(top) || !hasFile ? { file: `--set ${top}` } : { file: map.file, ...lineColumn(map.locate(pointer)) };
      out.push({
        code: CODES.PATIENT_CONTROL_CHARACTER,
        severity: 'error',
        message: `The field '${field}' holds a character that is not text (${c.name}) at character ${c.position}${found.length > 1 ? `, and ${found.length - 1} more` : ''}. Remove it: patient fields are printed as they are written.`,
        ...where,
        sensitive: true,
      });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${pointer}/${i}`, `${field}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, field ? `${field}.${k}` : k);
  };
  walk(data, '', '');
  return out;
}

const lineColumn = (p: { line: number; column: number }) => ({ line: p.line, column: p.column });

/** --set values are strings; turn the few non-string fields into their types. */
function coerce(values: Record<string, unknown>): void {
  if (values.companion === 'true' || values.companion === 'yes') values.companion = true;
  else if (values.companion === 'false' || values.companion === 'no') values.companion = false;
  if (typeof values.skip === 'string') values.skip = values.skip.split(',').map((s) => s.trim()).filter(Boolean);
}

/** YAML parser messages may quote the offending text; for patient files, drop it. */
function redact(d: Diagnostic): Diagnostic {
  if (d.code === CODES.YAML_SYNTAX) return { ...d, message: 'YAML syntax error here. Check quoting and indentation.' };
  return d;
}
