import { create } from 'qrcode/lib/core/qrcode.js';

/**
 * A QR code as both writers draw it: the module matrix from the qrcode
 * package (ISO/IEC 18004; the package picks the smallest version and the
 * mask with the lowest penalty, so the same text always gives the same code)
 * and the dark modules merged into runs along each row — a PDF draws one
 * rectangle a run, the HTML one path. Level M (15 % of the code may be
 * damaged or dirty) is what product-information QR codes commonly use.
 */
export interface QrCode {
  /** modules a side, without the quiet zone */
  size: number;
  /** the quiet zone a reader needs round the code, in modules (ISO/IEC 18004: 4) */
  quiet: number;
  /** dark runs: row, first column, length in modules */
  runs: { row: number; col: number; length: number }[];
}

export const QUIET_ZONE = 4;

export function qrCode(text: string): QrCode {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const runs: QrCode['runs'] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return { size, quiet: QUIET_ZONE, runs };
}

/**
 * The side of the printed code without its quiet zone, in millimetres:
 * at least 22 mm (EMA's QR-code principles ask for a code a phone reads
 * from an arm's length; ~2 cm is the usual minimum) and never modules under
 * 0.4 mm, so a long address makes a larger code, not a denser one.
 */
export function qrSideMm(code: QrCode): number {
  return Math.max(22, code.size * 0.4);
}

/**
 * The code as inline SVG for the HTML: one path of unit squares on a white
 * square that includes the quiet zone, scaled by CSS. No style, no external
 * reference: nothing the page's Content-Security-Policy would block.
 */
export function qrSvgPath(code: QrCode): string {
  return code.runs.map((r) => `M${r.col + code.quiet} ${r.row + code.quiet}h${r.length}v1h-${r.length}z`).join('');
}
