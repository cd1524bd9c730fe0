import path from 'node:path';
import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from 'yaml';
import type { Leaflet } from '../model/content.js';
import { readConfinedText, refusalText } from '../io/read.js';
import { writeSourceUpdate } from '../io/output.js';
import { MAX_FILE_BYTES } from '../content/yaml.js';
import { sourceHashes } from './section-hash.js';

export interface StampResult {
  /** the translation file written */
  file: string;
  hashes: Record<string, string>;
  /** keys whose stamp changed (or was added) */
  changed: string[];
}

/**
 * Records in a translation which source content it matches now: writes
 * translatedFrom {lang, version, sections: {path: hash}} into its YAML file.
 * Run by a translator after updating the translation. The file is edited
 * through yaml's Document API, so comments, blank lines, quoting and the
 * order of everything else stay as they were, and written atomically.
 */
export async function stampTranslation(leaflet: Leaflet, lang: string): Promise<StampResult> {
  const source = leaflet.languages.find((l) => l.lang === leaflet.source);
  const target = leaflet.languages.find((l) => l.lang === lang);
  if (!source || !target || target === source) throw new Error(`no translation '${lang}' to stamp`);
  const file = path.join(leaflet.dir, path.basename(target.file));
  const read = await readConfinedText(leaflet.dir, file, { maxBytes: MAX_FILE_BYTES });
  if (!read.ok) throw new Error(`${path.basename(file)} ${refusalText(read, MAX_FILE_BYTES)}`);
  const text = read.value;
  const hashes = sourceHashes(source);
  const updated = stampText(text, { lang: source.lang, version: leaflet.document.version, sections: hashes });
  const before = target.translatedFrom?.sections ?? {};
  const changed = Object.keys(hashes).filter((k) => before[k] !== hashes[k]);
  if (updated !== text) await writeSourceUpdate(file, leaflet.dir, updated);
  return { file, hashes, changed };
}

/** The YAML text with translatedFrom replaced by `stamp` (inserted after status/subtitle when absent). */
export function stampText(text: string, stamp: { lang: string; version: string; sections: Record<string, string> }): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const doc = parseDocument(bom ? text.slice(1) : text);
  if (doc.errors.length) throw new Error(`cannot parse ${doc.errors[0]!.message}`);
  const root: unknown = doc.contents;
  if (!isMap(root)) throw new Error('the language file is not a mapping');
  const existing: unknown = root.get('translatedFrom', true);
  let map: YAMLMap;
  if (isMap(existing)) map = existing;
  else {
    map = doc.createNode({}) as YAMLMap;
    const items = root.items as Pair[];
    const keys = items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
    const at = keys.indexOf('translatedFrom');
    if (at >= 0) items[at]!.value = map;
    else {
      const after = Math.max(keys.indexOf('status'), keys.indexOf('title'), keys.indexOf('subtitle'));
      items.splice(after + 1, 0, doc.createPair('translatedFrom', map) as Pair);
    }
  }
  map.set('lang', stamp.lang);
  map.set('version', stamp.version);
  const sections = doc.createNode(stamp.sections) as YAMLMap;
  map.set('sections', sections);
  return bom + doc.toString({ lineWidth: 0 });
}
