import { localizeWithLang, type Brand } from '../model/brand.js';
import { fillOnline } from '../content/online.js';
import type { Block, LanguageContent, Leaflet, Section } from '../model/content.js';
import type { Diagnostic, Result } from '../model/diagnostic.js';
import type { Paper, Template, TemplateStrings, Theme } from '../model/template.js';
import type { StringPack, StringUse } from '../model/strings.js';
import type { Asset, BlockView, BrandView, SectionView, ViewModel } from '../model/view.js';
import type { Patient } from '../model/patient.js';
import { appointmentInPast, patientView } from './patient.js';
import { missingStrings } from './strings.js';
import { BLOCK_KINDS } from '../model/content.js';
import { CODES } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { resolveSettings } from './settings.js';
import { selectSections } from './sections.js';
import { figureAsset, logoAsset } from './assets.js';
import { DEFAULT_TIME_ZONE, TIMELINE_KEYS, timelineView } from './timeline.js';
import { stringAt } from './strings.js';

export interface Selection {
  /** default: the leaflet's source language */
  lang?: string;
  sections?: string[];
  skip?: string[];
  paper?: Paper;
  /** set by a patient file: sections that do not apply to this patient */
  patientSkip?: string[];
  patient?: Patient | null;
  /** a personal handout from a draft translation: only when asked for (--allow-draft) */
  allowDraft?: boolean;
  /** the day the handout is made (SOURCE_DATE_EPOCH, else the clock), to warn about an appointment already past */
  today?: Date;
}

/** The language pack for the leaflet's language and every string the template reads from it. */
export interface SelectedStrings {
  pack: StringPack;
  uses: readonly StringUse[];
}

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps']);

/** One formatter a language: making one loads the locale's data, which costs more than the dates it formats. */
const longDates = new Map<string, Intl.DateTimeFormat>();
function longDate(lang: string): Intl.DateTimeFormat {
  let f = longDates.get(lang);
  if (!f) longDates.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })));
  return f;
}

/** Picks the language and sections and merges template, brand and leaflet into the one view a template reads. */
export function selectView(leaflet: Leaflet, template: Template, brand: Brand, selection: Selection, strings: SelectedStrings): Result<ViewModel> {
  const diagnostics: Diagnostic[] = [];
  const lang = selection.lang ?? leaflet.source;
  // Fallback rule, stated once: no --lang means the source language; a named language must exist, never silently replaced.
  const content: LanguageContent | undefined = leaflet.languages.find((l) => l.lang === lang);
  if (!content) {
    const have = leaflet.available;
    return fail(CODES.UNKNOWN_LANGUAGE, `The leaflet '${leaflet.id}' has no language '${lang}'.${didYouMean(lang, have)} Languages: ${have.join(', ')}.`);
  }
  // every string the template reads is there, or nothing renders; a timeline's words are read by select itself
  const hasTimeline = content.sections.some(function has(s: Section): boolean {
    return s.blocks.some((b) => b.kind === 'timeline') || s.sections.some(has);
  });
  const uses = hasTimeline ? [...strings.uses, ...TIMELINE_KEYS.map((key) => ({ key, part: 'the timeline' }))] : strings.uses;
  const missing = missingStrings(strings.pack, uses, template.name);
  if (missing.length) return { ok: false, diagnostics: missing };
  if (selection.patient && content.status === 'draft' && !selection.allowDraft)
    return fail(
      CODES.DRAFT_HANDOUT,
      `The '${lang}' translation of '${leaflet.id}' is a draft: a patient's handout from it needs --allow-draft (it keeps its DRAFT marks).`,
    );
  if (selection.patient && selection.today && appointmentInPast(selection.patient, selection.today))
    diagnostics.push({
      code: CODES.APPOINTMENT_PAST,
      severity: 'warning',
      message: 'The appointment date in the patient details is before today (the render date). Check the date before handing this out.',
      sensitive: true,
    });

  const skip = [...(selection.skip ?? []), ...(selection.patientSkip ?? [])];
  const picked = selectSections(content.sections, selection.sections, skip, {
    include: '--sections',
    skip: selection.patientSkip?.length ? '--skip / patient skip' : '--skip',
  });
  if (picked.diagnostics.length) return { ok: false, diagnostics: picked.diagnostics };
  if (!picked.sections.length)
    return fail(CODES.EMPTY_SELECTION, 'The sections chosen leave nothing to print. Check --sections and --skip.');

  const settings = resolveSettings({
    template,
    brand,
    leaflet,
    language: content,
    patient: selection.patient,
    flags: { paper: selection.paper },
  });
  diagnostics.push(...settings.diagnostics);
  const colours = { value: settings.value.colours };

  const assets: Asset[] = [];
  const name = localizeWithLang(brand.name, lang);
  const footer = localizeWithLang(brand.footer, lang);
  const brandView: BrandView = {
    id: brand.id,
    name: name?.text ?? '',
    nameLang: name?.lang ?? null,
    logo: null,
    colours: { primary: colours.value.primary, accent: colours.value.accent, text: colours.value.text },
    contacts: {
      address: brand.contacts.address ?? null,
      phone: brand.contacts.phone ?? null,
      email: brand.contacts.email ?? null,
      web: brand.contacts.web ?? null,
    },
    links: contactLinks(brand.contacts),
    hasContacts: Object.values(brand.contacts).some(Boolean),
    footer: footer?.text ?? null,
    footerLang: footer?.lang ?? null,
  };
  if (brand.logo) {
    assets.push(logoAsset(brand, brand.logo));
    const alt = localizeWithLang(brand.logo.alt, lang);
    brandView.logo = { src: 'asset:logo', alt: alt?.text ?? '', altLang: alt?.lang ?? null };
  }

  const toBlock = (b: Block): BlockView => {
    const is = Object.fromEntries(BLOCK_KINDS.map((k) => [k, k === b.kind])) as BlockView['is'];
    if (b.kind === 'figure') {
      const id = `figure-${assets.length}`;
      assets.push(figureAsset(b, id, content.file));
      const w = b.width ? [25, 33, 50, 66, 75, 100].reduce((best, c) => (Math.abs(c - b.width!) < Math.abs(best - b.width!) ? c : best)) : null;
      return {
        ...b,
        caption: b.caption ?? (null as unknown as undefined),
        width: b.width ?? (null as unknown as undefined),
        side: b.side ?? (null as unknown as undefined),
        widthClass: w ? `w-${w}` : null,
        is,
        asset: `asset:${id}`,
      };
    }
    if (b.kind === 'table')
      return { ...b, caption: b.caption ?? (null as unknown as undefined), widthsAttr: b.widths ? b.widths.join(' ') : null, is };
    if (b.kind === 'urgent') return { ...b, text: b.text ?? (null as unknown as undefined), number: brand.emergency ?? stringAt(strings.pack.strings, 'urgent.number') ?? '112', is };
    if (b.kind === 'timeline') {
      const entries = timelineView(b.entries, {
        locale: strings.pack.locale,
        strings: strings.pack.strings,
        timeZone: brand.timeZone ?? DEFAULT_TIME_ZONE,
        appointment: selection.patient?.appointment ?? null,
        today: selection.today,
      });
      const past = entries.filter((e) => e.past).length;
      // never the dates themselves: they would tell the terminal (and CI logs) when this patient is treated
      if (past)
        diagnostics.push({
          code: CODES.TIMELINE_PAST,
          severity: 'warning',
          message: `${past} step${past === 1 ? '' : 's'} of the preparation plan fall${past === 1 ? 's' : ''} before today (the render date): the handout marks ${past === 1 ? 'it' : 'them'}. Check the appointment date before handing this out.`,
          sensitive: true,
        });
      return { ...b, timeline: entries, dated: entries.some((e) => e.datetime !== null), is };
    }
    if (b.kind === 'faq') return { ...b, items: b.items.map((f) => ({ ...f, tip: f.tip ?? (null as unknown as undefined) })), is };
    return { ...b, is };
  };
  const toSection = (s: Section, level: 2 | 3): SectionView => ({
    id: s.id,
    path: s.path,
    title: s.title,
    level,
    blocks: s.blocks.map(toBlock),
    sections: s.sections.map((c) => toSection(c, 3)),
    at: s.at,
  });

  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  const date = (iso: string) => longDate(lang).format(new Date(`${iso}T00:00:00Z`));
  return {
    ok: true,
    value: {
      leafletId: leaflet.id,
      lang,
      dir: RTL.has(lang) ? 'rtl' : 'ltr',
      status: content.status,
      draft: content.status === 'draft',
      title: content.title,
      subtitle: content.subtitle ?? null,
      summary: content.summary,
      sections: picked.sections.map((s) => toSection(s, 2)),
      document: {
        ...leaflet.document,
        publishedText: date(leaflet.document.published),
        reviewText: date(leaflet.document.review),
        translation: content.lang === leaflet.source ? null : { version: content.translatedFrom?.version ?? '?', draft: content.status === 'draft' },
      },
      brand: brandView,
      online: onlineAddress(leaflet, brand, lang),
      patient: selection.patient ? patientView(selection.patient, lang, strings.pack) : null,
      t: strings.pack.strings as TemplateStrings,
      template: template.name,
      paper: settings.value.paper,
      theme: { ...template.theme, colours: colours.value },
      assets,
      file: content.file,
    },
    warnings: diagnostics,
  };
}

/** The leaflet's own online address wins over the brand's pattern; both were checked at load (content/online.ts). */
function onlineAddress(leaflet: Leaflet, brand: Brand, lang: string): string | null {
  const pattern = leaflet.online ?? brand.online;
  return pattern === undefined ? null : fillOnline(pattern, { leaflet: leaflet.id, lang });
}

function fail(code: string, message: string): Result<ViewModel> {
  return { ok: false, diagnostics: [{ code, severity: 'error', message }] };
}

/**
 * A clinic's phone number and e-mail address as links a phone can follow
 * (tel:, mailto:), and its web address when it is https: — the only
 * schemes the markup contract lets a link use.
 */
export function contactLinks(c: { phone?: string; email?: string; web?: string }): BrandView['links'] {
  const digits = c.phone ? c.phone.replace(/[^\d+]/g, '') : '';
  return {
    phone: /^\+?\d{3,}$/.test(digits) ? `tel:${digits}` : null,
    email: c.email && /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(c.email) ? `mailto:${c.email}` : null,
    web: c.web && /^https:\/\/[^\s<>"]+$/i.test(c.web) ? c.web : null,
    phoneText: c.phone ? c.phone.replace(/ /g, '\u00A0') : null,
  };
}
