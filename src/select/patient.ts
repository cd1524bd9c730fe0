import type { Patient } from '../model/patient.js';
import type { TemplateStrings } from '../model/template.js';
import type { PatientField, PatientView } from '../model/view.js';

/**
 * The patient box's rows: labels from the template's strings, dates and
 * times written the way the leaflet's language writes them (Intl), e.g.
 * "martedì 3 marzo 2026, ore 08:30".
 */
export function patientView(p: Patient, lang: string, t: TemplateStrings): PatientView {
  const clean = (v: string | undefined) => (v === undefined ? undefined : cleanText(v));
  const s = (t.patient ?? {}) as Record<string, string>;
  const locale = typeof t.locale === 'string' ? t.locale : lang;
  const fill = (format: string | undefined, values: Record<string, string>) =>
    (format ?? Object.values(values).join(' ')).replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  const date = (iso: string, weekday: boolean) =>
    new Intl.DateTimeFormat(locale, {
      weekday: weekday ? 'long' : undefined,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T00:00:00Z`));
  const fields: PatientField[] = [];
  const add = (label: string | undefined, value: string | undefined) => {
    const v = clean(value);
    if (v) fields.push({ label: label ?? '', value: v });
  };
  add(s.name, p.name);
  add(s.identifier, p.identifier);
  const a = p.appointment ?? {};
  if (a.date && a.time) add(s.date, fill(s.dateTime, { date: date(a.date, true), time: a.time }));
  else if (a.date) add(s.date, date(a.date, true));
  else add(s.time, a.time);
  add(s.arrival, a.arrival ? fill(s.arrivalAt, { time: a.arrival }) : undefined);
  add(s.place, a.place);
  add(s.fasting, p.fasting);
  for (const m of p.medication ?? []) {
    const action = m.action === 'stop' ? s.stop : s.continue;
    const from = m.from ? ` ${fill(s.from, { date: date(m.from, false) })}` : '';
    add(s.medication, `${m.name}: ${action ?? m.action}${from}${m.note ? ` (${m.note})` : ''}`);
  }
  if (p.companion !== undefined) add(s.companion, p.companion ? s.companionYes : s.companionNo);
  add(s.doctor, p.doctor?.name);
  add(s.phone, p.doctor?.phone);
  return { fields, note: clean(p.note) || null };
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
