import type { Block, DocumentControl, InlineText } from './content.js';
import type { SourceRef } from './diagnostic.js';
import type { Paper, TemplateStrings, Theme } from './template.js';
import type { TimelineEntryView } from '../select/timeline.js';

/** An image the markup refers to as `asset:<id>`; writers decide how to embed it. */
export interface Asset {
  id: string;
  /** real path, checked at load to stay inside `folder` */
  path: string;
  type: 'svg' | 'png' | 'jpeg';
  /** the folder the file must stay inside: its real path is checked again when it is read */
  folder: string;
  /** who names the image and where, for every message about it */
  origin: AssetOrigin;
}

export interface AssetOrigin {
  /** "The logo of brand 'demo-clinic'", "A figure" */
  what: string;
  /** the path as written in the YAML */
  written: string;
  /** the brand or language file, and the position of its logo: or src: value */
  file: string;
  line?: number;
  column?: number;
}

export interface SectionView {
  id: string;
  path: string;
  title: InlineText;
  /** heading level: 2 for sections, 3 for subsections */
  level: 2 | 3;
  blocks: BlockView[];
  sections: SectionView[];
  at: SourceRef;
}

/** A block as the template sees it: one boolean flag per kind so partials can branch with #if. */
export type BlockView = Block & {
  is: Record<Block['kind'], boolean>;
  asset?: string;
  /** figure: its share of the column snapped to a CSS class (w-25 … w-100), and its exact share for the PDF */
  widthClass?: string | null;
  /** table: relative column widths as "1 2", for the PDF writer */
  widthsAttr?: string | null;
  /** urgent: the number to call, from the brand, else the pack */
  number?: string;
  /** timeline: each entry's time, computed */
  timeline?: TimelineEntryView[];
  /** timeline: the entries carry real dates (a patient's handout) */
  dated?: boolean;
};

/**
 * Brand text falls back to another language when the brand has none in the
 * leaflet's: the `*Lang` fields then name that language (else null), so the
 * writers tag it (HTML lang, PDF /Lang: WCAG 3.1.2, PDF/UA).
 */
export interface BrandView {
  id: string;
  name: string;
  nameLang: string | null;
  logo: { src: string; alt: string; altLang: string | null } | null;
  colours: { primary: string; accent: string; text: string };
  contacts: { address: string | null; phone: string | null; email: string | null; web: string | null };
  /** where the contacts lead, for links in both outputs: tel: (digits and +), mailto:, and the web address when it is https */
  links: { phone: string | null; email: string | null; web: string | null; /** the phone number as a link shows it: no-break spaces, so no line breaks inside it */ phoneText: string | null };
  hasContacts: boolean;
  footer: string | null;
  footerLang: string | null;
}

export interface PatientField {
  label: string;
  value: string;
  /** the value is the patient file's free text in another language than the leaflet's */
  lang: string | null;
  /** a medicine's own note in that other language, after the value: "(…)"; null when folded into value */
  note: { text: string; lang: string } | null;
}

export interface PatientView {
  /** rows for the patient box, labels in the leaflet's language, values formatted for it */
  fields: PatientField[];
  note: string | null;
  /** the note's language when it is not the leaflet's */
  noteLang: string | null;
}

/** Everything the template may read. Every field is present (null when absent) because templates run in strict mode. */
export interface ViewModel {
  leafletId: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  status: 'approved' | 'draft';
  draft: boolean;
  title: InlineText;
  subtitle: InlineText | null;
  summary: InlineText[];
  sections: SectionView[];
  document: DocumentControl & {
    publishedText: string;
    reviewText: string;
    /**
     * Set when this language is a translation: the source version it
     * translates ("?" when its file does not record it) and whether it is
     * still a draft. A translation never shows the source's version as its own.
     */
    translation: { version: string; draft: boolean } | null;
  };
  brand: BrandView;
  /**
   * The leaflet's address online (its own, else the brand's pattern filled
   * with the leaflet id and language), printed as a QR code beside the
   * address in text; null when neither gives one. Never holds patient data.
   */
  online: string | null;
  patient: PatientView | null;
  /** the template's strings in the leaflet's language */
  t: TemplateStrings;
  template: string;
  paper: Paper;
  theme: Theme;
  assets: Asset[];
  /** where each piece of text came from, for errors raised after compose */
  file: string;
}
