import type { SourceRef } from './diagnostic.js';

/**
 * Brand text in one language for all leaflets, or one text per language.
 * A leaflet takes its own language's text, else English, else the first given.
 */
export type Localized = string | Record<string, string>;

export function localize(text: Localized | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[lang] ?? text.en ?? Object.values(text)[0];
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
  file: string;
  at: SourceRef;
}
