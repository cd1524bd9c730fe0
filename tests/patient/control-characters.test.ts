import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPatient } from '../../src/content/patient.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';

/** A value that must never be printed; the ESC sits at character 9 of it. */
const SECRET = 'SEGRETO-1\u001b[2J rest';

describe('a patient field holding a character that is not text is refused, naming the field and never the value', () => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    t = await tempRoot();
    const example = await readFile(t.file('data/patients/example.yaml'), 'utf8');
    await t.put('data/patients/esc.yaml', example.replace(/^note: .*$/m, `note: "${SECRET.replace('\u001b', '\\e')}"`));
    await t.put('data/patients/rlo.yaml', example.replace(/^  place: .*$/m, '  place: "Edificio \u202eB"'));
  });
  afterAll(async () => t.remove());

  it('an ESC in the note: the field, the character and its position, at the line of the field', async () => {
    const r = await loadPatient({ file: 'data/patients/esc.yaml', set: [], root: t.root, cwd: t.root });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.PATIENT_CONTROL_CHARACTER, file: 'data/patients/esc.yaml', line: 21, sensitive: true });
    expect(r.diagnostics[0]!.message).toContain("'note'");
    expect(r.diagnostics[0]!.message).toContain('U+001B ESCAPE');
    expect(r.diagnostics[0]!.message).toContain('character 10');
    expect(JSON.stringify(r.diagnostics)).not.toContain('SEGRETO');
  });

  it('a right-to-left override in a nested field names its path', async () => {
    const r = await loadPatient({ file: 'data/patients/rlo.yaml', set: [], root: t.root, cwd: t.root });
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: CODES.PATIENT_CONTROL_CHARACTER, line: 9 });
    expect(!r.ok && r.diagnostics[0]!.message).toContain("'appointment.place'");
    expect(!r.ok && JSON.stringify(r.diagnostics)).not.toContain('Edificio');
  });

  it('--set note=… with a BEL is refused at the flag, and the CLI exits 1 printing no value and writing nothing', async () => {
    const run = await runCli(
      ['render', 'periduroscopia', '--lang', 'it', '--format', 'html', '--patient', 'data/patients/example.yaml', '--set', `note=SEGRETO-2\u0007x`, '--out', 'out', '--root', t.root],
      { cwd: t.root },
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--set note');
    expect(run.stderr).toContain('U+0007 BELL');
    expect(run.stdout + run.stderr).not.toContain('SEGRETO');
    await expect(readFile(path.join(t.root, 'out', 'periduroscopia-it-patient.html'))).rejects.toThrow();
  });
});
