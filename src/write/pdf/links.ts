import type PDFDocument from 'pdfkit';
import type { PlacedRun } from '../../model/layout.js';
import type { StructElement } from './structure.js';

type Doc = InstanceType<typeof PDFDocument>;

/** pdfkit internals this module relies on (0.17.2): its struct API has no way to reference an annotation. */
interface Ref {
  data: Record<string, unknown>;
  end: (...args: unknown[]) => unknown;
}
interface Internals {
  page: { annotations: Ref[]; dictionary: Ref };
  createStructParentTreeNextKey: () => number;
  getStructParentTree: () => { add: (key: number, value: unknown) => void };
}
interface ElementInternals {
  dictionary: Ref;
}

/**
 * Links in the PDF as PDF/UA-1 (7.18.5) asks: over the text of every `<a>`
 * a Link annotation with a URI action and alternate text (/Contents), and
 * the annotation referenced from its Link structure element by an object
 * reference (OBJR), with /StructParent pointing back. A link broken over
 * two lines gets an annotation per line, all in one Link element. Pages
 * holding links take their tab order from the structure (/Tabs /S).
 */
export function linkAnnotations(doc: Doc) {
  const pending = new Map<StructElement, Ref[]>();
  return {
    /** one annotation over a run of a Link element's text, drawn at `baseline` on the current page */
    add(run: PlacedRun, baseline: number, element: StructElement, href: string, alt: string) {
      const internals = doc as unknown as Internals;
      const key = internals.createStructParentTreeNextKey();
      const top = baseline - run.size * 0.9;
      doc.link(run.x, top, run.width, run.size * 1.2, href, { StructParent: key, Contents: new String(alt) } as unknown as PDFKit.Mixins.AnnotationOption);
      const annot = internals.page.annotations[internals.page.annotations.length - 1]!;
      // the parent tree maps an annotation's key to its structure element itself, not to an array of marked content
      internals.getStructParentTree().add(key, (element as unknown as ElementInternals).dictionary);
      internals.page.dictionary.data.Tabs = 'S';
      const objr = { Type: 'OBJR', Obj: annot, Pg: internals.page.dictionary };
      const list = pending.get(element) ?? [];
      list.push(objr as unknown as Ref);
      if (!pending.has(element)) {
        pending.set(element, list);
        // pdfkit writes K when the element is flushed at the end of the document: add the OBJRs to it then
        const dict = (element as unknown as ElementInternals).dictionary;
        const end = dict.end.bind(dict);
        dict.end = (...args: unknown[]) => {
          const k = dict.data.K;
          if (Array.isArray(k)) k.push(...list);
          return end(...args);
        };
      }
    },
  };
}
