import { createHash } from 'node:crypto';
import { inlineToText } from '../compose/inline.js';
import type { Patient } from '../model/patient.js';
import type { SectionView, ViewModel } from '../model/view.js';
import type { TimelineEntryView } from '../select/timeline.js';
import { zonedToUtc } from '../select/timeline.js';

export interface CalendarOptions {
  patient: Patient;
  /** the clinic's time zone, in which the appointment is written */
  timeZone: string;
  /** DTSTAMP: the render date (SOURCE_DATE_EPOCH, else the leaflet's published date), never the clock */
  date: Date;
}

/**
 * A handout's preparation plan and appointment as an iCalendar file (RFC
 * 5545), so that the patient's phone reminds them: one event per timeline
 * step (all-day, or at its time with a reminder), and the appointment.
 * Times are UTC (no VTIMEZONE needed); the same inputs give the same bytes.
 * It holds health data (when and where the patient is treated): written
 * 0600, named without patient data, like the handout. The patient's name is
 * never in it: a calendar is shared and synced more widely than a PDF.
 * Undefined when there is nothing dated to put in it.
 */
export function calendarOf(view: ViewModel, options: CalendarOptions): string | undefined {
  const a = options.patient.appointment;
  if (!a?.date) return undefined;
  const title = inlineToText(view.title);
  const stamp = utc(options.date.getTime());
  const events: string[][] = [];
  const uid = (parts: string) => `${createHash('sha256').update(`${view.leafletId}\0${view.lang}\0${parts}`).digest('hex').slice(0, 32)}@patient-leaflets`;

  for (const entry of timelineEntries(view.sections)) {
    if (entry.start === null || entry.datetime === null) continue;
    const what = entry.items.map((i) => inlineToText(i));
    const lines = [
      'BEGIN:VEVENT',
      `UID:${uid(`${entry.datetime}\0${what.join('\n')}`)}`,
      `DTSTAMP:${stamp}`,
      ...(entry.timed ? [`DTSTART:${utc(entry.start)}`, 'DURATION:PT15M'] : [`DTSTART;VALUE=DATE:${entry.datetime.slice(0, 10).replace(/-/g, '')}`, `DTEND;VALUE=DATE:${nextDay(entry.datetime.slice(0, 10))}`]),
      `SUMMARY:${text(`${title}: ${what[0] ?? ''}`)}`,
      `DESCRIPTION:${text(what.join('\n'))}`,
      'TRANSP:TRANSPARENT',
    ];
    if (entry.timed) lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(what[0] ?? title)}`, 'TRIGGER:-PT15M', 'END:VALARM');
    lines.push('END:VEVENT');
    events.push(lines);
  }

  const start = a.time ? `DTSTART:${utc(zonedToUtc(a.date, a.time, options.timeZone))}` : `DTSTART;VALUE=DATE:${a.date.replace(/-/g, '')}`;
  const appointment = [
    'BEGIN:VEVENT',
    `UID:${uid(`appointment\0${a.date}\0${a.time ?? ''}`)}`,
    `DTSTAMP:${stamp}`,
    start,
    a.time ? 'DURATION:PT1H' : `DTEND;VALUE=DATE:${nextDay(a.date)}`,
    `SUMMARY:${text(title)}`,
    ...(a.place ? [`LOCATION:${text(a.place)}`] : []),
  ];
  if (a.time) appointment.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${text(title)}`, 'TRIGGER:-PT2H', 'END:VALARM');
  appointment.push('END:VEVENT');
  events.push(appointment);

  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//patient-leaflets//leaflets//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', ...events.flat(), 'END:VCALENDAR'];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function timelineEntries(sections: readonly SectionView[]): TimelineEntryView[] {
  return sections.flatMap((s) => [...s.blocks.flatMap((b) => b.timeline ?? []), ...timelineEntries(s.sections)]);
}

/** 20270301T070000Z */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10).replace(/-/g, '');
}

/** TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped; controls dropped. */
function text(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (§3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}
