import type { Diagnostic } from '../model/diagnostic.js';
import type { Leaflet, LanguageContent } from '../model/content.js';
import type { IndexName } from './readability.js';
import type { TextUnit } from './units.js';
import type { Brand } from '../model/brand.js';

/** What lint needs of a language pack: whether a speaker reviewed it, and its files. */
export interface PackInfo {
  reviewed: boolean;
  /** bundled first, as shown in messages */
  files: string[];
  /** where the clinic records the review: <root>/i18n/<lang>.yaml */
  clinicFile: string;
}

/**
 * The types lint hands on: rules → findings → messages grouped by file →
 * the report printed as text or JSON. Kept here, next to the only stage that
 * uses them.
 */

export const RULE_IDS = [
  'readability',
  'sentence-length',
  'translation-missing',
  'translation-untranslated',
  'translation-stale',
  'duplicate-text',
  'glyph-coverage',
  'review-date',
  'document-control',
  'figure-alt',
  'empty-section',
  'link-text',
  'control-characters',
  'typed-decoration',
  'mixed-typography',
  'strings-reviewed',
  'brand-translation',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type LintSeverity = 'error' | 'warning';

/** What a rule reports: a diagnostic whose severity may be left to the rule's setting. */
export interface Finding extends Omit<Diagnostic, 'severity'> {
  /** a rule with two levels (review date passed vs. soon) says which; otherwise the rule's default */
  severity?: LintSeverity;
  file: string;
  line: number;
  column: number;
}

export type OptionType = 'number' | 'integer' | 'strings';

export interface OptionSpec {
  type: OptionType;
  min?: number;
  description: string;
}

/** A glyph source: one font file of the template's chain. */
export interface FontFace {
  /** file name, for messages */
  name: string;
  has(codePoint: number): boolean;
}

/** The fonts a template draws text with: every body face, then the fallbacks. */
export interface FontChain {
  template: string;
  faces: FontFace[];
  fallback: FontFace[];
}

/** Everything a rule may look at. Time comes in as a parameter: rules never read the clock. */
export interface LintTarget {
  leaflet: Leaflet;
  /** today's date, YYYY-MM-DD */
  today: string;
  /** font chains of the templates the leaflet is printed with (glyph coverage) */
  fonts: FontChain[];
  /** every string of a language, memoised per run */
  units(lang: LanguageContent): TextUnit[];
  /** the language pack of each language the leaflet has (absent: no pack; validate reports that) */
  packs?: ReadonlyMap<string, PackInfo>;
  /** the brands the config builds with */
  brands?: readonly Brand[];
  /** language → the callout labels ("tip", "warning" strings) of the templates the leaflet is printed with */
  calloutLabels?: ReadonlyMap<string, readonly string[]>;
}

export interface Rule<O extends object = Record<string, unknown>> {
  id: RuleId;
  /** one line, for docs and --help */
  description: string;
  severity: LintSeverity;
  defaults: O;
  options: { [K in keyof O]: OptionSpec };
  check(target: LintTarget, options: O): Finding[];
}

/** One message as printed and in --json. */
export interface LintMessage {
  /** null for problems found while loading (the file cannot be linted until they are fixed) */
  ruleId: RuleId | null;
  severity: LintSeverity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  code: string;
  hints?: string[];
}

export interface SectionStats {
  /** section path, or "summary", or "(leaflet)" for the whole language */
  section: string;
  words: number;
  sentences: number;
  letters: number;
  syllables: number;
  /** words of more than 6 letters */
  longWords: number;
  /** undefined when the language has no formula or the text has no words */
  score?: number;
}

export interface LanguageStats {
  leaflet: string;
  lang: string;
  index?: IndexName;
  sections: SectionStats[];
  total: SectionStats;
}

export interface FileResult {
  file: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  /** readability counts and scores, for language files */
  stats?: LanguageStats;
}
