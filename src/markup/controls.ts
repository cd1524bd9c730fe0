/**
 * Characters that are not text: C0 controls (NUL, BEL, ESC, …) except tab,
 * line feed and carriage return, DEL, the C1 controls, and the bidi
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
 * reorder what a reader sees without showing themselves ("Trojan Source").
 *
 * One definition for every place that meets them: lint reports them in
 * content (an error at file:line:column), a patient file is refused for
 * them, and the writers strip them where text enters an output — the
 * leaflet markup (both writers start from it), the HTML title, description
 * and attribute values, and the PDF Info and XMP — so none reaches a file
 * raw even when lint was not run.
 */
const CLASS = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]';
const CONTROLS = new RegExp(CLASS, 'g');
const ANY_CONTROL = new RegExp(CLASS);

export interface ControlCharacter {
  /** UTF-16 offset in the string */
  index: number;
  /** 1-based position in characters (code points), as a person counts */
  position: number;
  codePoint: number;
  /** "U+001B ESCAPE", for messages */
  name: string;
}

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

export function codePointName(cp: number): string {
  const kind = NAMES[cp] ?? (cp < 0x20 ? 'control character' : cp >= 0x80 && cp <= 0x9f ? 'C1 control character' : 'control character');
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${kind}`;
}

/** Every control or bidi-override character of `text`, in order. */
export function findControls(text: string): ControlCharacter[] {
  const out: ControlCharacter[] = [];
  for (const m of text.matchAll(CONTROLS)) {
    const cp = m[0].codePointAt(0)!;
    out.push({ index: m.index!, position: [...text.slice(0, m.index)].length + 1, codePoint: cp, name: codePointName(cp) });
  }
  return out;
}

export function hasControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** `text` without its control and bidi-override characters. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}
