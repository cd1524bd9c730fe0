import type { ViewModel } from '../../model/view.js';
import { inlineToText } from '../../compose/inline.js';
import { stripControls } from '../../markup/controls.js';

/**
 * What the file says about itself. Only the leaflet's title, subtitle,
 * language and the brand: never the patient, whose name would otherwise
 * show in the viewer's title bar and in every document index.
 */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  lang: string;
  date: Date;
  creator: string;
  producer: string;
}

export function metadataOf(view: ViewModel, date: Date): PdfMetadata {
  // Control and bidi-override characters are stripped where text enters the
  // Info dictionary and XMP (markup/controls.ts): a viewer shows the title raw.
  return {
    title: stripControls(inlineToText(view.title)),
    author: stripControls(view.brand.name),
    subject: view.subtitle ? stripControls(inlineToText(view.subtitle)) : '',
    lang: view.lang,
    date,
    creator: 'patient-leaflets',
    producer: 'PDFKit',
  };
}

/** The Info dictionary, passed to pdfkit's constructor: it derives the file /ID from these, so the dates must be in it from the start. */
export function infoOf(meta: PdfMetadata): Record<string, string | Date> {
  const info: Record<string, string | Date> = {
    Title: meta.title,
    Creator: meta.creator,
    Producer: meta.producer,
    CreationDate: meta.date,
    ModDate: meta.date,
  };
  if (meta.author) info.Author = meta.author;
  if (meta.subject) info.Subject = meta.subject;
  return info;
}

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const xmpDate = (d: Date) => `${d.toISOString().split('.')[0]}Z`;

/**
 * The XMP packet body. pdfkit 0.17.2 writes its own without escaping
 * (a title with "&" makes invalid XML), and its `subset: 'PDF/UA'` adds a
 * CIDSet that PDF/UA validators reject for subset TrueType fonts; so the
 * writer replaces pdfkit's packet body with this one, which also carries
 * the PDF/UA identification (ISO 14289-1, 5) and dc:language.
 */
export function xmpOf(meta: PdfMetadata): string {
  const lines = [
    '<rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '  <dc:format>application/pdf</dc:format>',
    `  <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
  ];
  if (meta.author) lines.push(`  <dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`);
  if (meta.subject) lines.push(`  <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>`);
  lines.push(
    `  <dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `  <xmp:CreateDate>${xmpDate(meta.date)}</xmp:CreateDate>`,
    `  <xmp:ModifyDate>${xmpDate(meta.date)}</xmp:ModifyDate>`,
    `  <xmp:MetadataDate>${xmpDate(meta.date)}</xmp:MetadataDate>`,
    `  <xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>`,
    `  <pdf:Producer>${xml(meta.producer)}</pdf:Producer>`,
    '  <pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
  );
  return lines.join('\n');
}
