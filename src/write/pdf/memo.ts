import type { LoadedFont } from './fonts.js';

/**
 * Drops the paragraphs the parsed fonts of a writer cache remember as broken
 * into lines (LoadedFont.lines). A build worker goes from leaflet to leaflet
 * and would otherwise keep every paragraph it ever laid out; the shaped words
 * stay, since leaflets share most of theirs. Its own module, so that a build
 * that writes no PDF loads none of the PDF writer for it.
 */
export function forgetParagraphs(cache: Map<string, unknown>): void {
  for (const [key, value] of cache) if (key.startsWith('pdf:font:')) (value as LoadedFont).lines.clear();
}
