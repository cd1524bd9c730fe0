import type { SourceRef } from './diagnostic.js';
import type { SourceMap } from '../content/source-map.js';

/**
 * Brand text in one language for all leaflets, or one text per language.
 * A leaflet takes its own language's text, else English, else the first given.
 */
export type Localized = string | Record<string, string>;

export function localize(text: Localized | undefined, lang: string): string | undefined {
  return localizeWithLang(text, lang)?.text;
}

/**
 * As localize, saying which language the text is in when it is not `lang`
 * (a fallback), so that the writers can tag it. One text for all languages
 * is the brand's own (a name), in no particular language: null.
 */
export function localizeWithLang(text: Localized | undefined, lang: string): { text: string; lang: string | null } | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return { text, lang: null };
  if (Object.hasOwn(text, lang)) return { text: text[lang]!, lang: null };
  if (Object.hasOwn(text, 'en')) return { text: text.en!, lang: 'en' };
  const first = Object.entries(text)[0];
  return first ? { text: first[1], lang: first[0] } : undefined;
}

export interface BrandLogo {
  /** absolute real path, checked to stay inside the brand folder */
  path: string;
  type: 'svg' | 'png' | 'jpeg';
  /** the brands folder, which the logo must stay inside */
  folder: string;
  /** the path as written after logo:, and where that value is in the brand file */
  written: string;
  line?: number;
  column?: number;
  /** text alternative for the logo; defaults to the brand name */
  alt: Localized;
}

export interface BrandContacts {
  address?: string;
  phone?: string;
  email?: string;
  web?: string;
}

export interface Brand {
  id: string;
  name: Localized;
  logo?: BrandLogo;
  colours: { primary: string; accent: string; text: string };
  contacts: BrandContacts;
  footer?: Localized;
  /** where the clinic publishes its leaflets: https://…/{leaflet}/{lang}, for leaflets without an online address of their own */
  online?: string;
  /** the emergency number for the urgent-help box; else the language pack's */
  emergency?: string;
  /** IANA time zone of the clinic: appointment times are wall-clock times there */
  timeZone?: string;
  file: string;
  at: SourceRef;
  /** positions in the brand file (absent for the built-in brand) */
  sourceMap?: SourceMap;
}
