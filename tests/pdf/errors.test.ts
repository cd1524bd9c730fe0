import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, tempRoot, tool, writeBrand } from './helpers.js';

beforeAll(() => ensureBuilt());

const it_yaml = (root: string) => path.join(root, 'data/leaflets/periduroscopia/it.yaml');

function tinyPng(): Buffer {
  const png = new PNG({ width: 40, height: 20 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([31, 78, 121, 255], i);
  return PNG.sync.write(png);
}

describe('leaflets render (PDF, spawned CLI)', () => {
  it('writes a PDF by default, naming the file <id>-<lang>.pdf in --out', () => {
    const root = tempRoot();
    const r = cli(['render', 'periduroscopia', '--root', root, '--out', path.join(root, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(root, 'out/periduroscopia-it.pdf');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.stdout).toMatch(/wrote .*periduroscopia-it\.pdf \(\d+ pages/);
  });

  it('gives identical bytes for identical inputs, and SOURCE_DATE_EPOCH sets the creation date', () => {
    const root = tempRoot();
    const a = path.join(root, 'a.pdf');
    const b = path.join(root, 'b.pdf');
    const c = path.join(root, 'c.pdf');
    expect(cli(['render', 'periduroscopia', '--root', root, '-o', a]).code).toBe(0);
    expect(cli(['render', 'periduroscopia', '--root', root, '-o', b]).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(tool('pdfinfo', ['-isodates', a])).toMatch(/CreationDate:\s+2026-11-24T00:00:00Z/);
    expect(cli(['render', 'periduroscopia', '--root', root, '-o', c], { env: { SOURCE_DATE_EPOCH: '1700000000' } }).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    expect(tool('pdfinfo', ['-isodates', c])).toMatch(/CreationDate:\s+2023-11-14T22:13:20Z/);
  });

  it('a character no font can draw is an error at its file, line and column, and nothing is written', () => {
    const root = tempRoot();
    const file = it_yaml(root);
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('title:'));
    lines[at] = 'title: Periduroscopia ไทย';
    writeFileSync(file, lines.join('\n'));
    const out = path.join(root, 'out.pdf');
    const r = cli(['render', 'periduroscopia', '--root', root, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LEAF4001');
    expect(r.stderr).toContain(`it.yaml:${at + 1}:${'title: Periduroscopia '.length + 1}:`);
    expect(r.stderr).toContain('U+0E44');
    expect(existsSync(out)).toBe(false);
  });

  it('a character no font has in patient data is an error naming the patient field, never quoting it, and nothing is written', () => {
    const root = tempRoot();
    const out = path.join(root, 'out.pdf');
    const r = cli(['render', 'periduroscopia', '--patient', 'data/patients/example.yaml', '--set', 'note=ไท', '--set', 'appointment.place=Ospedale ไ', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LEAF4001');
    expect(r.stderr).toMatch(/patient's note holds 2 characters .*\(at characters 1, 2\)/);
    expect(r.stderr).toMatch(/patient field appointment\.place .*\(at character 10\)/);
    // health data: neither the characters, their code points nor the text around them
    for (const secret of ['ไ', 'ท', 'U+0E44', 'U+0E17', 'Ospedale', 'from the patient data or from the template']) expect(r.stderr).not.toContain(secret);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('draws a PNG logo in the header of every page, once embedded', () => {
    const root = tempRoot();
    writeBrand(root, 'clinic', 'name: Clinica Prova\nlogo: logo.png\n', { 'logo.png': tinyPng() });
    const out = path.join(root, 'out.pdf');
    const r = cli(['render', 'periduroscopia', '--root', root, '--brand', 'clinic', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const list = tool('pdfimages', ['-list', out]).trim().split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image');
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [out]))![1]);
    expect(list).toHaveLength(pages);
    // one image object, referenced from every page
    expect(new Set(list.map((l) => l.trim().split(/\s+/)[10])).size).toBe(1);
    for (const page of tool('pdftotext', [out, '-']).split('\f').filter((p) => p.trim())) expect(page).toContain('Clinica Prova');
  });

  it('draws an SVG logo', () => {
    const root = tempRoot();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><rect width="100" height="40" fill="#1f4e79"/><circle cx="20" cy="20" r="12" fill="#fff"/></svg>';
    writeBrand(root, 'clinic', 'name: Clinica Prova\nlogo: logo.svg\n', { 'logo.svg': svg });
    const out = path.join(root, 'out.pdf');
    const r = cli(['render', 'periduroscopia', '--root', root, '--brand', 'clinic', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
  });

  for (const [what, file, bytes, code] of [
    ['a corrupt PNG', 'logo.png', () => tinyPng().subarray(0, 60), 'LEAF4032'],
    ['a file that is not a JPEG', 'logo.jpg', () => Buffer.from('not a jpeg at all'), 'LEAF4031'],
    ['an SVG that loads a remote image', 'logo.svg', () => '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="https://example.com/x.png" width="10" height="10"/></svg>', 'LEAF4037'],
    ['an SVG with an entity', 'logo.svg', () => '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>', 'LEAF4037'],
  ] as const) {
    it(`${what} as logo is an error naming the brand file, exit 1, no output`, () => {
      const root = tempRoot();
      writeBrand(root, 'clinic', `name: Clinica Prova\nlogo: ${file}\n`, { [file]: bytes() });
      const out = path.join(root, 'out', 'x.pdf');
      const r = cli(['render', 'periduroscopia', '--root', root, '--brand', 'clinic', '-o', out]);
      expect(r.code).toBe(1);
      // the image checker's code, at the logo: line of the brand file
      expect(r.stderr).toMatch(new RegExp(`data/brands/clinic\\.yaml:2:\\d+: error ${code}`));
      expect(existsSync(out)).toBe(false);
      expect(existsSync(path.join(root, 'out'))).toBe(false);
    });
  }

  it('a missing logo is an error naming the brand file', () => {
    const root = tempRoot();
    writeBrand(root, 'clinic', 'name: Clinica Prova\nlogo: nowhere.png\n');
    const r = cli(['render', 'periduroscopia', '--root', root, '--brand', 'clinic', '-o', path.join(root, 'x.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/data\/brands\/clinic\.yaml:\d+:\d+: error LEAF2004/);
  });
});
