import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, type Diagnostic, type Result, type SourceRef } from '../model/diagnostic.js';
import type {
  Block,
  BrokenLanguage,
  DocumentControl,
  FaqItem,
  LanguageContent,
  Leaflet,
  Section,
  TranslatedFrom,
} from '../model/content.js';
import { CODES } from '../diagnostics/codes.js';
import { closest, didYouMean } from '../diagnostics/suggest.js';
import { readYamlFile } from './yaml.js';
import { checkDates } from './dates.js';
import { checkOnline } from './online.js';
import { validateAgainst } from './schema.js';
import type { SourceMap } from './source-map.js';
import { displayPath, layout, resolveConfined } from './paths.js';

export interface LoadOptions {
  root: string;
  /** for file names in messages */
  cwd: string;
  /**
   * Only these languages' files are read, with the source language's (a
   * translation is checked against it); the others are listed by name in
   * `available` and neither parsed nor checked. A render of one language
   * reads two files, not every translation. Without it, every file is read.
   */
  languages?: readonly string[];
}

/** Ids of the leaflets under the root, sorted. */
export async function listLeafletIds(root: string): Promise<string[]> {
  try {
    const entries = await readdir(layout.leaflets(root), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export function unknownLeaflet(id: string, known: string[]): Diagnostic {
  return {
    code: CODES.UNKNOWN_LEAFLET,
    severity: 'error',
    message: `There is no leaflet '${id}'.${didYouMean(id, known)}${
      known.length ? ` Leaflets: ${known.join(', ')}.` : ' No leaflets were found under data/leaflets/.'
    }`,
    hints: ['Run `leaflets list` to see them, or pass --root to point at your content folder.'],
  };
}

/** Loads one leaflet: its shared file and every language file, all checked. */
export async function loadLeaflet(id: string, options: LoadOptions): Promise<Result<Leaflet>> {
  const dir = layout.leaflet(options.root, id);
  const show = (f: string) => displayPath(f, options.cwd);
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error();
  } catch {
    return { ok: false, diagnostics: [unknownLeaflet(id, await listLeafletIds(options.root))] };
  }

  const diagnostics: Diagnostic[] = [];
  const sharedFile = path.join(dir, 'leaflet.yaml');
  const shared = await readYamlFile(sharedFile, show(sharedFile), dir);
  let document: DocumentControl | undefined;
  let online: string | undefined;
  let source = '';
  let sharedMap: SourceMap | undefined;
  if (!shared.ok) {
    const missing = shared.diagnostics[0]?.code === CODES.FILE_UNREADABLE;
    diagnostics.push(
      ...(missing
        ? [
            {
              code: CODES.LEAFLET_FILE_MISSING,
              severity: 'error' as const,
              message: `The leaflet '${id}' has no leaflet.yaml. Create it with id, source and document (see docs/content.md).`,
              file: show(sharedFile),
            },
          ]
        : shared.diagnostics),
    );
  } else {
    const errors = validateAgainst('leaflet', shared.value.data, shared.value.map);
    diagnostics.push(...errors);
    if (!errors.length) {
      const data = shared.value.data as { id: string; source: string; document: DocumentControl; online?: string };
      sharedMap = shared.value.map;
      document = data.document;
      if (data.online !== undefined) {
        const bad = checkOnline(data.online, { file: shared.value.file, map: shared.value.map, pointer: '/online' });
        diagnostics.push(...bad);
        if (!bad.length) online = data.online;
      }
      source = data.source;
      if (data.id !== id) {
        const p = shared.value.map.locate('/id');
        diagnostics.push({
          code: CODES.ID_MISMATCH,
          severity: 'error',
          message: `The id '${data.id}' does not match the folder name '${id}'. Make them equal.`,
          file: shared.value.file,
          line: p.line,
          column: p.column,
        });
      }
      const badDates = checkDates(
        [
          { pointer: '/document/published', value: data.document.published },
          { pointer: '/document/review', value: data.document.review },
        ],
        shared.value.map,
      );
      diagnostics.push(...badDates);
      if (!badDates.length && data.document.review < data.document.published) {
        const p = shared.value.map.locate('/document/review');
        diagnostics.push({
          code: CODES.INVALID_VALUE,
          severity: 'error',
          message: `The review date ${data.document.review} is before the publication date ${data.document.published}.`,
          file: shared.value.file,
          line: p.line,
          column: p.column,
        });
      }
    }
  }

  const listed = (await readdir(dir))
    .filter((f) => /\.ya?ml$/.test(f) && f !== 'leaflet.yaml')
    .sort();
  const wanted = options.languages && new Set([...options.languages, source]);
  const files = wanted ? listed.filter((f) => wanted.has(f.replace(/\.ya?ml$/, ''))) : listed;
  const languages: LanguageContent[] = [];
  // A translation's problems stay with it (a broken uk.yaml never stops it.yaml); the source's fail the leaflet.
  const perFile = new Map<string, Diagnostic[]>();
  for (const name of files) {
    const file = path.join(dir, name);
    const own: Diagnostic[] = [];
    perFile.set(name, own);
    const parsed = await readYamlFile(file, show(file), dir);
    if (!parsed.ok) {
      own.push(...parsed.diagnostics);
      continue;
    }
    const errors = validateAgainst('language', parsed.value.data, parsed.value.map);
    if (errors.length) {
      own.push(...errors);
      continue;
    }
    const built = await toLanguage(parsed.value.data as RawLanguage, parsed.value.map, dir);
    own.push(...built.diagnostics);
    const expected = name.replace(/\.ya?ml$/, '');
    if (built.value.lang !== expected) {
      const p = parsed.value.map.locate('/lang');
      own.push({
        code: CODES.LANG_MISMATCH,
        severity: 'error',
        message: `The language '${built.value.lang}' does not match the file name '${name}'. Rename the file to ${built.value.lang}.yaml or fix the code.`,
        file: parsed.value.file,
        line: p.line,
        column: p.column,
      });
    }
    languages.push(built.value);
  }

  if (!listed.length)
    diagnostics.push({
      code: CODES.NO_LANGUAGES,
      severity: 'error',
      message: `The leaflet '${id}' has no language files. Add one such as it.yaml (see docs/content.md).`,
      file: show(dir),
    });

  const sourceName = files.find((f) => f.replace(/\.ya?ml$/, '') === source);
  if (source && listed.length && !sourceName && sharedMap) {
    const p = sharedMap.locate('/source');
    diagnostics.push({
      code: CODES.SOURCE_LANG_MISSING,
      severity: 'error',
      message: `The source language '${source}' has no file ${source}.yaml in ${show(dir)}.`,
      file: show(sharedFile),
      line: p.line,
      column: p.column,
    });
  }
  if (sourceName) diagnostics.push(...perFile.get(sourceName)!);
  const sourceLang = sourceName && !hasErrors(perFile.get(sourceName)!) ? languages.find((l) => l.file === show(path.join(dir, sourceName))) : undefined;
  if (sourceLang)
    for (const l of languages) if (l !== sourceLang) perFile.get(path.basename(l.file))?.push(...compareIds(sourceLang, l));
  const broken: BrokenLanguage[] = [];
  for (const name of files) {
    if (name === sourceName) continue;
    const own = perFile.get(name)!;
    if (hasErrors(own)) broken.push({ lang: name.replace(/\.ya?ml$/, ''), file: show(path.join(dir, name)), diagnostics: own });
    else diagnostics.push(...own);
  }
  const usable = languages.filter((l) => !broken.some((b) => b.file === l.file));

  if (hasErrors(diagnostics) || !document || !sharedMap || !sourceLang) return { ok: false, diagnostics: [...diagnostics, ...broken.flatMap((b) => b.diagnostics)] };
  usable.sort((a, b) => (a.lang === source ? -1 : b.lang === source ? 1 : a.lang.localeCompare(b.lang)));
  return {
    ok: true,
    value: {
      id,
      dir,
      file: show(sharedFile),
      source,
      document,
      ...(online !== undefined && { online }),
      languages: usable,
      broken,
      available: [...new Set(listed.map((f) => f.replace(/\.ya?ml$/, '')))].sort((a, b) => (a === source ? -1 : b === source ? 1 : a.localeCompare(b))),
      sourceMap: sharedMap,
    },
    warnings: diagnostics,
  };
}

/** Every language file must have the source's section ids, in the same order. */
function compareIds(source: LanguageContent, other: LanguageContent): Diagnostic[] {
  const ids = (l: LanguageContent) => l.sections.flatMap((s) => [s, ...s.sections]);
  const want = ids(source).map((s) => s.path);
  const have = ids(other);
  const haveIds = have.map((s) => s.path);
  const out: Diagnostic[] = [];
  const missing = want.filter((id) => !haveIds.includes(id));
  const extra = have.filter((s) => !want.includes(s.path));
  const loc = (ref: SourceRef) => {
    const p = other.sourceMap.locate(ref.pointer);
    return { file: other.file, line: p.line, column: p.column };
  };
  if (missing.length)
    out.push({
      code: CODES.MISSING_SECTIONS,
      severity: 'error',
      message: `${other.lang}.yaml lacks section${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that ${source.lang}.yaml has. Add ${missing.length > 1 ? 'them' : 'it'} with the same id${missing.length > 1 ? 's' : ''}.`,
      ...loc({ file: other.file, pointer: '/sections' }),
    });
  for (const s of extra) {
    const guess = closest(s.path, missing);
    out.push({
      code: CODES.EXTRA_SECTIONS,
      severity: 'error',
      message: `Section '${s.path}' does not exist in ${source.lang}.yaml (the source language).${guess ? ` Did you mean '${guess}'?` : ' Remove it or add it to the source first.'}`,
      ...loc(s.at),
    });
  }
  if (!missing.length && !extra.length) {
    const i = want.findIndex((id, k) => haveIds[k] !== id);
    if (i >= 0)
      out.push({
        code: CODES.SECTION_ORDER,
        severity: 'error',
        message: `Sections are in a different order from ${source.lang}.yaml: expected '${want[i]}' here, found '${haveIds[i]}'. Keep the source's order.`,
        ...loc(have[i]!.at),
      });
  }
  return out;
}

/** Every row has a cell for each header cell, and widths (if any) one for each column. */
function checkTable(t: { head: string[]; rows: string[][]; widths?: number[] }, pointer: string, map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const columns = t.head.length;
  t.rows.forEach((row, r) => {
    if (row.length === columns) return;
    const p = map.locate(`${pointer}/table/rows/${r}`);
    out.push({
      code: CODES.TABLE_ROW_CELLS,
      severity: 'error',
      message: `Row ${r + 1} of this table has ${row.length} cell${row.length === 1 ? '' : 's'}, but the header row has ${columns}. Give every row one cell a column (an empty cell is "—").`,
      file: map.file,
      line: p.line,
      column: p.column,
    });
  });
  if (t.widths && t.widths.length !== columns) {
    const p = map.locate(`${pointer}/table/widths`);
    out.push({
      code: CODES.TABLE_WIDTHS,
      severity: 'error',
      message: `This table has ${columns} column${columns === 1 ? '' : 's'} but ${t.widths.length} width${t.widths.length === 1 ? '' : 's'}. Give one width a column, or leave widths out.`,
      file: map.file,
      line: p.line,
      column: p.column,
    });
  }
  return out;
}

/**
 * An entry's time is either hours from the appointment time or a clock
 * time, never both; hours reach across midnight on their own, so they sit on
 * the appointment's day (days: 0). Entries run from the earliest on: a plan
 * read out of order is the mistake the timeline exists to prevent.
 */
function checkTimeline(entries: { days: number; hours?: number; time?: string; at: SourceRef }[], map: SourceMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (pointer: string) => {
    const p = map.locate(pointer);
    return { file: map.file, line: p.line, column: p.column };
  };
  let previous = -Infinity;
  for (const e of entries) {
    if (e.hours !== undefined && e.time !== undefined)
      out.push({ code: CODES.TIMELINE_TIME, severity: 'error', message: 'A timeline entry has hours (relative to the appointment time) and a clock time. Keep one of them.', ...at(`${e.at.pointer}/time`) });
    else if (e.hours !== undefined && e.days !== 0)
      out.push({
        code: CODES.TIMELINE_TIME,
        severity: 'error',
        message: `Hours count from the appointment time, so they go with days: 0 (this entry has days: ${e.days}). Write days: 0 and hours: ${e.days * 24 + e.hours}, or use a clock time (time: "HH:MM").`,
        ...at(`${e.at.pointer}/hours`),
      });
    // days in order; on one day, clock times in order (hours depend on the appointment time, unknown here)
    const when = e.days * 24 * 60 + (e.time ? Number(e.time.slice(0, 2)) * 60 + Number(e.time.slice(3)) : 0);
    if (when < previous)
      out.push({ code: CODES.TIMELINE_ORDER, severity: 'error', message: 'This timeline entry comes before the one above it. Put the entries in time order, earliest first.', ...at(`${e.at.pointer}/days`) });
    previous = Math.max(previous, when);
  }
  return out;
}

interface RawBlock {
  [kind: string]: unknown;
}
interface RawSection {
  id: string;
  title: string;
  blocks?: RawBlock[];
  sections?: RawSection[];
}
interface RawLanguage {
  lang: string;
  status: 'approved' | 'draft';
  title: string;
  subtitle?: string;
  summary?: string[];
  translatedFrom?: TranslatedFrom;
  sections: RawSection[];
}

async function toLanguage(
  raw: RawLanguage,
  map: SourceMap,
  dir: string,
): Promise<{ value: LanguageContent; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const file = map.file;
  const ref = (pointer: string): SourceRef => ({ file, pointer });
  const fileDir = dir;

  const convertBlocks = async (blocks: RawBlock[] | undefined, pointer: string): Promise<Block[]> => {
    const out: Block[] = [];
    for (const [i, b] of (blocks ?? []).entries()) {
      const at = ref(`${pointer}/${i}`);
      const [kind, value] = Object.entries(b)[0]!;
      switch (kind) {
        case 'text':
        case 'tip':
        case 'warning':
          out.push({ kind, text: value as string, at });
          break;
        case 'list':
        case 'steps':
          out.push({ kind, items: value as string[], at });
          break;
        case 'faq':
          out.push({
            kind,
            items: (value as Omit<FaqItem, 'at'>[]).map((f, k) => ({ ...f, at: ref(`${at.pointer}/faq/${k}`) })),
            at,
          });
          break;
        case 'points':
          out.push({
            kind,
            items: (value as { label: string; text: string }[]).map((p, k) => ({
              ...p,
              at: ref(`${at.pointer}/points/${k}`),
            })),
            at,
          });
          break;
        case 'figure': {
          const f = value as { src: string; alt: string; caption?: string; width?: number; side?: 'start' | 'end' };
          const resolved = await resolveConfined(fileDir, fileDir, f.src);
          const p = map.locate(`${at.pointer}/figure/src`);
          if (!resolved.ok)
            diagnostics.push({
              code: resolved.reason === 'missing' ? CODES.FIGURE_MISSING : CODES.FIGURE_OUTSIDE,
              severity: 'error',
              message:
                resolved.reason === 'missing'
                  ? `The image '${f.src}' does not exist. Check the path; it is relative to ${path.basename(file)}.`
                  : `The image '${f.src}' is outside the leaflet's folder. Copy it into the folder and use a relative path.`,
              file,
              line: p.line,
              column: p.column,
            });
          out.push({
            kind,
            src: f.src,
            path: resolved.ok ? resolved.path : '',
            folder: fileDir,
            srcAt: { line: p.line, column: p.column },
            alt: f.alt,
            caption: f.caption,
            ...(f.width !== undefined && { width: f.width }),
            ...(f.side !== undefined && { side: f.side }),
            at,
          });
          break;
        }
        case 'table': {
          const t = value as { caption?: string; head: string[]; rows: string[][]; widths?: number[] };
          diagnostics.push(...checkTable(t, at.pointer, map));
          out.push({ kind, ...(t.caption !== undefined && { caption: t.caption }), head: t.head, rows: t.rows, ...(t.widths && { widths: t.widths }), at });
          break;
        }
        case 'checklist':
          out.push({ kind, items: value as string[], at });
          break;
        case 'urgent': {
          const u = value as { text?: string; items: string[] };
          out.push({ kind, items: u.items, ...(u.text !== undefined && { text: u.text }), at });
          break;
        }
        case 'terms':
          out.push({
            kind,
            items: (value as { term: string; definition: string }[]).map((t, k) => ({ term: t.term, definition: t.definition, at: ref(`${at.pointer}/terms/${k}`) })),
            at,
          });
          break;
        case 'notes':
          out.push({ kind, lines: value as number, at });
          break;
        case 'timeline': {
          const entries = (value as { days: number; hours?: number; time?: string; items: string[] }[]).map((e, k) => ({
            days: e.days,
            ...(e.hours !== undefined && { hours: e.hours }),
            ...(e.time !== undefined && { time: e.time }),
            items: e.items,
            at: ref(`${at.pointer}/timeline/${k}`),
          }));
          diagnostics.push(...checkTimeline(entries, map));
          out.push({ kind, entries, at });
          break;
        }
      }
    }
    return out;
  };

  const convertSections = async (sections: RawSection[], pointer: string, parent?: string): Promise<Section[]> => {
    const out: Section[] = [];
    const seen = new Set<string>();
    for (const [i, s] of sections.entries()) {
      const p = `${pointer}/${i}`;
      if (seen.has(s.id)) {
        const pos = map.locate(`${p}/id`);
        diagnostics.push({
          code: CODES.DUPLICATE_SECTION,
          severity: 'error',
          message: `The section id '${s.id}' is used twice${parent ? ` in '${parent}'` : ''}. Section ids must be unique.`,
          file,
          line: pos.line,
          column: pos.column,
        });
      }
      seen.add(s.id);
      const full = parent ? `${parent}.${s.id}` : s.id;
      out.push({
        id: s.id,
        path: full,
        title: s.title,
        blocks: await convertBlocks(s.blocks, `${p}/blocks`),
        sections: s.sections ? await convertSections(s.sections, `${p}/sections`, full) : [],
        at: ref(p),
      });
    }
    return out;
  };

  const value: LanguageContent = {
    lang: raw.lang,
    status: raw.status,
    title: raw.title,
    subtitle: raw.subtitle,
    summary: raw.summary ?? [],
    sections: await convertSections(raw.sections, '/sections'),
    translatedFrom: raw.translatedFrom,
    file,
    sourceMap: map,
  };
  return { value, diagnostics };
}
