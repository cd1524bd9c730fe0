import { describe, expect, it } from 'vitest';
import { addDays, timelineView, zonedToUtc } from '../../src/select/timeline.js';
import type { TimelineEntry } from '../../src/model/content.js';
import type { TemplateStrings } from '../../src/model/template.js';

const at = { file: 'it.yaml', pointer: '/sections/0/blocks/0/timeline/0' };
const entry = (e: Partial<TimelineEntry>): TimelineEntry => ({ days: 0, items: ['x'], at, ...e });
const EN = {
  timeline: {
    daysBefore_one: '{count} day before',
    daysBefore_other: '{count} days before',
    daysAfter_one: '{count} day after',
    daysAfter_other: '{count} days after',
    hoursBefore_one: '{count} hour before',
    hoursBefore_other: '{count} hours before',
    hoursAfter_other: '{count} hours after',
    onTheDay: 'On the day',
    at: 'at {time}',
    by: 'by {time}',
  },
} as unknown as TemplateStrings;
const IT = {
  timeline: {
    daysBefore_one: '{count} giorno prima',
    daysBefore_other: '{count} giorni prima',
    daysAfter_other: '{count} giorni dopo',
    hoursBefore_one: '{count} ora prima',
    hoursBefore_other: '{count} ore prima',
    hoursAfter_other: '{count} ore dopo',
    onTheDay: 'Il giorno stesso',
    at: 'alle {time}',
    by: 'entro le {time}',
  },
} as unknown as TemplateStrings;
const ROME = 'Europe/Rome';

describe('a timeline in a general leaflet says when relative to the appointment', () => {
  it('"7 giorni prima", "1 giorno prima", plural forms from Intl.PluralRules', () => {
    const v = timelineView([entry({ days: -7 }), entry({ days: -1 }), entry({ days: 0, hours: -4 }), entry({ days: 0, hours: -1 }), entry({ days: 0 }), entry({ days: 2 })], { locale: 'it-IT', strings: IT, timeZone: ROME });
    expect(v.map((e) => e.when)).toEqual(['7 giorni prima', '1 giorno prima', '4 ore prima', '1 ora prima', 'Il giorno stesso', '2 giorni dopo']);
    expect(v.every((e) => e.datetime === null && !e.past)).toBe(true);
  });

  it('a clock time is written the language\'s way', () => {
    const v = timelineView([entry({ days: -1, time: '20:00' })], { locale: 'en-GB', strings: EN, timeZone: ROME });
    expect(v[0]!.when).toBe('1 day before, at 20:00');
  });
});

describe('a handout with an appointment shows real dates, computed in the clinic\'s time zone', () => {
  const dated = (entries: TimelineEntry[], date: string, time?: string, locale = 'it-IT', today?: Date) =>
    timelineView(entries, { locale, strings: locale.startsWith('it') ? IT : EN, timeZone: ROME, appointment: { date, time }, today });

  it('"martedì 3 marzo", "entro le 04:30"', () => {
    const v = dated([entry({ days: -7 }), entry({ days: 0, hours: -4 })], '2026-03-03', '08:30');
    expect(v.map((e) => e.when)).toEqual(['martedì 24 febbraio', 'martedì 3 marzo, entro le 04:30']);
    expect(v.map((e) => e.datetime)).toEqual(['2026-02-24', '2026-03-03T04:30']);
  });

  it('across a month end in a leap year and a year end', () => {
    expect(dated([entry({ days: -1 })], '2028-03-01')[0]!.datetime).toBe('2028-02-29');
    expect(dated([entry({ days: -7 })], '2027-01-03')[0]!.when).toBe('domenica 27 dicembre');
    expect(dated([entry({ days: 0, hours: -10 })], '2027-01-01', '06:00')[0]!.datetime).toBe('2026-12-31T20:00');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('hours count real hours across the night the clocks go forward (Europe/Rome, 28 March 2027)', () => {
    // 05:00 CEST is 03:00 UTC; four hours earlier is 23:00 UTC, 00:00 CET: the clock skipped 02:00–03:00
    const v = dated([entry({ days: 0, hours: -4 })], '2027-03-28', '05:00');
    expect(v[0]!.datetime).toBe('2027-03-28T00:00');
    expect(v[0]!.start).toBe(Date.UTC(2027, 2, 27, 23, 0));
  });

  it('and across the night they go back (Europe/Rome, 31 October 2027)', () => {
    // 05:00 CET is 04:00 UTC; four hours earlier is 00:00 UTC, 02:00 CEST (the first 02:00 of the night)
    const v = dated([entry({ days: 0, hours: -4 })], '2027-10-31', '05:00');
    expect(v[0]!.datetime).toBe('2027-10-31T02:00');
    expect(v[0]!.start).toBe(Date.UTC(2027, 9, 31, 0, 0));
  });

  it('a clock time on a DST day is that wall-clock time in Rome', () => {
    expect(zonedToUtc('2027-03-28', '08:00', ROME)).toBe(Date.UTC(2027, 2, 28, 6, 0));
    expect(zonedToUtc('2027-03-27', '08:00', ROME)).toBe(Date.UTC(2027, 2, 27, 7, 0));
    // 02:30 does not exist that night: the moment after the gap, 03:30 CEST
    expect(zonedToUtc('2027-03-28', '02:30', ROME)).toBe(Date.UTC(2027, 2, 28, 1, 30));
  });

  it('moving the appointment moves every entry', () => {
    const a = dated([entry({ days: -3 })], '2026-03-03');
    const b = dated([entry({ days: -3 })], '2026-03-10');
    expect([a[0]!.datetime, b[0]!.datetime]).toEqual(['2026-02-28', '2026-03-07']);
  });

  it('an entry before the day the handout is made is flagged; today\'s is not', () => {
    const today = new Date(Date.UTC(2026, 1, 27, 10, 0));
    const v = dated([entry({ days: -7 }), entry({ days: -4 }), entry({ days: -1 })], '2026-03-03', undefined, 'it-IT', today);
    expect(v.map((e) => e.past)).toEqual([true, false, false]);
  });

  it('English dates for an English leaflet', () => {
    expect(dated([entry({ days: 0, time: '07:30' })], '2026-03-03', '08:30', 'en-GB')[0]!.when).toBe('Tuesday 3 March, at 07:30');
  });
});
