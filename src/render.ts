import type { Brand } from './model/brand.js';
import type { Leaflet } from './model/content.js';
import type { Diagnostic, Result } from './model/diagnostic.js';
import type { Paper, Template } from './model/template.js';
import type { Patient } from './model/patient.js';
import { loadLeaflet } from './content/leaflet.js';
import { loadTemplate } from './content/template.js';
import { loadBrand } from './content/brand.js';
import { loadStrings } from './content/strings.js';
import type { StringPack } from './model/strings.js';
import { stringUses } from './compose/engine.js';
import { PATIENT_ROW_KEYS } from './select/patient.js';
import { ownLanguageBroken } from './select/broken.js';
import { selectView } from './select/view.js';
import { composeSteps, type Composed } from './pipeline.js';
import { CODES } from './diagnostics/codes.js';
import { drive, pacer, type Pace } from './io/interrupt.js';

export type Format = 'pdf' | 'html';
export const FORMATS: readonly Format[] = ['pdf', 'html'];

export interface RenderRequest {
  leaflet: string;
  lang?: string;
  template: string;
  brand?: string;
  formats: readonly Format[];
  paper: Paper;
  sections?: string[];
  skip: string[];
  /** one patient's details: the output then holds health data */
  patient?: Patient;
  /** every date printed or stored in the output (SOURCE_DATE_EPOCH, else the leaflet's published date) */
  date?: Date;
  /** the day the handout is made (SOURCE_DATE_EPOCH, else the clock): a patient's appointment before it is a warning */
  today?: Date;
  /** a personal handout from a draft translation */
  allowDraft?: boolean;
  /** with a patient: also an iCalendar file of the preparation plan and the appointment */
  calendar?: boolean;
}

export interface Artefact {
  /** ics: the calendar file that goes with a patient's handout (--calendar) */
  format: Format | 'ics';
  bytes: Uint8Array;
  /** PDF only */
  pages?: number;
  lang: string;
  /** true when the bytes hold patient data (written 0600, never logged) */
  personal: boolean;
}

/**
 * Renders leaflets, keeping what does not change between renders: loaded
 * content, templates (with their compiled Handlebars), brands. One Renderer
 * per process (or per batch worker) makes warm renders cheap.
 */
export class Renderer {
  private readonly leaflets = new Map<string, Promise<Result<Leaflet>>>();
  private readonly templates = new Map<string, Promise<Result<Template>>>();
  private readonly brands = new Map<string, Promise<Result<Brand>>>();
  private readonly packs = new Map<string, Promise<Result<StringPack>>>();
  /** writer state that outlives one document, such as parsed fonts */
  readonly writerCache = new Map<string, unknown>();

  constructor(readonly options: { root: string; cwd: string }) {}

  /** The leaflet with every language read or, given `languages`, with only their files and the source language's. */
  leaflet(id: string, languages?: readonly string[]): Promise<Result<Leaflet>> {
    const key = languages === undefined ? id : `${id}\0${languages.join('\0')}`;
    return memo(this.leaflets, key, () => loadLeaflet(id, { ...this.options, ...(languages !== undefined && { languages }) }));
  }
  /** The leaflet as a request reads it: its language's file (none named: the source) and the source's. */
  private leafletFor(req: RenderRequest): Promise<Result<Leaflet>> {
    return this.leaflet(req.leaflet, req.lang === undefined ? [] : [req.lang]);
  }
  template(name: string): Promise<Result<Template>> {
    return memo(this.templates, name, () => loadTemplate(name, this.options));
  }
  brand(name: string | undefined): Promise<Result<Brand>> {
    return memo(this.brands, name ?? '', () => loadBrand(name, this.options));
  }
  strings(lang: string): Promise<Result<StringPack>> {
    return memo(this.packs, lang, () => loadStrings(lang, this.options));
  }

  /** load → select → compose, stopping at the first stage that fails. */
  async compose(req: RenderRequest, pace: Pace = pacer(undefined)): Promise<Result<Composed>> {
    // a render reads the language it renders (and the source it is checked against), not every translation
    const [leaflet, template, brand] = await Promise.all([this.leafletFor(req), this.template(req.template), this.brand(req.brand)]);
    await pace();
    const failed: Diagnostic[] = [];
    for (const r of [leaflet, template, brand]) if (!r.ok) failed.push(...r.diagnostics);
    if (!leaflet.ok || !template.ok || !brand.ok) return { ok: false, diagnostics: failed };
    const lang = req.lang ?? leaflet.value.source;
    // a broken file of this language fails this language only
    const broken = ownLanguageBroken(leaflet.value, lang);
    if (broken) return { ok: false, diagnostics: broken };
    const pack = await this.strings(lang);
    // a language the leaflet lacks is said as such, before any word about its strings
    if (!pack.ok && leaflet.value.languages.some((l) => l.lang === lang)) return pack;
    const view = selectView(
      leaflet.value,
      template.value,
      brand.value,
      {
        lang: req.lang,
        sections: req.sections,
        skip: req.skip,
        paper: req.paper,
        patient: req.patient ?? null,
        patientSkip: req.patient?.skip,
        allowDraft: req.allowDraft,
        today: req.today,
      },
      pack.ok ? { pack: pack.value, uses: stringUses(template.value, PATIENT_ROW_KEYS) } : { pack: EMPTY_PACK, uses: [] },
    );
    if (!view.ok) return view;
    await pace();
    const composed = await drive(composeSteps(view.value, template.value), pace);
    if (!composed.ok) return composed;
    return { ...composed, warnings: [...view.warnings, ...composed.warnings] };
  }

  /**
   * Every artefact of the request, in memory: nothing is written here. With
   * a signal, the work stops within a time slice of its abort, by throwing
   * the signal's reason.
   */
  async render(req: RenderRequest, control: { signal?: AbortSignal } = {}): Promise<Result<Artefact[]>> {
    const pace = pacer(control.signal);
    const composed = await this.compose(req, pace);
    if (!composed.ok) return composed;
    const leaflet = (await this.leafletFor(req)) as { ok: true; value: Leaflet };
    const date = req.date ?? new Date(`${leaflet.value.document.published}T00:00:00Z`);
    const template = (await this.template(req.template)) as { ok: true; value: Template };
    const out: Artefact[] = [];
    const warnings: Diagnostic[] = [...composed.warnings];
    const personal = req.patient !== undefined;
    for (const format of req.formats) {
      await pace();
      if (format === 'html') {
        const { writeHtml } = await import('./write/html.js');
        const html = await writeHtml(composed.value, { template: template.value, date });
        if (!html.ok) return html;
        out.push({ format, bytes: html.value, lang: composed.value.view.lang, personal });
      } else {
        const { writePdf } = await import('./write/pdf/index.js');
        const brand = (await this.brand(req.brand)) as { ok: true; value: Brand };
        const pdf = await writePdf(composed.value, {
          template: template.value,
          date,
          cache: this.writerCache,
          pace,
          // to point a character no font can draw back at its line in the YAML
          sources: {
            sourceMaps: leaflet.value.languages.map((l) => l.sourceMap),
            brandFile: brand.value.file,
            stringsFile: ((await this.strings(composed.value.view.lang)) as { ok: true; value: StringPack }).value.files.at(-1)?.display,
          },
        });
        if (!pdf.ok) return pdf;
        warnings.push(...pdf.warnings);
        out.push({ format, bytes: pdf.value.bytes, pages: pdf.value.pages, lang: composed.value.view.lang, personal });
      }
    }
    if (req.calendar && req.patient) {
      const { calendarOf } = await import('./write/ics.js');
      const brand = (await this.brand(req.brand)) as { ok: true; value: Brand };
      const { DEFAULT_TIME_ZONE } = await import('./select/timeline.js');
      const ics = calendarOf(composed.value.view, { patient: req.patient, timeZone: brand.value.timeZone ?? DEFAULT_TIME_ZONE, date });
      if (ics) out.push({ format: 'ics', bytes: new TextEncoder().encode(ics), lang: composed.value.view.lang, personal });
      else
        warnings.push({
          code: CODES.CALENDAR_EMPTY,
          severity: 'warning',
          message: 'No calendar file was written: the patient details have no appointment date. Add appointment.date (or --set appointment.date=YYYY-MM-DD).',
        });
    }
    return { ok: true, value: out, warnings };
  }
}

/** Only reached for a language the leaflet lacks, which selectView refuses before reading any string. */
const EMPTY_PACK: StringPack = { lang: '', locale: 'en', strings: {}, reviewed: false, origin: 'bundled', files: [], clinicFile: '' };

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    map.set(key, p);
  }
  return p;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else undefined (the leaflet's published date). */
export function sourceDate(env: NodeJS.ProcessEnv): Date | undefined | Error {
  const v = env.SOURCE_DATE_EPOCH;
  if (v === undefined || v === '') return undefined;
  const seconds = Number(v);
  // a Date holds ±8.64e15 ms; beyond that (or not a whole number) it is a mistake in the environment
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15)
    return new Error(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 (as from \`git log -1 --format=%ct\`), not '${v}'.`);
  return new Date(seconds * 1000);
}

/**
 * `<id>-<lang>[-<template>][-<brand>][-patient].<format>`. A brand named on
 * the command line is in the name, so two brands rendered into one folder
 * never replace each other. A personal handout gets a fixed "-patient"
 * suffix so it never replaces the general leaflet — and no patient field
 * ever goes into a file name.
 */
export function defaultFileName(
  id: string,
  lang: string,
  template: string,
  format: Format | 'ics',
  personal = false,
  brand?: string,
): string {
  return `${id}-${lang}${template === 'standard' ? '' : `-${template}`}${brand ? `-${brand}` : ''}${personal ? '-patient' : ''}.${format}`;
}
