/**
 * The leaflet markup contract: the small subset of semantic HTML that a
 * template may produce, and that both writers understand. docs/templates.md
 * explains each element and class; tests check both agree with this table.
 */
export interface ElementRule {
  /** what it means, for docs and messages */
  meaning: string;
  /** attributes allowed besides `class` */
  attrs: readonly string[];
  /** classes allowed on it (an element with no classes listed takes none) */
  classes: readonly string[];
  /** inline elements hold text; block elements hold other elements */
  inline?: boolean;
}

const GLOBAL_ATTRS = ['id', 'lang', 'dir', 'aria-label', 'aria-labelledby', 'aria-hidden', 'role'] as const;

export const CONTRACT: Readonly<Record<string, ElementRule>> = {
  article: { meaning: 'the leaflet; the root element', attrs: ['data-status'], classes: ['leaflet', 'large-print'] },
  header: { meaning: 'the page header: logo and brand name; repeated on every PDF page as an artifact', attrs: [], classes: ['leaflet-header'] },
  footer: { meaning: 'the page footer: document control and page numbers; repeated on every PDF page as an artifact', attrs: [], classes: ['leaflet-footer'] },
  main: { meaning: 'the leaflet body', attrs: [], classes: [] },
  section: { meaning: 'a section or subsection; its id is the section path', attrs: [], classes: ['subsection', 'faq'] },
  aside: { meaning: 'the patient box', attrs: [], classes: ['patient-box'] },
  div: {
    meaning: 'a grouping: summary, callout (tip, warning, urgent), faq item, draft mark, brand block, notes (data-lines: ruled lines in print), timeline and its entries, the leaflet online (QR code and address)',
    attrs: ['data-lines'],
    classes: ['summary', 'callout', 'tip', 'warning', 'urgent', 'faq-item', 'answer', 'draft-mark', 'brand', 'document-control', 'contacts', 'patient-note', 'title-block', 'notes', 'timeline', 'dated', 'timeline-entry', 'past', 'online'],
  },
  h1: { meaning: 'the leaflet title (exactly one)', attrs: [], classes: [], inline: true },
  h2: { meaning: 'a section title', attrs: [], classes: [], inline: true },
  h3: { meaning: 'a subsection title, an FAQ question or the urgent box\'s heading', attrs: [], classes: ['question', 'urgent-title'], inline: true },
  p: {
    meaning: 'a paragraph',
    attrs: [],
    classes: ['subtitle', 'callout-label', 'brand-name', 'draft-notice', 'pagination', 'note-label', 'footer-text', 'urgent-call', 'notes-prompt', 'when', 'past-note', 'online-text'],
    inline: true,
  },
  ul: { meaning: 'a bulleted list; a checklist (boxes to tick on paper)', attrs: [], classes: ['checklist'] },
  ol: { meaning: 'a numbered list: steps, or key points', attrs: ['start'], classes: ['steps', 'points'] },
  li: { meaning: 'a list item', attrs: [], classes: [], inline: true },
  dl: { meaning: 'label/value pairs (patient box, contacts); a glossary', attrs: [], classes: ['terms'] },
  dt: { meaning: 'a label', attrs: [], classes: [], inline: true },
  dd: { meaning: 'a value', attrs: [], classes: [], inline: true },
  figure: {
    meaning:
      'an image with its caption; w-25…w-100: its share of the column (data-width: the exact per cent), side-start/side-end: beside the text; qr: a QR code of the https address in data-qr, drawn by the writers, its alternative text in aria-label',
    attrs: ['data-width', 'data-qr'],
    classes: ['qr', 'logo', 'w-25', 'w-33', 'w-50', 'w-66', 'w-75', 'w-100', 'side-start', 'side-end'],
  },
  figcaption: { meaning: 'a figure caption', attrs: [], classes: [], inline: true },
  img: { meaning: 'an image; src is asset:<id>', attrs: ['src', 'alt', 'width', 'height'], classes: ['logo'], inline: true },
  strong: { meaning: 'bold (from **text**)', attrs: [], classes: [], inline: true },
  em: { meaning: 'italic (from *text*); upright in large print', attrs: [], classes: [], inline: true },
  span: {
    meaning: 'a run of text with a role: a number, a point label, a placeholder',
    attrs: ['data-format', 'data-continued'],
    classes: ['number', 'point-label', 'point-text', 'page-label', 'marker'],
    inline: true,
  },
  br: { meaning: 'a line break inside a paragraph (addresses)', attrs: [], classes: [], inline: true },
  wbr: { meaning: 'a place a long address may wrap (after each slash of its path), written by the address helper', attrs: [], classes: [], inline: true },
  table: { meaning: 'a table; data-widths: relative column widths ("1 2")', attrs: ['data-widths'], classes: [] },
  caption: { meaning: 'a table caption', attrs: [], classes: [], inline: true },
  thead: { meaning: 'the header row group, repeated on each PDF page the table runs onto', attrs: [], classes: [] },
  tbody: { meaning: 'the body rows', attrs: [], classes: [] },
  tr: { meaning: 'a table row; never split across pages when it fits on one', attrs: [], classes: [] },
  th: { meaning: 'a header cell; scope col or row', attrs: ['scope'], classes: [], inline: true },
  td: { meaning: 'a data cell', attrs: [], classes: [], inline: true },
  time: { meaning: 'a date or time (timeline entries in a handout)', attrs: ['datetime'], classes: [], inline: true },
  a: { meaning: 'a link: mailto:, tel: or https: only', attrs: ['href'], classes: [], inline: true },
};

export const ALLOWED_GLOBAL_ATTRS: readonly string[] = GLOBAL_ATTRS;

/** Links may only leave the document in these ways. */
export const ALLOWED_HREF = /^(mailto:|tel:|https:\/\/)/i;
/** A QR code leads only to a secure page: https, nothing that could break out of an attribute or an address. */
export const ALLOWED_QR = /^https:\/\/[^\s<>"]+$/i;
/**
 * The most a QR code of the leaflet may hold, in UTF-8 bytes: at level M
 * that is version 15 (77 modules), still modules of 0.4 mm at about 3 cm.
 */
export const QR_MAX_BYTES = 400;
/** Images come from the view model's assets, never from the network or disk. */
export const ALLOWED_SRC = /^asset:[a-z0-9-]+$/;
