/**
 * Every diagnostic code the tool emits, in one catalogue. Tests check codes,
 * not wording. 1xxx load, 2xxx select, 3xxx compose, 4xxx write, 5xxx lint,
 * 6xxx batch, 7xxx serve.
 */
export const CODES = {
  // load
  FILE_TOO_LARGE: 'LEAF1001',
  NOT_UTF8: 'LEAF1002',
  EMPTY_FILE: 'LEAF1003',
  YAML_SYNTAX: 'LEAF1004',
  DUPLICATE_KEY: 'LEAF1005',
  ALIAS_LIMIT: 'LEAF1006',
  FORBIDDEN_KEY: 'LEAF1007',
  FILE_UNREADABLE: 'LEAF1008',
  FILE_OUTSIDE: 'LEAF1009',
  UNKNOWN_FIELD: 'LEAF1010',
  WRONG_TYPE: 'LEAF1011',
  MISSING_FIELD: 'LEAF1012',
  UNKNOWN_BLOCK: 'LEAF1013',
  INVALID_VALUE: 'LEAF1014',
  MISSING_SECTIONS: 'LEAF1020',
  EXTRA_SECTIONS: 'LEAF1021',
  SECTION_ORDER: 'LEAF1022',
  DUPLICATE_SECTION: 'LEAF1023',
  FIGURE_MISSING: 'LEAF1030',
  FIGURE_OUTSIDE: 'LEAF1031',
  LEAFLET_FILE_MISSING: 'LEAF1040',
  LANG_MISMATCH: 'LEAF1041',
  ID_MISMATCH: 'LEAF1042',
  SOURCE_LANG_MISSING: 'LEAF1043',
  NO_LANGUAGES: 'LEAF1044',
  /** a template file (leaflet.hbs, partial, style.css, theme.yaml) that is outside its folder, not a file or too large */
  TEMPLATE_FILE_REFUSED: 'LEAF1055',
  /** a font named by theme.yaml that is not installed or resolves outside its package or template folder */
  FONT_REFUSED: 'LEAF1056',
  /** a control or bidi-override character in a patient field */
  PATIENT_CONTROL_CHARACTER: 'LEAF1057',
  YAML_TAB_INDENT: 'LEAF1065',
  YAML_UNQUOTED_COLON: 'LEAF1066',
  YAML_STAR_START: 'LEAF1067',
  YAML_SPECIAL_START: 'LEAF1068',
  YAML_HASH_IN_TEXT: 'LEAF1069',
  /** a table row with more or fewer cells than the header row */
  TABLE_ROW_CELLS: 'LEAF1070',
  /** table widths: not one a column */
  TABLE_WIDTHS: 'LEAF1071',
  /** a timeline entry with both hours and a clock time, or hours on a day other than the appointment's */
  TIMELINE_TIME: 'LEAF1072',
  /** timeline entries out of order */
  TIMELINE_ORDER: 'LEAF1073',
  /** a brand's timeZone that is not an IANA zone */
  UNKNOWN_TIME_ZONE: 'LEAF1074',
  /** an online address (leaflet or brand `online:`) that is not a usable https address */
  BAD_ONLINE_ADDRESS: 'LEAF1075',
  /** a placeholder in an online address other than {leaflet} and {lang} */
  UNKNOWN_PLACEHOLDER: 'LEAF1076',
  // select
  UNKNOWN_LEAFLET: 'LEAF2000',
  UNKNOWN_LANGUAGE: 'LEAF2001',
  UNKNOWN_SECTION: 'LEAF2002',
  UNKNOWN_BRAND: 'LEAF2003',
  BAD_LOGO: 'LEAF2004',
  UNKNOWN_TEMPLATE: 'LEAF2005',
  NO_TEMPLATE_STRINGS: 'LEAF2006',
  BAD_SET: 'LEAF2007',
  RESERVED_KEY: 'LEAF2008',
  EMPTY_SELECTION: 'LEAF2009',
  /** a string a template uses is in no pack for the language */
  STRINGS_MISSING_KEY: 'LEAF2010',
  /** a pack key no template uses (a typo, usually) */
  STRINGS_UNKNOWN_KEY: 'LEAF2011',
  /** another language's file is broken: this one still renders (no longer said by render, which reads only its own language; kept so the code is never reused) */
  OTHER_LANGUAGE_BROKEN: 'LEAF2012',
  /** no font of the template covers the language's script */
  LANGUAGE_WITHOUT_FONT: 'LEAF2013',
  /** a pack string lacks a {placeholder} the English pack has, or has one it does not */
  STRINGS_PLACEHOLDER: 'LEAF2014',
  /** the patient's appointment is before the render date */
  APPOINTMENT_PAST: 'LEAF2015',
  /** a handout from a draft translation without --allow-draft */
  DRAFT_HANDOUT: 'LEAF2016',
  // compose
  TEMPLATE_ERROR: 'LEAF3001',
  MARKUP_OUTSIDE_CONTRACT: 'LEAF3002',
  /** a handout's timeline step falls before the day the handout is made */
  TIMELINE_PAST: 'LEAF3010',
  /** a language pack without the timeline's words */
  TIMELINE_STRINGS: 'LEAF3011',
  /** --calendar for patient details with no appointment date */
  CALENDAR_EMPTY: 'LEAF4070',
  // write
  MISSING_GLYPH: 'LEAF4001',
  WRITE_FAILED: 'LEAF4002',
  BAD_IMAGE: 'LEAF4003',
  BAD_THEME: 'LEAF4004',
  BAD_STYLESHEET: 'LEAF4005',
  // images (one checker, src/write/images.ts; limits in docs/content.md)
  IMAGE_UNREADABLE: 'LEAF4030',
  IMAGE_NOT_FORMAT: 'LEAF4031',
  IMAGE_TRUNCATED: 'LEAF4032',
  IMAGE_DAMAGED: 'LEAF4033',
  IMAGE_TOO_LARGE: 'LEAF4034',
  IMAGE_UNSUPPORTED: 'LEAF4035',
  SVG_ACTIVE: 'LEAF4036',
  SVG_EXTERNAL: 'LEAF4037',
  /** style.css cannot be parsed as CSS */
  STYLESHEET_SYNTAX: 'LEAF4040',
  // batch
  UNKNOWN_IN_MATRIX: 'LEAF6001',
  LANGUAGE_NOWHERE: 'LEAF6002',
  BAD_OUTPUT_PATTERN: 'LEAF6003',
  OUTPUT_CLASH: 'LEAF6004',
  OUTPUT_INSIDE_CONTENT: 'LEAF6005',
  WORKER_FAILED: 'LEAF6006',
  BAD_SHARD: 'LEAF6007',
  EMPTY_MATRIX: 'LEAF6008',
  OUTPUT_REFUSED: 'LEAF6010',
  // init (a new clinic folder)
  INIT_NOT_EMPTY: 'LEAF6030',
  INIT_NOT_FOLDER: 'LEAF6031',
  INIT_DANGLING_LINK: 'LEAF6032',
  INIT_UNWRITABLE: 'LEAF6033',
  // serve (the local page for doctors and editors)
  SERVE_PORT_IN_USE: 'LEAF7000',
  SERVE_BAD_PORT: 'LEAF7001',
  SERVE_BAD_TOKEN: 'LEAF7002',
  SERVE_FOREIGN_HOST: 'LEAF7003',
  SERVE_FOREIGN_ORIGIN: 'LEAF7004',
  SERVE_DATA_IN_URL: 'LEAF7005',
  SERVE_BAD_REQUEST: 'LEAF7006',
  SERVE_BODY_TOO_LARGE: 'LEAF7007',
  SERVE_NOT_FOUND: 'LEAF7008',
  SERVE_PREVIEW_GONE: 'LEAF7009',
  SERVE_INTERNAL: 'LEAF7010',
  // lint (rule ids and what they check: docs/lint.md)
  LINT_READABILITY: 'LEAF5001',
  LINT_LONG_SENTENCE: 'LEAF5002',
  LINT_TRANSLATION_MISSING: 'LEAF5003',
  LINT_UNTRANSLATED: 'LEAF5004',
  LINT_STALE: 'LEAF5005',
  LINT_NOT_STAMPED: 'LEAF5006',
  LINT_DUPLICATE: 'LEAF5007',
  LINT_MISSING_GLYPH: 'LEAF5008',
  LINT_REVIEW_PASSED: 'LEAF5009',
  LINT_REVIEW_SOON: 'LEAF5010',
  LINT_DOCUMENT_CONTROL: 'LEAF5011',
  LINT_FIGURE_ALT: 'LEAF5012',
  LINT_EMPTY_SECTION: 'LEAF5013',
  LINT_LINK_TEXT: 'LEAF5014',
  /** [qui](…), [click here](…): link words that say nothing */
  LINT_LINK_VAGUE: 'LEAF5070',
  /** a tel: link whose number cannot be dialled */
  LINT_TEL_INVALID: 'LEAF5071',
  /** an http:// address: unencrypted, and never made a link */
  LINT_HTTP_LINK: 'LEAF5072',
  LINT_UNKNOWN_RULE: 'LEAF5020',
  LINT_BAD_RULE_OPTION: 'LEAF5021',
  LINT_FONT_UNREADABLE: 'LEAF5022',
  LINT_STAMP_FAILED: 'LEAF5023',
  LINT_CONTROL_CHARACTER: 'LEAF5030',
  LINT_TYPED_NUMBER: 'LEAF5050',
  LINT_TYPED_SYMBOL: 'LEAF5051',
  LINT_TYPED_LABEL: 'LEAF5052',
  LINT_MIXED_RANGE_DASH: 'LEAF5053',
  LINT_MIXED_APOSTROPHE: 'LEAF5054',
  LINT_MIXED_QUOTES: 'LEAF5055',
  LINT_STRINGS_UNREVIEWED: 'LEAF5040',
  LINT_BRAND_UNTRANSLATED: 'LEAF5041',
  // usage (exit 2)
  USAGE: 'LEAF9001',
} as const;

export type Code = (typeof CODES)[keyof typeof CODES];
