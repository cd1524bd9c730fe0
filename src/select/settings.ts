import type { Brand } from '../model/brand.js';
import type { Leaflet, LanguageContent } from '../model/content.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Patient } from '../model/patient.js';
import type { Paper, Template, Theme } from '../model/template.js';
import { cascade } from './cascade.js';

/** What more than one source may decide about a render. */
export interface Settings {
  paper: Paper;
  colours: Theme['colours'];
}

export interface SettingSources {
  template: Template;
  brand: Brand;
  leaflet: Leaflet;
  language: LanguageContent;
  patient?: Patient | null;
  flags: Partial<Settings>;
}

/**
 * The one place settings are merged, lowest priority first (DESIGN.md):
 * template defaults < brand < leaflet < language < patient < command line.
 * Today the leaflet, language and patient files set none of these; their
 * layers are here so that a setting they gain lands in the right order.
 */
export function resolveSettings(s: SettingSources): { value: Settings; diagnostics: Diagnostic[] } {
  const layers: { origin: string; values: DeepPartial<Settings> }[] = [
    { origin: `template ${s.template.name}`, values: { paper: 'a4', colours: s.template.theme.colours } },
    { origin: `brand ${s.brand.file}`, values: { colours: s.brand.colours } },
    { origin: `leaflet ${s.leaflet.file}`, values: {} },
    { origin: `language ${s.language.file}`, values: {} },
    { origin: 'patient', values: {} },
    { origin: 'command line', values: s.flags },
  ];
  return cascade<Settings>(layers as never);
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };
