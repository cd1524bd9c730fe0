import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseYamlText } from '../../src/content/yaml.js';
import { PROJECT } from '../support/cli.js';

const IT_TEXT = readFileSync(`${PROJECT}data/leaflets/periduroscopia/it.yaml`, 'utf8');

function errorsOf(text: string) {
  const r = parseYamlText(new TextEncoder().encode(text), 'it.yaml');
  if (r.ok) throw new Error('expected the text to fail');
  return r.diagnostics.map(({ code, line, column, message }) => ({ code, line, column, message }));
}

describe('YAML slips editors make get one plain error each, at file:line:column', () => {
  it('a tab indenting a key: one error, "indent with spaces", no false "key appears twice"', () => {
    const text = 'lang: it\ntitle: Periduroscopia\nsections:\n  - id: a\n\ttitle: Nota\n    blocks:\n      - text: Ciao\n';
    const errors = errorsOf(text);
    expect(errors).toEqual([{ code: 'LEAF1065', line: 5, column: 1, message: expect.stringContaining('Indent with spaces') }]);
  });

  it('a tab before a list item: one error, not six', () => {
    const text = 'lang: it\nsections:\n  - id: a\n    title: Nota\n    blocks:\n\t  - text: Ciao\n      - text: Ciao2\n';
    expect(errorsOf(text)).toEqual([{ code: 'LEAF1065', line: 6, column: 1, message: expect.stringContaining('Indent with spaces') }]);
  });

  it('two tab-indented lines are two causes, one error each', () => {
    const text = 'lang: it\nsections:\n  - id: a\n\ttitle: Nota\n\tblocks:\n      - text: Ciao\n';
    expect(errorsOf(text).map((e) => [e.code, e.line])).toEqual([
      ['LEAF1065', 4],
      ['LEAF1065', 5],
    ]);
  });

  it('an unquoted colon in a title: "put the text in quotes", at the colon', () => {
    const text = 'lang: it\ntitle: Periduroscopia\nsections:\n  - id: a\n    title: Nota: importante\n    blocks:\n      - text: Ciao\n';
    expect(errorsOf(text)).toEqual([
      { code: 'LEAF1066', line: 5, column: 16, message: expect.stringContaining('Put the text in quotes: title: "…"') },
    ]);
  });

  it('an unquoted colon in a paragraph', () => {
    const text = 'lang: it\nsections:\n  - id: a\n    blocks:\n      - text: Il medico dice: riposo assoluto per 2 giorni.\n';
    expect(errorsOf(text)).toEqual([{ code: 'LEAF1066', line: 5, column: 29, message: expect.stringContaining('text: "…"') }]);
  });

  it('a list item starting with ** (bold): "put the text in quotes"', () => {
    const text = 'lang: it\nsections:\n  - id: a\n    blocks:\n      - list:\n          - **Importante** non mangiare\n          - ok\n';
    expect(errorsOf(text)).toEqual([{ code: 'LEAF1067', line: 6, column: 13, message: expect.stringContaining('Put the text in quotes: - "…"') }]);
  });

  it('a text starting with * (italic) that YAML takes for an alias', () => {
    expect(errorsOf('lang: it\ntitle: *Periduroscopia*\n')).toEqual([
      { code: 'LEAF1067', line: 2, column: 8, message: expect.stringContaining('title: "…"') },
    ]);
    expect(errorsOf('lang: it\nsummary:\n  - *nota\n')).toEqual([{ code: 'LEAF1067', line: 3, column: 5, message: expect.stringContaining('- "…"') }]);
    expect(errorsOf('lang: it\nsummary:\n  - * primo punto\n')).toEqual([{ code: 'LEAF1067', line: 3, column: 5, message: expect.any(String) }]);
  });

  it('messages never quote the text (patient files are parsed here too)', () => {
    const secret = 'Rossi Mario';
    for (const text of [
      `name: *${secret}\n`,
      `note: ${secret}: allergico\nx: [\n`,
      `note:\n\t${secret}\n`,
    ])
      for (const e of errorsOf(text)) expect(e.message).not.toContain('Rossi');
  });

  it('quoted, the same texts load', () => {
    for (const text of [
      'lang: it\ntitle: "Nota: importante"\n',
      'lang: it\nsummary:\n  - "**Importante** non mangiare"\n',
      'lang: it\ntitle: "*Periduroscopia*"\n',
    ])
      expect(parseYamlText(new TextEncoder().encode(text), 'it.yaml').ok).toBe(true);
  });

  it('property: a tab put at the start of any indented line of the real it.yaml gives exactly one error, LEAF1065, on that line', () => {
    const lines = IT_TEXT.split('\n');
    const indented = lines.map((l, i) => (/^ +\S/.test(l) ? i : -1)).filter((i) => i >= 0);
    fc.assert(
      fc.property(fc.constantFrom(...indented), fc.boolean(), (i, replace) => {
        const changed = [...lines];
        // replace the first two spaces with a tab, or put a tab before them
        changed[i] = replace ? `\t${changed[i]!.slice(2)}` : `\t${changed[i]}`;
        const errors = errorsOf(changed.join('\n'));
        expect(errors.map((e) => [e.code, e.line])).toEqual([['LEAF1065', i + 1]]);
      }),
      { numRuns: 60 },
    );
  });
});
