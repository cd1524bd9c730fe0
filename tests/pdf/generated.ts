/**
 * Generated leaflets for the page-rule properties (pages.property.test.ts):
 * random section trees with every block kind, short and very long texts,
 * lists of 1 to 200 items, with and without a patient, both templates, A4,
 * Letter and A5 — selected and composed as a real leaflet is, then laid out
 * to pages as plain data (no PDF is drawn).
 */
import fc from 'fast-check';
import type { Brand } from '../../src/model/brand.js';
import type { Block, LanguageContent, Leaflet, Section } from '../../src/model/content.js';
import type { LaidOutDocument } from '../../src/model/layout.js';
import type { MarkupElement } from '../../src/model/markup.js';
import type { Patient } from '../../src/model/patient.js';
import type { Template } from '../../src/model/template.js';
import { selectView, type SelectedStrings } from '../../src/select/view.js';
import { stringUses } from '../../src/compose/engine.js';
import { PATIENT_ROW_KEYS } from '../../src/select/patient.js';
import { composeLeaflet } from '../../src/pipeline.js';
import { loadFonts } from '../../src/write/pdf/fonts.js';
import { layoutLeaflet } from '../../src/write/pdf/layout.js';
import { paginate } from '../../src/write/pdf/paginate.js';
import { mirrorPages } from '../../src/write/pdf/mirror.js';
import { languageScript } from '../../src/write/pdf/scripts.js';
import { PAPER_SIZES, stylesFor } from '../../src/write/pdf/styles.js';
import type { LoadedAsset } from '../../src/write/pdf/assets.js';
import { renderer } from './helpers.js';

// ---- generated content ---------------------------------------------------

/** Pieces of information that must never break across lines (docs/templates.md). */
export const UNBREAKABLE = {
  date: ['3 marzo 2026', '24 novembre 2026', 'March 3, 2026', '12/05/2027', '2026-03-03'],
  time: ['ore 08:30', 'alle 14:05', 'at 08:30', 'ore 7.45'],
  phone: ['+39 000 000 0000', '+39 02 1234 5678', '000 000 0000', '+44 20 7946 0000'],
  quantity: ['5 mg', '20 ml', '70–80 %', '2 ore', '48 hours', '10 cm', '37,5 °C', 'piano 2', '3 giorni'],
  url: ['https://www.example.org/leaflets/periduroscopia/it', 'https://clinic.example/a', 'http://example.org/very/long/path/that/goes/on'],
} as const;
export const INFO = Object.values(UNBREAKABLE).flat();

const WORDS = [
  'dolore', 'procedura', 'paziente', 'medico', 'schiena', 'il', 'la', 'di', 'un', 'e', 'dopo', 'prima', 'spinale', 'endoscopia',
  'anestesia', 'locale', 'controllo', 'terapia', 'riposo', 'farmaco', 'the', 'a', 'of', 'pain', 'doctor', 'nurse', 'back', 'leg',
  'procedure', 'local', 'recovery', 'è', 'può', 'perché', 'mini-invasiva', 'post-operatorio', 'infiammazione', 'Lombalgia',
  'elettroencefalografista', 'sovraccarico', '(circa)', 'sì,', 'no.', 'così:', 'perché?', '**importante**', '*nota*',
];

// a piece of information closes its clause, as in a sentence ("Tel. +39 000 000 0000, dal lunedì…"): two phone numbers side by side read as one
const word = fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 12 }, { arbitrary: fc.constantFrom(...INFO).map((i) => `${i},`), weight: 1 });
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
/** short, ordinary, and now and then very long */
const text = fc.oneof({ arbitrary: words(1, 6), weight: 4 }, { arbitrary: words(6, 60), weight: 5 }, { arbitrary: words(150, 500), weight: 1 });
const shortText = words(1, 12);
const items = fc.oneof({ arbitrary: fc.array(shortText, { minLength: 1, maxLength: 12 }), weight: 6 }, { arbitrary: fc.array(text, { minLength: 1, maxLength: 8 }), weight: 2 }, { arbitrary: fc.array(shortText, { minLength: 40, maxLength: 200 }), weight: 1 });

const at = { file: 'generated.yaml', pointer: '' };
/** A figure of any size, width share, side and caption length (a side figure is followed by text below, so something sits beside it). */
export const figure: fc.Arbitrary<Block> = fc
  .record({
    w: fc.integer({ min: 40, max: 2400 }),
    h: fc.integer({ min: 40, max: 2400 }),
    caption: fc.option(fc.oneof(words(2, 30), words(30, 80)), { nil: undefined }),
    width: fc.option(fc.integer({ min: 20, max: 100 }), { nil: undefined }),
    side: fc.option(fc.constantFrom('start' as const, 'end' as const), { nil: undefined }),
  })
  .map(({ w, h, caption, width, side }): Block => ({
    kind: 'figure',
    src: `fig-${w}x${h}.png`,
    path: `/generated/fig-${w}x${h}.png`,
    folder: '/generated',
    srcAt: {},
    alt: 'generated figure',
    ...(caption && { caption }),
    ...(width !== undefined && { width }),
    ...(side && { side }),
    at,
  }));

const block: fc.Arbitrary<Block> = fc.oneof(
  { arbitrary: text.map((t): Block => ({ kind: 'text', text: t, at })), weight: 5 },
  { arbitrary: items.map((l): Block => ({ kind: 'list', items: l, at })), weight: 2 },
  { arbitrary: items.map((l): Block => ({ kind: 'steps', items: l, at })), weight: 1 },
  { arbitrary: text.map((t): Block => ({ kind: 'tip', text: t, at })), weight: 2 },
  { arbitrary: text.map((t): Block => ({ kind: 'warning', text: t, at })), weight: 1 },
  {
    arbitrary: fc
      .array(fc.record({ q: shortText, a: fc.array(text, { minLength: 1, maxLength: 3 }), tip: fc.option(text, { nil: undefined }) }), { minLength: 1, maxLength: 5 })
      .map((faq): Block => ({ kind: 'faq', items: faq.map((f) => ({ q: f.q, a: f.a, ...(f.tip !== undefined && { tip: f.tip }), at })), at })),
    weight: 2,
  },
  { arbitrary: fc.array(fc.record({ label: words(1, 3), text: words(3, 40) }), { minLength: 1, maxLength: 6 }).map((p): Block => ({ kind: 'points', items: p.map((x) => ({ ...x, at })), at })), weight: 1 },
  { arbitrary: figure, weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 30 }).map((lines): Block => ({ kind: 'notes', lines, at })), weight: 1 },
);

/** Blocks of a section: a side figure is mostly followed by paragraphs, of every length, to flow beside it. */
const blocks = (max: number): fc.Arbitrary<Block[]> =>
  fc
    .array(fc.tuple(block, fc.array(text.map((t): Block => ({ kind: 'text', text: t, at })), { maxLength: 3 })), { minLength: 1, maxLength: max })
    .map((pairs) => pairs.flatMap(([b, after]) => (b.kind === 'figure' && b.side ? [b, ...after] : [b])));

const sectionTree: fc.Arbitrary<Section[]> = fc
  .array(
    fc.record({
      title: words(1, 8),
      blocks: blocks(4),
      sub: fc.array(fc.record({ title: words(1, 6), blocks: blocks(3) }), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((list) =>
    list.map((s, i) => ({
      id: `s${i + 1}`,
      path: `s${i + 1}`,
      title: s.title,
      blocks: s.blocks,
      sections: s.sub.map((c, k) => ({ id: `c${k + 1}`, path: `s${i + 1}.c${k + 1}`, title: c.title, blocks: c.blocks, sections: [], at })),
      at,
    })),
  );

export interface Case {
  /** ar: a right-to-left leaflet (its Latin words are names and numbers in Arabic text) */
  lang: 'it' | 'en' | 'ar';
  template: 'standard' | 'large-print';
  paper: 'a4' | 'letter' | 'a5';
  brand: 'demo-clinic' | 'neutral';
  draft: boolean;
  title: string;
  summary: string[];
  sections: Section[];
  patient: { note: string; place: string } | null;
  /** the leaflet's document control, and for a translation the source version it was made from; the bundled leaflet's when absent */
  document?: { reference: string; version: string; published: string; review: string; translatedVersion: string };
}

const caseFields = {
  lang: fc.constantFrom('it' as const, 'en' as const),
  template: fc.constantFrom('standard' as const, 'large-print' as const),
  paper: fc.constantFrom('a4' as const, 'letter' as const, 'a5' as const),
  brand: fc.constantFrom('demo-clinic' as const, 'neutral' as const),
  draft: fc.boolean(),
  // a title is a few words: one that fills page 1 in large print leaves no legal place to end it
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')),
  summary: fc.array(words(5, 40), { maxLength: 3 }),
  sections: sectionTree,
  patient: fc.option(fc.record({ note: text, place: shortText }), { nil: null }),
};

export const leafletCase: fc.Arbitrary<Case> = fc.record(caseFields);

/**
 * Leaflets whose first page is crowded: always a patient, with notes from
 * a line to a third of a page, mostly on A5, often a draft notice and a
 * long title, so that the patient box often does not fit in what page 1 has
 * left though it fits on a page
 * — the case the rule "the patient box starts on page 1" is about, which
 * leafletCase makes too rarely for a broken rule to be caught.
 */
export const crowdedPatientCase: fc.Arbitrary<Case> = fc.record({
  ...caseFields,
  // in large print the example patient's box is taller than any page and is cut whatever the rule: the standard template on A5 is where it fits a page but not what page 1 has left
  template: fc.constantFrom('standard' as const, 'standard' as const, 'standard' as const, 'standard' as const, 'large-print' as const),
  paper: fc.constantFrom('a4' as const, 'letter' as const, 'a5' as const, 'a5' as const, 'a5' as const),
  // the draft notice above the title: without it the title opens page 1 and a chain that starts a page is cut, never moved
  draft: fc.constantFrom(true, true, true, false),
  // a title of up to three lines and a note of a line to a third of a page: what page 1 has left and the box's height range over each other
  title: fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 24 }).map((w) => w.join(' ')),
  summary: fc.constant([]),
  patient: fc.record({ note: fc.oneof(words(1, 20), words(20, 60), words(60, 120)), place: words(1, 16) }),
});

const isoDay = (from: number, days: number) => new Date(from + days * 86_400_000).toISOString().slice(0, 10);
/**
 * The same leaflets with document control of every shape: references of a
 * few letters to many, versions "1.0" to "12.34", publication dates from
 * 2000 on and review dates up to ten years later, a translation made from an
 * older source version than the current one.
 */
export const documentCase: fc.Arbitrary<Case> = fc
  .record({
    c: leafletCase,
    reference: fc.stringMatching(/^[A-Z]{2,6}(-[A-Z0-9]{1,8}){0,3}-\d{1,4}$/),
    version: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 34 })),
    translated: fc.nat({ max: 3 }),
    published: fc.integer({ min: 0, max: 36_500 }),
    review: fc.integer({ min: 1, max: 3_650 }),
  })
  .map(({ c, reference, version: [major, minor], translated, published, review }) => {
    const from = Date.UTC(2000, 0, 1);
    return {
      ...c,
      document: {
        reference,
        version: `${major}.${minor}`,
        translatedVersion: `${major}.${Math.max(0, minor - translated)}`,
        published: isoDay(from, published),
        review: isoDay(from, published + review),
      },
    };
  });

/** The same leaflets, a third of them right to left: for the rules that hold in either direction (figures beside the text, words kept). */
export const bothDirections: fc.Arbitrary<Case> = fc.record({ c: leafletCase, lang: fc.constantFrom('it' as const, 'en' as const, 'ar' as const) }).map(({ c, lang }) => ({ ...c, lang }));

// ---- laying a case out ---------------------------------------------------

let base: Leaflet;
const templates = new Map<string, Template>();
const brands = new Map<string, Brand>();
let examplePatient: Patient;
const packs = new Map<string, SelectedStrings['pack']>();

/** Loads what every case shares: the bundled leaflet, both templates, both brands, the example patient. */
export async function loadShared(): Promise<void> {
  const l = await renderer.leaflet('periduroscopia');
  if (!l.ok) throw new Error('bundled leaflet');
  base = l.value;
  for (const t of ['standard', 'large-print']) {
    const r = await renderer.template(t);
    if (!r.ok) throw new Error(t);
    templates.set(t, r.value);
  }
  for (const b of ['demo-clinic', 'neutral']) {
    const r = await renderer.brand(b);
    if (!r.ok) throw new Error(b);
    brands.set(b, r.value);
  }
  const { loadPatient } = await import('../../src/content/patient.js');
  const p = await loadPatient({ file: 'data/patients/example.yaml', set: [], root: renderer.options.root, cwd: renderer.options.root });
  if (!p.ok) throw new Error('example patient');
  examplePatient = { ...p.value, skip: [] };
  for (const lang of ['it', 'en', 'ar']) {
    const pack = await renderer.strings(lang);
    if (!pack.ok) throw new Error(`strings ${lang}`);
    packs.set(lang, pack.value);
  }
}

export interface Laid {
  doc: LaidOutDocument;
  /** the language pack's "continued" note */
  continued: string;
  tree: MarkupElement;
  patient: Patient | null;
  /** the language pack's strings (the document control's words) */
  strings: Record<string, unknown>;
  /** the leaflet's source language and document control as laid out */
  source: string;
  document: Leaflet['document'];
}

export function lay(c: Case): Laid {
  const template = templates.get(c.template)!;
  const source = base.languages.find((l) => l.lang === c.lang)!;
  const doc = c.document;
  const translatedFrom = doc && source.translatedFrom ? { ...source.translatedFrom, version: doc.translatedVersion } : source.translatedFrom;
  const language: LanguageContent = { ...source, status: c.draft ? 'draft' : 'approved', title: c.title, subtitle: undefined, summary: c.summary, sections: c.sections, ...(translatedFrom && { translatedFrom }) };
  const leaflet: Leaflet = { ...base, ...(doc && { document: { reference: doc.reference, version: doc.version, published: doc.published, review: doc.review } }), languages: [language] };
  const patient = c.patient ? { ...examplePatient, note: c.patient.note, appointment: { ...examplePatient.appointment, place: c.patient.place } } : null;
  const view = selectView(leaflet, template, brands.get(c.brand)!, { lang: c.lang, skip: [], paper: c.paper, patient, patientSkip: [], allowDraft: true }, { pack: packs.get(c.lang)!, uses: stringUses(template, PATIENT_ROW_KEYS) });
  if (!view.ok) throw new Error(JSON.stringify(view.diagnostics));
  const composed = composeLeaflet(view.value, template);
  if (!composed.ok) throw new Error(JSON.stringify(composed.diagnostics));
  const theme = view.value.theme;
  const script = languageScript(c.lang);
  const fonts = loadFonts(theme, renderer.writerCache, 'theme.yaml', { scripts: new Set(script ? [script] : []), primary: script });
  if (!fonts.ok) throw new Error('fonts');
  // layout needs only each image's size: a figure's is in its generated name
  const assets = new Map<string, LoadedAsset>();
  for (const a of view.value.assets) {
    const [, w = '200', h = '60'] = /(\d+)x(\d+)/.exec(a.path) ?? [];
    assets.set(a.id, { id: a.id, type: a.type, bytes: new Uint8Array(), width: Number(w), height: Number(h) });
  }
  const rtl = view.value.dir === 'rtl';
  const flow = layoutLeaflet(composed.value.tree, { styles: stylesFor(theme), fonts: fonts.value, size: PAPER_SIZES[c.paper]!, margins: theme.margins, assets, rtl });
  const pages = paginate(flow, fonts.value);
  const strings = packs.get(c.lang)!.strings as Record<string, unknown>;
  const continued = String(strings.continued ?? '');
  return { doc: rtl ? mirrorPages(pages) : pages, tree: composed.value.tree, patient, continued, strings, source: leaflet.source, document: leaflet.document };
}

