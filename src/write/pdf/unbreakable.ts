/**
 * Pieces of information a reader takes in at one glance, which a line must
 * never cut: "ore / 08:30", "+39 000 000 / 0000", "piano / 2" and a URL cut
 * right after "https://" were all printed before. The Unicode line breaking
 * algorithm allows a break at every space (and after a slash or a dash), so
 * the breaker asks here which stretches to hold together.
 *
 * Held together: dates ("3 marzo 2026", "March 3, 2026", "12/05/2027"),
 * times with the word before them ("ore 08:30", "at 8.30"), phone numbers
 * ("+39 02 1234 5678"), a number with its unit or range ("5 mg", "70–80 %",
 * "48 hours"), a place word with its number ("piano 2", "room 12"), and a
 * URL's scheme and host ("https://www.example.org"; its path may break).
 * A held piece wider than the line still breaks between characters: it
 * never runs into the margin.
 */

const MONTHS = [
  // it, en, de, fr, es: the languages the bundled templates and lint know
  'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre',
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  'januar|februar|märz|mai|juni|juli|oktober|dezember',
  'janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre',
  'enero|febrero|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre',
].join('|');

const UNITS = [
  '%', '‰', '°C', '°F', '°', 'mmHg', 'mcg', 'µg', 'μg', 'mg', 'kg', 'g', 'ml', 'mL', 'dl', 'l', 'L', 'mm', 'cm', 'km', 'm',
  'UI', 'IU', 'h', 'min', 'sec', 's',
  'ore', 'ora', 'minuti', 'minuto', 'secondi', 'giorni', 'giorno', 'settimane', 'settimana', 'mesi', 'mese', 'anni', 'anno', 'volte', 'gocce', 'compresse', 'compressa',
  'hours', 'hour', 'minutes', 'minute', 'seconds', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'times', 'drops', 'tablets', 'tablet',
]
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const PLACES = 'piano|stanza|sala|letto|ambulatorio|padiglione|edificio|scala|floor|room|bed|ward|building|level|n\\.|nr\\.|no\\.|pag\\.|p\\.';
const TIME_WORDS = 'ore|alle|dalle|entro le|at|by|from|um|ab|à|a las|h';

const NUM = '\\d+(?:[.,]\\d+)?';
const END = '(?![\\p{L}\\p{N}])';
const PATTERNS: RegExp[] = [
  // a URL's scheme and host
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+/giu,
  // 3 marzo 2026, 3 March 2026, 1er mars 2026
  new RegExp(`\\b\\d{1,2}(?:er|st|nd|rd|th|\\.)?\\s+(?:${MONTHS})\\.?\\s+\\d{4}${END}`, 'giu'),
  // March 3, 2026
  new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}${END}`, 'giu'),
  // 12/05/2027, 12.05.2027, 2026-03-03
  /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/gu,
  // ore 08:30, at 8.30, 08:30
  new RegExp(`(?:\\b(?:${TIME_WORDS})\\s+)?\\b\\d{1,2}[:.]\\d{2}${END}`, 'giu'),
  // a number (or a range of numbers) with its unit
  new RegExp(`\\b${NUM}(?:\\s?[–-]\\s?${NUM})?\\s?(?:${UNITS})${END}`, 'gu'),
  // piano 2, room 12B
  new RegExp(`\\b(?:${PLACES})\\s+\\p{N}[\\p{L}\\p{N}]*`, 'giu'),
];
/**
 * +39 000 000 0000, 02 1234 5678, 333 123 4567, (555) 123-4567: digit
 * groups joined by single spaces or hyphens, starting with +, ( or 0 — or a
 * mobile's 3 — so that "2026 24" (a year and the day after it) is not one.
 */
const PHONE = /(?:\+\d{1,3}|\(\d{1,5}\)|\b0\d{0,4}|\b3\d{2})(?:[\s\u00A0-]\d{2,5}){1,5}(?!\d)/gu;

/** Stretches [start, end) of `text` no line may break inside, sorted and merged. */
export function unbreakableRanges(text: string): [number, number][] {
  if (!/\d|:\/\//.test(text)) return [];
  const found: [number, number][] = [];
  for (const re of PATTERNS) for (const m of text.matchAll(re)) found.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(PHONE)) {
    const digits = (m[0].match(/\d/g) ?? []).length;
    if (digits >= 6) found.push([m.index, m.index + m[0].length]);
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** Whether a break at `position` would fall inside one of `ranges` (sorted, as unbreakableRanges returns them). */
export function insideRange(ranges: readonly [number, number][], position: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid]!;
    if (position <= s) hi = mid - 1;
    else if (position >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Extra places a URL may break: after each slash of its path, as printed
 * addresses are broken. The Unicode algorithm offers none inside
 * "example.org/leaflets/periduroscopia", so a long address was cut between
 * any two characters — inside its host too.
 */
export function urlPathBreaks(text: string): number[] {
  if (!text.includes('://')) return [];
  const out: number[] = [];
  for (const m of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+(\/[^\s]*)/giu)) {
    const path = m[1]!;
    const from = m.index + m[0].length - path.length;
    for (let k = 0; k < path.length - 1; k++) if (path[k] === '/') out.push(from + k + 1);
  }
  return out;
}
