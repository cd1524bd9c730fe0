import type { Diagnostic } from '../../model/diagnostic.js';
import type { MarkupElement, MarkupNode } from '../../model/markup.js';
import type { FaceName } from '../../model/layout.js';
import type { TemplateStrings } from '../../model/template.js';
import type { ViewModel } from '../../model/view.js';
import type { SourceMap } from '../../content/source-map.js';
import { CODES } from '../../diagnostics/codes.js';
import { fontFor, type FontChain } from './fonts.js';

/** Where the text the template put into the markup came from, to point at the right line. */
export interface TextSources {
  /** source maps of the leaflet's language files */
  sourceMaps: readonly SourceMap[];
  /** the brand file, for the brand's name, contacts and footer */
  brandFile?: string;
  /** the template's strings file for the language */
  stringsFile?: string;
}

/** Characters that are never drawn: spaces, controls, soft hyphens, joiners, variation selectors. */
const INVISIBLE = /[\s\u00AD\u200B-\u200F\u2060\uFE00-\uFE0F\p{Cc}]/u;

/**
 * pdfkit has no font fallback: a character the fonts lack is drawn as an
 * empty box without a word. So before layout, every character the markup
 * holds is checked against the font chain. Upright faces are always
 * checked (headings and labels are bold); italic faces only for text that
 * is set in italics.
 */
export function checkGlyphs(tree: MarkupElement, fonts: FontChain, italic: boolean): Map<number, FaceName[]> {
  const missing = new Map<number, FaceName[]>();
  const seen = new Set<string>();
  const check = (text: string, faces: readonly FaceName[]) => {
    for (const ch of text) {
      const key = `${ch}|${faces.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (INVISIBLE.test(ch)) continue;
      const cp = ch.codePointAt(0)!;
      const lacking = faces.filter((f) => fontFor(fonts, f, cp) === undefined);
      if (lacking.length) missing.set(cp, [...new Set([...(missing.get(cp) ?? []), ...lacking])]);
    }
  };
  const upright: FaceName[] = ['regular', 'bold'];
  const all: FaceName[] = italic ? ['regular', 'bold', 'italic', 'boldItalic'] : upright;
  const walk = (node: MarkupNode, slanted: boolean) => {
    if (node.type === 'text') return check(node.value, slanted ? all : upright);
    const inItalic = slanted || node.tag === 'em' || node.classes.includes('subtitle');
    for (const a of ['alt', 'data-format'] as const) if (node.attrs[a]) check(node.attrs[a]!, upright);
    for (const c of node.children) walk(c, inItalic);
  };
  walk(tree, false);
  // page numbers are digits the footer adds
  check('0123456789', upright);
  return missing;
}

/** One diagnostic per place a missing character is written, naming the file, line and column. */
export function missingGlyphDiagnostics(
  missing: Map<number, FaceName[]>,
  view: ViewModel,
  sources: TextSources,
  fontFiles: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fontsText = fontFiles.map((f) => f.split(/[\\/]/).pop()).join(', ');
  for (const [cp] of missing) {
    const ch = String.fromCodePoint(cp);
    const what = `${JSON.stringify(ch)} (${describe(cp)})`;
    const message = `The character ${what} cannot be printed: no font of the template '${view.template}' has it (${fontsText}).`;
    const hints = ['Replace it with a character the fonts have, or add a font that has it to the template theme\'s fonts.fallback.'];
    let found = false;
    for (const s of sourcesOf(view, sources)) {
      let from = 0;
      for (let at = s.text.indexOf(ch, from); at >= 0; at = s.text.indexOf(ch, from)) {
        found = true;
        const map = sources.sourceMaps.find((m) => m.file === s.file);
        const pos = map ? map.locateChar(s.pointer, at) : undefined;
        out.push({ code: CODES.MISSING_GLYPH, severity: 'error', message, file: s.file, line: pos?.line, column: pos?.column, hints });
        from = at + ch.length;
        if (out.length >= 50) return out;
      }
    }
    if (!found)
      out.push({
        code: CODES.MISSING_GLYPH,
        severity: 'error',
        // patient data is health data: name where, never quote it
        message: `${message} It comes from the patient data or from the template itself.`,
        file: view.patient ? undefined : sources.stringsFile,
        hints,
      });
  }
  return out;
}

interface SourcedText {
  text: string;
  file: string | undefined;
  pointer: string;
}

function* sourcesOf(view: ViewModel, sources: TextSources): Iterable<SourcedText> {
  const f = view.file;
  yield { text: view.title, file: f, pointer: '/title' };
  if (view.subtitle) yield { text: view.subtitle, file: f, pointer: '/subtitle' };
  for (const [i, s] of view.summary.entries()) yield { text: s, file: f, pointer: `/summary/${i}` };
  const sections = [...view.sections];
  while (sections.length) {
    const s = sections.shift()!;
    yield { text: s.title, file: s.at.file, pointer: `${s.at.pointer}/title` };
    for (const b of s.blocks) {
      const p = b.at.pointer;
      const file = b.at.file;
      switch (b.kind) {
        case 'text':
        case 'tip':
        case 'warning':
          yield { text: b.text, file, pointer: `${p}/${b.kind}` };
          break;
        case 'list':
        case 'steps':
          for (const [k, item] of b.items.entries()) yield { text: item, file, pointer: `${p}/${b.kind}/${k}` };
          break;
        case 'faq':
          for (const item of b.items) {
            yield { text: item.q, file, pointer: `${item.at.pointer}/q` };
            for (const [k, a] of item.a.entries()) yield { text: a, file, pointer: `${item.at.pointer}/a/${k}` };
            if (item.tip) yield { text: item.tip, file, pointer: `${item.at.pointer}/tip` };
          }
          break;
        case 'points':
          for (const item of b.items) {
            yield { text: item.label, file, pointer: `${item.at.pointer}/label` };
            yield { text: item.text, file, pointer: `${item.at.pointer}/text` };
          }
          break;
        case 'figure':
          yield { text: b.alt, file, pointer: `${p}/figure/alt` };
          if (b.caption) yield { text: b.caption, file, pointer: `${p}/figure/caption` };
          break;
      }
    }
    sections.unshift(...s.sections);
  }
  const brand = view.brand;
  for (const t of [brand.name, brand.logo?.alt, brand.footer, ...Object.values(brand.contacts)])
    if (t) yield { text: t, file: sources.brandFile, pointer: '' };
  yield* stringsOf(view.t, sources.stringsFile, '');
}

function* stringsOf(t: TemplateStrings, file: string | undefined, pointer: string): Iterable<SourcedText> {
  for (const [k, v] of Object.entries(t)) {
    if (typeof v === 'string') yield { text: v, file, pointer: `${pointer}/${k}` };
    else yield* stringsOf(v, file, `${pointer}/${k}`);
  }
}

/** U+XXXX and, where Unicode properties tell, what kind of character it is. */
export function describe(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(cp);
  const kinds: [RegExp, string][] = [
    [/\p{Extended_Pictographic}/u, 'an emoji or pictograph'],
    [/\p{Script=Han}/u, 'a CJK ideograph'],
    [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'a Japanese kana'],
    [/\p{Script=Hangul}/u, 'a Hangul syllable'],
    [/\p{Script=Arabic}/u, 'an Arabic letter'],
    [/\p{Script=Hebrew}/u, 'a Hebrew letter'],
    [/\p{Script=Devanagari}/u, 'a Devanagari letter'],
    [/\p{Script=Thai}/u, 'a Thai letter'],
    [/\p{Co}/u, 'a private-use character'],
    [/\p{Sm}/u, 'a mathematical symbol'],
  ];
  const kind = kinds.find(([re]) => re.test(ch))?.[1];
  return kind ? `${hex}, ${kind}` : hex;
}
