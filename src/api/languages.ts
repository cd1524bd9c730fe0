/**
 * Every language a content root can render, and what it has for each: the
 * leaflets written in it (with their status) and the templates that carry
 * its strings ("Consiglio pratico", "Pagina 1 di 3"). A language a leaflet
 * uses but no template has strings for cannot be rendered with that template.
 */
import path from 'node:path';
import { ok, type Diagnostic, type Result } from '../model/diagnostic.js';
import type { LanguageStatus } from '../model/content.js';
import { listLeafletIds, loadLeaflet } from '../content/leaflet.js';
import { listTemplates, loadTemplate } from '../content/template.js';

export interface LanguagesOptions {
  /** absolute content root */
  root: string;
  /** the folder file names in diagnostics are relative to (default: root) */
  cwd?: string;
}

export interface LanguageInfo {
  lang: string;
  /** leaflets written in this language, with each one's status */
  leaflets: { id: string; status: LanguageStatus; source: boolean }[];
  /** templates that have strings for this language */
  templates: string[];
  /** templates a leaflet in this language cannot be rendered with, for want of strings: the file to add is named */
  missingStrings: { template: string; file: string }[];
}

/** Sorted by language code. Leaflets or templates that fail to load are left out, their problems returned as warnings. */
export async function languages(options: LanguagesOptions): Promise<Result<LanguageInfo[]>> {
  const { root } = options;
  const cwd = options.cwd ?? root;
  const warnings: Diagnostic[] = [];
  const byLang = new Map<string, LanguageInfo>();
  const entry = (lang: string) => {
    let e = byLang.get(lang);
    if (!e) byLang.set(lang, (e = { lang, leaflets: [], templates: [], missingStrings: [] }));
    return e;
  };
  for (const id of await listLeafletIds(root)) {
    const l = await loadLeaflet(id, { root, cwd });
    if (!l.ok) {
      warnings.push(...l.diagnostics);
      continue;
    }
    for (const c of l.value.languages) entry(c.lang).leaflets.push({ id, status: c.status, source: c.lang === l.value.source });
  }
  const templates = [];
  for (const name of await listTemplates(root)) {
    const t = await loadTemplate(name, { root, cwd });
    if (!t.ok) {
      warnings.push(...t.diagnostics);
      continue;
    }
    templates.push(t.value);
    for (const lang of t.value.strings.keys()) entry(lang).templates.push(name);
  }
  for (const e of byLang.values())
    if (e.leaflets.length)
      for (const t of templates)
        if (!t.strings.has(e.lang)) e.missingStrings.push({ template: t.name, file: path.join(t.i18nDir, `${e.lang}.yaml`) });
  return ok([...byLang.values()].sort((a, b) => (a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0)), warnings);
}
