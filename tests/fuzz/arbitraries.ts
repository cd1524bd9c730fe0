/**
 * Generated content roots for the fuzz target: a leaflet (shared file and
 * one or two language files), a brand, a patient and a clinic's own template
 * strings — each either valid or broken in one of the ways editors and
 * attackers break files (see docs/fuzzing.md for the classes covered).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { jpeg, nestedUseSvg, png, svg } from '../support/images.js';

export interface FuzzCase {
  /** files of the content root, relative path → text or bytes */
  files: Record<string, string | Uint8Array>;
  lang: string;
  template: 'standard' | 'large-print';
  paper: 'a4' | 'letter' | 'a5';
  brand: string | undefined;
  patient: boolean;
  /** the breakages applied, for the failure message */
  broken: string[];
  /** a clinic copy of the standard template, with this theme or stylesheet change */
  templateBreak: TemplateBreak | undefined;
}

/** A change to a clinic's own copy of the standard template: theme.yaml or style.css. */
export type TemplateBreak = { file: 'theme.yaml' | 'style.css'; name: string; edit: (text: string) => string };

/** A complete clinic pack for a language leaflets has none for: the English strings, as a clinic would start. */
const XX_PACK = readFileSync(new URL('../../i18n/en.yaml', import.meta.url), 'utf8').replace(/^reviewed: .*$/m, 'reviewed: false');

const TEMPLATE_BREAKS: TemplateBreak[] = [
  { file: 'theme.yaml', name: 'script in a colour', edit: (t) => t.replace(/primary: "#[0-9a-f]+"/, 'primary: "#fff;}</style><script>alert(1)</script>"') },
  { file: 'theme.yaml', name: 'style end in the font stack', edit: (t) => t.replace(/^fontStack: .*$/m, 'fontStack: ["x</style><script>alert(1)</script>"]') },
  { file: 'theme.yaml', name: 'no fonts', edit: (t) => t.replace(/^fonts:\n(  .*\n)+/m, '') },
  { file: 'theme.yaml', name: 'font outside the package', edit: (t) => t.replace(/regular: .*$/m, 'regular: ../../../../../etc/passwd') },
  { file: 'theme.yaml', name: 'font package not installed', edit: (t) => t.replace(/regular: .*$/m, 'regular: no-such-font-package/Font.ttf') },
  { file: 'theme.yaml', name: 'negative body size', edit: (t) => t.replace(/body: 11/, 'body: -5') },
  { file: 'theme.yaml', name: 'margins as text', edit: (t) => t.replace(/^margins: .*$/m, 'margins: wide') },
  { file: 'theme.yaml', name: 'a valid change of colour', edit: (t) => t.replace(/primary: "#[0-9a-f]+"/, 'primary: "#224466"') },
  { file: 'style.css', name: '@import', edit: (t) => `@import url(http://127.0.0.1:9/x.css);\n${t}` },
  { file: 'style.css', name: 'escaped url()', edit: (t) => `${t}\nbody { background: u\\72l(http://127.0.0.1:9/x.png); }\n` },
  { file: 'style.css', name: 'style end and script', edit: (t) => `${t}\n/* </style><script>alert(1)</script> */\n` },
  { file: 'style.css', name: 'expression()', edit: (t) => `${t}\nbody { width: expression(alert(1)); }\n` },
  { file: 'style.css', name: 'unparsable CSS', edit: (t) => `${t}\nbody {{{ color: \n` },
  { file: 'style.css', name: 'a valid extra rule', edit: (t) => `${t}\nh2 { letter-spacing: 0.01em; }\n` },
];

/** Logos a brand may point at, written beside it: good ones and every kind of bad one. */
const LOGOS: Record<string, () => Uint8Array> = {
  'logo.png': () => png({ width: 40, height: 20 }),
  'logo.svg': () => svg('<rect width="10" height="5" fill="#1f4e79"/>'),
  'logo.jpg': () => jpeg({ components: 3 }),
  'truncated.png': () => png({ width: 40, height: 20 }).subarray(0, 60),
  'onload.svg': () => svg('<rect width="10" height="5"/>', 'viewBox="0 0 10 10" onload="alert(1)"'),
  'script.svg': () => svg('<script>alert(1)</script><rect width="10" height="5"/>'),
  'nested-use.svg': () => nestedUseSvg(),
  'grey-alpha.jpg': () => jpeg({ components: 2 }),
  'huge.png': () => png({ width: 6000, height: 6600, colour: 6, depth: 16 }),
};

/** Pieces text is made of: ordinary words and the markup and template syntax editors type by mistake… */
const ORDINARY = [
  'dolore', 'procedura', 'Ärztin', 'лечение', 'Ελλάδα', 'día', 'ş', 'è', ' ', ' ', ' ', '. ', ', ', ': ', '70–80%', '+39 02 1234 5678',
  'https://example.org/a', '**', '*', '**bold**', '*it*', '<script>', '</p>', '&amp;', '{{x}}', '{{{y}}}', '"', "'", '#', '- ', '\\',
  '①', '→', '\u00AD', 'Supercalifragilisticexpialidocious', 'x'.repeat(120),
];
/** …and, in some cases, text that is not text: other scripts, bidi controls, C0/C1 controls. */
const HOSTILE = ['الجرعة', 'שלום', '\u200B', '\u202E', '\u2066', '\u0000', '\u001b[31m', '\u0007', '\u0085', '\t'];

type Text = (max?: number) => fc.Arbitrary<string>;
const textOf =
  (pieces: readonly string[]): Text =>
  (max = 30) =>
    fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: max }).map((a) => a.join(''));
/** One case in four may hold hostile pieces anywhere; the others are ordinary text a leaflet can print. */
const texts = fc.constantFrom(textOf(ORDINARY), textOf(ORDINARY), textOf(ORDINARY), textOf([...ORDINARY, ...HOSTILE]));
const text = textOf(ORDINARY);

const sectionsOf = (text: Text) => {
  const items = (max = 6) => fc.array(text(12), { minLength: 1, maxLength: max });
  const block = fc.oneof(
    text(60).map((t) => ({ text: t })),
    items(8).map((l) => ({ list: l })),
    items(8).map((l) => ({ steps: l })),
    text(30).map((t) => ({ tip: t })),
    text(30).map((t) => ({ warning: t })),
    fc.array(fc.record({ q: text(10), a: items(3), tip: fc.option(text(10), { nil: undefined }) }, { requiredKeys: ['q', 'a'] }), { minLength: 1, maxLength: 4 }).map((faq) => ({ faq })),
    fc.array(fc.record({ label: text(4), text: text(15) }), { minLength: 1, maxLength: 5 }).map((points) => ({ points })),
  );
  return fc
    .array(
      fc.record({
        title: text(8),
        blocks: fc.array(block, { minLength: 1, maxLength: 4 }),
        sub: fc.array(fc.record({ title: text(6), blocks: fc.array(block, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((list) =>
      list.map((s, i) => ({
        id: `s${i + 1}`,
        title: s.title,
        blocks: s.blocks,
        ...(s.sub.length ? { sections: s.sub.map((c, j) => ({ id: `s${i + 1}-c${j + 1}`, title: c.title, blocks: c.blocks })) } : {}),
      })),
    );
};

/** Ways a YAML text gets broken, each applied to the serialised file. */
const TEXT_BREAKS: Record<string, (yaml: string, at: number) => string> = {
  'tab indentation': (y, at) => lineEdit(y, at, (l) => l.replace(/^( +)/, '\t')),
  'unquoted colon in text': (y, at) => lineEdit(y, at, (l) => l.replace(/: (.+)$/, ': Nota: $1')),
  'duplicate key': (y) => y.replace(/^(title: .*)$/m, '$1\n$1'),
  'truncated file': (y, at) => y.slice(0, Math.max(1, Math.floor((y.length * (at % 100)) / 100))),
  'invalid UTF-8': (y) => `${y}\n# \udcff`,
  'line starting with **': (y, at) => lineEdit(y, at, (l) => l.replace(/^(\s*- )/, '$1**')),
  'alias bomb': (y) => `${y}\nx: &a [a, a, a, a]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n`,
  'forbidden key': (y) => `${y}\n__proto__: { polluted: true }\n`,
  'empty file': () => '',
};

function lineEdit(yaml: string, at: number, edit: (line: string) => string): string {
  const lines = yaml.split('\n');
  const i = at % lines.length;
  lines[i] = edit(lines[i]!);
  return lines.join('\n');
}

/** Breaks of the data before serialisation: wrong types, unknown fields, bad values. */
const DATA_BREAKS: Record<string, (d: Record<string, unknown>) => Record<string, unknown>> = {
  'sections is a string': (d) => ({ ...d, sections: 'none' }),
  'unknown field': (d) => ({ ...d, colour: 'red' }),
  'unknown block kind': (d) => ({ ...d, sections: [{ id: 's1', title: 'x', blocks: [{ paragraph: 'x' }] }] }),
  'status not a status': (d) => ({ ...d, status: 'finished' }),
  'missing title': ({ title: _t, ...d }) => d,
  'figure outside the folder': (d) => ({ ...d, sections: [{ id: 's1', title: 'x', blocks: [{ figure: { src: '../../../../etc/passwd', alt: 'x' } }] }] }),
};

/** `arb` one time in `1 + odds`, else undefined: most generated files are valid. */
const sometimes = <T>(arb: fc.Arbitrary<T>, odds = 3) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: odds }, { arbitrary: arb, weight: 1 });

const breakage = <T extends Record<string, unknown>>() =>
  sometimes(
    fc.oneof(
      fc.record({ kind: fc.constant('text' as const), name: fc.constantFrom(...Object.keys(TEXT_BREAKS)), at: fc.nat(1000) }),
      fc.record({ kind: fc.constant('data' as const), name: fc.constantFrom(...Object.keys(DATA_BREAKS)), at: fc.nat(1000) }),
    ),
  ).map((b) => (b ? { ...b, apply: (data: T) => applyBreak(data, b) } : undefined));

function applyBreak(data: Record<string, unknown>, b: { kind: 'text' | 'data'; name: string; at: number }): string | Uint8Array {
  if (b.kind === 'data') return stringify(DATA_BREAKS[b.name]!(data));
  const broken = TEXT_BREAKS[b.name]!(stringify(data), b.at);
  // a lone surrogate is how the 'invalid UTF-8' break marks the byte to corrupt
  return b.name === 'invalid UTF-8' ? Buffer.concat([Buffer.from(broken.replace('\udcff', ''), 'utf8'), Buffer.from([0xc3, 0x28])]) : broken;
}

/** Languages with a bundled pack drawn by the bundled fonts, and one (xx) that no pack has: the clinic must add its strings. */
const LANGS = ['it', 'en', 'de', 'uk', 'pl', 'xx'] as const;

/** A clinic's own strings file for a language: a full pack for xx, an override for others, or broken. */
const clinicStrings = fc.oneof(
  fc.constant({ name: 'override of one string', text: 'tip: Un consiglio\n' }),
  fc.constant({ name: 'unknown key', text: 'tipp: Ein Tipp\n' }),
  fc.constant({ name: 'wrong type', text: 'page: [1, 2]\n' }),
  fc.constant({ name: 'tab indentation', text: 'patient:\n\ttitle: X\n' }),
  fc.constant({ name: 'control character', text: 'tip: "Tip\\e[31m"\n' }),
);


/** A valid value mostly, one of the bad ones now and then. */
const mostly = <T>(good: readonly T[], bad: readonly T[]) => fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 12 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });

const brand = fc.record({
  name: text(6),
  colours: fc.record({ primary: mostly(['#1f4e79', '#00594f'], ['red', '#12345', '#1f4e79;}body{x:url(http://h)']), accent: fc.constantFrom('#e9f0f7', '#ffffff') }),
  contacts: fc.record(
    { phone: mostly(['+39 000 000 0000', '112'], ['call us']), email: mostly(['info@example.org'], ['not an email']), web: mostly(['https://example.org'], ['javascript:alert(1)']) },
    { requiredKeys: [] },
  ),
  footer: fc.option(text(8), { nil: undefined }),
  logo: sometimes(fc.constantFrom('missing.svg', '../../../etc/passwd', '/etc/passwd', 'https://example.org/logo.png'), 6),
});

const patientOf = (text: Text) =>
  fc
    .record(
      {
        name: text(5),
        identifier: fc.constantFrom('DEMO-1', 'X-2'),
        appointment: fc.record(
          { date: mostly(['2026-03-03', '2027-12-31'], ['2026-02-30', 'tomorrow']), time: mostly(['08:30', '14:05'], ['25:00', '8.30']), place: text(6) },
          { requiredKeys: ['date'] },
        ),
        fasting: text(10),
        companion: fc.boolean(),
        note: text(40),
      },
      { requiredKeys: ['name'] },
    )
    .chain((p) => sometimes(fc.constant({ unexpected: 'field' }), 6).map((extra) => ({ ...p, ...extra })));

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc
  .record({
    langs: fc.shuffledSubarray([...LANGS], { minLength: 1, maxLength: 2 }),
    title: text(6),
    status: fc.constantFrom('approved', 'draft'),
    sections: texts.chain(sectionsOf),
    languageBreak: breakage(),
    sharedBreak: sometimes(fc.constantFrom('bad date', 'unquoted version', 'id mismatch'), 6),
    brand: fc.option(brand, { nil: undefined }),
    brandBreak: breakage(),
    patient: sometimes(texts.chain(patientOf), 2),
    template: fc.constantFrom('standard' as const, 'large-print' as const),
    paper: fc.constantFrom('a4' as const, 'letter' as const, 'a5' as const),
    templateBreak: sometimes(fc.constantFrom(...TEMPLATE_BREAKS), 5),
    strings: sometimes(clinicStrings, 5),
    xxStrings: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
  })
  .map((c) => {
    const broken: string[] = [];
    const dir = 'data/leaflets/fuzzed';
    const shared: Record<string, unknown> = {
      id: c.sharedBreak === 'id mismatch' ? 'other' : 'fuzzed',
      source: c.langs[0],
      document: { reference: 'PIL-FUZZ-1', version: '1.0', published: c.sharedBreak === 'bad date' ? '2026-02-30' : '2026-11-24', review: '2028-11-24' },
    };
    if (c.sharedBreak) broken.push(`leaflet.yaml: ${c.sharedBreak}`);
    let sharedText = stringify(shared);
    if (c.sharedBreak === 'unquoted version') sharedText = sharedText.replace(/version: "?1\.0"?/, 'version: 1.0');
    const files: FuzzCase['files'] = { [`${dir}/leaflet.yaml`]: sharedText };
    c.langs.forEach((lang, i) => {
      const data = { lang, status: i === 0 ? 'approved' : c.status, title: c.title, summary: [c.title], sections: c.sections };
      // only the last language gets the breakage: a broken translation beside a good source
      const b = i === c.langs.length - 1 ? c.languageBreak : undefined;
      if (b) broken.push(`${lang}.yaml: ${b.name}`);
      files[`${dir}/${lang}.yaml`] = b ? b.apply(data) : stringify(data);
    });
    if (c.brand) {
      const data = Object.fromEntries(Object.entries(c.brand).filter(([, v]) => v !== undefined));
      if (c.brandBreak) broken.push(`brand: ${c.brandBreak.name}`);
      files['data/brands/fuzz-brand.yaml'] = c.brandBreak ? c.brandBreak.apply(data) : stringify(data);
      const logo = c.brand.logo && LOGOS[c.brand.logo];
      if (logo) files[`data/brands/${c.brand.logo}`] = logo();
    }
    if (c.templateBreak) broken.push(`template ${c.templateBreak.file}: ${c.templateBreak.name}`);
    if (c.patient) files['patient.yaml'] = stringify(c.patient);
    const lang = c.langs[c.langs.length - 1]!;
    if (c.strings) {
      broken.push(`i18n/${lang}.yaml: ${c.strings.name}`);
      files[`i18n/${lang}.yaml`] = c.strings.text;
    }
    // xx has no bundled pack: most cases give the clinic's own complete file, some leave it out
    if (c.langs.includes('xx') && c.xxStrings && !c.strings) files['i18n/xx.yaml'] = XX_PACK;
    else if (c.langs.includes('xx')) broken.push('xx: no strings file');
    return {
      files,
      lang,
      template: c.templateBreak ? 'standard' : c.template,
      paper: c.paper,
      templateBreak: c.templateBreak,
      brand: c.brand ? 'fuzz-brand' : undefined,
      patient: c.patient !== undefined,
      broken,
    };
  });
