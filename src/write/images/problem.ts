/**
 * What a format checker says about a file it refuses. `kind` picks the
 * diagnostic code (images.ts maps kinds to codes in one place); `why`
 * finishes "… is refused: "; `hint` says what to do.
 */
export type ProblemKind =
  /** the bytes are not the format the file name says */
  | 'not-format'
  /** cut short: a chunk, a segment or the end marker is missing */
  | 'truncated'
  /** complete but inconsistent: bad checksum, bad lengths, malformed XML */
  | 'damaged'
  /** a valid file of a kind the writers cannot embed faithfully */
  | 'unsupported'
  /** decodes (or, for SVG, expands) to more than the limits allow */
  | 'too-large'
  /** SVG that could run code: scripts, event handlers, embedded HTML */
  | 'active'
  /** SVG that reaches outside itself: links, URLs, entities, stylesheets */
  | 'external';

export interface ImageProblem {
  kind: ProblemKind;
  why: string;
  hint?: string;
}

export interface RasterFacts {
  width: number;
  height: number;
  /** width × height × channels × bit depth / 8: what a reader must hold in memory */
  decodedBytes: number;
}

export type Inspection<T> = { ok: true; facts: T } | { ok: false; problem: ImageProblem };

export const refuse = (kind: ProblemKind, why: string, hint?: string): { ok: false; problem: ImageProblem } => ({
  ok: false,
  problem: { kind, why, ...(hint ? { hint } : {}) },
});
