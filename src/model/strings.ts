import type { SourceMap } from '../content/source-map.js';
import type { TemplateStrings } from './template.js';

/**
 * A language pack as a template reads it: the bundled i18n/<lang>.yaml with a
 * content folder's i18n/<lang>.yaml merged over it key by key. Strings are
 * separate from layout, so every template (bundled or the clinic's own) of one
 * language reads the same pack.
 */
export interface StringPack {
  lang: string;
  /** BCP 47 locale for Intl (dates, numbers): the pack's `locale`, else the language code */
  locale: string;
  /** the merged strings, without the pack's own fields (reviewed, reviewedBy, locale) */
  strings: TemplateStrings;
  /** a speaker checked the strings (the clinic file's word wins over the bundled one) */
  reviewed: boolean;
  reviewedBy?: string;
  /** where the strings come from */
  origin: 'bundled' | 'clinic' | 'both';
  /** the files merged, bundled first */
  files: PackFile[];
  /** where a clinic adds or fixes a key: <root>/i18n/<lang>.yaml as shown in messages (it may not exist yet) */
  clinicFile: string;
}

export interface PackFile {
  kind: 'bundled' | 'clinic';
  /** as shown in messages */
  display: string;
  data: TemplateStrings;
  map: SourceMap;
}

/** The pack's own fields, which are not strings a template reads. */
export const PACK_FIELDS: readonly string[] = ['reviewed', 'reviewedBy', 'locale'];

/** One place a template reads a string: `{{t.patient.companion}}` at partials/patient-box.hbs:4:5. */
export interface StringUse {
  /** dotted key: "patient.companion" */
  key: string;
  /** what needs it, for messages: "partials/patient-box.hbs:4:5" or "the patient box rows" */
  part: string;
}
