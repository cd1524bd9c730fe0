/**
 * The PDF writer's hand-off types: layout turns the leaflet markup into
 * pages of positioned items; paint only draws them. Plain data, no pdfkit
 * objects, so a layout can be compared as JSON and laid out again safely.
 * Units are PDF points, origin at the top left of the page, y downwards.
 */
export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** A run of text in one font, placed on a line. */
export interface PlacedRun {
  text: string;
  /** which font of the chain: a body face, or `fallback:N` */
  font: string;
  size: number;
  colour: string;
  /** left edge, absolute */
  x: number;
  width: number;
  /** structure element the run belongs to, or null for decoration (an Artifact) */
  struct: number | null;
  /** at a right-to-left embedding level: shaped right to left, drawn with its logical text as ActualText */
  rtl?: true;
}

export interface TextItem {
  kind: 'text';
  /** baseline, absolute */
  y: number;
  runs: PlacedRun[];
}

export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string | null;
  stroke: string | null;
  lineWidth: number;
}

export interface LineItem {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  colour: string;
  lineWidth: number;
}

export interface ImageItem {
  kind: 'image';
  asset: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** the Figure element, or null for the header logo (repeated on every page: an Artifact) */
  struct: number | null;
}

/** Text drawn at an angle: the DRAFT watermark. */
export interface StampItem {
  kind: 'stamp';
  text: string;
  font: string;
  size: number;
  colour: string;
  opacity: number;
  /** centre of the text */
  x: number;
  y: number;
  angle: number;
}

/**
 * A QR code drawn as vector squares, never a raster image: the dark runs of
 * each row of modules (qr.ts), placed from the top left of its quiet zone.
 */
export interface QrItem {
  kind: 'qr';
  /** top left of the quiet zone */
  x: number;
  y: number;
  /** one module's side, pt */
  module: number;
  /** modules a side, without the quiet zone */
  size: number;
  /** modules of quiet zone round the code */
  quiet: number;
  runs: { row: number; col: number; length: number }[];
  colour: string;
  /** the Figure element (alternative text, bounding box) */
  struct: number | null;
}

export type PageItem = TextItem | RectItem | LineItem | ImageItem | StampItem | QrItem;

/** Where a repeated or decorative item sits, for the Artifact's /Type. */
export type ArtifactKind = 'Pagination' | 'Layout';

/**
 * Why a page ends where it does, so a page left mostly empty can be told
 * apart from one that had to be (docs/templates.md, "Rules every page keeps").
 */
export interface PageEnd {
  /** height of the flow area left unused, pt */
  free: number;
  /** height of the flow area, pt */
  area: number;
  /** height of what moved to the next page as one piece (the chain it could not split), pt */
  moved: number;
  /** the keep rules that bound what moved together; empty when the page simply filled up */
  rules: string[];
}

/** Kinds of block the pagination rules speak of. */
export type BlockKind =
  | 'heading'
  | 'paragraph'
  | 'list'
  | 'list-item'
  | 'callout'
  | 'key-point'
  | 'patient-box'
  | 'contacts'
  | 'figure'
  | 'summary'
  | 'draft'
  | 'faq-question'
  | 'faq-answer'
  | 'faq-tip'
  | 'notes';

/** Where one block of the leaflet landed: which pages, how many of its lines or rows on each. */
export interface PlacedBlock {
  kind: BlockKind;
  /** the block it is part of (index into `blocks`), null at the top level */
  parent: number | null;
  /** in reading order, one entry per page the block is on */
  pages: { page: number; lines: number }[];
  /** the block's height laid out in one piece, pt */
  height: number;
  /** the space above it, when it does not open a page, pt */
  gap: number;
  /** pages (after the first) that open with a "continued" note for this block */
  continued: number[];
}

export interface LaidOutPage {
  /** width and height in points */
  size: [number, number];
  /** why the page ends here (absent on the last page) */
  end?: PageEnd;
  /** drawn first, in this order, marked as Artifacts: backgrounds and rules, the DRAFT mark over them, header and footer */
  artifacts: { kind: ArtifactKind; items: PageItem[] }[];
  /** real content in reading order */
  items: PageItem[];
}

/** The tagged-PDF structure tree, in markup order. Node ids index `StructureTree.nodes`. */
export type StructRole =
  | 'Link' | 'Document' | 'Sect' | 'Div' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Figure' | 'Span'
  | 'Table' | 'Caption' | 'THead' | 'TBody' | 'TR' | 'TH' | 'TD';

export interface StructNode {
  id: number;
  role: StructRole;
  /** Figure alternative text */
  alt?: string;
  /** a Link's destination (https:, tel:, mailto:): painted as a link annotation over its text */
  href?: string;
  /** what a screen reader says instead of the drawn text: "1" for a key point's circled ① */
  actual?: string;
  /** the language of this part when it is not the document's: brand text in a fallback language, a patient's note (PDF/UA, /Lang) */
  lang?: string;
  /**
   * Part of its parent's text (a Link, a Span in another language): it sits
   * among the parent's marked content where its text is drawn — text
   * before, the link, text after — not ahead of the sentence it is in.
   */
  inline?: true;
  /** a table header cell's scope (PDF/UA: every TH says which cells it heads) */
  scope?: 'Column' | 'Row';
  children: number[];
}

export interface StructureTree {
  root: number;
  nodes: StructNode[];
}

export interface LaidOutDocument {
  pages: LaidOutPage[];
  structure: StructureTree;
  /** the outline: one entry per section, subsections nested */
  outline: { title: string; page: number; children: { title: string; page: number }[] }[];
  /** the blocks the pagination rules speak of, in reading order, with the pages they landed on */
  blocks: PlacedBlock[];
}
