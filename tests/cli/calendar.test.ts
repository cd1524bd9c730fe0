import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { runCli, PROJECT } from '../support/cli.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'leaflets-ics-'));
});
afterEach(async () => rm(out, { recursive: true, force: true }));

const HANDOUT = ['render', 'cataract-surgery', '--lang', 'en', '--patient', 'data/patients/example-cataract.yaml', '--allow-draft', '--calendar'];
// 2027-01-02: before every step of the example patient's plan
const ENV = { SOURCE_DATE_EPOCH: '1798848000' };

interface Event {
  summary: string;
  start: string;
  allDay: boolean;
  alarms: number;
  location: string | null;
}

async function events(file: string): Promise<Event[]> {
  const cal = new ICAL.Component(ICAL.parse(await readFile(file, 'utf8')));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      summary: e.summary,
      start: e.startDate.isDate ? e.startDate.toString() : e.startDate.toJSDate().toISOString(),
      allDay: e.startDate.isDate,
      alarms: v.getAllSubcomponents('valarm').length,
      location: e.location ?? null,
    };
  });
}

describe('render --patient --calendar writes an iCalendar file of the plan and the appointment', () => {
  it('one event per step, with real dates and UTC times computed in Europe/Rome, and the appointment', async () => {
    const r = await runCli([...HANDOUT, '--out', out], { cwd: PROJECT, env: ENV });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = (await readdir(out)).sort();
    // no patient data in the file names
    expect(files).toEqual(['cataract-surgery-en-patient.ics', 'cataract-surgery-en-patient.pdf']);
    const ics = path.join(out, files[0]!);
    // health data: readable by the owner only, like the handout
    expect((await stat(ics)).mode & 0o777).toBe(0o600);
    const ev = await events(ics);
    expect(ev.map((e) => e.start)).toEqual([
      '2027-02-22',
      '2027-02-26',
      '2027-02-28',
      // 08:00 CET (UTC+1) less 6 hours and 2 hours
      '2027-03-01T01:00:00.000Z',
      '2027-03-01T05:00:00.000Z',
      '2027-03-01T07:00:00.000Z',
    ]);
    expect(ev[3]!.summary).toBe('Cataract surgery: Stop eating. You can drink water.');
    expect(ev.filter((e) => !e.allDay).every((e) => e.alarms === 1)).toBe(true);
    expect(ev.at(-1)).toMatchObject({ summary: 'Cataract surgery', location: 'Oculistica, Edificio C, piano terra' });
    // the patient's name and identifier are not in it
    const text = await readFile(ics, 'utf8');
    expect(text).not.toContain('Anna Prova');
    expect(text).not.toContain('DEMO-0002');
    // RFC 5545: CRLF lines of at most 75 octets
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('--set appointment.date moves every event; the same inputs give the same bytes', async () => {
    await runCli([...HANDOUT, '--out', out, '--set', 'appointment.date=2027-04-05'], { cwd: PROJECT, env: ENV });
    const file = path.join(out, 'cataract-surgery-en-patient.ics');
    const first = await readFile(file, 'utf8');
    // across the change to summer time (28 March 2027): 08:00 CEST is 06:00 UTC
    expect((await events(file)).map((e) => e.start)).toEqual(['2027-03-29', '2027-04-02', '2027-04-04', '2027-04-05T00:00:00.000Z', '2027-04-05T04:00:00.000Z', '2027-04-05T06:00:00.000Z']);
    await runCli([...HANDOUT, '--out', out, '--set', 'appointment.date=2027-04-05'], { cwd: PROJECT, env: ENV });
    expect(await readFile(file, 'utf8')).toBe(first);
  });

  it('a step already past is flagged in the handout and warned about without quoting the date', async () => {
    // the render day (2027-02-28) is after the first two steps, and is the day of the third
    const r = await runCli([...HANDOUT, '--format', 'html', '--out', out], { cwd: PROJECT, env: { SOURCE_DATE_EPOCH: '1803772800' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('LEAF3010');
    expect(r.stderr).toMatch(/2 steps of the preparation plan fall before today/);
    expect(r.stderr).not.toMatch(/2027|February|22|26/);
    const html = await readFile(path.join(out, 'cataract-surgery-en-patient.html'), 'utf8');
    expect(html.match(/class="timeline-entry past"/g)).toHaveLength(2);
  });

  it('--calendar without a patient is a usage error', async () => {
    const r = await runCli(['render', 'cataract-surgery', '--calendar', '--out', out], { cwd: PROJECT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--calendar needs');
  });
});
