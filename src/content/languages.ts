/**
 * Every language a content root can render, and whether it can: where its
 * strings come from, whether a speaker reviewed them, whether every string
 * each template reads is there, and which scripts the templates' fonts cover.
 * `validate` and `lint` report the problems, `leaflets languages` lists the
 * rest. Nothing here renders: it reads packs, templates and fonts.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Leaflet } from '../model/content.js';
import type { StringPack, StringUse } from '../model/strings.js';
import type { Template } from '../model/template.js';
import { CODES } from '../diagnostics/codes.js';
import { stringUses } from '../compose/engine.js';
import { PATIENT_ROW_KEYS } from '../select/patient.js';
import { keysOf, missingStrings, placeholderMismatches, unknownStrings } from '../select/strings.js';
import { fontChain, type FontCache } from '../lint/fonts.js';
import type { FontChain } from '../lint/model.js';
import { languageName, loadBundledPack, loadStrings, packLanguages } from './strings.js';
import { loadTemplate } from './template.js';

export interface LanguageReport {
  lang: string;
  /** in English, and in the language itself (CLDR through Intl); null when Intl does not know the code */
  name: string | null;
  nativeName: string | null;
  /** where its template strings come from */
  strings: 'bundled' | 'clinic' | 'both' | 'none';
  reviewed: boolean;
  reviewedBy: string | null;
  /** the pack files, bundled first */
  files: string[];
  /** leaflets with a file in this language */
  leaflets: string[];
  /** per template: the scripts of the language its fonts draw, and those they cannot */
  fonts: { template: string; covers: string[]; lacks: string[] }[];
  /** true when a leaflet in this language would render with every template checked: strings complete, every script drawn */
  renderable: boolean;
  diagnostics: Diagnostic[];
}

export interface LanguageCheckOptions {
  root: string;
  cwd: string;
  /** the templates the config builds */
  templates: readonly string[];
}

/** Languages of the packs (bundled, clinic) and of the leaflets, each checked against every template. */
export async function checkLanguages(leaflets: readonly Leaflet[], options: LanguageCheckOptions): Promise<{ languages: LanguageReport[]; diagnostics: Diagnostic[] }> {
  const packs = await packLanguages(options.root);
  const used = new Map<string, string[]>();
  for (const l of leaflets)
    for (const lang of [...l.languages.map((x) => x.lang), ...l.broken.map((b) => b.lang)]) used.set(lang, [...(used.get(lang) ?? []), l.id]);
  const langs = [...new Set([...packs.bundled, ...packs.clinic, ...used.keys()])].sort();

  const diagnostics: Diagnostic[] = [];
  const templates: { template: Template; uses: StringUse[]; chain: FontChain }[] = [];
  const fontCache: FontCache = new Map();
  for (const name of options.templates) {
    const t = await loadTemplate(name, options);
    if (!t.ok) {
      diagnostics.push(...t.diagnostics);
      continue;
    }
    const { chain, diagnostics: fontProblems } = fontChain(name, t.value.theme, fontCache);
    diagnostics.push(...fontProblems);
    templates.push({ template: t.value, uses: stringUses(t.value, PATIENT_ROW_KEYS), chain });
  }
  // the English pack as shipped: every key leaflets knows, and the placeholders each must keep
  const loaded = await loadBundledPack('en', options.cwd);
  const reference = loaded.ok ? loaded.value : null;
  const known = new Set<string>([
    ...(reference ? keysOf(reference.data).map((k) => k.key) : []),
    ...templates.flatMap((t) => t.uses.map((u) => u.key)),
  ]);

  const languages: LanguageReport[] = [];
  for (const lang of langs) {
    const leafletIds = used.get(lang) ?? [];
    const own: Diagnostic[] = [];
    const pack = await loadStrings(lang, options);
    const report: LanguageReport = {
      lang,
      name: languageName(lang) ?? null,
      nativeName: languageName(lang, lang) ?? null,
      strings: pack.ok ? pack.value.origin : 'none',
      reviewed: pack.ok && pack.value.reviewed,
      reviewedBy: (pack.ok && pack.value.reviewedBy) || null,
      files: pack.ok ? pack.value.files.map((f) => f.display) : [],
      leaflets: leafletIds,
      fonts: [],
      renderable: false,
      diagnostics: own,
    };
    languages.push(report);
    // a bundled pack nobody uses is the package's business (its tests); a clinic file or a leaflet's language is the editor's
    const matters = leafletIds.length > 0 || packs.clinic.includes(lang);
    if (!pack.ok) {
      if (matters) own.push(...pack.diagnostics);
      continue;
    }
    if (matters) {
      for (const f of pack.value.files) {
        if (f.kind === 'clinic') own.push(...unknownStrings(f, known));
        if (reference) own.push(...placeholderMismatches(f, reference.data));
      }
      for (const t of templates) own.push(...missingStrings(pack.value, t.uses, t.template.name));
    }
    const sample = sampleText(pack.value);
    for (const t of templates) {
      const { covers, lacks } = scriptCoverage(sample, t.chain);
      report.fonts.push({ template: t.template.name, covers, lacks });
      if (lacks.length && leafletIds.length)
        own.push({
          code: CODES.LANGUAGE_WITHOUT_FONT,
          severity: 'error',
          message: `No font of template '${t.template.name}' covers ${lacks.join(' or ')} script; the leaflet cannot be rendered in ${lang}${report.name ? ` (${report.name})` : ''} with it. Fonts: ${[...t.chain.faces, ...t.chain.fallback].map((f) => f.name).join(', ')}.`,
          hints: ['Add a font that covers the script to the template theme (fonts.fallback), or leave this language out of the build.'],
        });
    }
    report.renderable = !own.some((d) => d.severity === 'error') && report.fonts.every((f) => !f.lacks.length);
  }
  return { languages, diagnostics };
}

/** The pack's own strings show the language's script; placeholders and ASCII punctuation say nothing of it. */
function sampleText(pack: StringPack): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v.replace(/\{\w+\}/g, ''));
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pack.strings);
  return out.join(' ');
}

const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Tamil',
  'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Ethiopic', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Tibetan',
] as const;
const SCRIPT_RE = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')] as const);

/** Which scripts of `text` the chain draws (every letter in a body face or a fallback), and which it cannot. */
export function scriptCoverage(text: string, chain: FontChain): { covers: string[]; lacks: string[] } {
  const has = (cp: number) => chain.fallback.some((f) => f.has(cp)) || chain.faces.every((f) => f.has(cp));
  const seen = new Map<string, boolean>();
  for (const ch of new Set(text)) {
    const script = SCRIPT_RE.find(([, re]) => re.test(ch))?.[0];
    if (!script) continue;
    const ok = has(ch.codePointAt(0)!);
    seen.set(script, (seen.get(script) ?? true) && ok);
  }
  const covers = [...seen].filter(([, ok]) => ok).map(([s]) => s);
  const lacks = [...seen].filter(([, ok]) => !ok).map(([s]) => s);
  return { covers, lacks };
}
