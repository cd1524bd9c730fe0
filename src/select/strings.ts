import type { Diagnostic } from '../model/diagnostic.js';
import type { TemplateStrings } from '../model/template.js';
import type { PackFile, StringPack, StringUse } from '../model/strings.js';
import { PACK_FIELDS } from '../model/strings.js';
import { CODES } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/suggest.js';
import { escapePointer } from '../content/source-map.js';

/** The string at a dotted key ("patient.companion"), if the pack has one. */
export function stringAt(strings: TemplateStrings, key: string): string | undefined {
  let v: TemplateStrings | string | undefined = strings;
  for (const part of key.split('.')) v = typeof v === 'object' && Object.hasOwn(v, part) ? v[part] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Every dotted key a pack file holds, with its JSON pointer, its own fields left out. */
export function keysOf(data: TemplateStrings, prefix = '', pointer = ''): { key: string; pointer: string }[] {
  const out: { key: string; pointer: string }[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (!prefix && PACK_FIELDS.includes(k)) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    const p = `${pointer}/${escapePointer(k)}`;
    if (typeof v === 'object' && v !== null) out.push(...keysOf(v, key, p));
    else out.push({ key, pointer: p });
  }
  return out;
}

/**
 * A string a template uses that the pack lacks is an error before anything
 * renders — never a label left blank or a patient-box row left out. The
 * message says where the string goes: the content folder's own
 * i18n/<lang>.yaml, never the installed package.
 */
export function missingStrings(pack: StringPack, uses: readonly StringUse[], template: string): Diagnostic[] {
  const byKey = new Map<string, string[]>();
  for (const u of uses) if (stringAt(pack.strings, u.key) === undefined) byKey.set(u.key, [...(byKey.get(u.key) ?? []), u.part]);
  return [...byKey].map(([key, parts]) => ({
    code: CODES.STRINGS_MISSING_KEY,
    severity: 'error' as const,
    message: `The '${pack.lang}' strings lack '${key}', which template '${template}' needs for ${parts[0]}${parts.length > 1 ? ` and ${parts.length - 1} more place${parts.length > 2 ? 's' : ''}` : ''}. Add it to ${pack.clinicFile}${pack.origin === 'bundled' ? ' (a new file holding only the keys you add)' : ''}.`,
    file: pack.clinicFile,
    hints: [`${pack.clinicFile}:\n  ${key.includes('.') ? `${key.split('.')[0]}:\n    ${key.split('.').slice(1).join('.')}: …` : `${key}: …`}`],
  }));
}

/**
 * Keys in a content folder's pack that no template uses and the bundled
 * packs do not know: usually a typo, which would leave the bundled string in
 * place while the editor thinks it is overridden.
 */
export function unknownStrings(file: PackFile, known: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { key, pointer } of keysOf(file.data)) {
    if (known.has(key)) continue;
    const guess = closest(key, known);
    const p = file.map.locateKey(pointer);
    out.push({
      code: CODES.STRINGS_UNKNOWN_KEY,
      severity: 'warning',
      message: `No template uses the string '${key}'.${guess ? ` Did you mean '${guess}'?` : ' Remove it, or use it in a template as {{t.' + key + '}}.'}`,
      file: file.display,
      line: p.line,
      column: p.column,
    });
  }
  return out;
}

/**
 * A translated string must keep the reference pack's {placeholders}: "Pagina
 * {page}" without {pages} prints half a page label, "{pagine}" prints braces.
 */
export function placeholderMismatches(file: PackFile, reference: TemplateStrings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
  for (const { key, pointer } of keysOf(file.data)) {
    const ref = stringAt(reference, key);
    const own = stringAt(file.data, key);
    if (ref === undefined || own === undefined) continue;
    const want = names(ref);
    const have = names(own);
    if (want.join() === have.join()) continue;
    const p = file.map.locate(pointer);
    out.push({
      code: CODES.STRINGS_PLACEHOLDER,
      severity: 'error',
      message: `'${key}' must hold ${want.length ? want.map((n) => `{${n}}`).join(' and ') : 'no {placeholder}'}${have.length ? `, not ${have.map((n) => `{${n}}`).join(' and ')}` : ''}: leaflets fills ${want.length > 1 ? 'them' : 'it'} in. Keep the names in English, as in the English pack.`,
      file: file.display,
      line: p.line,
      column: p.column,
    });
  }
  return out;
}
