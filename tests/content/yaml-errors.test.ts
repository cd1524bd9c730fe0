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

  it('text starting with another character YAML gives a meaning: & ! @ ` %', () => {
    expect(errorsOf('lang: it\ntitle: & testo\n')).toEqual([{ code: 'LEAF1068', line: 2, column: 8, message: expect.stringContaining('anchor') }]);
    expect(errorsOf('lang: it\ntitle: @medico\n')).toEqual([{ code: 'LEAF1068', line: 2, column: 8, message: expect.stringContaining('title: "…"') }]);
    expect(errorsOf('lang: it\nsummary:\n  - % di casi\n')).toEqual([{ code: 'LEAF1068', line: 3, column: 5, message: expect.stringContaining('- "…"') }]);
    // the parser only warns about an unknown tag, and drops the word: an error here
    expect(errorsOf('lang: it\ntitle: !Importante testo\n')).toEqual([
      { code: 'LEAF1068', line: 2, column: 8, message: expect.stringContaining('the word after it is dropped') },
    ]);
  });

  it('a text that starts with a quote or bracket and goes on after it', () => {
    expect(errorsOf('lang: it\nsummary:\n  - "Il medico" dice sì\n')).toEqual([
      { code: 'LEAF1068', line: 3, column: 5, message: expect.stringContaining('Put the whole text in double quotes') },
    ]);
    expect(errorsOf('lang: it\nsummary:\n  - [vedi] sotto\n').map((e) => e.code)).toEqual(['LEAF1068']);
  });

  it("' #' inside a text, which would silently cut it short, is an error at the #; a spaced comment is not", () => {
    expect(errorsOf('lang: it\ntitle: Nota #1 importante\n')).toEqual([
      { code: 'LEAF1069', line: 2, column: 13, message: expect.stringContaining('the text after it is left out') },
    ]);
    expect(parseYamlText(new TextEncoder().encode('lang: it\ntitle: Nota  # a comment\nx: |\n  a #b\n'), 'it.yaml').ok).toBe(true);
  });

  it('messages never quote the text (patient files are parsed here too)', () => {
    const secret = 'Rossi Mario';
    for (const text of [
      `name: *${secret}\n`,
      `note: ${secret}: allergico\nx: [\n`,
      `note:\n\t${secret}\n`,
      `note: !${secret}\n`,
      `note: ${secret} #${secret}\n`,
      `note: "${secret}" ${secret}\n`,
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

  it('property: ": " put inside any plain text value of the real it.yaml gives exactly one error, LEAF1066, at that colon', () => {
    const lines = IT_TEXT.split('\n');
    // plain (unquoted) one-line values of a key, of at least two words: "- text: …", "title: …" (a bare list item
    // with ": " is a one-key mapping to the parser, reported by the schema check: see bad-input.test.ts)
    const texts = lines
      .map((l, i) => ({ i, m: /^(\s*(?:- )?(?:[a-z]+: )?)([^"'\s#&*!|>[{][^:#]* [^:#]*)$/.exec(l) }))
      .filter((x) => x.m && x.m[1]!.includes(':') && !/^\s*(?:- )?(?:id|lang|status):/.test(lines[x.i]!));
    expect(texts.length).toBeGreaterThan(25);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.nat(), ({ i, m }, k) => {
        const value = m![2]!;
        const spaces = [...value.matchAll(/ /g)].map((x) => x.index!);
        const at = spaces[k % spaces.length]!;
        const changed = [...lines];
        changed[i] = `${m![1]}${value.slice(0, at)}: ${value.slice(at + 1)}`;
        const errors = errorsOf(changed.join('\n'));
        expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['LEAF1066', i + 1, m![1]!.length + at + 1]]);
      }),
      { numRuns: 80 },
    );
  });

  it('property: bold put at the start of any plain text of the real it.yaml gives exactly one error, LEAF1067, at the stars', () => {
    const lines = IT_TEXT.split('\n');
    const texts = lines
      .map((l, i) => ({ i, m: /^(\s*(?:- )?(?:[a-z]+: )?)([^"'\s#&*!|>[{][^:#]* [^:#]*)$/.exec(l) }))
      .filter((x) => x.m && !/^\s*(?:- )?(?:id|lang|status):/.test(lines[x.i]!));
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.integer({ min: 1, max: 3 }), ({ i, m }, n) => {
        const value = m![2]!;
        const words = value.split(' ');
        const changed = [...lines];
        changed[i] = `${m![1]}**${words.slice(0, n).join(' ')}** ${words.slice(n).join(' ')}`;
        const errors = errorsOf(changed.join('\n'));
        expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['LEAF1067', i + 1, m![1]!.length + 1]]);
      }),
      { numRuns: 80 },
    );
  });
});
