import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';
import { CODES } from '../../src/diagnostics/codes.js';

type Root = Awaited<ReturnType<typeof tempRoot>>;
let t: Root;
beforeEach(async () => {
  t = await tempRoot({ leaflets: ['cataract-surgery'] });
});
afterEach(async () => t.remove());

const CAT_IT = 'data/leaflets/cataract-surgery/it.yaml';

interface JsonDiagnostic {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

async function validate(): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const r = await runCli(['validate', '--json', '--root', t.root, 'cataract-surgery'], { cwd: t.root });
  expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/);
  const report = JSON.parse(r.stdout) as { leaflets: { diagnostics: JsonDiagnostic[] }[] };
  return { code: r.code, diagnostics: report.leaflets.flatMap((l) => l.diagnostics) };
}

/** Line and column (1-based) of the first occurrence of `needle` after the line holding `after`. */
async function where(needle: string, after = ''): Promise<{ line: number; column: number }> {
  const lines = (await readFile(t.file(CAT_IT), 'utf8')).split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in fixture`);
  return { line: i + 1, column: lines[i]!.indexOf(needle) + 1 };
}

describe('each new block\'s mistakes point at file:line:column', () => {
  it('the bundled cataract leaflet is valid', async () => {
    const r = await validate();
    expect(r.diagnostics.filter((d) => d.code.startsWith('LEAF1'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a table row with a cell too many', async () => {
    await t.edit(CAT_IT, (s) => s.replace('- [Pasti leggeri, Sì]', '- [Pasti leggeri, Sì, sempre]'));
    const r = await validate();
    const d = r.diagnostics.find((x) => x.code === CODES.TABLE_ROW_CELLS)!;
    expect(d.message).toMatch(/Row 1 .* 3 cells.* 2/);
    expect({ line: d.line, column: d.column }).toEqual(await where('[Pasti leggeri'));
    expect(r.code).toBe(1);
  });

  it('table widths that are not one a column', async () => {
    await t.edit(CAT_IT, (s) => s.replace('widths: [2, 3]', 'widths: [2, 3, 1]'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.TABLE_WIDTHS)!;
    expect({ line: d.line, column: d.column }).toEqual(await where('[2, 3, 1]'));
  });

  it('a table without a header row', async () => {
    await t.edit(CAT_IT, (s) => s.replace('          head: [Alimento, Sì o no]\n', ''));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.MISSING_FIELD)!;
    expect(d.message).toContain("'head'");
    expect(d.line).toBe((await where('caption: Cosa mangiare')).line);
  });

  it('a checklist item that is not text', async () => {
    await t.edit(CAT_IT, (s) => s.replace("- Gli occhiali che usa", '- 42'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.WRONG_TYPE)!;
    expect(d.message).toMatch(/checklist item 3/);
    expect({ line: d.line, column: d.column }).toEqual(await where('42', 'checklist:'));
  });

  it('an urgent box without its signs', async () => {
    await t.edit(CAT_IT, (s) => s.replace(/      - urgent:\n          text: ([^\n]*)\n          items:\n(            - [^\n]*\n)+/, '      - urgent:\n          text: $1\n'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.MISSING_FIELD)!;
    expect(d.message).toContain("'items'");
    expect(d.line).toBe((await where('text: "Chiami subito')).line);
  });

  it('a term without its definition', async () => {
    await t.edit(CAT_IT, (s) => s.replace("            definition: Un medicinale in gocce per gli occhi.\n", ''));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.MISSING_FIELD)!;
    expect(d.message).toContain("'definition'");
    expect(d.line).toBe((await where('term: Collirio')).line);
  });

  it('notes with no lines', async () => {
    await t.edit(CAT_IT, (s) => s.replace('- notes: 6', '- notes: 0'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.INVALID_VALUE)!;
    expect({ line: d.line, column: d.column }).toEqual(await where('0', '- notes:'));
  });

  it('a timeline entry with hours and a clock time', async () => {
    await t.edit(CAT_IT, (s) => s.replace('            hours: -2\n', '            hours: -2\n            time: "06:00"\n'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.TIMELINE_TIME)!;
    expect({ line: d.line, column: d.column }).toEqual(await where('"06:00"'));
  });

  it('hours on a day other than the appointment\'s', async () => {
    await t.edit(CAT_IT, (s) => s.replace('          - days: 0\n            hours: -6', '          - days: -1\n            hours: -6'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.TIMELINE_TIME)!;
    expect(d.message).toContain('hours: -30');
    expect({ line: d.line, column: d.column }).toEqual(await where('-6', 'days: -1\n'));
  });

  it('timeline entries out of order', async () => {
    await t.edit(CAT_IT, (s) => s.replace('          - days: -3\n', '          - days: -9\n'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.TIMELINE_ORDER)!;
    expect({ line: d.line, column: d.column }).toEqual(await where('-9'));
  });

  it('a figure width outside 20–100 per cent', async () => {
    await t.edit(CAT_IT, (s) => s.replace('      - notes: 6', '      - notes: 6\n      - figure:\n          src: eye.svg\n          alt: Un occhio\n          width: 150'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.INVALID_VALUE)!;
    expect({ line: d.line, column: d.column }).toEqual(await where('150'));
  });

  it('an unknown block kind lists the new kinds', async () => {
    await t.edit(CAT_IT, (s) => s.replace('- checklist:', '- checklst:'));
    const d = (await validate()).diagnostics.find((x) => x.code === CODES.UNKNOWN_BLOCK)!;
    expect(d.message).toContain("Did you mean 'checklist'");
    expect(d.message).toContain('timeline');
  });
});
