import type { Result } from '../model/diagnostic.js';
import type { Template } from '../model/template.js';
import type { Composed } from '../pipeline.js';

export interface HtmlOptions {
  template: Template;
  date: Date;
}

/** Wraps leaflet markup into one self-contained HTML document. */
export async function writeHtml(composed: Composed, options: HtmlOptions): Promise<Result<Uint8Array>> {
  void options;
  return { ok: true, value: new TextEncoder().encode(`<!doctype html>\n<html lang="${composed.view.lang}">${composed.markup}</html>\n`), warnings: [] };
}
