/**
 * load → select → compose → write, top to bottom.
 *
 *   loadLeaflet / loadTemplate / loadBrand : files → Leaflet, Template, Brand
 *   selectView                             : + language, sections, patient → ViewModel
 *   composeLeaflet                         : ViewModel → leaflet markup (string) → MarkupElement
 *   writeHtml | writePdf                   : MarkupElement + ViewModel → bytes
 *
 * Each step returns a Result; the first failing step's diagnostics are the answer.
 */
import type { Diagnostic, Result } from './model/diagnostic.js';
import type { Template } from './model/template.js';
import type { ViewModel } from './model/view.js';
import type { MarkupElement } from './model/markup.js';
import type { Engine } from './compose/engine.js';
import { createEngine } from './compose/engine.js';
import { parseMarkup } from './markup/parse.js';
import { finish, type Steps } from './io/interrupt.js';

export interface Composed {
  view: ViewModel;
  markup: string;
  tree: MarkupElement;
}

/** Compiled templates are kept per Template object: compiling costs more than rendering. */
const engines = new WeakMap<Template, Result<Engine>>();

export function composeLeaflet(view: ViewModel, template: Template): Result<Composed> {
  return finish(composeSteps(view, template));
}

/** The same in two steps, template then markup parser, each a long one for a big leaflet: a pause between lets Ctrl-C in. */
export function* composeSteps(view: ViewModel, template: Template): Steps<Result<Composed>> {
  let engine = engines.get(template);
  if (!engine) {
    engine = createEngine(template);
    engines.set(template, engine);
  }
  if (!engine.ok) return engine;
  const markup = engine.value.render(view);
  if (!markup.ok) return markup;
  yield;
  const tree = parseMarkup(markup.value, template);
  if (!tree.ok) return tree;
  return { ok: true, value: { view, markup: markup.value, tree: tree.value }, warnings: [] };
}

export function diagnosticsOf<T>(r: Result<T>): Diagnostic[] {
  return r.ok ? r.warnings : r.diagnostics;
}
