import type { Diagnostic } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { excerpt } from '../diagnostics/excerpt.js';
import type { SourceMap } from './source-map.js';
import { QR_MAX_BYTES } from '../markup/contract.js';

/**
 * A leaflet's online address, or a brand's pattern for it
 * (`https://clinic.example/leaflets/{leaflet}/{lang}`). It is printed as a
 * QR code beside the address in text, so it must be an address a phone can
 * open as it is: https, a host, no spaces. The placeholders are filled from
 * the leaflet id and the language code only — nothing of a patient's ever
 * goes into it.
 */
export const ONLINE_PLACEHOLDERS = ['leaflet', 'lang'] as const;

/**
 * The longest address, in UTF-8 bytes, once its placeholders are filled:
 * what the markup contract lets a QR code hold. The schema caps the text at
 * 400 characters; this caps what the code holds.
 */
export const ONLINE_MAX_BYTES = QR_MAX_BYTES;

/** Every problem of one `online:` value, each at its place in the file. */
export function checkOnline(value: string, at: { file: string; map: SourceMap; pointer: string }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const where = (offset: number) => ({ file: at.file, ...at.map.locateChar(at.pointer, offset) });
  for (const m of value.matchAll(/\{([^{}]*)\}/g)) {
    if ((ONLINE_PLACEHOLDERS as readonly string[]).includes(m[1]!)) continue;
    out.push({
      code: CODES.UNKNOWN_PLACEHOLDER,
      severity: 'error',
      message: `The online address has the placeholder {${excerpt(m[1]!)}}; only {leaflet} (the leaflet id) and {lang} (the language code) are filled in.`,
      ...where(m.index!),
    });
  }
  if (out.length) return out;
  const problem = addressProblem(fillOnline(value, { leaflet: 'leaflet-id', lang: 'zh-Hans' }));
  if (problem)
    out.push({
      code: CODES.BAD_ONLINE_ADDRESS,
      severity: 'error',
      message: `The online address '${excerpt(value)}' ${problem}`,
      hints: ['Write the full address a phone should open, such as https://clinic.example/leaflets/{leaflet}/{lang}.'],
      ...where(0),
    });
  return out;
}

/** Why an address cannot be printed as a QR code, or null. */
export function addressProblem(address: string): string | null {
  if (!/^https:\/\//i.test(address)) return 'is not an https:// address: a QR code leads only to a secure page.';
  if (/[\s<>"\\^`{|}]/.test(address)) return 'has a space or a character an address cannot hold (write it percent-encoded, %20).';
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'is not a valid address.';
  }
  if (!url.hostname.includes('.') || url.username || url.password) return 'needs a host name such as clinic.example, and no user name or password.';
  if (new TextEncoder().encode(address).length > ONLINE_MAX_BYTES) return `is longer than ${ONLINE_MAX_BYTES} bytes: a QR code of it would be too dense to read from paper. Use a shorter address.`;
  return null;
}

/** The address with its placeholders filled; ids and language codes need no escaping (letters, digits, hyphens). */
export function fillOnline(pattern: string, values: { leaflet: string; lang: string }): string {
  return pattern.replace(/\{(leaflet|lang)\}/g, (_, k: 'leaflet' | 'lang') => values[k]);
}
