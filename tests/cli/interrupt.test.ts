/**
 * Ctrl-C and SIGTERM during `leaflets render`: the process ends within a
 * second or two of the signal wherever it is, writes nothing more, and
 * exits 128 + the signal's number. Real signals to the built CLI
 * (`npm run build` first), plus an in-process run for the one moment a
 * process cannot be caught at reliably: between the two files.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PROJECT } from '../support/cli.js';
import { expectStoppedBy, filesIn, longLeafletRoot, spawnStopped } from '../support/signals.js';

let root: string;
beforeAll(async () => {
  // 60 times the bundled leaflet: ~600 KB of YAML, ~250 A4 pages, over three seconds to render on a quiet machine
  root = await longLeafletRoot(60);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const patientRender = (out: string) => [
  'render', 'long', '--root', root, '--format', 'pdf,html', '--out', out,
  '--patient', path.join(root, 'data', 'patients', 'example.yaml'),
];

describe('leaflets render stopped by a signal', () => {
  it('Ctrl-C at any moment of the start (Node booting, the program loading, the content loading) ends it quickly with nothing written', async () => {
    for (const delay of [0, 50, 150, 300, 600]) {
      const out = path.join(root, `out-start-${delay}`);
      const r = await spawnStopped(patientRender(out), { signal: 'SIGINT', when: delay });
      // Before Node has run any of the tool, the signal ends the process itself: a shell shows 130 either way.
      if (r.signal === null) expectStoppedBy(r, 130);
      else expect(r.signal).toBe('SIGINT');
      expect(filesIn(out), `signal after ${delay} ms`).toEqual([]);
    }
  });

  it('Ctrl-C in the middle of a long patient render: exit 130 within 2 s, neither file nor any temporary file written', async () => {
    const out = path.join(root, 'out-sigint');
    const r = await spawnStopped(patientRender(out), { signal: 'SIGINT', when: 1200 });
    expectStoppedBy(r, 130);
    expect(r.stderr).toMatch(/^interrupted \(SIGINT\)/m);
    expect(r.stdout).not.toMatch(/wrote/);
    expect(filesIn(out)).toEqual([]);
  });

  it('SIGTERM in the middle of a long render: exit 143 within 2 s, nothing written', async () => {
    const out = path.join(root, 'out-sigterm');
    const r = await spawnStopped(['render', 'long', '--root', root, '--format', 'pdf', '--out', out], { signal: 'SIGTERM', when: 1200 });
    expectStoppedBy(r, 143);
    expect(filesIn(out)).toEqual([]);
  });

  it('a render that is not interrupted writes both files (so the runs above were stopped, not finished)', async () => {
    const out = path.join(root, 'out-whole');
    const started = performance.now();
    const r = await spawnStopped(patientRender(out), { signal: 'SIGINT', when: () => false });
    expect(r.code).toBe(0);
    expect(filesIn(out)).toEqual(['long-it-patient.html', 'long-it-patient.pdf']);
    // the signals above came at 1.2 s: the render must take well over that for them to land inside it
    expect(performance.now() - started).toBeGreaterThan(1500);
  });
});

class Capture extends Writable {
  text = '';
  constructor(private readonly onText: (all: string) => void = () => undefined) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    this.onText(this.text);
    done();
  }
}

describe('leaflets render interrupted between its two files', () => {
  it('keeps the PDF written before Ctrl-C, never writes the HTML, says so, and exits 130', async () => {
    const out = path.join(root, 'out-between');
    const controller = new AbortController();
    // Ctrl-C the moment the first file is reported written
    const stdout = new Capture((text) => {
      if (/wrote .*\.pdf/.test(text)) controller.abort('SIGINT');
    });
    const stderr = new Capture();
    const code = await main(
      ['node', 'leaflets', 'render', 'periduroscopia', '--format', 'pdf,html', '--out', out, '--patient', 'data/patients/example.yaml'],
      { stdout, stderr, cwd: PROJECT, env: { SOURCE_DATE_EPOCH: '1767225600' }, signal: controller.signal },
    );
    expect(code).toBe(130);
    expect(readdirSync(out)).toEqual(['periduroscopia-it-patient.pdf']);
    expect(existsSync(path.join(out, 'periduroscopia-it-patient.html'))).toBe(false);
    expect(stderr.text).toMatch(/interrupted \(SIGINT\): .*periduroscopia-it-patient\.pdf was written before it; nothing more is written/);
  });
});
