import type { InlineText, TimelineEntry } from '../model/content.js';
import type { SourceRef } from '../model/diagnostic.js';
import type { TemplateStrings } from '../model/template.js';
import { stringAt } from './strings.js';

/** The clinic's time zone when its brand names none. */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** The words a timeline needs from the language pack (plural forms fall back to `_other`). */
export const TIMELINE_KEYS: readonly string[] = [
  'timeline.daysBefore_other',
  'timeline.daysAfter_other',
  'timeline.hoursBefore_other',
  'timeline.hoursAfter_other',
  'timeline.onTheDay',
  'timeline.at',
  'timeline.by',
];

export interface TimelineEntryView {
  /** "7 days before", or in a handout "Tuesday 3 March, by 04:30" */
  when: string;
  /** for <time datetime>: YYYY-MM-DD or YYYY-MM-DDTHH:MM (clinic time), null in a general leaflet */
  datetime: string | null;
  /** in a handout: the step falls before the day the handout is made */
  past: boolean;
  items: InlineText[];
  at: SourceRef;
  /** the real start, for a calendar file: UTC milliseconds, null in a general leaflet */
  start: number | null;
  /** the step has a time of day (hours or a clock time), not just a day */
  timed: boolean;
}

export interface TimelineContext {
  locale: string;
  strings: TemplateStrings;
  timeZone: string;
  /** the patient's appointment, wall-clock in `timeZone` */
  appointment?: { date?: string; time?: string } | null;
  /** the day the handout is made */
  today?: Date;
}

/**
 * A timeline's entries as a reader sees them. In a general leaflet each says
 * when relative to the appointment ("7 giorni prima"), plural forms from
 * Intl.PluralRules and words from the pack. With an appointment date each is
 * a real date, and a time where the entry has one, computed in the clinic's
 * time zone so that "4 hours before" an 05:00 appointment on the day clocks
 * go forward is 00:00, not 01:00.
 */
export function timelineView(entries: readonly TimelineEntry[], ctx: TimelineContext): TimelineEntryView[] {
  const plural = new Intl.PluralRules(ctx.locale);
  const word = (key: string): string => {
    const v = stringAt(ctx.strings, `timeline.${key}`);
    // TIMELINE_KEYS were checked before rendering: a gap here is a bug
    if (v === undefined) throw new Error(`the timeline string 'timeline.${key}' was not checked before rendering`);
    return v;
  };
  const counted = (key: string, n: number) => {
    const form = stringAt(ctx.strings, `timeline.${key}_${plural.select(n)}`) ?? word(`${key}_other`);
    return fill(form, { count: new Intl.NumberFormat(ctx.locale).format(n) });
  };
  const clock = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return new Intl.DateTimeFormat(ctx.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, h, m));
  };
  const relativeDay = (days: number) => (days === 0 ? word('onTheDay') : days < 0 ? counted('daysBefore', -days) : counted('daysAfter', days));
  const relativeHours = (hours: number) => (hours < 0 ? counted('hoursBefore', -hours) : counted('hoursAfter', hours));

  const date = ctx.appointment?.date;
  const time = ctx.appointment?.time;
  const today = ctx.today ? civilDateIn(ctx.today.getTime(), ctx.timeZone) : undefined;
  const dayName = (iso: string) =>
    new Intl.DateTimeFormat(ctx.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

  return entries.map((e) => {
    const base = { items: e.items, at: e.at };
    if (!date) {
      const day = relativeDay(e.days);
      const when =
        e.hours !== undefined ? (e.days === 0 ? relativeHours(e.hours) : `${day}, ${relativeHours(e.hours)}`) : e.time ? `${day}, ${fill(word('at'), { time: clock(e.time) })}` : day;
      return { ...base, when, datetime: null, past: false, start: null, timed: e.hours !== undefined || e.time !== undefined };
    }
    let iso = addDays(date, e.days);
    let when: string;
    let datetime = iso;
    let start: number;
    let timed = false;
    if (e.hours !== undefined && time) {
      // hours are real hours before the appointment: computed on the clock, across midnight and DST changes
      const at = zonedToUtc(addDays(date, e.days), time, ctx.timeZone) + e.hours * 3_600_000;
      const local = wallClockIn(at, ctx.timeZone);
      iso = local.date;
      datetime = `${local.date}T${local.time}`;
      when = `${dayName(iso)}, ${fill(word('by'), { time: clock(local.time) })}`;
      start = at;
      timed = true;
    } else if (e.hours !== undefined) {
      // no appointment time to count from: the day, and the hours as written
      when = `${dayName(iso)}, ${relativeHours(e.hours)}`;
      start = zonedToUtc(iso, '00:00', ctx.timeZone);
    } else if (e.time) {
      datetime = `${iso}T${e.time}`;
      when = `${dayName(iso)}, ${fill(word('at'), { time: clock(e.time) })}`;
      start = zonedToUtc(iso, e.time, ctx.timeZone);
      timed = true;
    } else {
      when = dayName(iso);
      start = zonedToUtc(iso, '00:00', ctx.timeZone);
    }
    return { ...base, when, datetime, past: today !== undefined && iso < today, start, timed };
  });
}

function fill(format: string, values: Record<string, string>): string {
  return format.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

/** YYYY-MM-DD plus whole days, on the civil calendar (month and year ends included). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The date and time a clock in `zone` shows at a UTC instant. */
export function wallClockIn(utc: number, zone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(utc)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function civilDateIn(utc: number, zone: string): string {
  return wallClockIn(utc, zone).date;
}

/**
 * The UTC instant at which a clock in `zone` shows `date` `time`.
 */
export function zonedToUtc(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (t: number) => {
    const w = wallClockIn(t, zone);
    const [wy, wmo, wd] = w.date.split('-').map(Number) as [number, number, number];
    const [wh, wmi] = w.time.split(':').map(Number) as [number, number];
    return Date.UTC(wy, wmo - 1, wd, wh, wmi) - t;
  };
  const a = naive - offsetAt(naive);
  const b = naive - offsetAt(a);
  const shows = (t: number) => {
    const w = wallClockIn(t, zone);
    return w.date === date && w.time === time;
  };
  // a time shown twice (clocks go back): the first; a time never shown (clocks go forward): the moment after the gap
  for (const t of [Math.min(a, b), Math.max(a, b)]) if (shows(t)) return t;
  return Math.max(a, b);
}
