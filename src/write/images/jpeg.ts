import { mb } from './png.js';
import { refuse, type Inspection, type RasterFacts } from './problem.js';

const EXPORT_AGAIN = 'Export the image again as a baseline or progressive JPEG (RGB, greyscale or CMYK).';

/**
 * Checks a whole JPEG file before anything embeds it. pdfkit copies JPEG
 * bytes into the PDF as they are, so what the viewer will meet is checked
 * here: SOI … EOI complete (a cut file draws half an image), one frame of a
 * process every PDF viewer and browser decodes (baseline, extended or
 * progressive Huffman, 8-bit), 1, 3 or 4 components (pdfkit has no colour
 * space for 2: "/ColorSpace undefined"), and the decoded size.
 */
export function inspectJpeg(b: Uint8Array, maxDecodedBytes: number): Inspection<RasterFacts> {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return refuse('not-format', 'it is not a JPEG file (its first bytes do not say so).', 'Save it as JPEG, or name it after what it is (.png, .svg).');
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let frame: { width: number; height: number; components: number } | undefined;
  let scans = 0;
  let at = 2;
  for (;;) {
    if (at >= b.length) return refuse('truncated', 'the JPEG file is cut short (it has no end-of-image marker).', EXPORT_AGAIN);
    if (b[at] !== 0xff) return refuse('damaged', `the JPEG file is damaged (no marker at byte ${at}).`, EXPORT_AGAIN);
    while (b[at] === 0xff && b[at + 1] === 0xff) at++; // fill bytes
    if (at + 1 >= b.length) return refuse('truncated', 'the JPEG file is cut short (it has no end-of-image marker).', EXPORT_AGAIN);
    const marker = b[at + 1]!;
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0x00) return refuse('damaged', `the JPEG file is damaged (an unexpected marker at byte ${at}).`, EXPORT_AGAIN);
    if (at + 4 > b.length) return refuse('truncated', 'the JPEG file is cut short (it ends inside a segment).', EXPORT_AGAIN);
    const length = buf.readUInt16BE(at + 2);
    if (length < 2) return refuse('damaged', `the JPEG file is damaged (a segment at byte ${at} has no valid length).`, EXPORT_AGAIN);
    if (at + 2 + length > b.length) return refuse('truncated', 'the JPEG file is cut short (it ends inside a segment).', EXPORT_AGAIN);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (frame) return refuse('unsupported', 'the JPEG file holds more than one frame (a hierarchical JPEG).', EXPORT_AGAIN);
      if (marker > 0xc2) return refuse('unsupported', 'it is a lossless, hierarchical or arithmetic-coded JPEG, which browsers and PDF viewers do not all decode.', EXPORT_AGAIN);
      if (length < 8) return refuse('damaged', 'the JPEG frame header is damaged.', EXPORT_AGAIN);
      const precision = b[at + 4]!;
      const height = buf.readUInt16BE(at + 5);
      const width = buf.readUInt16BE(at + 7);
      const components = b[at + 9]!;
      if (length !== 8 + 3 * components) return refuse('damaged', 'the JPEG frame header is damaged (its length does not match its components).', EXPORT_AGAIN);
      if (precision !== 8) return refuse('unsupported', `it is a ${precision}-bit JPEG; only 8-bit JPEGs embed everywhere.`, EXPORT_AGAIN);
      if (!width || !height) return refuse('unsupported', 'the JPEG frame header gives it no size.', EXPORT_AGAIN);
      if (components !== 1 && components !== 3 && components !== 4)
        return refuse('unsupported', `it has ${components} colour components; a JPEG must have 1 (greyscale), 3 (RGB) or 4 (CMYK).`, EXPORT_AGAIN);
      frame = { width, height, components };
      const decodedBytes = width * height * components;
      if (decodedBytes > maxDecodedBytes)
        return refuse(
          'too-large',
          `it is ${width} × ${height} pixels with ${components} components, which decodes to ${mb(decodedBytes)} MB; images may decode to at most ${mb(maxDecodedBytes)} MB.`,
          'Scale it down: a leaflet never needs more than 300 dpi at print size.',
        );
    }
    at += 2 + length;
    if (marker === 0xda) {
      if (!frame) return refuse('damaged', 'the JPEG file is damaged (image data before the frame header).', EXPORT_AGAIN);
      scans++;
      // entropy-coded data runs to the next marker that is not a stuffed
      // 0xFF00 or a restart marker
      for (;;) {
        at = buf.indexOf(0xff, at);
        if (at < 0 || at + 1 >= b.length) return refuse('truncated', 'the JPEG file is cut short (its image data stops before the end-of-image marker).', EXPORT_AGAIN);
        const next = b[at + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
        else if (next === 0xff) at++;
        else break;
      }
    }
  }
  if (!frame || !scans) return refuse('truncated', 'the JPEG file has no image data.', EXPORT_AGAIN);
  return { ok: true, facts: { width: frame.width, height: frame.height, decodedBytes: frame.width * frame.height * frame.components } };
}
