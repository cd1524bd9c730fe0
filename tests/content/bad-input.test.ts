import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { runCli } from '../support/cli.js';
import { EN, IT, SHARED, tempRoot } from '../support/root.js';

type Root = Awaited<ReturnType<typeof tempRoot>>;
let t: Root;
beforeEach(async () => {
  t = await tempRoot();
});
afterEach(async () => t.remove());

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** validate --json on the temp root; returns the diagnostics of the bundled leaflet. */
async function validate(): Promise<{ code: number; diagnostics: JsonDiagnostic[]; stderr: string }> {
  const r = await runCli(['validate', '--json', '--root', t.root], { cwd: t.root });
  expect(r.stderr).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
  const report = JSON.parse(r.stdout) as { leaflets: { diagnostics: JsonDiagnostic[] }[] };
  return { code: r.code, diagnostics: report.leaflets.flatMap((l) => l.diagnostics), stderr: r.stderr };
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not in fixture`);
  return i + 1;
}

describe('content that cannot be loaded gets file:line:column, a plain message and exit 1', () => {
  it('the bundled content is valid', async () => {
    const r = await validate();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('malformed YAML names the line of the mistake', async () => {
    await t.edit(IT, (s) => s.replace('title: Periduroscopia\n', 'title: [Periduroscopia\n'));
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    // the flow sequence opened on line 4 is still open when line 5 starts a new key
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1004', file: 'data/leaflets/periduroscopia/it.yaml', line: 5, column: 1 });
    expect(diagnostics[0]!.message).toMatch(/Flow sequence/);
  });

  it('a duplicate key is refused at the second occurrence', async () => {
    await t.edit(IT, (s) => s.replace('status: approved\n', 'status: approved\nstatus: draft\n'));
    const text = await readFile(t.file(IT), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1005', line: lineOf(text, 'status: draft'), column: 1 });
  });

  it('an unknown field suggests the field that was meant', async () => {
    await t.edit(IT, (s) => s.replace('subtitle:', 'subtitel:'));
    const text = await readFile(t.file(IT), 'utf8');
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1010', line: lineOf(text, 'subtitel:'), column: 1 });
    expect(diagnostics[0]!.message).toContain("Did you mean 'subtitle'?");
  });

  it('a wrong type says what was expected', async () => {
    await t.edit(IT, (s) => s.replace(/summary:\n/, 'summary: just one line\nx_summary:\n'));
    const { diagnostics } = await validate();
    const wrong = diagnostics.find((d) => d.code === 'LEAF1011');
    expect(wrong?.message).toMatch(/should be a list/);
  });

  it('errors name sections by id and count blocks and items from 1, not sections[2] pointers', async () => {
    await t.edit(IT, (s) =>
      s
        .replace('    title: Benefici principali\n', '    title: Benefici principali\n    titel: x\n')
        .replace('        title: Casi in cui non si può fare\n', '        title: 3\n')
        .replace('          - Riduzione del dolore e miglioramento della mobilità\n', '          - [Riduzione del dolore]\n'),
    );
    const { diagnostics } = await validate();
    const messages = diagnostics.map((d) => d.message).join('\n');
    expect(messages).toContain("Unknown field 'titel' in section 'benefits'.");
    expect(messages).toContain("'title' of section 'when-recommended.contraindications' should be text");
    expect(messages).toContain("Section 'benefits', block 1, list item 3 should be text");
    expect(messages).not.toMatch(/\[\d+\]/);
  });

  it('a list item with an unquoted colon is one error at the colon: put the text in quotes', async () => {
    await t.edit(IT, (s) => s.replace('          - Aderenze o fibrosi epidurale\n', '          - Aderenze: fibrosi epidurale\n'));
    const text = await readFile(t.file(IT), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'LEAF1066', line: lineOf(text, '- Aderenze:'), column: 21, message: expect.stringContaining('Put the text in quotes: - "…"') }),
    ]);
    expect(diagnostics[0]!.message).toContain("Section 'conditions', block 1, list item 4");
  });

  it('a tab in the real leaflet: one error, indent with spaces, no false duplicate key', async () => {
    await t.edit(IT, (s) => s.replace('    title: Benefici principali\n', '\ttitle: Benefici principali\n'));
    const text = await readFile(t.file(IT), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['LEAF1065', lineOf(text, 'Benefici principali'), 1]]);
  });

  it('a missing required field is named', async () => {
    await t.edit(SHARED, (s) => s.replace(/ {2}version: .*\n/, ''));
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1012', file: expect.stringContaining('leaflet.yaml') });
    expect(diagnostics[0]!.message).toContain("'version'");
  });

  it('a publication date that is not on the calendar is refused at its position', async () => {
    await t.edit(SHARED, (s) => s.replace('published: 2026-11-24', 'published: 2026-11-31'));
    const text = await readFile(t.file(SHARED), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1014', line: lineOf(text, 'published:'), column: 14 });
    expect(diagnostics[0]!.message).toContain('2026-11-31');
  });

  it('an unknown block kind lists the kinds and suggests the closest', async () => {
    await t.edit(IT, (s) => s.replace('      - text: La periduroscopia è una procedura', '      - txt: La periduroscopia è una procedura'));
    const text = await readFile(t.file(IT), 'utf8');
    const { diagnostics } = await validate();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1013', line: lineOf(text, '- txt:'), column: 9 });
    expect(diagnostics[0]!.message).toContain("Did you mean 'text'?");
  });

  it('an empty file says so', async () => {
    await t.put(EN, '# nothing yet\n');
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1003', file: expect.stringContaining('en.yaml') });
  });

  it('a file that is not UTF-8 points at the first bad byte', async () => {
    const latin1 = Buffer.from('lang: it\nstatus: approved\ntitle: Perch\xe9\n', 'latin1');
    await t.put(IT, latin1);
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1002', line: 3, column: 13 });
  });

  it('an alias bomb is stopped before it expands', async () => {
    const bomb = [
      'lang: it',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`),
    ].join('\n');
    await t.put(IT, bomb);
    const started = Date.now();
    const { diagnostics } = await validate();
    expect(diagnostics[0]!.code).toBe('LEAF1006');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('too many anchors and aliases are refused even when they do not explode', async () => {
    const many = ['lang: it', 'x: &x one', ...Array.from({ length: 60 }, (_, i) => `k${i}: *x`)].join('\n');
    await t.put(IT, many);
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1006', line: 53 });
  });

  it('an oversized file is refused without being parsed', async () => {
    await t.put(EN, `lang: en\nnote: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1001', file: expect.stringContaining('en.yaml') });
  });

  it('keys that could rewrite prototypes are refused', async () => {
    await t.edit(IT, (s) => s.replace('status: approved\n', 'status: approved\n__proto__: { polluted: true }\n'));
    const { diagnostics } = await validate();
    expect(diagnostics[0]).toMatchObject({ code: 'LEAF1007', line: 4 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a translation missing a section names it; an extra one is pointed at with a suggestion', async () => {
    await t.edit(EN, (s) => s.replace('  - id: risks\n', '  - id: riskz\n'));
    const text = await readFile(t.file(EN), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    const missing = diagnostics.find((d) => d.code === 'LEAF1020');
    const extra = diagnostics.find((d) => d.code === 'LEAF1021');
    expect(missing?.message).toContain('risks');
    expect(extra).toMatchObject({ line: lineOf(text, 'id: riskz') });
    expect(extra?.message).toContain("Did you mean 'risks'?");
  });

  it('sections in a different order from the source are reported', async () => {
    await t.edit(EN, (s) => {
      const a = s.indexOf('  - id: risks\n');
      const b = s.indexOf('  - id: before-and-after\n');
      const c = s.indexOf('  - id: alternatives\n');
      return s.slice(0, a) + s.slice(b, c) + s.slice(a, b) + s.slice(c);
    });
    const { diagnostics } = await validate();
    expect(diagnostics.map((d) => d.code)).toContain('LEAF1022');
  });

  it('a figure whose image does not exist is named at its src', async () => {
    await t.edit(IT, (s) =>
      s.replace(
        '      - text: A differenza',
        '      - figure: { src: images/spine.png, alt: Schema della colonna }\n      - text: A differenza',
      ),
    );
    const text = await readFile(t.file(IT), 'utf8');
    const { diagnostics } = await validate();
    expect(diagnostics.find((d) => d.code === 'LEAF1030')).toMatchObject({ line: lineOf(text, 'images/spine.png') });
  });

  it('a figure outside the leaflet folder is refused', async () => {
    await t.edit(IT, (s) =>
      s.replace('      - text: A differenza', '      - figure: { src: ../../brands/x.png, alt: X }\n      - text: A differenza'),
    );
    const { diagnostics } = await validate();
    expect(diagnostics.map((d) => d.code)).toContain('LEAF1031');
  });

  it('a language file whose lang does not match its name is refused', async () => {
    await t.edit(EN, (s) => s.replace('lang: en', 'lang: de'));
    const { diagnostics } = await validate();
    expect(diagnostics.map((d) => d.code)).toContain('LEAF1041');
  });

  it('every problem in a file is reported, not only the first', async () => {
    await t.edit(IT, (s) => s.replace('subtitle:', 'subtitel:').replace('status: approved', 'status: approvato'));
    const { diagnostics } = await validate();
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['LEAF1010', 'LEAF1014']);
  });
});
