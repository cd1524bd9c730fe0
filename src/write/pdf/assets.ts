import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { Diagnostic, Result } from '../../model/diagnostic.js';
import type { Asset } from '../../model/view.js';
import { CODES } from '../../diagnostics/codes.js';

/** An image read and checked before layout: layout needs its size, paint its bytes. */
export interface LoadedAsset {
  id: string;
  type: Asset['type'];
  bytes: Uint8Array;
  /** intrinsic size; for SVG in user units */
  width: number;
  height: number;
}

/** A small PNG can decode to hundreds of MB: refuse anything larger than this many pixels. */
const MAX_PIXELS = 40_000_000;

/**
 * Reads every image the markup refers to, in the view's order (a fixed
 * order keeps the output bytes stable), and refuses what pdfkit would
 * draw badly or not at all: missing or corrupt files, huge rasters, SVGs
 * that reach outside the file.
 */
export function loadAssets(assets: readonly Asset[], where: (asset: Asset) => { file?: string; what: string }): Result<Map<string, LoadedAsset>> {
  const out = new Map<string, LoadedAsset>();
  const diagnostics: Diagnostic[] = [];
  for (const a of assets) {
    const place = where(a);
    const fail = (why: string) =>
      diagnostics.push({
        code: CODES.BAD_IMAGE,
        severity: 'error',
        message: `${place.what} (${a.path.split(/[\\/]/).pop()}) cannot be used: ${why}`,
        file: place.file,
      });
    let bytes: Buffer;
    try {
      bytes = readFileSync(a.path);
    } catch {
      fail('the file cannot be read.');
      continue;
    }
    const size = a.type === 'png' ? pngSize(bytes) : a.type === 'jpeg' ? jpegSize(bytes) : svgSize(bytes);
    if (typeof size === 'string') {
      fail(size);
      continue;
    }
    if (a.type !== 'svg' && size.width * size.height > MAX_PIXELS) {
      fail(`it is ${size.width}×${size.height} pixels; images larger than ${MAX_PIXELS / 1e6} megapixels are refused.`);
      continue;
    }
    out.set(a.id, { id: a.id, type: a.type, bytes, ...size });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, value: out, warnings: [] };
}

type Size = { width: number; height: number } | string;

function pngSize(b: Buffer): Size {
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return 'it is not a PNG file.';
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  if (!width || !height) return 'the PNG header gives it no size.';
  // Walk the chunks and inflate the image data now: a truncated or damaged
  // file must be an error naming the brand, not a crash while drawing.
  const idat: Buffer[] = [];
  let at = 8;
  let ended = false;
  while (at + 8 <= b.length) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (at + 12 + len > b.length) return 'the PNG file is truncated.';
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    at += 12 + len;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended || !idat.length) return 'the PNG file is truncated.';
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: MAX_PIXELS * 8 });
  } catch {
    return 'the PNG image data is damaged.';
  }
  return { width, height };
}

function jpegSize(b: Buffer): Size {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return 'it is not a JPEG file.';
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return 'the JPEG file is damaged.';
    const marker = b[at + 1]!;
    const len = b.readUInt16BE(at + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(at + 5);
      const width = b.readUInt16BE(at + 7);
      if (!width || !height) return 'the JPEG header gives it no size.';
      return { width, height };
    }
    at += 2 + len;
  }
  return 'the JPEG file is truncated.';
}

/** External references are refused: a leaflet must not change with a web page or a file elsewhere. */
const EXTERNAL = [
  /<!DOCTYPE|<!ENTITY/i,
  /\bhref\s*=\s*["']\s*(?!#)/i,
  /url\(\s*["']?\s*(?!#)/i,
  /@import/i,
  /<(script|foreignObject)\b/i,
];

function svgSize(b: Buffer): Size {
  const text = b.toString('utf8');
  const open = /<svg\b[^>]*>/i.exec(text);
  if (!open) return 'it is not an SVG file.';
  if (EXTERNAL.some((re) => re.test(text)))
    return 'the SVG refers to something outside itself (a link, a URL, an entity or a script). Embed everything in the SVG.';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(open[0])?.[1];
  const num = (v: string | undefined) => (v && /^\s*[\d.]+\s*(px|pt)?\s*$/.test(v) ? parseFloat(v) : undefined);
  const box = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = num(attr('width')) ?? (box && box.length === 4 ? box[2] : undefined);
  const height = num(attr('height')) ?? (box && box.length === 4 ? box[3] : undefined);
  if (!width || !height || !Number.isFinite(width) || !Number.isFinite(height)) return 'the SVG has no width and height or viewBox.';
  return { width, height };
}
