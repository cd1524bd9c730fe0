import { excerpt } from '../diagnostics/excerpt.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Brand, Localized } from '../model/brand.js';
import type { Result } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from './yaml.js';
import { validateAgainst } from './schema.js';
import { checkOnline } from './online.js';
import { displayPath, layout, resolveConfined } from './paths.js';

/** The default brand's name: `--help` promises it, so it can be named on the command line and in the config. */
export const DEFAULT_BRAND = 'neutral';

/** The brand used when none is named (or `neutral` is named) and the root has no neutral.yaml. */
export const BUILTIN_BRAND: Brand = {
  id: DEFAULT_BRAND,
  name: '',
  colours: { primary: '#1f4e79', accent: '#e9f0f7', text: '#1a1a1a' },
  contacts: {},
  file: '(built-in)',
  at: { file: '(built-in)', pointer: '' },
};

export async function listBrands(root: string): Promise<string[]> {
  try {
    return (await readdir(layout.brands(root))).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

interface RawBrand {
  name: Localized;
  logo?: string;
  logoAlt?: Localized;
  colours?: Partial<Brand['colours']>;
  contacts?: Brand['contacts'];
  footer?: Localized;
  online?: string;
  emergency?: string;
  timeZone?: string;
}

/** Every brand name a root accepts: its brand files, and the default brand even when the root has no file for it. */
export function brandNames(files: readonly string[]): string[] {
  return files.includes(DEFAULT_BRAND) ? [...files] : [...files, DEFAULT_BRAND].sort();
}

/**
 * Loads data/brands/<name>.yaml. With no name, or the default brand's name:
 * neutral.yaml if the root has one, else a built-in neutral brand.
 */
export async function loadBrand(name: string | undefined, options: { root: string; cwd: string }): Promise<Result<Brand>> {
  const files = await listBrands(options.root);
  name ??= DEFAULT_BRAND;
  if (name === DEFAULT_BRAND && !files.includes(DEFAULT_BRAND)) return { ok: true, value: BUILTIN_BRAND, warnings: [] };
  const known = brandNames(files);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) || !known.includes(name))
    return {
      ok: false,
      diagnostics: [
        {
          code: CODES.UNKNOWN_BRAND,
          severity: 'error',
          message: `There is no brand '${name}'.${didYouMean(name, known)} ${
            known.length ? `Brands: ${known.join(', ')}.` : 'Add one as data/brands/<name>.yaml.'
          }`,
        },
      ],
    };
  const file = path.join(layout.brands(options.root), `${name}.yaml`);
  const display = displayPath(file, options.cwd);
  const parsed = await readYamlFile(file, display, layout.brands(options.root));
  if (!parsed.ok) return parsed;
  const errors = validateAgainst('brand', parsed.value.data, parsed.value.map);
  if (errors.length) return { ok: false, diagnostics: errors };
  const raw = parsed.value.data as RawBrand;
  if (raw.timeZone !== undefined && !knownTimeZone(raw.timeZone)) {
    const p = parsed.value.map.locate('/timeZone');
    return {
      ok: false,
      diagnostics: [
        {
          code: CODES.UNKNOWN_TIME_ZONE,
          severity: 'error',
          message: `'${excerpt(raw.timeZone)}' is not a time zone this system knows. Write an IANA time zone such as Europe/Rome or Europe/London.`,
          file: display,
          line: p.line,
          column: p.column,
        },
      ],
    };
  }
  if (raw.online !== undefined) {
    const bad = checkOnline(raw.online, { file: display, map: parsed.value.map, pointer: '/online' });
    if (bad.length) return { ok: false, diagnostics: bad };
  }
  const brand: Brand = {
    id: name,
    name: raw.name,
    colours: { ...BUILTIN_BRAND.colours, ...raw.colours },
    contacts: raw.contacts ?? {},
    footer: raw.footer,
    ...(raw.online !== undefined && { online: raw.online }),
    ...(raw.emergency !== undefined && { emergency: raw.emergency }),
    ...(raw.timeZone !== undefined && { timeZone: raw.timeZone }),
    file: display,
    at: { file: display, pointer: '' },
    sourceMap: parsed.value.map,
  };
  const folder = layout.brands(options.root);
  if (raw.logo) {
    const resolved = await resolveConfined(folder, folder, raw.logo);
    if (!resolved.ok) {
      const p = parsed.value.map.locate('/logo');
      return {
        ok: false,
        diagnostics: [
          {
            code: CODES.BAD_LOGO,
            severity: 'error',
            message:
              resolved.reason === 'missing'
                ? `The logo '${raw.logo}' does not exist. The path is relative to ${path.basename(display)}.`
                : `The logo '${raw.logo}' is outside the brands folder. Copy it into ${displayPath(folder, options.cwd)} and use a relative path.`,
            file: display,
            line: p.line,
            column: p.column,
          },
        ],
      };
    }
    const ext = path.extname(raw.logo).toLowerCase();
    const at = parsed.value.map.locate('/logo');
    brand.logo = {
      path: resolved.path,
      type: ext === '.svg' ? 'svg' : ext === '.png' ? 'png' : 'jpeg',
      folder,
      written: raw.logo,
      line: at.line,
      column: at.column,
      alt: raw.logoAlt ?? raw.name,
    };
  }
  return { ok: true, value: brand, warnings: [] };
}

/** An IANA zone name that Intl (ICU) knows: only those give correct dates across daylight-saving changes. */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
