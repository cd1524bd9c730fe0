import type { Leaflet } from '../model/content.js';
import type { Diagnostic } from '../model/diagnostic.js';

/**
 * A translation never blocks another: rendering `lang` fails only when that
 * language's own file is broken (its problems, else undefined). A render
 * reads only its language and the source, so another translation's problems
 * are `validate`'s and `build`'s to report, never a reason to stop today's print.
 */
export function ownLanguageBroken(leaflet: Leaflet, lang: string): Diagnostic[] | undefined {
  return leaflet.broken.find((b) => b.lang === lang)?.diagnostics;
}
