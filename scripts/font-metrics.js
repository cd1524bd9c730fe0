#!/usr/bin/env node
// Font metrics of the bundled body faces, computed at build time into
// dist/font-metrics.json, so that measuring and drawing Latin, Greek and
// Cyrillic text needs no OpenType engine at run time (src/write/font-metrics.ts).
// Shaping a word with fontkit — picking a script, planning features,
// running the GSUB and GPOS lookups — was the largest part of a cold render.
//
// For each face named as a body face by a bundled template's theme, and
// for every character of the alphabetic and symbol blocks below that the face draws as one glyph
// of its own advance (no substitution, no mark, no offset: checked by
// laying the character out alone with the features the writer uses), the
// table holds its glyph id, advance and script, and the kerning fontkit
// applies between two such characters: the pair adjustments (GPOS lookup
// type 2) of the `kern` feature of the script fontkit selects, flattened
// into a matrix of row classes × column classes. A face whose kerning is
// anything else (other lookup types, lookup flags, placements, a script
// kerned from the legacy `kern` table) gets no table for that script, and
// the writer falls back to fontkit. tests/pdf/font-metrics.property.test.ts
// checks the table against fontkit's own layout on random strings.
// Runs after tsc in `npm run build`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fontkit from 'fontkit';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
// the copy fontkit itself uses
const unicodeProperties = createRequire(require.resolve('fontkit'))('unicode-properties');
const { SHAPING } = await import(pathToFileURL(path.join(root, 'dist/write/pdf/fonts.js')).href);
const { fontKey, METRICS_VERSION } = await import(pathToFileURL(path.join(root, 'dist/write/font-metrics.js')).href);
const { scriptOf } = await import(pathToFileURL(path.join(root, 'dist/write/pdf/scripts.js')).href);
const { spaceIsInert } = await import(pathToFileURL(path.join(root, 'dist/write/pdf/trailing-space.js')).href);

/** Body faces (or, with `scripts`, the script faces and fallbacks) of every bundled template, resolved as the theme loader resolves package paths. */
function bodyFaces(scripts = false) {
  const files = new Set();
  const templates = path.join(root, 'templates');
  for (const t of readdirSync(templates, { withFileTypes: true })) {
    if (!t.isDirectory()) continue;
    let theme;
    try {
      theme = parse(readFileSync(path.join(templates, t.name, 'theme.yaml'), 'utf8'));
    } catch {
      continue;
    }
    const named = scripts
      ? [...Object.values(theme?.fonts?.scripts ?? {}).flatMap((s) => [s?.regular, s?.bold]), ...(theme?.fonts?.fallback ?? [])].filter(Boolean)
      : Object.values(theme?.fonts?.body ?? {});
    for (const f of named) {
      try {
        files.add(require.resolve(f));
      } catch {
        // a font package whose `exports` names only its JavaScript still ships its files (as template.ts finds them)
        const inPackage = path.join(root, 'node_modules', f);
        if (scripts && !f.startsWith('.') && existsSync(inPackage)) files.add(inPackage);
        // else a face in the template's own folder: measured at run time
      }
    }
  }
  return [...files].sort();
}

/** fontkit's default-ignorable test (LayoutEngine.isDefaultIgnorable) for the BMP range we look at. */
const ignorable = (c) => c === 0xad || c === 0x34f || c === 0x61c || (c >= 0x17b4 && c <= 0x17b5) || (c >= 0x180b && c <= 0x180e) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f);

/**
 * Latin, IPA, Greek, Cyrillic and Armenian; phonetic extensions, Latin and
 * Greek extended; punctuation, symbols, arrows, circled digits, dingbats;
 * Latin Extended-C, Coptic, Cyrillic Extended-A, supplemental punctuation.
 */
const RANGES = [
  [0x0020, 0x058f],
  [0x1d00, 0x1fff],
  [0x2000, 0x2bff],
  [0x2c60, 0x2e7f],
];
const inRanges = (c) => RANGES.some(([a, b]) => c >= a && c <= b);

function metricsOf(file) {
  const bytes = readFileSync(file);
  const font = fontkit.create(bytes);
  // the writer's features, as a render leaves them after its first layout (fontkit writes into the object)
  const features = SHAPING;
  font.layout('Ab', features);
  const unknown = font.layout(' ', features).script;
  const chars = [];
  for (let c = 0x20; c <= 0x2e7f; c++) {
    // marks: fontkit zeroes their advance after kerning, whatever the pair tables say
    if (!inRanges(c) || ignorable(c) || scriptOf(c) !== null || c === 0x2044 || /\p{M}/u.test(String.fromCharCode(c))) continue;
    if (!font.hasGlyphForCodePoint(c)) continue;
    const run = font.layout(String.fromCharCode(c), features);
    // one glyph, laid out left to right (a right-to-left script's piece is reversed by fontkit)
    if (run.glyphs.length !== 1 || run.direction !== 'ltr') continue;
    const g = run.glyphs[0];
    const p = run.positions[0];
    if (g.id !== font.glyphForCodePoint(c).id || p.xAdvance !== g.advanceWidth || p.yAdvance || p.xOffset || p.yOffset) continue;
    // the writer makes these glyphs without fontkit's mark look-up (glyphOf in src/write/font-metrics.ts)
    if (unicodeProperties.isMark(c)) throw new Error(`font metrics: U+${c.toString(16)} is a mark to fontkit but not to \\p{M}; exclude it`);
    chars.push({ c, gid: g.id, adv: g.advanceWidth, script: run.script });
  }
  const gpos = font._layoutEngine.engine?.GPOSProcessor;
  const tags = [...new Set(chars.map((x) => x.script).filter((s) => s !== unknown))].sort();
  /** kerning lookups per script tag, or null: that script is not laid out from the table */
  const lookupsOf = (tag) => {
    if (!gpos) return font.kern ? null : [];
    gpos.selectScript(tag, null, 'ltr');
    const kern = gpos.features.kern;
    if (!kern) return font.kern ? null : [];
    const indexes = [...kern.lookupListIndexes].sort((a, b) => a - b);
    const lookups = indexes.map((i) => gpos.table.lookupList.get(i));
    lookups.key = indexes.join(',');
    for (const l of lookups) {
      const f = l.flags.flags;
      if (l.lookupType !== 2 || f.ignoreMarks || f.ignoreLigatures || f.ignoreBaseGlyphs || f.useMarkFilteringSet || l.flags.markAttachmentType) return null;
      for (const st of l.subTables) {
        const v1 = st.valueFormat1;
        const v2 = st.valueFormat2;
        if (v1.xPlacement || v1.yPlacement || v1.yAdvance || v1.xPlaDevice || v1.yPlaDevice || v1.xAdvDevice || v1.yAdvDevice) return null;
        if (Object.values(v2).some(Boolean)) return null;
      }
    }
    return lookups;
  };
  /** fontkit's GPOSProcessor, lookup type 2, for one pair: the first subtable that applies, per lookup */
  const kernOf = (lookups, a, b) => {
    let k = 0;
    for (const l of lookups)
      for (const st of l.subTables) {
        const ci = gpos.coverageIndex(st.coverage, a);
        if (ci === -1) continue;
        if (st.version === 1) {
          const pair = st.pairSets.get(ci).find((p) => p.secondGlyph === b);
          if (!pair) continue;
          k += pair.value1.xAdvance ?? 0;
          break;
        }
        const c1 = gpos.getClassID(a, st.classDef1);
        const c2 = gpos.getClassID(b, st.classDef2);
        if (c1 === -1 || c2 === -1) continue;
        k += st.classRecords.get(c1).get(c2).value1.xAdvance ?? 0;
        break;
      }
    return k;
  };
  // scripts whose pieces the table lays out, and which kerning each uses
  const variants = [];
  const variantOfTag = {};
  for (const tag of [unknown, ...tags]) {
    const lookups = lookupsOf(tag);
    if (lookups === null) continue;
    const key = lookups.key ?? '';
    let v = variants.findIndex((x) => x.key === key);
    if (v < 0) v = variants.push({ key, lookups }) - 1;
    variantOfTag[tag] = v;
  }
  // a character's kerning behaviour: how each subtable of each variant sees it as first and as second glyph
  const signature = (gid, first) =>
    variants
      .flatMap((v) =>
        v.lookups.flatMap((l) =>
          l.subTables.map((st) => {
            const ci = gpos.coverageIndex(st.coverage, gid);
            if (st.version === 1) return first ? ci : st.pairSets.toArray().some((set) => set.some((p) => p.secondGlyph === gid)) ? gid : -1;
            return first ? (ci === -1 ? -1 : gpos.getClassID(gid, st.classDef1)) : gpos.getClassID(gid, st.classDef2);
          }),
        ),
      )
      .join(',');
  const rowOf = new Map();
  const colOf = new Map();
  const rowRep = [];
  const colRep = [];
  const row = [];
  const col = [];
  for (const x of chars) {
    const r = signature(x.gid, true);
    if (!rowOf.has(r)) rowOf.set(r, rowRep.push(x.gid) - 1);
    const s = signature(x.gid, false);
    if (!colOf.has(s)) colOf.set(s, colRep.push(x.gid) - 1);
    row.push(rowOf.get(r));
    col.push(colOf.get(s));
  }
  const kern = variants.map((v) => rowRep.flatMap((a) => colRep.map((b) => kernOf(v.lookups, a, b))));
  return {
    key: fontKey(bytes),
    value: {
      file: path.basename(file),
      unitsPerEm: font.unitsPerEm,
      chars: String.fromCharCode(...chars.map((x) => x.c)),
      gid: chars.map((x) => x.gid),
      adv: chars.map((x) => x.adv),
      // index into `tags`, -1: a character of no script (digits, spaces, punctuation)
      script: chars.map((x) => tags.indexOf(x.script)),
      tags,
      unknown,
      variantOfTag,
      row,
      col,
      cols: colRep.length,
      kern,
    },
  };
}

const out = { version: METRICS_VERSION, fonts: {} };
for (const file of bodyFaces()) {
  const { key, value } = metricsOf(file);
  out.fonts[key] = value;
}
// the faces whose tables prove a trailing space changes no shaping (trailing-space.ts), so that a
// render need not read every lookup of a Devanagari or Bengali face to know it (about 50 ms a face)
out.inertSpace = [];
for (const file of [...bodyFaces(), ...bodyFaces(true)]) {
  const bytes = readFileSync(file);
  if (spaceIsInert(fontkit.create(bytes))) out.inertSpace.push(fontKey(bytes));
}
writeFileSync(path.join(root, 'dist/font-metrics.json'), JSON.stringify(out));
