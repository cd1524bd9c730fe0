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

/**
 * One diagnostic per place a missing character is written, naming the
 * file, line and column; for patient data, one per patient field, naming
 * the field and never quoting what was typed (health data: issue 5).
 */
export function missingGlyphDiagnostics(
  missing: Map<number, FaceName[]>,
  view: ViewModel,
  sources: TextSources,
  fontFiles: readonly string[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fontsText = fontFiles.map((f) => f.split(/[\\/]/).pop()).join(', ');
  const noFont = `no font of the template '${view.template}' has it (${fontsText})`;
  const hints = ['Replace it with a character the fonts have, or add a font that has it to the template theme\'s fonts.fallback.'];
  const patient = patientSourcesOf(view);
  /** patient field → 1-based positions of the characters no font has */
  const inPatient = new Map<PatientSource, number[]>();
  for (const [cp] of missing) {
    const ch = String.fromCodePoint(cp);
    const message = `The character ${JSON.stringify(ch)} (${describe(cp)}) cannot be printed: ${noFont}.`;
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
    for (const p of patient)
      [...p.text].forEach((c, i) => {
        if (c !== ch) return;
        found = true;
        inPatient.set(p, [...(inPatient.get(p) ?? []), i + 1]);
      });
    if (!found) out.push({ code: CODES.MISSING_GLYPH, severity: 'error', message: `${message} It comes from the template itself.`, file: sources.stringsFile, hints });
  }
  for (const p of patient) {
    const at = inPatient.get(p)?.sort((a, b) => a - b);
    if (!at) continue;
    const one = at.length === 1;
    const where = p.positions ? ` (at character${one ? '' : 's'} ${at.slice(0, 5).join(', ')}${at.length > 5 ? ', …' : ''})` : '';
    out.push({
      code: CODES.MISSING_GLYPH,
      severity: 'error',
      // names where, never what: the character itself is part of the patient's text
      message: `${p.name} holds ${one ? 'a character' : `${at.length} characters`} that cannot be printed${where}: ${one ? noFont : noFont.replace(/ has it /, ' has them ')}.`,
      hints: [`Retype ${p.short} without ${one ? 'it' : 'them'} (in the patient file or with --set), or add a font that has ${one ? 'it' : 'them'} to the template theme's fonts.fallback.`],
    });
  }
  return out;
}

interface PatientSource {
  text: string;
  /** how the message names it: "The patient's note", "The patient field appointment.place (Luogo)" */
  name: string;
  short: string;
  /** the text is as typed, so a character's position in it means something to the doctor */
  positions: boolean;
}

/**
 * The patient box's rows are labelled in the leaflet's language; the
 * template's patient strings say which field each label stands for.
 * Rows whose value is composed (a date with its time, a medicine with its
 * action) name every field they are made of and give no positions.
 */
const PATIENT_FIELDS: Record<string, { field: string; typed: boolean }> = {
  name: { field: 'name', typed: true },
  identifier: { field: 'identifier', typed: true },
  date: { field: 'appointment.date/appointment.time', typed: false },
  time: { field: 'appointment.time', typed: true },
  arrival: { field: 'appointment.arrival', typed: false },
  place: { field: 'appointment.place', typed: true },
  fasting: { field: 'fasting', typed: true },
  medication: { field: 'medication', typed: false },
  companion: { field: 'companion', typed: false },
  doctor: { field: 'doctor.name', typed: true },
  phone: { field: 'doctor.phone', typed: true },
};

function patientSourcesOf(view: ViewModel): PatientSource[] {
  if (!view.patient) return [];
  const strings = (view.t.patient ?? {}) as Record<string, unknown>;
  const seen = new Map<string, number>();
  const out: PatientSource[] = view.patient.fields.map((f) => {
    const key = Object.keys(PATIENT_FIELDS).find((k) => strings[k] === f.label);
    const field = key ? PATIENT_FIELDS[key]! : { field: 'a patient field', typed: false };
    const n = (seen.get(field.field) ?? 0) + 1;
    seen.set(field.field, n);
    const entry = field.field === 'medication' ? ` entry ${n}` : '';
    const short = key ? `${field.field}${entry}` : 'the field';
    return { text: f.value, name: `The patient field ${short} ('${f.label}' in the patient box)`, short, positions: field.typed };
  });
  if (view.patient.note) out.push({ text: view.patient.note, name: "The patient's note", short: 'the note', positions: true });
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
