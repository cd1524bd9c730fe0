/**
 * Writing systems that need fonts of their own: which script a character
 * belongs to, and which script a language is written in.
 *
 * Plain range checks over the Unicode blocks, not `\p{Script=…}`
 * expressions: building those costs tens of milliseconds at start-up, and
 * every character of every leaflet passes through here. A block is a little
 * wider than its script (the Arabic block holds the Arabic comma, which
 * Unicode gives to no script), which is what a font chain wants: the Arabic
 * face draws the Arabic comma.
 */
import type { ScriptName } from '../../model/template.js';

/** [first, last, script], sorted by first code point. */
const BLOCKS: readonly (readonly [number, number, ScriptName])[] = [
  [0x0590, 0x05ff, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x0870, 0x08ff, 'arabic'],
  // the dandas । ॥ (U+0964, U+0965) end sentences in Bengali and other Indic scripts too: of no one
  // script, they take the face of the text before them, so a Bengali leaflet never opens the Devanagari face
  [0x0900, 0x0963, 'devanagari'],
  [0x0966, 0x097f, 'devanagari'],
  [0x0980, 0x09ff, 'bengali'],
  [0x1cd0, 0x1cff, 'devanagari'],
  [0x2e80, 0x2fdf, 'han'],
  // CJK punctuation (。、「」), kana, bopomofo: set in the CJK face, at CJK widths
  [0x3000, 0x31ff, 'han'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xa8e0, 0xa8ff, 'devanagari'],
  [0xf900, 0xfaff, 'han'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe30, 0xfe4f, 'han'],
  [0xfe70, 0xfeff, 'arabic'],
  // full-width forms: the ，：？！（） of Chinese text
  [0xff00, 0xffef, 'han'],
  [0x20000, 0x3134f, 'han'],
];

/** The script whose face should draw the character; null for Latin, Greek, Cyrillic, digits, spaces and common punctuation. */
export function scriptOf(cp: number): ScriptName | null {
  if (cp < 0x0590) return null;
  let lo = 0;
  let hi = BLOCKS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, script] = BLOCKS[mid]!;
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return script;
  }
  return null;
}

/** The scripts of the characters in the text. */
export function scriptsIn(text: string, into: Set<ScriptName> = new Set()): Set<ScriptName> {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x0590) continue;
    const s = scriptOf(text.codePointAt(i)!);
    if (s) into.add(s);
  }
  return into;
}

/** BCP 47 primary language subtag → the script it is written in (when it needs a font of its own). */
const LANGUAGE_SCRIPTS: Readonly<Record<string, ScriptName>> = {
  ar: 'arabic',
  fa: 'arabic',
  ur: 'arabic',
  ps: 'arabic',
  he: 'hebrew',
  yi: 'hebrew',
  zh: 'han',
  ja: 'han',
  hi: 'devanagari',
  mr: 'devanagari',
  ne: 'devanagari',
  sa: 'devanagari',
  bn: 'bengali',
  as: 'bengali',
};

/** The script a language is written in: its digits and punctuation prefer that script's face. */
export function languageScript(lang: string): ScriptName | null {
  return LANGUAGE_SCRIPTS[lang.toLowerCase().split('-')[0]!] ?? null;
}

/** Languages written right to left (their paragraphs run right to left, their pages mirror). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'dv', 'ckb', 'sd', 'ug']);

export function isRtlLanguage(lang: string): boolean {
  return RTL_LANGUAGES.has(lang.toLowerCase().split('-')[0]!);
}

/** Languages whose text breaks between ideographs and is set with CJK line rules. */
export function isCjkLanguage(lang: string): boolean {
  return ['zh', 'ja'].includes(lang.toLowerCase().split('-')[0]!);
}
