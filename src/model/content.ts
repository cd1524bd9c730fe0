import type { Diagnostic, SourceRef } from './diagnostic.js';
import type { SourceMap } from '../content/source-map.js';

/**
 * Content as validated: typed, with a SourceRef on everything a later stage
 * may need to point back at (select, compose and lint errors still name the
 * YAML line). Text is "inline text": plain text with **bold** and *italic*.
 */
export type InlineText = string;

export type LanguageStatus = 'approved' | 'draft';

export interface DocumentControl {
  reference: string;
  version: string;
  /** ISO date, YYYY-MM-DD */
  published: string;
  /** ISO date, YYYY-MM-DD */
  review: string;
}

export interface FaqItem {
  q: InlineText;
  a: InlineText[];
  tip?: InlineText;
  at: SourceRef;
}

export interface KeyPoint {
  label: InlineText;
  text: InlineText;
  at: SourceRef;
}

export type Block =
  | { kind: 'text'; text: InlineText; at: SourceRef }
  | { kind: 'list'; items: InlineText[]; at: SourceRef }
  | { kind: 'steps'; items: InlineText[]; at: SourceRef }
  | { kind: 'tip'; text: InlineText; at: SourceRef }
  | { kind: 'warning'; text: InlineText; at: SourceRef }
  | { kind: 'faq'; items: FaqItem[]; at: SourceRef }
  | { kind: 'points'; items: KeyPoint[]; at: SourceRef }
  | {
      kind: 'figure';
      /** as written, relative to the language file */
      src: string;
      /** resolved absolute path, checked to exist inside the leaflet folder */
      path: string;
      /** the leaflet folder, which the image must stay inside */
      folder: string;
      /** where the src: value is in the language file */
      srcAt: { line?: number; column?: number };
      alt: string;
      caption?: InlineText;
      at: SourceRef;
    };

export type BlockKind = Block['kind'];
export const BLOCK_KINDS: readonly BlockKind[] = [
  'text',
  'list',
  'steps',
  'tip',
  'warning',
  'faq',
  'points',
  'figure',
];

export interface Section {
  /** language-neutral id; subsections are addressed as parent.child */
  id: string;
  /** full address: "procedure" or "procedure.steps" */
  path: string;
  title: InlineText;
  blocks: Block[];
  sections: Section[];
  at: SourceRef;
}

/** Which version of the source language a translation was made from. */
export interface TranslatedFrom {
  lang: string;
  version?: string;
  /** section path → hash of that source section when translated */
  sections?: Record<string, string>;
}

export interface LanguageContent {
  lang: string;
  status: LanguageStatus;
  title: InlineText;
  subtitle?: InlineText;
  summary: InlineText[];
  sections: Section[];
  translatedFrom?: TranslatedFrom;
  file: string;
  sourceMap: SourceMap;
}

export interface Leaflet {
  id: string;
  /** absolute folder data/leaflets/<id> */
  dir: string;
  file: string;
  /** the language the others are translated from */
  source: string;
  document: DocumentControl;
  /** in a stable order: source language first, then alphabetical */
  languages: LanguageContent[];
  /**
   * Translations whose file has errors. They fail alone: the other languages
   * still render (with a warning naming the file), `validate` reports them
   * and exits 1, `build` fails only their artefacts.
   */
  broken: BrokenLanguage[];
  sourceMap: SourceMap;
}

export interface BrokenLanguage {
  lang: string;
  /** as shown in messages */
  file: string;
  diagnostics: Diagnostic[];
}
