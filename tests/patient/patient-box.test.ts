import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFragment } from 'parse5';
import { Renderer, type RenderRequest } from '../../src/render.js';
import { loadPatient } from '../../src/content/patient.js';
import { PROJECT, runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';

const renderer = new Renderer({ root: PROJECT, cwd: PROJECT });
const base: RenderRequest = { leaflet: 'periduroscopia', template: 'standard', formats: ['html'], paper: 'a4', skip: [], allowDraft: true }; // en is a draft translation

async function html(req: Partial<RenderRequest>): Promise<string> {
  const r = await renderer.render({ ...base, ...req });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return new TextDecoder().decode(r.value[0]!.bytes);
}

async function examplePatient(set: string[] = []) {
  const p = await loadPatient({ file: 'data/patients/example.yaml', set, root: PROJECT, cwd: PROJECT });
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return p.value;
}

/** The patient box's rows as [label, value] pairs. */
function boxRows(doc: string): [string, string][] {
  const box = /<aside class="patient-box"[\s\S]*?<\/aside>/.exec(doc)?.[0];
  if (!box) return [];
  const frag = parseFragment(box);
  const rows: [string, string][] = [];
  const text = (n: any): string => (n.nodeName === '#text' ? n.value : (n.childNodes ?? []).map(text).join(''));
  const walk = (n: any) => {
    if (n.nodeName === 'dl') {
      const items = n.childNodes.filter((c: any) => c.nodeName === 'dt' || c.nodeName === 'dd');
      for (let i = 0; i < items.length; i += 2) rows.push([text(items[i]), text(items[i + 1])]);
    }
    (n.childNodes ?? []).forEach(walk);
  };
  walk(frag);
  return rows;
}

describe('the patient box', () => {
  it('shows the appointment with Italian labels and an Italian date: "martedì 3 marzo 2026, ore 08:30"', async () => {
    const doc = await html({ lang: 'it', patient: await examplePatient() });
    const rows = boxRows(doc);
    expect(rows).toContainEqual(['Data', 'martedì 3 marzo 2026, ore 08:30']);
    expect(rows).toContainEqual(['Paziente', 'Mario Esempio']);
    expect(rows).toContainEqual(['Farmaci', 'Warfarin: sospendere dal 26 febbraio 2026']);
    expect(doc).toContain('Il suo appuntamento');
  });

  it('speaks English in an English leaflet: "Tuesday, 3 March 2026 at 08:30"', async () => {
    const doc = await html({ lang: 'en', patient: await examplePatient() });
    const rows = boxRows(doc);
    expect(rows).toContainEqual(['Date', 'Tuesday, 3 March 2026 at 08:30']);
    expect(rows).toContainEqual(['Medicines', 'Warfarin: stop taking it from 26 February 2026']);
    expect(doc).toContain('Your appointment');
  });

  it('is there in the large-print template too', async () => {
    const doc = await html({ lang: 'it', template: 'large-print', patient: await examplePatient() });
    expect(boxRows(doc)).toContainEqual(['Data', 'martedì 3 marzo 2026, ore 08:30']);
  });

  it('is absent from a leaflet without a patient', async () => {
    expect(boxRows(await html({ lang: 'it' }))).toEqual([]);
  });

  it("leaves out the sections the patient's file skips, as --skip does", async () => {
    const doc = await html({ lang: 'it', patient: await examplePatient() });
    expect(doc).not.toContain('id="alternatives"');
    expect(doc).toContain('id="risks"');
  });

  it('--set overrides one field of the file and supplies missing ones', async () => {
    const p = await examplePatient(['appointment.time=09:15', 'note=Portare la risonanza magnetica']);
    const doc = await html({ lang: 'it', patient: p });
    expect(boxRows(doc)).toContainEqual(['Data', 'martedì 3 marzo 2026, ore 09:15']);
    expect(doc).toContain('Portare la risonanza magnetica');
  });

  it('the note is shown as written: markup characters stay literal', async () => {
    const p = await examplePatient(['note=<b>**non**</b> {{x}} & "ok"']);
    const doc = await html({ lang: 'it', patient: p });
    expect(doc).toContain('&lt;b&gt;**non**&lt;/b&gt; {{x}} &amp; "ok"');
    expect(doc).not.toContain('<b>');
  });
});

describe('patient files are checked like content, without echoing health data', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    t = await tempRoot();
  });
  afterAll(async () => t.remove());

  it('a bad field names the field and its position, never the value', async () => {
    await t.put('p.yaml', 'name: SECRETNAME\nappointment:\n  date: SECRETDATE\n  time: "25:99"\n');
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'p.yaml', '--root', t.root, '--out', 'out'], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("p.yaml:3:9: error LEAF1014: 'appointment.date' has an invalid value");
    expect(r.stderr).toContain("p.yaml:4:9: error LEAF1014: 'appointment.time' has an invalid value");
    expect(r.stderr + r.stdout).not.toMatch(/SECRET|25:99/);
  });

  it('an unknown field suggests the right one', async () => {
    await t.put('p2.yaml', 'name: X\nnotes: SECRETNOTE\n');
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'p2.yaml', '--root', t.root], { cwd: t.root });
    expect(r.stderr).toContain("Did you mean 'note'?");
    expect(r.stderr).not.toContain('SECRETNOTE');
  });

  it('a bad --set value is blamed on the flag, not on the file', async () => {
    const r = await runCli(
      ['render', 'periduroscopia', '--format', 'html', '--patient', 'data/patients/example.yaml', '--set', 'appointment.time=SECRET', '--root', t.root],
      { cwd: t.root },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--set appointment.time');
    expect(r.stderr).not.toContain('SECRET');
  });

  it('a malformed --set is explained', async () => {
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--set', 'no-equals-sign', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LEAF2007');
  });

  it('reserved keys cannot be set', async () => {
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--set', '__proto__.x=1', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LEAF2008');
  });

  it('a date that is not on the calendar is refused, not rolled over to the next month', async () => {
    await t.put('p4.yaml', 'name: X\nappointment:\n  date: 2026-02-30\n');
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'p4.yaml', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("p4.yaml:3:9: error LEAF1014: 'appointment.date' is not a day on the calendar");
    expect(r.stderr).not.toContain('02-30');
  });

  it('on a terminal, no code frame shows the lines of a patient file', async () => {
    await t.put('p5.yaml', 'name: SECRETNAME\ncompanion: maybe\n');
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'p5.yaml', '--root', t.root], { cwd: t.root, tty: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\u001b[');
    expect(r.stderr).toContain("'companion'");
    expect(r.stderr).not.toMatch(/SECRET|maybe/);
  });

  it('a YAML syntax error in a patient file does not quote the line', async () => {
    await t.put('p3.yaml', 'name: "SECRET\n');
    const r = await runCli(['render', 'periduroscopia', '--format', 'html', '--patient', 'p3.yaml', '--root', t.root], { cwd: t.root });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('p3.yaml:');
    expect(r.stderr).not.toContain('SECRET');
  });
});
