import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, stat } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import path from 'node:path';
import { runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';
import { readPdf, squash } from '../pdf/helpers.js';
import { MARKED_YAML, MARKERS } from './markers.js';

/** Every byte of a PDF as a searchable string: the file itself plus every stream inflated. */
function allBytes(pdf: Buffer): string {
  const parts = [pdf.toString('latin1')];
  const re = /stream\r?\n/g;
  for (let m = re.exec(parts[0]!); m; m = re.exec(parts[0]!)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a deflated stream: already searched as raw bytes */
    }
  }
  return parts.join('\n');
}

const leaks = (text: string) => MARKERS.filter((m) => text.includes(m));

describe.each(['standard', 'large-print'])('patient data in a PDF handout (%s)', (template) => {
  let t: Awaited<ReturnType<typeof tempRoot>>;
  let run: Awaited<ReturnType<typeof runCli>>;
  let file: string;
  beforeAll(async () => {
    t = await tempRoot();
    await t.put('data/patients/marked.yaml', MARKED_YAML);
    run = await runCli(
      ['render', 'periduroscopia', '--lang', 'it', '--brand', 'demo-clinic', '--template', template, '--patient', 'data/patients/marked.yaml', '--root', t.root, '--out', 'out', '--json'],
      { cwd: t.root },
    );
    file = path.join(t.root, 'out', (await readdir(path.join(t.root, 'out')))[0]!);
  });
  afterAll(async () => t.remove());

  it('the patient box opens the first page, in the leaflet language, and shows every field', async () => {
    expect(run.code).toBe(0);
    const pdf = await readPdf(await readFile(file));
    const first = squash(pdf.text[0]!);
    expect(first).toContain('Il suo appuntamento');
    expect(first).toContain('martedì 3 marzo 2026, ore 08:30');
    // at 18 pt the box may continue on page 2; every field is still there, once
    expect(leaks(squash(pdf.text.join(' ')))).toEqual(MARKERS);
  });

  it('no marker is anywhere in the bytes: metadata, XMP, structure tree, streams', async () => {
    const bytes = await readFile(file);
    expect(leaks(allBytes(bytes))).toEqual([]);
    const pdf = await readPdf(bytes);
    expect(leaks(JSON.stringify(pdf.info) + pdf.xmp + JSON.stringify(pdf.outline) + pdf.alts.join(' '))).toEqual([]);
    expect(pdf.info.Title).toBe('Periduroscopia');
  });

  it('the file name, the printed report and the file mode keep it private', async () => {
    // id, language, template and brand name the file; the patient never does
    expect(path.basename(file)).toBe(template === 'standard' ? 'periduroscopia-it-demo-clinic-patient.pdf' : 'periduroscopia-it-large-print-demo-clinic-patient.pdf');
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('the same inputs give identical bytes', async () => {
    const again = await runCli(
      ['render', 'periduroscopia', '--lang', 'it', '--brand', 'demo-clinic', '--template', template, '--patient', 'data/patients/marked.yaml', '--root', t.root, '-o', 'again.pdf'],
      { cwd: t.root },
    );
    expect(again.code).toBe(0);
    expect((await readFile(path.join(t.root, 'again.pdf'))).equals(await readFile(file))).toBe(true);
  });
});
