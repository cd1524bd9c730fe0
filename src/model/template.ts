/**
 * A template folder as loaded: templates/<name>/ with leaflet.hbs, partials/,
 * style.css and theme.yaml. The strings it adds come from the language packs
 * (i18n/<lang>.yaml, src/content/strings.ts), the same for every template.
 */
export type Paper = 'a4' | 'letter' | 'a5';
export const PAPERS: readonly Paper[] = ['a4', 'letter', 'a5'];

export interface FontFaces {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** Writing systems a theme may name fonts for (src/write/pdf/scripts.ts says which characters each holds). */
export type ScriptName = 'arabic' | 'hebrew' | 'han' | 'devanagari' | 'bengali';
export const SCRIPT_NAMES: readonly ScriptName[] = ['arabic', 'hebrew', 'han', 'devanagari', 'bengali'];

/** A script's upright faces: italics of these scripts are set upright, never slanted by the writer. */
export interface ScriptFaces {
  regular: string;
  bold: string;
}

/** Shared by both writers: the CSS gets these as custom properties, the PDF writer reads them directly. */
export interface Theme {
  /** margins in mm */
  margins: { top: number; right: number; bottom: number; left: number };
  /**
   * font files (absolute paths after loading); `scripts` draw the characters
   * of their script (read only by documents that hold some), `fallback` is
   * tried for characters the others lack
   */
  fonts: { body: FontFaces; fallback: string[]; scripts: Partial<Record<ScriptName, ScriptFaces>> };
  /** font family names for the HTML output, first choice first (theme schema: a safe charset, quoted by the HTML writer) */
  fontStack: string[];
  /** sizes in pt */
  sizes: { body: number; h1: number; h2: number; h3: number; small: number; label: number; header: number; footer: number };
  /** line height as a multiple of the font size */
  leading: number;
  /** vertical spacing in pt */
  spacing: { paragraph: number; section: number; list: number; callout: number };
  colours: {
    primary: string;
    accent: string;
    text: string;
    muted: string;
    tip: string;
    tipBorder: string;
    warning: string;
    warningBorder: string;
  };
  /** large print: no italics anywhere (UKAAF) */
  italic: boolean;
  /** logo height in the header, mm */
  logoHeight: number;
}

export interface TemplateFile {
  /** absolute path */
  path: string;
  /** as shown in messages */
  display: string;
  source: string;
}

export interface Template {
  name: string;
  dir: string;
  main: TemplateFile;
  partials: Map<string, TemplateFile>;
  css: string;
  theme: Theme;
  /** one of the templates that ship with leaflets (not the content folder's own) */
  bundled: boolean;
}

export interface TemplateStrings {
  [key: string]: string | TemplateStrings;
}
