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
import { BUNDLED_TEMPLATES, listTemplates, loadTemplate, templatesDir } from '../content/template.js';
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
  for (const id of everything ? known : ids) {
    const r = await loadLeaflet(id, { root, cwd });
    let list = r.ok ? r.warnings : r.diagnostics;
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
    if ((await templatesDir(root)) !== BUNDLED_TEMPLATES)
      for (const name of await listTemplates(root)) {
        const t = await loadTemplate(name, { root, cwd });
        templates.push({ id: name, valid: t.ok, diagnostics: t.ok ? t.warnings : t.diagnostics });
      }
  }
  const all = [...leaflets, ...brands, ...config, ...templates];
  return ok({
    valid: all.every((c) => c.valid),
    leaflets,
    brands,
    config,
    templates,
    diagnostics: all.flatMap((c) => c.diagnostics),
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
