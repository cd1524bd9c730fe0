/**
 * Checks content as render and build would read it: leaflets (with their
 * figures), and when no leaflet is named also brands (with their logos), the
 * config and the root's own templates. Returns every problem as data.
 */
import type { Block, Section } from '../model/content.js';
import { fail, hasErrors, ok, type Diagnostic, type Result } from '../model/diagnostic.js';
import { listLeafletIds, loadLeaflet, unknownLeaflet } from '../content/leaflet.js';
import { listBrands, loadBrand } from '../content/brand.js';
import { loadConfig } from '../content/config.js';
import { listTemplates, loadTemplate, templateFolders } from '../content/template.js';
import { checkLanguages } from '../content/languages.js';
import type { Leaflet } from '../model/content.js';
import { figureAsset, logoAsset } from '../select/assets.js';
import { readImage } from '../write/images.js';

export interface ValidateOptions {
  /** absolute content root */
  root: string;
  /** the folder file names in diagnostics are relative to (default: root) */
  cwd?: string;
  /** leaflet ids; default: every leaflet, and then brands, config and templates too */
  leaflets?: string[];
}

export interface Checked {
  id: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

export interface ValidationReport {
  valid: boolean;
  leaflets: Checked[];
  brands: Checked[];
  config: Checked[];
  templates: Checked[];
  /** every language of the leaflets × the templates the config builds: strings present, fonts that draw its script */
  languages: Checked[];
  /** every diagnostic above, in that order */
  diagnostics: Diagnostic[];
}

/** Not ok only when a named leaflet does not exist (LEAF2001 with the known ids); content problems are in the report. */
export async function validate(options: ValidateOptions): Promise<Result<ValidationReport>> {
  const { root } = options;
  const cwd = options.cwd ?? root;
  const ids = options.leaflets ?? [];
  const known = await listLeafletIds(root);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) return fail(unknown.map((id) => unknownLeaflet(id, known)));
  const everything = !ids.length;

  const leaflets: Checked[] = [];
  const loaded: Leaflet[] = [];
  for (const id of everything ? known : ids) {
    const r = await loadLeaflet(id, { root, cwd });
    // a broken translation fails validation, though the leaflet's other languages still render
    let list = r.ok ? [...r.warnings, ...r.value.broken.flatMap((b) => b.diagnostics)] : r.diagnostics;
    if (r.ok) loaded.push(r.value);
    // figures as the writers read them: a truncated or oversized image fails here, not in CI's build
    if (r.ok)
      for (const lang of r.value.languages)
        for (const figure of figuresOf(lang.sections)) {
          const image = await readImage(figureAsset(figure, 'figure', lang.file));
          if (!image.ok) list = [...list, ...image.diagnostics];
        }
    leaflets.push(checked(id, list));
  }

  const brands: Checked[] = [];
  const config: Checked[] = [];
  const templates: Checked[] = [];
  if (everything) {
    for (const name of await listBrands(root)) {
      const r = await loadBrand(name, { root, cwd });
      let list = r.ok ? r.warnings : r.diagnostics;
      // the image itself, as render would read it: a corrupt or oversized logo fails here, not in CI's build
      if (r.ok && r.value.logo) {
        const image = await readImage(logoAsset(r.value, r.value.logo));
        if (!image.ok) list = image.diagnostics;
      }
      brands.push(checked(name, list));
    }
    // the build config, which build would otherwise be the first to reject
    const c = await loadConfig({ root, cwd });
    if (!c.ok || c.value.file) config.push({ id: 'leaflets.config.yaml', valid: c.ok, diagnostics: c.ok ? c.warnings : c.diagnostics });

    // the root's own templates (theme schema, stylesheet, files inside templates/), which render would otherwise be the first to reject
    for (const [name, folder] of await templateFolders(root)) {
      if (folder.bundled) continue; // the root's own only
      const t = await loadTemplate(name, { root, cwd });
      templates.push({ id: name, valid: t.ok, diagnostics: t.ok ? t.warnings : t.diagnostics });
    }
  }
  // every language of every leaflet × every template the config builds: strings present, fonts that draw the script
  const c = await loadConfig({ root, cwd });
  const configured = c.ok ? c.value.templates : undefined;
  const names = configured === 'all' ? await listTemplates(root) : configured?.length ? configured : ['standard'];
  const checkedLanguages = await checkLanguages(loaded, { root, cwd, templates: names });
  const languages: Checked[] = checkedLanguages.languages
    .filter((l) => l.diagnostics.length || l.leaflets.length || l.strings === 'clinic' || l.strings === 'both')
    .map((l) => checked(l.lang, l.diagnostics));
  // problems not tied to one language; a root's own template that does not load is reported above already
  const general = checkedLanguages.diagnostics.filter((d) => !templates.some((t) => t.diagnostics.includes(d)));
  const all = [...leaflets, ...brands, ...config, ...templates];
  return ok({
    valid: all.every((x) => x.valid) && languages.every((x) => x.valid) && !hasErrors(checkedLanguages.diagnostics),
    leaflets,
    brands,
    config,
    templates,
    languages,
    diagnostics: [...all.flatMap((x) => x.diagnostics), ...general, ...languages.flatMap((x) => x.diagnostics)],
  });
}

function checked(id: string, diagnostics: Diagnostic[]): Checked {
  return { id, valid: !hasErrors(diagnostics), diagnostics };
}

function* figuresOf(sections: readonly Section[]): Generator<Extract<Block, { kind: 'figure' }>> {
  for (const s of sections) {
    for (const b of s.blocks) if (b.kind === 'figure') yield b;
    yield* figuresOf(s.sections);
  }
}
