import PDFDocument from 'pdfkit';
import type SVGtoPDF from 'svg-to-pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
type Draw = typeof SVGtoPDF;
type Options = Parameters<Draw>[4];

/** The parts of pdfkit 0.17.2 this module touches. */
interface PageInternals {
  width: number;
  height: number;
  write(chunk: unknown): unknown;
  resources: { data: Record<string, unknown> };
}
interface DocInternals {
  page: PageInternals;
  /** sets a transparency state, registering it with the document and the page: "/GsN gs" */
  _doOpacity(fill?: number | null, stroke?: number | null): unknown;
}

/** What drawing an image writes: content-stream operators, and transparency states set along the way. */
type Step = string | { opacity: [number | null | undefined, number | null | undefined] };

/**
 * Draws an SVG image (a brand's logo, on every page) by replaying what
 * svg-to-pdfkit did the first time it drew that image at that place on a
 * page of that size: the same operators in the same order, and the same
 * transparency states set through pdfkit at the same points, so that the
 * page and the document's objects are byte for byte those of a fresh
 * drawing. svg-to-pdfkit parses the SVG and walks its shapes on every call,
 * a tenth of a warm render with a logo on five pages.
 *
 * An image whose drawing needs other resources — a pattern, a font, an
 * image, a soft mask — is drawn afresh each time.
 */
export function drawSvg(doc: Doc, draw: Draw, source: string, x: number, y: number, options: Options, cache: Map<string, unknown>): void {
  const page = (doc as unknown as DocInternals).page;
  const key = `pdf:svg:${page.width}x${page.height}:${x},${y}:${JSON.stringify(options)}:${source}`;
  let steps = cache.get(key) as Step[] | null | undefined;
  if (steps === undefined) {
    steps = stepsOf(draw, source, [page.width, page.height], x, y, options);
    cache.set(key, steps);
  }
  if (!steps) {
    draw(doc, source, x, y, options);
    return;
  }
  for (const step of steps)
    if (typeof step === 'string') doc.addContent(step);
    else (doc as unknown as DocInternals)._doOpacity(...step.opacity);
}

/** What svg-to-pdfkit does for the image on an empty page of this size, or null when it needs more than operators and transparency. */
function stepsOf(draw: Draw, source: string, size: [number, number], x: number, y: number, options: Options): Step[] | null {
  const scratch = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  scratch.addPage({ size, margin: 0 });
  const internals = scratch as unknown as DocInternals;
  const page = internals.page;
  const before = new Set(Object.keys(page.resources.data));
  const steps: Step[] = [];
  let recording = true;
  page.write = (chunk: unknown) => (recording ? steps.push(chunk as string) : 0);
  const doOpacity = internals._doOpacity.bind(scratch);
  internals._doOpacity = (fill, stroke) => {
    if (fill == null && stroke == null) return scratch;
    steps.push({ opacity: [fill, stroke] });
    // its "/GsN gs" is written again by the replay, with the document's own name
    recording = false;
    try {
      return doOpacity(fill, stroke);
    } finally {
      recording = true;
    }
  };
  draw(scratch, source, x, y, options);
  // a getter may leave an empty dictionary behind; an entry in any but ExtGState is a resource replay would not carry
  const needs = Object.entries(page.resources.data).some(
    ([k, v]) => !before.has(k) && k !== 'ExtGState' && !(v && typeof v === 'object' && Object.keys(v).length === 0),
  );
  // a Buffer written to the page (an inline image) is not replayed either
  const replayable = steps.every((s) => typeof s === 'string' || (typeof s === 'object' && s !== null && !Buffer.isBuffer(s) && 'opacity' in s));
  return needs || !replayable ? null : steps;
}
