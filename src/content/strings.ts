/**
 * Language packs: the strings templates add ("Consiglio pratico", "Pagina
 * {page} di {pages}", the patient box labels), kept apart from layout. The
 * package ships one pack per language in i18n/<lang>.yaml; a content folder
 * adds or overrides strings in its own i18n/<lang>.yaml, merged key by key
 * over the bundled pack, for every template. Every read is confined to the
 * pack's own folder (src/io/read.ts).
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { TemplateStrings } from '../model/template.js';
import { PACK_FIELDS, type PackFile, type StringPack } from '../model/strings.js';
import { CODES } from '../diagnostics/codes.js';
import { listConfined, readConfinedText, refusalText } from '../io/read.js';
import { parseYamlText } from './yaml.js';
import { validateAgainst } from './schema.js';
import { displayPath, layout } from './paths.js';

export const BUNDLED_I18N = fileURLToPath(new URL('../../i18n/', import.meta.url));

/** A pack is small: a few dozen short strings. */
export const MAX_PACK_BYTES = 64 * 1024;

/** it, en, pt-BR, zh-Hans, sr-Latn-RS: a language tag that is also a safe file name. */
export const PACK_LANG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$/;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export interface PackOptions {
  root: string;
  cwd: string;
}

/** The languages with a pack: bundled with leaflets, and in the content folder's i18n/. */
export async function packLanguages(root: string): Promise<{ bundled: string[]; clinic: string[] }> {
  const names = async (folder: string) => {
    const r = await listConfined(folder, folder);
    return r.ok ? r.value.filter((f) => f.endsWith('.yaml') && PACK_LANG.test(f.slice(0, -5))).map((f) => f.slice(0, -5)) : [];
  };
  return { bundled: await names(BUNDLED_I18N), clinic: (await isBundledFolder(root)) ? [] : await names(layout.i18n(root)) };
}

/** The package's own folder as a content root (its bundled leaflets): its i18n/ is the bundled packs, not a clinic's. */
async function isBundledFolder(root: string): Promise<boolean> {
  try {
    return (await realpath(layout.i18n(root))) === (await realpath(BUNDLED_I18N));
  } catch {
    return false;
  }
}

/** Where a content folder puts its strings for `lang`, as shown in messages. */
export function clinicPackFile(lang: string, options: PackOptions): string {
  return displayPath(path.join(layout.i18n(options.root), `${lang}.yaml`), options.cwd);
}

/** The pack for `lang`: the bundled strings with the content folder's merged over them. */
export async function loadStrings(lang: string, options: PackOptions): Promise<Result<StringPack>> {
  const clinicFile = clinicPackFile(lang, options);
  if (!PACK_LANG.test(lang)) return noPack(lang, clinicFile);
  const bundled = await readPack(BUNDLED_I18N, lang, 'bundled', options.cwd);
  const clinic: Result<PackFile | null> = (await isBundledFolder(options.root))
    ? { ok: true, value: null, warnings: [] }
    : await readPack(layout.i18n(options.root), lang, 'clinic', options.cwd);
  const diagnostics = [...(bundled.ok ? [] : bundled.diagnostics), ...(clinic.ok ? [] : clinic.diagnostics)];
  if (diagnostics.length) return { ok: false, diagnostics };
  const files = [bundled, clinic].flatMap((r) => (r.ok && r.value ? [r.value] : []));
  if (!files.length) return noPack(lang, clinicFile);
  const strings = mergeStrings(files.map((f) => f.data));
  const field = <T>(name: string, type: string): T | undefined => {
    let v: T | undefined;
    for (const f of files) if (typeof (f.data as Record<string, unknown>)[name] === type) v = (f.data as Record<string, unknown>)[name] as T;
    return v;
  };
  return {
    ok: true,
    value: {
      lang,
      locale: field<string>('locale', 'string') ?? lang,
      strings,
      reviewed: field<boolean>('reviewed', 'boolean') ?? false,
      reviewedBy: field<string>('reviewedBy', 'string'),
      origin: files.length === 2 ? 'both' : files[0]!.kind,
      files,
      clinicFile,
    },
    warnings: [],
  };
}

/** Packs merged key by key, lowest first (bundled, then the clinic's); the pack's own fields stay out. */
export function mergeStrings(layers: readonly TemplateStrings[]): TemplateStrings {
  const out: TemplateStrings = {};
  for (const layer of layers) mergeInto(out, layer, true);
  return out;
}

/** Key by key, nested groups (patient.*) too; the pack's own fields stay out of the strings. */
function mergeInto(into: TemplateStrings, from: TemplateStrings, top: boolean): void {
  for (const [k, v] of Object.entries(from)) {
    if (FORBIDDEN.has(k) || (top && PACK_FIELDS.includes(k))) continue;
    if (typeof v === 'object' && v !== null) {
      const target = typeof into[k] === 'object' ? (into[k] as TemplateStrings) : (into[k] = {});
      mergeInto(target, v, false);
    } else into[k] = v;
  }
}

function noPack(lang: string, clinicFile: string): Result<StringPack> {
  const name = languageName(lang);
  return {
    ok: false,
    diagnostics: [
      {
        code: CODES.NO_TEMPLATE_STRINGS,
        severity: 'error',
        message: `There are no template strings for '${lang}'${name ? ` (${name})` : ''}: the labels the templates add, such as "Practical tip" and "Page 1 of 3". Add ${clinicFile} in your content folder, translated from a bundled pack; it serves every template.`,
        hints: ['`leaflets languages` lists the bundled packs; docs/content.md ("Adding a language") shows the keys.'],
      },
    ],
  };
}

/** The language's name in English (CLDR through Intl), or undefined for a code Intl does not know. */
export function languageName(lang: string, inLanguage = 'en'): string | undefined {
  try {
    const name = new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'none' }).of(lang);
    return name && name !== lang ? name : undefined;
  } catch {
    return undefined;
  }
}

/** One bundled pack as shipped, without any content folder's strings: the reference for keys and placeholders. */
export function loadBundledPack(lang: string, cwd: string): Promise<Result<PackFile | null>> {
  return readPack(BUNDLED_I18N, lang, 'bundled', cwd);
}

async function readPack(folder: string, lang: string, kind: PackFile['kind'], cwd: string): Promise<Result<PackFile | null>> {
  const file = path.join(folder, `${lang}.yaml`);
  const display = displayPath(file, cwd);
  const read = await readConfinedText(folder, file, { maxBytes: MAX_PACK_BYTES });
  if (!read.ok) {
    if (read.reason === 'missing') return { ok: true, value: null, warnings: [] };
    return fail({
      code: read.reason === 'too-large' ? CODES.FILE_TOO_LARGE : CODES.FILE_UNREADABLE,
      severity: 'error',
      message: `The strings file ${refusalText(read, MAX_PACK_BYTES)}.`,
      file: display,
    });
  }
  const parsed = parseYamlText(Buffer.from(read.value, 'utf8'), display);
  if (!parsed.ok) return parsed;
  const data = parsed.value.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail({ code: CODES.WRONG_TYPE, severity: 'error', message: 'A strings file is a mapping of keys to texts (key: text).', file: display, line: 1, column: 1 });
  const errors = validateAgainst('strings', data, parsed.value.map);
  if (errors.length) return { ok: false, diagnostics: errors };
  return { ok: true, value: { kind, display, data: data as TemplateStrings, map: parsed.value.map }, warnings: [] };
}

function fail(d: Diagnostic): Result<never> {
  return { ok: false, diagnostics: [d] };
}
