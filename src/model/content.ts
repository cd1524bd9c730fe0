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

/** A glossary entry: a term and what it means. */
export interface Term {
  term: InlineText;
  definition: InlineText;
  at: SourceRef;
}

/**
 * One step of a preparation plan, relative to the appointment: a day
 * (`days: -7`, 0 = the day itself) and optionally a time — hours relative to
 * the appointment time, or a clock time on that day. Never a date: dates are
 * computed for a patient's handout.
 */
export interface TimelineEntry {
  days: number;
  hours?: number;
  /** HH:MM, 24-hour */
  time?: string;
  items: InlineText[];
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
      /** share of the column, in per cent (default: the image's own size, at most the column) */
      width?: number;
      /** beside the text, at the start or end of the line, instead of above it */
      side?: 'start' | 'end';
      at: SourceRef;
    }
  | {
      kind: 'table';
      caption?: InlineText;
      /** the header row: one cell a column */
      head: InlineText[];
      rows: InlineText[][];
      /** relative column widths, one a column */
      widths?: number[];
      at: SourceRef;
    }
  | { kind: 'checklist'; items: InlineText[]; at: SourceRef }
  | {
      kind: 'urgent';
      /** when to get help now */
      items: InlineText[];
      text?: InlineText;
      at: SourceRef;
    }
  | { kind: 'terms'; items: Term[]; at: SourceRef }
  /** ruled lines for the patient's own questions, in print */
  | { kind: 'notes'; lines: number; at: SourceRef }
  | { kind: 'timeline'; entries: TimelineEntry[]; at: SourceRef };

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
  'table',
  'checklist',
  'urgent',
  'terms',
  'notes',
  'timeline',
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
  /** the leaflet's address online (placeholders {leaflet}, {lang} unfilled), printed as a QR code; wins over the brand's pattern */
  online?: string;
  /** in a stable order: source language first, then alphabetical */
  languages: LanguageContent[];
  /**
   * Translations whose file has errors. They fail alone: the other languages
   * still render (with a warning naming the file), `validate` reports them
   * and exits 1, `build` fails only their artefacts.
   */
  broken: BrokenLanguage[];
  /** every language that has a file, read or not (a load may read only the languages it needs); source first, then alphabetical */
  available: string[];
  sourceMap: SourceMap;
}

export interface BrokenLanguage {
  lang: string;
  /** as shown in messages */
  file: string;
  diagnostics: Diagnostic[];
}
