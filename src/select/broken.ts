import type { Leaflet } from '../model/content.js';
import type { Result } from '../model/diagnostic.js';
import { CODES } from '../diagnostics/codes.js';

/**
 * A translation never blocks another: rendering `lang` fails only when that
 * language's own file is broken; any other broken language file is one
 * warning naming it, so the editor hears of it without losing today's print.
 */
export function brokenLanguageWarnings(leaflet: Leaflet, lang: string): Result<null> {
  const own = leaflet.broken.find((b) => b.lang === lang);
  if (own) return { ok: false, diagnostics: own.diagnostics };
  return {
    ok: true,
    value: null,
    warnings: leaflet.broken.map((b) => ({
      code: CODES.OTHER_LANGUAGE_BROKEN,
      severity: 'warning' as const,
      message: `${b.file} has ${b.diagnostics.filter((d) => d.severity === 'error').length} error(s): '${b.lang}' cannot be rendered until they are fixed (\`leaflets validate\` lists them). Other languages are not affected.`,
      file: b.file,
    })),
  };
}
