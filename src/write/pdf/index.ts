import type { Result } from '../../model/diagnostic.js';
import type { Template } from '../../model/template.js';
import type { Composed } from '../../pipeline.js';
import { CODES } from '../../diagnostics/codes.js';

export interface PdfOptions {
  template: Template;
  date: Date;
  /** lives as long as the Renderer: parsed fonts and other reusable state */
  cache: Map<string, unknown>;
}

/** markup → boxes → pages → pdfkit. */
export async function writePdf(composed: Composed, options: PdfOptions): Promise<Result<{ bytes: Uint8Array; pages: number }>> {
  void composed;
  void options;
  return { ok: false, diagnostics: [{ code: CODES.WRITE_FAILED, severity: 'error', message: 'PDF output is not available yet.' }] };
}
