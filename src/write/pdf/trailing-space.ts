import type * as fontkit from 'fontkit';

/**
 * Whether a trailing space can change nothing in how fontkit shapes the
 * text before it, in this font: then "word" shapes exactly as "word " does
 * without its last glyph, and the line breaker's measure of a word without
 * its space (most of a Hindi render's shaping calls, each a full run of the
 * Indic shaper) comes from the run already shaped with it.
 *
 * Proven from the font's tables, for every lookup of GSUB and GPOS (not only
 * the features a run uses): the space glyph is in no coverage, no ligature
 * component or glyph sequence, no class a context rule reads in its input or
 * lookahead, and pairs it closes move nothing. A space that no lookup
 * matches is, to every lookup, what the end of the text is. Fonts with a
 * legacy `kern` or AAT `morx` table, or without GSUB and GPOS, are not
 * analysed (answer: false). An unknown lookup type answers false.
 */
export function spaceIsInert(font: fontkit.Font): boolean {
  const f = font as unknown as Tables;
  if (f.kern || f.morx || !f.GSUB || !f.GPOS) return false;
  const space = spaceGlyph(font);
  if (!space) return false;
  try {
    return inertIn(f.GSUB, space, SUBSTITUTION) && inertIn(f.GPOS, space, POSITIONING);
  } catch {
    // a table fontkit cannot decode: no proof
    return false;
  }
}

/** The space's own glyph at the end of `run` (a run shaped from text ending in one space), or false. */
export function endsInSpaceGlyph(font: fontkit.Font, run: fontkit.GlyphRun): boolean {
  const last = run.glyphs[run.glyphs.length - 1] as unknown as { id: number; codePoints: number[] } | undefined;
  return !!last && last.id === spaceGlyph(font) && last.codePoints.length === 1 && last.codePoints[0] === 32;
}

/** The glyph id fontkit's cmap gives U+0020 (0 when the font has none). */
const spaceGlyph = (font: fontkit.Font): number => (font as unknown as { glyphForCodePoint(c: number): { id: number } }).glyphForCodePoint(32).id;

interface Tables {
  kern?: unknown;
  morx?: unknown;
  GSUB?: Layout;
  GPOS?: Layout;
}
interface Layout {
  lookupList: Many<{ lookupType: number; subTables: Many<Sub> }>;
}
/** a restructure array or lazy array */
type Many<T> = T[] | { toArray(): T[] };
// fontkit's decoded subtables: loosely typed, read field by field
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Sub = any;

const all = <T>(m: Many<T> | null | undefined): T[] => (m == null ? [] : Array.isArray(m) ? m : m.toArray());

const SUBSTITUTION = { context: 5, chaining: 6, extension: 7 };
const POSITIONING = { context: 7, chaining: 8, extension: 9 };

function inertIn(table: Layout, space: number, kinds: typeof SUBSTITUTION): boolean {
  const positioning = kinds === POSITIONING;
  for (const lookup of all(table.lookupList))
    for (const sub of all(lookup.subTables)) if (!inertSub(lookup.lookupType, sub, space, kinds, positioning)) return false;
  return true;
}

function inertSub(type: number, t: Sub, space: number, kinds: typeof SUBSTITUTION, positioning: boolean): boolean {
  if (!t) return true;
  if (type === kinds.extension) return inertSub(t.lookupType, t.extension, space, kinds, positioning);
  if (type === kinds.context) return inertContext(t, space);
  if (type === kinds.chaining) return inertChaining(t, space);
  if (!positioning)
    switch (type) {
      case 1:
      case 2:
      case 3:
        return !covers(t.coverage, space);
      case 4:
        return !covers(t.coverage, space) && all(t.ligatureSets).every((set: Sub) => all(set).every((l: Sub) => !all(l.components).includes(space)));
      case 8:
        return !covers(t.coverage, space) && !all(t.backtrackCoverage).some((c: Sub) => covers(c, space)) && !all(t.lookaheadCoverage).some((c: Sub) => covers(c, space));
      default:
        return false;
    }
  switch (type) {
    case 1:
    case 3:
      return !covers(t.coverage, space);
    case 2:
      if (covers(t.coverage, space)) return false;
      if (t.version === 1) return all(t.pairSets).every((set: Sub) => all(set).every((p: Sub) => p.secondGlyph !== space));
      if (t.version === 2) {
        // the pair (last letter, space) matches and stops the lookup there, as the end of the text would: it must move nothing
        const c2 = classOf(t.classDef2, space);
        return all(t.classRecords).every((row: Sub) => {
          const pair: Sub = all(row as Many<Sub>)[c2];
          return !pair || (still(pair.value1) && still(pair.value2));
        });
      }
      return false;
    case 4:
    case 5:
    case 6:
      return ![t.markCoverage, t.baseCoverage, t.ligatureCoverage, t.mark1Coverage, t.mark2Coverage].some((c) => c && covers(c, space));
    default:
      return false;
  }
}

function inertContext(t: Sub, space: number): boolean {
  switch (t.version) {
    case 1:
      return !covers(t.coverage, space) && all(t.ruleSets).every((set: Sub) => all(set).every((r: Sub) => !all(r.input).includes(space)));
    case 2: {
      if (covers(t.coverage, space)) return false;
      const c = classOf(t.classDef, space);
      return all(t.classSet).every((set: Sub) => all(set).every((r: Sub) => !all(r.classes).includes(c)));
    }
    case 3:
      return !all(t.coverages).some((c: Sub) => covers(c, space));
    default:
      return false;
  }
}

/** Backtrack sequences read only glyphs before the current one: a trailing space is never among them. */
function inertChaining(t: Sub, space: number): boolean {
  switch (t.version) {
    case 1:
      return !covers(t.coverage, space) && all(t.chainRuleSets).every((set: Sub) => all(set).every((r: Sub) => !all(r.input).includes(space) && !all(r.lookahead).includes(space)));
    case 2: {
      if (covers(t.coverage, space)) return false;
      const input = classOf(t.inputClassDef, space);
      const ahead = classOf(t.lookaheadClassDef, space);
      return all(t.chainClassSet).every((set: Sub) => all(set).every((r: Sub) => !all(r.input).includes(input) && !all(r.lookahead).includes(ahead)));
    }
    case 3:
      return ![...all(t.inputCoverage), ...all(t.lookaheadCoverage)].some((c: Sub) => covers(c, space));
    default:
      return false;
  }
}

function covers(coverage: Sub, glyph: number): boolean {
  if (!coverage) return false;
  if (coverage.version === 1) return all(coverage.glyphs).includes(glyph);
  if (coverage.version === 2) return all(coverage.rangeRecords).some((r: Sub) => r.start <= glyph && glyph <= r.end);
  // an unknown format: assume the worst
  return true;
}

/** The class fontkit's getClassID gives the glyph (0 when unlisted). */
function classOf(classDef: Sub, glyph: number): number {
  if (!classDef) return 0;
  if (classDef.version === 1) {
    const i = glyph - classDef.startGlyph;
    const values = all(classDef.classValueArray) as number[];
    return i >= 0 && i < values.length ? values[i]! : 0;
  }
  if (classDef.version === 2) for (const r of all(classDef.classRangeRecord) as Sub[]) if (r.start <= glyph && glyph <= r.end) return r.class;
  return 0;
}

/** A value record that moves nothing: every field absent or zero. */
function still(value: Sub): boolean {
  if (!value) return true;
  return Object.values(value).every((v) => v == null || v === 0);
}
