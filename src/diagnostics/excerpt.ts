/**
 * A value of a file, as a message may quote it: at most `max` characters,
 * and no character that a terminal or an editor would act on or hide —
 * controls, bidi overrides and isolates are shown as \u{…} escapes, so an
 * ESC sequence in a YAML value cannot repaint the terminal that prints the
 * error, and a file that is not what it should be is never quoted at length.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function excerpt(text: string, max = 40): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return cut.replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
