import type { Leaflet } from '../model/content.js';
import type { Result } from '../model/diagnostic.js';

/**
 * A translation never blocks another: rendering `lang` fails only when that
 * language's own file is broken. A render reads only its language and the
 * source, so another translation's problems are `validate`'s and `build`'s
 * to report, never a reason to stop today's print.
 */
export function brokenLanguageWarnings(leaflet: Leaflet, lang: string): Result<null> {
  const own = leaflet.broken.find((b) => b.lang === lang);
  if (own) return { ok: false, diagnostics: own.diagnostics };
  return { ok: true, value: null, warnings: [] };
}
