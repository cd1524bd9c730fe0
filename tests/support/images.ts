/**
 * Images built in the test, byte by byte, so that hostile and broken ones
 * need no binary files in git: real PNGs (zlib + CRC), real baseline JPEGs
 * (one flat 8×8 block per component) and SVGs.
 */
import { crc32, createDeflate, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngSpec {
  width: number;
  height: number;
  /** PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA */
  colour?: number;
  depth?: number;
  interlaced?: boolean;
  transparency?: boolean;
}

function header(s: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.width, 0);
  ihdr.writeUInt32BE(s.height, 4);
  ihdr[8] = s.depth ?? 8;
  ihdr[9] = s.colour ?? 6;
  ihdr[12] = s.interlaced ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if ((s.colour ?? 6) === 3) parts.push(chunk('PLTE', Buffer.from([0, 0, 0, 255, 255, 255])));
  if (s.transparency) parts.push(chunk('tRNS', Buffer.from([0, 255])));
  return Buffer.concat(parts);
}

const rowBytes = (s: PngSpec) => 1 + Math.ceil((s.width * CHANNELS[s.colour ?? 6]! * (s.depth ?? 8)) / 8);

/** A complete, valid, non-interlaced PNG of blank pixels. */
export function png(s: PngSpec): Buffer {
  const raw = Buffer.alloc(rowBytes(s) * s.height);
  return Buffer.concat([header(s), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A valid PNG whose pixels are streamed through deflate: a few hundred KB on disk that decode to hundreds of MB. */
export async function hugePng(s: PngSpec): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(rowBytes(s));
  for (let y = 0; y < s.height; y++) if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat([header(s), chunk('IDAT', Buffer.concat(out)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A baseline JPEG of 8×8 flat pixels with `components` components: every
 * block is "DC difference 0, end of block", one Huffman code of one bit each.
 * `components: 2` gives the file the checker must refuse.
 */
export function jpeg(options: { components?: number; width?: number; height?: number; declared?: { width: number; height: number } } = {}): Buffer {
  const n = options.components ?? 3;
  const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const dqt = seg(0xdb, [0x00, ...new Array(64).fill(1)]);
  const w = options.width ?? 8;
  const h = options.height ?? 8;
  // `declared` puts a size in the frame header that the scan does not hold: a huge image in a small file
  const dw = options.declared?.width ?? w;
  const dh = options.declared?.height ?? h;
  const sof = seg(0xc0, [8, dh >> 8, dh & 0xff, dw >> 8, dw & 0xff, n, ...Array.from({ length: n }, (_, i) => [i + 1, 0x11, 0]).flat()]);
  // one code of length 1 for symbol 0: DC "category 0", AC "end of block"
  const table = (cls: number) => [cls, 1, ...new Array(15).fill(0), 0];
  const dht = seg(0xc4, [...table(0x00), ...table(0x10)]);
  const sos = seg(0xda, [n, ...Array.from({ length: n }, (_, i) => [i + 1, 0x00]).flat(), 0, 63, 0]);
  // 2 bits per block, padded with ones
  const bits = '00'.repeat(n * Math.ceil(w / 8) * Math.ceil(h / 8));
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '1');
  const scan = padded.match(/.{8}/g)!.map((b) => parseInt(b, 2)).flatMap((v) => (v === 0xff ? [0xff, 0x00] : [v]));
  return Buffer.from([0xff, 0xd8, ...dqt, ...sof, ...dht, ...sos, ...scan, 0xff, 0xd9]);
}

export const svg = (body: string, attrs = 'viewBox="0 0 10 10"') => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`);

/** ~2 KB of nested <use>: each level draws the one below ten times, nine levels deep (10^9 rectangles). */
export function nestedUseSvg(levels = 9, fanOut = 10): Buffer {
  let defs = '<g id="l0"><rect width="1" height="1"/></g>';
  for (let l = 1; l <= levels; l++) defs += `<g id="l${l}">${`<use href="#l${l - 1}"/>`.repeat(fanOut)}</g>`;
  return svg(`<defs>${defs}</defs><use href="#l${levels}"/>`);
}
