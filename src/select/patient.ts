import type { Patient } from '../model/patient.js';
import type { TemplateStrings } from '../model/template.js';
import type { PatientField, PatientView } from '../model/view.js';
import { stringAt } from './strings.js';

/**
 * The strings the patient box rows need, besides those the template reads
 * itself: every one must be in the pack before anything renders, so no row
 * ("Companion: Yes, …") can ever drop out for want of a label.
 */
export const PATIENT_ROW_KEYS: readonly string[] = [
  'name', 'identifier', 'date', 'time', 'arrival', 'place', 'fasting', 'medication', 'companion', 'doctor', 'phone',
  'dateTime', 'arrivalAt', 'stop', 'continue', 'from', 'companionYes', 'companionNo',
].map((k) => `patient.${k}`);

/**
 * The patient box's rows: labels from the language pack, dates and times
 * written the way the leaflet's language writes them (Intl), e.g.
 * "martedì 3 marzo 2026, ore 08:30". The patient's free text carries its own
 * language (`lang` in the patient file) when that is not the leaflet's.
 */
export function patientView(p: Patient, lang: string, pack: { strings: TemplateStrings; locale: string }): PatientView {
  const clean = (v: string | undefined) => (v === undefined ? undefined : cleanText(v));
  const s = (key: string): string => {
    const v = stringAt(pack.strings, `patient.${key}`);
    // missingStrings() refused the pack before this point: a gap here is a bug, never a silent blank
    if (v === undefined) throw new Error(`the patient box string 'patient.${key}' was not checked before rendering`);
    return v;
  };
  const textLang = p.lang && p.lang !== lang ? p.lang : null;
  const fill = (format: string, values: Record<string, string>) => format.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  const date = (iso: string, weekday: boolean) =>
    new Intl.DateTimeFormat(pack.locale, {
      weekday: weekday ? 'long' : undefined,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
  const fields: PatientField[] = [];
  const add = (label: string, value: string | undefined, own = false, note: PatientField['note'] = null) => {
    const v = clean(value);
    if (v) fields.push({ label, value: v, lang: own ? textLang : null, note });
  };
  add(s('name'), p.name);
  add(s('identifier'), p.identifier);
  const a = p.appointment ?? {};
  if (a.date && a.time) add(s('date'), fill(s('dateTime'), { date: date(a.date, true), time: a.time }));
  else if (a.date) add(s('date'), date(a.date, true));
  else add(s('time'), a.time);
  add(s('arrival'), a.arrival ? fill(s('arrivalAt'), { time: a.arrival }) : undefined);
  add(s('place'), a.place, true);
  add(s('fasting'), p.fasting, true);
  for (const m of p.medication ?? []) {
    const action = m.action === 'stop' ? s('stop') : s('continue');
    const from = m.from ? ` ${fill(s('from'), { date: date(m.from, false) })}` : '';
    const note = clean(m.note);
    // a note in another language stands apart so it can carry that language; otherwise it reads on in brackets
    if (note && textLang) add(s('medication'), `${m.name}: ${action}${from}`, false, { text: note, lang: textLang });
    else add(s('medication'), `${m.name}: ${action}${from}${m.note ? ` (${m.note})` : ''}`);
  }
  if (p.companion !== undefined) add(s('companion'), p.companion ? s('companionYes') : s('companionNo'));
  add(s('doctor'), p.doctor?.name);
  add(s('phone'), p.doctor?.phone);
  const note = clean(p.note) || null;
  return { fields, note, noteLang: note ? textLang : null };
}

/**
 * An appointment before the day the handout is made is most likely a wrong
 * date or an old patient file. `today` comes in from the edge (the render
 * date: SOURCE_DATE_EPOCH, else the clock), never read here. The message
 * names no date: it is the patient's.
 */
export function appointmentInPast(p: Patient, today: Date): boolean {
  const d = p.appointment?.date;
  return d !== undefined && d < today.toISOString().slice(0, 10);
}

/**
 * Typed text may hold invisible control characters (pasted from other
 * programs); they have no glyph and no meaning on paper. Tabs and newlines
 * stay; everything else shows as typed, in NFC so one letter is one letter.
 */
export function cleanText(v: string): string {
  // eslint-disable-next-line no-control-regex
  return v.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').normalize('NFC').trim();
}
