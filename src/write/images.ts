import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Asset } from '../model/view.js';

/**
 * Reads an image a leaflet embeds (brand logo, figure) and refuses what a
 * self-contained, offline document must not carry (REFERENCES.md, "Safety"):
 * SVGs that reach outside themselves, and rasters that would decode to
 * hundreds of megabytes. Both writers embed only what this returns.
 */
export interface CheckedImage {
  bytes: Buffer;
  type: Asset['type'];
  mime: 'image/svg+xml' | 'image/png' | 'image/jpeg';
  /** pixels, from the PNG/JPEG header; absent for SVG */
  width?: number;
  height?: number;
}

/** Who the image belongs to, for messages: "the logo of brand 'x' (data/brands/x.yaml)". */
export interface ImageOrigin {
  code: string;
  owner: string;
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** ~40 megapixels: a 4-byte-per-pixel decode stays around 160 MB. */
export const MAX_IMAGE_PIXELS = 40_000_000;

const MIME = { svg: 'image/svg+xml', png: 'image/png', jpeg: 'image/jpeg' } as const;

export async function readCheckedImage(asset: Asset, origin: ImageOrigin): Promise<Result<CheckedImage>> {
  const refuse = (why: string, hints?: string[]): Result<CheckedImage> => ({
    ok: false,
    diagnostics: [{ code: origin.code, severity: 'error', message: `${origin.owner}: ${why}`, file: asset.path, ...(hints ? { hints } : {}) } satisfies Diagnostic],
  });
  let size: number;
  try {
    size = (await stat(asset.path)).size;
  } catch {
    return refuse('the image file cannot be read.');
  }
  if (size > MAX_IMAGE_BYTES)
    return refuse(`the image is ${(size / 1048576).toFixed(1)} MiB; images may be at most 5 MiB.`, ['Export it smaller: a leaflet never needs more than 300 dpi at print size.']);
  const bytes = await readFile(asset.path);
  if (asset.type === 'svg') {
    const problem = svgProblem(bytes);
    return problem ? refuse(problem, ['Logos and figures must be self-contained: shapes and paths only, no links, scripts or web fonts.']) : { ok: true, value: { bytes, type: 'svg', mime: MIME.svg }, warnings: [] };
  }
  const dims = asset.type === 'png' ? pngSize(bytes) : jpegSize(bytes);
  if (!dims) return refuse(`the file is not a ${asset.type === 'png' ? 'PNG' : 'JPEG'} image (its first bytes do not say so).`);
  if (dims.width * dims.height > MAX_IMAGE_PIXELS)
    return refuse(`the image declares ${dims.width} × ${dims.height} pixels (${Math.round((dims.width * dims.height) / 1e6)} megapixels); at most 40 megapixels are accepted.`);
  return { ok: true, value: { bytes, type: asset.type, mime: MIME[asset.type], ...dims }, warnings: [] };
}

/**
 * A deliberately strict scan of SVG source: it may refuse an SVG that would
 * have been harmless, never accept one that reaches out. An `<img>` would not
 * run scripts, but the same file also goes into the PDF and into other tools.
 */
export function svgProblem(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'the SVG is not UTF-8 text.';
  }
  if (!/<svg[\s>]/i.test(text)) return 'the file has no <svg> element.';
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) return 'the SVG declares a DOCTYPE or entities, which can pull in external files.';
  if (/<script[\s>/]/i.test(text)) return 'the SVG contains a <script> element.';
  if (/<foreignObject[\s>/]/i.test(text)) return 'the SVG embeds HTML (<foreignObject>).';
  if (/\son[a-z]+\s*=/i.test(text)) return 'the SVG has an event-handler attribute (on…=).';
  if (/@import/i.test(text)) return 'the SVG imports a stylesheet (@import).';
  for (const m of text.matchAll(/\b(?:xlink:)?href\s*=\s*(["']?)([^"'\s>]*)\1/gi))
    if (!m[2]!.startsWith('#')) return `the SVG refers to an external resource (href="${m[2]!.slice(0, 60)}"); only #fragment links inside the file are allowed.`;
  for (const m of text.matchAll(/url\(\s*(["']?)([^)"']*)/gi))
    if (!m[2]!.trim().startsWith('#')) return `the SVG refers to an external resource (url(${m[2]!.slice(0, 60)})); only url(#…) inside the file is allowed.`;
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) return undefined;
  // The first chunk must be IHDR: width and height are its first two 32-bit fields.
  if (String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = view.getUint16(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) hold the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    if (marker === 0xda || length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}
