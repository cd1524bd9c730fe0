/**
 * The output path pattern: where each artefact goes inside the output folder.
 * Pure; the placeholders are the matrix's dimensions.
 */
export const PLACEHOLDERS = ['leaflet', 'lang', 'brand', 'template', 'paper', 'format'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** One folder per brand and template, so a clinic's files can be published as one folder. */
export const DEFAULT_PATTERN = '{brand}/{template}/{leaflet}-{lang}.{format}';

/** Files the build keeps beside the artefacts; no artefact may take their names. */
export const MANIFEST_FILE = 'manifest.json';
export const CACHE_FILE = '.leaflets-cache.json';

export function shardManifestFile(shard: { index: number; count: number } | undefined): string {
  return shard && shard.count > 1 ? `manifest.${shard.index}-of-${shard.count}.json` : MANIFEST_FILE;
}

/** Why a pattern cannot be used, or undefined when it can. */
export function checkPattern(pattern: string): string | undefined {
  if (pattern.includes('\\')) return 'use / to separate folders, not \\';
  if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)) return 'it must be relative to the output folder';
  const names = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length)
    return `{${unknown[0]}} is not a placeholder; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`;
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return 'it has an unmatched { or }';
  for (const segment of pattern.split('/')) {
    if (segment === '') return 'it has an empty folder name (// or a trailing /)';
    if (segment === '.' || segment === '..') return `'${segment}' would leave the output folder`;
  }
  return undefined;
}

/** Fills a checked pattern; undefined when a value would make an unsafe path. */
export function fillPattern(pattern: string, values: Record<Placeholder, string>): string | undefined {
  const filled = pattern.replace(/\{([a-z]+)\}/g, (_, name: Placeholder) => values[name]);
  for (const segment of filled.split('/'))
    if (segment === '' || segment === '.' || segment === '..' || segment.includes('\\')) return undefined;
  return filled;
}
