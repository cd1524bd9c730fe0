/**
 * The text object of a right-to-left run: its glyphs in drawing order, each
 * character reachable by text extraction in logical order.
 *
 * Readers (poppler's pdftotext, pdf.js) take the glyphs of a line left to
 * right and put right-to-left text back into logical order by reversing it
 * character by character. That works for glyphs drawn on the baseline one
 * after another. It failed for a mark that shaping moves off its base's
 * origin (a tanween, shadda or damma raised over a tall letter, a Hebrew
 * vowel point moved under its letter): pdfkit draws such a glyph after its
 * own text-matrix move, poppler starts a new word for any glyph whose
 * baseline is more than half a point away, and it builds a line from words
 * in order of their left edge. The mark's left edge lies right of its base's
 * origin, so the base's word (reaching to the end of the run) came first,
 * the mark "overlapped" it, and poppler ended the line there: the marks came
 * out of pdftotext on lines of their own.
 *
 * Such a mark is drawn where shaping puts it, inside a marked-content span
 * whose ActualText is the mark, opened by an inkless, zero-width glyph
 * (U+200B's) on the baseline just before its base's origin. poppler places a
 * span's text where the span's first glyph stands: the mark joins the line
 * right before its base in drawing order, which reads as right after it once
 * reversed. pdf.js ignores ActualText and zero-width format characters, and
 * keeps a mark with the glyph drawn before it, as it always did. A glyph that
 * shows another character than its own (a bracket mirrored, "(" drawn as
 * ")") carries its character the same way, one span of its own, so no span
 * ever holds more than one glyph's characters: ActualText on a whole run was
 * read as left-to-right text and came out reversed.
 */

/** One glyph of a shaped right-to-left run, in drawing order, positions in 1000ths of the font size. */
export interface RtlGlyph {
  /** the glyph's id in the embedded subset, four hex digits */
  hex: string;
  xAdvance: number;
  /** the width the embedded font gives the glyph: TJ moves by it */
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
  /**
   * The characters the glyph stands for, in logical order, when the font's
   * Unicode map does not spell them (a mirrored bracket); null when it does.
   */
  actual: string | null;
  /** for a zero-width mark drawn off its base's origin: its characters in logical order */
  mark: string | null;
  /** the glyph of a space */
  space: boolean;
}

/** What the run is drawn with: the font resource, its size, and the subset's id of an inkless zero-width glyph, if the font has one. */
export interface RtlTextStyle {
  font: string;
  size: number;
  carrier: string | null;
}

/** Spacing of the span anchors before a base's origin, pt: far below what poppler reads as a gap, enough to order them. */
const STEP = 0.01;

const num = (n: number): string => String(Math.round(n * 1e6) / 1e6);

/** A PDF hex string holding `text` in UTF-16BE with its byte-order mark, as ActualText is written. */
function textString(text: string): string {
  let hex = 'feff';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/**
 * The content-stream operators (BT … ET) that draw `glyphs` from (x, y), the
 * origin of the first glyph in text space (y up). Pure: paint writes them.
 *
 * A run with nothing to carry is one TJ sequence, byte for byte as pdfkit
 * writes it. Otherwise the run is cut at each glyph with a span, and the
 * pieces are drawn from the right, in reading order: pdf.js starts a new
 * text item at every marked-content boundary and reverses each item on its
 * own, so items drawn left to right would come out in the wrong order
 * (paint draws the runs of a right-to-left line from the right for the same
 * reason). poppler orders a line's words by where they stand, whatever the
 * order they are drawn in.
 */
export function rtlTextOperators(glyphs: readonly RtlGlyph[], x: number, y: number, style: RtlTextStyle): string[] {
  const scale = style.size / 1000;
  const ops: string[] = ['BT', `1 0 0 1 ${num(x)} ${num(y)} Tm`, `/${style.font} ${num(style.size)} Tf`];
  const at = (px: number, py: number) => ops.push(`1 0 0 1 ${num(px)} ${num(py)} Tm`);
  const show = (hex: string, adjust = 0) => ops.push(`[<${hex}> ${num(-adjust)}] TJ`);
  const span = (text: string, draw: () => void) => {
    ops.push(`/Span <</ActualText ${textString(text)}>> BDC`);
    draw();
    ops.push('EMC');
  };
  const pens: number[] = [];
  let pen = x;
  for (const g of glyphs) {
    pens.push(pen);
    pen += g.xAdvance * scale;
  }
  const carried = (g: RtlGlyph) => (g.mark !== null && style.carrier !== null) || g.actual !== null;

  /** glyphs [from, to) on the baseline, the text matrix already at the first one's pen */
  const plain = (from: number, to: number) => {
    let moved = false;
    let segment = '';
    let commands: string[] = [];
    const flush = () => {
      if (segment) commands.push(`<${segment}> 0`);
      if (commands.length) ops.push(`[${commands.join(' ')}] TJ`);
      segment = '';
      commands = [];
    };
    for (let i = from; i < to; i++) {
      const g = glyphs[i]!;
      const adjust = g.xAdvance - g.advanceWidth;
      if (g.xOffset !== 0 || g.yOffset !== 0) {
        // as pdfkit: a glyph shaping moves is drawn after its own move
        flush();
        at(pens[i]! + g.xOffset * scale, y + g.yOffset * scale);
        show(g.hex, adjust);
        moved = true;
        continue;
      }
      if (moved) {
        at(pens[i]!, y);
        moved = false;
      }
      segment += g.hex;
      if (adjust !== 0) {
        commands.push(`<${segment}> ${num(-adjust)}`);
        segment = '';
      }
    }
    flush();
  };

  /** a glyph that carries its characters in spans of its own */
  const carry = (i: number) => {
    const g = glyphs[i]!;
    const p = pens[i]!;
    const drawn = () => {
      at(p + g.xOffset * scale, y + g.yOffset * scale);
      show(g.hex, g.xAdvance - g.advanceWidth);
    };
    if (g.mark === null || style.carrier === null) {
      // characters in drawing order, as the font's Unicode map holds a ligature's: poppler reverses them
      span([...g.actual!].reverse().join(''), drawn);
      return;
    }
    const carrier = style.carrier;
    // marks drawn between this one and their base: their characters take the anchors nearer its origin
    let nearer = 0;
    for (let k = i + 1; k < glyphs.length && glyphs[k]!.mark !== null; k++) nearer += [...glyphs[k]!.mark!].length;
    // one span a character, in reading order, the first character's anchor nearest the base
    [...g.mark].forEach((ch, c) => {
      const anchor = p - (nearer + c + 1) * STEP;
      span(ch, () => {
        at(anchor, y);
        show(carrier);
        if (c === 0) {
          drawn();
          // the span ends on its anchor: poppler measures its text from the first glyph to the last
          at(anchor, y);
          show(carrier);
        }
      });
    });
  };

  // pieces in drawing order: runs of plain glyphs, and each glyph that carries its characters
  const pieces: [number, number][] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const last = pieces[pieces.length - 1];
    if (carried(glyphs[i]!) || !last || carried(glyphs[last[0]]!)) pieces.push([i, i + 1]);
    else last[1] = i + 1;
  }
  if (pieces.length > 1)
    for (let k = pieces.length - 1; k >= 0; k--) {
      // a piece does not end in spaces: pdf.js would write a space before the mark it reads next
      const piece = pieces[k]!;
      let end = piece[1];
      while (end - 1 > piece[0] && glyphs[end - 1]!.space) end--;
      if (end < piece[1]) pieces.splice(k + 1, 0, [end, piece[1]]), (piece[1] = end);
    }
  pieces.reverse().forEach(([from, to], k) => {
    if (carried(glyphs[from]!)) return carry(from);
    if (k > 0 || from > 0) at(pens[from]!, y);
    plain(from, to);
  });
  ops.push('ET');
  return ops;
}

/**
 * The characters each glyph of a right-to-left run stands for, in logical
 * order, found by walking the text from its start while the glyphs are read
 * from the last drawn (the first in reading order). Each glyph's code points
 * say how many characters it takes (a lam-alef two). Null when they do not
 * add up to the text (then the run is not split per glyph).
 */
export function glyphCharacters(codePoints: readonly (readonly number[])[], text: string): string[] | null {
  const chars = [...text];
  const out = new Array<string>(codePoints.length);
  let at = 0;
  for (let i = codePoints.length - 1; i >= 0; i--) {
    const n = codePoints[i]!.length;
    if (n === 0) return null;
    out[i] = chars.slice(at, at + n).join('');
    at += n;
  }
  return at === chars.length ? out : null;
}
