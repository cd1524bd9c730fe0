/**
 * The hostile-input corpus (issue 10, classes 4 and 7): inputs an attacker
 * or an unlucky user gives the tool, each written into its own small
 * content root. Every case must validate and render (PDF and HTML) either
 * successfully or refused with the code named here — within bounded time
 * and memory. tests/hostile/hostile.test.ts checks the outcome; bench/
 * hostile.bench.js measures time and peak RSS against the targets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hugePng, jpeg, nestedUseSvg, png, svg } from '../support/images.js';

export interface HostileCase {
  name: string;
  /** the content root holding data/leaflets/hostile and data/brands/hostile.yaml */
  root: string;
  /** the diagnostic code every step must fail with; undefined: every step succeeds */
  refusedWith?: string;
  /** the file:line the refusal points at (the logo: or src: value) */
  at?: string;
  /** the steps that refuse (default: all); the others succeed */
  refusedIn?: readonly string[];
}

/** content files are limited to 1 MiB (src/content/yaml.ts); the big cases stay just under it */
const CONTENT_LIMIT = 1024 * 1024;

const LEAFLET = `id: hostile
source: en
document:
  reference: PIL-HOSTILE-001
  version: "1.0"
  published: 2026-11-24
  review: 2028-11-24
`;

function language(blocks: string): string {
  return `lang: en\nstatus: approved\ntitle: Hostile input\nsections:\n  - id: body\n    title: Body\n    blocks:\n${blocks}`;
}

const figure = (src: string) => `      - figure:\n          src: ${src}\n          alt: A figure\n`;
/** one paragraph of `unit` repeated to about `bytes` bytes, as a YAML double-quoted scalar */
const paragraph = (unit: string, bytes: number) => `      - text: "${unit.repeat(Math.floor(bytes / unit.length))}"\n`;

interface Spec {
  name: string;
  logo?: { file: string; bytes: () => Buffer | Promise<Buffer> };
  figure?: { file: string; bytes: () => Buffer | Promise<Buffer> };
  /** the text block(s) of the language file */
  blocks?: () => string;
  refusedWith?: string;
  refusedIn?: readonly string[];
}

/** the file without its last fifth: a download or a copy that stopped early */
const cut = (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.8));

const SPECS: Spec[] = [
  { name: 'svg-nested-use-logo', logo: { file: 'logo.svg', bytes: () => nestedUseSvg() }, refusedWith: 'LEAF4034' },
  {
    name: 'svg-script-onload-logo',
    logo: { file: 'logo.svg', bytes: () => svg('<script>alert(1)</script><rect width="10" height="10"/>', 'viewBox="0 0 10 10" onload="alert(1)"') },
    refusedWith: 'LEAF4036',
  },
  {
    // within the per-image limit, but the PDF draws the logo on each of ~30 pages
    name: 'svg-logo-on-many-pages',
    logo: { file: 'logo.svg', bytes: () => svg('<rect width="1" height="1"/>'.repeat(1500)) },
    blocks: () => paragraph('lorem ipsum dolor sit amet, ', 100 * 1024),
    refusedWith: 'LEAF4034',
    refusedIn: ['render pdf'],
  },
  { name: 'png-16bit-rgba-6000x6600', figure: { file: 'huge.png', bytes: () => hugePng({ width: 6000, height: 6600, colour: 6, depth: 16 }) }, refusedWith: 'LEAF4034' },
  { name: 'png-truncated', figure: { file: 'cut.png', bytes: () => cut(png({ width: 200, height: 200, colour: 2 })) }, refusedWith: 'LEAF4032' },
  { name: 'jpeg-truncated', figure: { file: 'cut.jpg', bytes: () => cut(jpeg({ width: 64, height: 64 })) }, refusedWith: 'LEAF4032' },
  { name: 'jpeg-2-components', figure: { file: 'two.jpg', bytes: () => jpeg({ components: 2 }) }, refusedWith: 'LEAF4035' },
  // controls: what the checker lets through is drawn
  { name: 'jpeg-rgb-ok', figure: { file: 'ok.jpg', bytes: () => jpeg({ width: 64, height: 48 }) } },
  { name: 'png-rgba-ok', figure: { file: 'ok.png', bytes: () => png({ width: 64, height: 48 }) } },
  { name: 'emphasis-60k', blocks: () => paragraph('*a ', 60 * 1024) },
  { name: 'emphasis-900k', blocks: () => paragraph('*a ', 900 * 1024) },
  { name: 'plain-paragraph-1m', blocks: () => paragraph('lorem ipsum dolor sit amet, ', CONTENT_LIMIT - 1024) },
];

export const CASE_NAMES = SPECS.map((s) => s.name);

/** Writes every case (or those named) under `dir`, one content root each. */
export async function writeCorpus(dir: string, only?: readonly string[]): Promise<HostileCase[]> {
  const out: HostileCase[] = [];
  for (const spec of SPECS.filter((s) => !only || only.includes(s.name))) {
    const root = path.join(dir, spec.name);
    const leaflet = path.join(root, 'data/leaflets/hostile');
    const brands = path.join(root, 'data/brands');
    await mkdir(leaflet, { recursive: true });
    await mkdir(brands, { recursive: true });
    await writeFile(path.join(leaflet, 'leaflet.yaml'), LEAFLET);
    let blocks = spec.blocks?.() ?? '      - text: A short paragraph.\n';
    if (spec.figure) {
      await writeFile(path.join(leaflet, spec.figure.file), await spec.figure.bytes());
      blocks += figure(spec.figure.file);
    }
    const text = language(blocks);
    if (Buffer.byteLength(text) > CONTENT_LIMIT) throw new Error(`${spec.name}: the language file is over the content limit`);
    await writeFile(path.join(leaflet, 'en.yaml'), text);
    let brand = 'name: Hostile Clinic\n';
    if (spec.logo) {
      await writeFile(path.join(brands, spec.logo.file), await spec.logo.bytes());
      brand += `logo: ${spec.logo.file}\n`;
    }
    await writeFile(path.join(brands, 'hostile.yaml'), brand);
    const at = spec.logo ? 'data/brands/hostile.yaml:2' : spec.figure ? `data/leaflets/hostile/en.yaml:${text.split('\n').findIndex((l) => l.includes('src:')) + 1}` : undefined;
    out.push({ name: spec.name, root, ...(spec.refusedWith ? { refusedWith: spec.refusedWith, at } : {}), ...(spec.refusedIn ? { refusedIn: spec.refusedIn } : {}) });
  }
  return out;
}

/** Whether `step` of case `c` must refuse (rather than succeed). */
export const refuses = (c: HostileCase, step: string): boolean => !!c.refusedWith && (!c.refusedIn || c.refusedIn.includes(step));

/** The CLI steps every case goes through, with the file each writes. */
export function stepsOf(c: HostileCase): { step: string; args: string[]; output?: string }[] {
  const pdf = path.join(c.root, 'out/hostile.pdf');
  const html = path.join(c.root, 'out/hostile.html');
  return [
    { step: 'validate', args: ['validate', '--root', c.root] },
    // lint reads text, not images: only the text cases (60 KB of "*a " once took it 38 s)
    ...(c.refusedWith && !c.refusedIn ? [] : [{ step: 'lint', args: ['lint', '--root', c.root] }]),
    { step: 'render pdf', args: ['render', 'hostile', '--root', c.root, '--lang', 'en', '--brand', 'hostile', '-o', pdf], output: pdf },
    { step: 'render html', args: ['render', 'hostile', '--root', c.root, '--lang', 'en', '--brand', 'hostile', '--format', 'html', '-o', html], output: html },
  ];
}
