/**
 * The one image checker. Every image a leaflet embeds — brand logos and
 * figures — is read and checked here, by `validate`, the HTML writer and
 * the PDF writer alike, with one set of limits and one set of codes
 * (docs/content.md, "Images"). Nothing decodes, draws or inlines an image
 * this has not passed; every refusal names the brand or language file that
 * names the image, at its logo:/src: value.
 */
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Asset } from '../model/view.js';
import { CODES } from '../diagnostics/codes.js';
import { readConfined, refusalText } from '../io/read.js';
import { inspectJpeg } from './images/jpeg.js';
import { inspectPng } from './images/png.js';
import type { ImageProblem, Inspection, ProblemKind } from './images/problem.js';
import { inspectSvg } from './images/svg.js';

export const IMAGE_LIMITS = {
  /** bytes on disk */
  fileBytes: 5 * 1024 * 1024,
  /**
   * width × height × channels × bit depth / 8. pdfkit holds a PNG's pixels
   * two or three times over while it splits off the alpha channel, so this
   * keeps a render well under 500 MB (a 6000 × 6600 16-bit RGBA PNG, 317 MB
   * decoded, took 1.2 GB). 50 MB is a 12-megapixel RGB photo, or 3500 × 3500
   * RGBA: far more than 300 dpi across an A4 page.
   */
  decodedBytes: 50_000_000,
  /**
   * SVG elements once <use> and url(#…) references are expanded. The PDF
   * writer (svg-to-pdfkit) draws an SVG anew wherever it appears, at about
   * 10 KB of memory per element drawn: a 19 000-element logo on 5 pages took
   * 930 MB and 44 s. Logos hold tens of elements, diagrams hundreds.
   */
  svgElements: 2_000,
  /** SVG elements drawn in one PDF, over every page the logo or a figure is on (~200 MB) */
  svgElementsDrawn: 20_000,
} as const;

export type ImageLimits = { [K in keyof typeof IMAGE_LIMITS]: number };

export interface CheckedImage {
  bytes: Buffer;
  type: Asset['type'];
  mime: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  /** pixels for PNG and JPEG, user units for SVG */
  width: number;
  height: number;
  /** SVG: elements drawn once every reference is expanded */
  elements?: number;
}

const MIME = { svg: 'image/svg+xml', png: 'image/png', jpeg: 'image/jpeg' } as const;

const CODE_OF: Record<ProblemKind | 'unreadable', string> = {
  unreadable: CODES.IMAGE_UNREADABLE,
  'not-format': CODES.IMAGE_NOT_FORMAT,
  truncated: CODES.IMAGE_TRUNCATED,
  damaged: CODES.IMAGE_DAMAGED,
  'too-large': CODES.IMAGE_TOO_LARGE,
  unsupported: CODES.IMAGE_UNSUPPORTED,
  active: CODES.SVG_ACTIVE,
  external: CODES.SVG_EXTERNAL,
};

/** Checks an image's bytes (pure: no file is read). */
export function inspectImage(bytes: Uint8Array, type: Asset['type'], limits: ImageLimits = IMAGE_LIMITS): Inspection<{ width: number; height: number; expandedElements?: number }> {
  if (type === 'png') return inspectPng(bytes, limits.decodedBytes);
  if (type === 'jpeg') return inspectJpeg(bytes, limits.decodedBytes);
  return inspectSvg(bytes, limits.svgElements, (inner, innerType) => {
    const r = inspectImage(inner, innerType, limits);
    return r.ok ? undefined : r.problem;
  });
}

/** Reads an image through the confined reader and checks it. */
export async function readImage(asset: Asset, limits: ImageLimits = IMAGE_LIMITS): Promise<Result<CheckedImage>> {
  const read = await readConfined(asset.folder, asset.path, { maxBytes: limits.fileBytes });
  if (!read.ok) {
    if (read.reason === 'too-large')
      return refused(asset, 'too-large', {
        kind: 'too-large',
        why: `the file is ${read.size !== undefined ? `${(read.size / 1048576).toFixed(1)} MiB` : 'too large'}; image files may be at most ${limits.fileBytes / 1048576} MiB.`,
        hint: 'Export it smaller: a leaflet never needs more than 300 dpi at print size.',
      });
    return refused(asset, 'unreadable', { kind: 'damaged', why: `the file ${refusalText(read, limits.fileBytes)}.` });
  }
  const r = inspectImage(read.value, asset.type, limits);
  if (!r.ok) return refused(asset, r.problem.kind, r.problem);
  const elements = r.facts.expandedElements;
  return { ok: true, value: { bytes: read.value, type: asset.type, mime: MIME[asset.type], width: r.facts.width, height: r.facts.height, ...(elements !== undefined ? { elements } : {}) }, warnings: [] };
}

/**
 * The PDF writer draws an SVG once per place it appears (the logo: once per
 * page), so what an SVG costs depends on the page count: refuse the
 * document's SVGs when, all drawings counted, they exceed the limit.
 */
export function svgDrawsProblems(draws: readonly { asset: Asset; elements: number; times: number }[], limits: ImageLimits = IMAGE_LIMITS): Diagnostic[] {
  const total = draws.reduce((sum, d) => sum + d.elements * d.times, 0);
  if (total <= limits.svgElementsDrawn) return [];
  return draws
    // the ones that weigh at least their share (the largest always does)
    .filter((d) => d.elements * d.times >= total / draws.length)
    .map((d) =>
      refused(d.asset, 'too-large', {
        kind: 'too-large',
        why: `the SVG is drawn ${d.times} time(s) in this PDF (the logo once per page) and has ${d.elements} elements; all SVGs together would draw ${total} elements, more than the ${limits.svgElementsDrawn} a PDF may hold.`,
        hint: 'Simplify the drawing, or use a PNG (a PNG is embedded once however many pages show it).',
      }),
    )
    .flatMap((r) => (r.ok ? [] : r.diagnostics));
}

function refused(asset: Asset, kind: ProblemKind | 'unreadable', problem: ImageProblem): Result<CheckedImage> {
  const o = asset.origin;
  const diagnostic: Diagnostic = {
    code: CODE_OF[kind],
    severity: 'error',
    message: `${o.what} ('${excerpt(o.written)}') is refused: ${problem.why}`,
    file: o.file,
    ...(o.line !== undefined ? { line: o.line, column: o.column } : {}),
    ...(problem.hint ? { hints: [problem.hint] } : {}),
  };
  return { ok: false, diagnostics: [diagnostic] };
}

function excerpt(s: string): string {
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
