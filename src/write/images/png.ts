import { crc32, inflateSync } from 'node:zlib';
import { refuse, type Inspection, type RasterFacts } from './problem.js';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** samples per pixel for each PNG colour type (PNG spec, table 11.1) */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7 passes: x start, y start, x step, y step */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

const EXPORT_AGAIN = 'Export the image again from the program that made it, as an 8-bit PNG.';

/**
 * Checks a whole PNG file before anything decodes it: signature, IHDR,
 * every chunk's length and CRC, IEND present, the decoded size against
 * `maxDecodedBytes`, a colour type pdfkit embeds correctly — and only then
 * inflates the image data (now known to be bounded) to see that it is all
 * there.
 */
export function inspectPng(b: Uint8Array, maxDecodedBytes: number): Inspection<RasterFacts> {
  if (b.length < 8 || SIGNATURE.some((v, i) => b[i] !== v)) return refuse('not-format', 'it is not a PNG file (its first bytes do not say so).', 'Save it as PNG, or name it after what it is (.jpg, .svg).');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | undefined;
  let palette = false;
  let transparency = false;
  const idat: Uint8Array[] = [];
  let idatEnded = false;
  for (;;) {
    if (at + 12 > b.length) return refuse('truncated', 'the PNG file is cut short (it has no IEND chunk).', EXPORT_AGAIN);
    const length = view.getUint32(at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type) || length > 0x7fffffff) return refuse('damaged', `the PNG file is damaged (a chunk at byte ${at} has no valid type or length).`, EXPORT_AGAIN);
    if (at + 12 + length > b.length) return refuse('truncated', `the PNG file is cut short (its ${type} chunk runs past the end of the file).`, EXPORT_AGAIN);
    const data = b.subarray(at + 8, at + 8 + length);
    if ((crc32(b.subarray(at + 4, at + 8 + length)) >>> 0) !== view.getUint32(at + 8 + length))
      return refuse('damaged', `the PNG file is damaged (the checksum of its ${type} chunk is wrong).`, EXPORT_AGAIN);
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return refuse('damaged', 'the PNG file is damaged (it does not start with an IHDR header).', EXPORT_AGAIN);
      const h = new DataView(data.buffer, data.byteOffset, 13);
      header = { width: h.getUint32(0), height: h.getUint32(4), depth: data[8]!, colour: data[9]!, interlaced: data[12] === 1 };
      if (!header.width || !header.height || header.width > 0x7fffffff || header.height > 0x7fffffff)
        return refuse('damaged', 'the PNG header gives it no valid size.', EXPORT_AGAIN);
      if (!DEPTHS[header.colour]?.includes(header.depth) || data[10] !== 0 || data[11] !== 0 || data[12]! > 1)
        return refuse('damaged', `the PNG header is invalid (colour type ${header.colour}, bit depth ${header.depth}).`, EXPORT_AGAIN);
    } else if (type === 'PLTE') palette = true;
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') {
      if (idatEnded) return refuse('damaged', 'the PNG file is damaged (its image data is split by other chunks).', EXPORT_AGAIN);
      idat.push(data);
    } else if (type === 'IEND') break;
    if (type !== 'IDAT' && idat.length) idatEnded = true;
    at += 12 + length;
  }
  if (!header) return refuse('damaged', 'the PNG file has no header.', EXPORT_AGAIN);
  if (!idat.length) return refuse('truncated', 'the PNG file has no image data.', EXPORT_AGAIN);
  if (header.colour === 3 && !palette) return refuse('damaged', 'the PNG file is damaged (a palette image without a palette).', EXPORT_AGAIN);

  const { width, height, depth, colour, interlaced } = header;
  const channels = CHANNELS[colour]!;
  const decodedBytes = width * height * channels * (depth / 8);
  if (decodedBytes > maxDecodedBytes)
    return refuse(
      'too-large',
      `it is ${width} × ${height} pixels with ${channels} channel(s) of ${depth} bits, which decodes to ${mb(decodedBytes)} MB; images may decode to at most ${mb(maxDecodedBytes)} MB.`,
      'Scale it down (a leaflet never needs more than 300 dpi at print size) and save it as an 8-bit PNG.',
    );
  // pdfkit's PNG decoder (png-js) handles whole bytes per pixel only: sub-byte
  // depths it must decode (interlaced, or with a transparency chunk) draw as garbage
  if (depth < 8 && (interlaced || transparency))
    return refuse('unsupported', `it is an ${interlaced ? 'interlaced' : 'transparent'} PNG with ${depth}-bit pixels, which the PDF writer cannot embed.`, 'Save it as an 8-bit, non-interlaced PNG.');

  let expected = 0;
  const rowBytes = (w: number) => 1 + Math.ceil((w * channels * depth) / 8);
  if (!interlaced) expected = height * rowBytes(width);
  else
    for (const [xs, ys, xstep, ystep] of ADAM7) {
      const w = Math.ceil((width - xs) / xstep);
      const h = Math.ceil((height - ys) / ystep);
      if (w > 0 && h > 0) expected += h * rowBytes(w);
    }
  let inflated: number;
  try {
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected, finishFlush: 2 /* Z_SYNC_FLUSH: a cut stream is not an exception */ }).length;
  } catch {
    return refuse('damaged', 'the PNG image data is damaged (it does not decompress).', EXPORT_AGAIN);
  }
  if (inflated < expected) return refuse('truncated', 'the PNG image data is cut short (it holds fewer rows than the header says).', EXPORT_AGAIN);
  return { ok: true, facts: { width, height, decodedBytes } };
}

export const mb = (bytes: number) => (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
