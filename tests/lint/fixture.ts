import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLeaflet } from '../../src/content/leaflet.js';
import { checkLeaflet, type PlacedMessage } from '../../src/lint/check.js';
import { ruleById } from '../../src/lint/catalogue.js';
import type { FontChain, RuleId } from '../../src/lint/model.js';
import type { Leaflet } from '../../src/model/content.js';
import { stampTranslation } from '../../src/lint/stamp.js';

/**
 * A small leaflet that passes every rule: short Italian source, plain English
 * translation (stamped), review date far away. Tests break one thing at a time.
 */
export const SHARED = `id: demo
source: it
document:
  reference: PIL-DEMO-001
  version: "1.0"
  published: 2026-01-10
  review: 2028-01-10
`;

export const IT = `# Testo di partenza
lang: it
status: approved
title: Visita di controllo
subtitle: Cosa succede il giorno della visita
summary:
  - Il medico controlla la schiena. La visita dura poco.
sections:
  - id: what
    title: Che cos'è
    blocks:
      - text: La visita è un controllo semplice. Il medico fa alcune domande. Poi guarda la schiena.
      - tip: Porta con te gli esami che hai già fatto.

  - id: day
    title: Il giorno della visita
    sections:
      - id: before
        title: Prima
        blocks:
          - list:
              - Mangia come sempre
              - Porta la tessera sanitaria
      - id: after
        title: Dopo
        blocks:
          - steps:
              - Torna a casa
              - Riposa un poco

  - id: faq
    title: Domande
    blocks:
      - faq:
          - q: Fa male?
            a:
              - No, la visita non fa male.
            tip: Chiedi pure se hai dubbi.

  - id: points
    title: In breve
    blocks:
      - points:
          - label: Durata
            text: Mezz'ora circa.
`;

export const EN = `# Translation
lang: en
status: draft
title: Check-up visit
subtitle: What happens on the day of the visit
translatedFrom:
  lang: it
  version: "1.0"
  # one line a stamp, so that stamping keeps every line where it is
  sections:
    _front: aaaaaaaaaaaa
    what: aaaaaaaaaaaa
    day: aaaaaaaaaaaa
    day.before: aaaaaaaaaaaa
    day.after: aaaaaaaaaaaa
    faq: aaaaaaaaaaaa
    points: aaaaaaaaaaaa
summary:
  - The doctor checks your back. The visit is short.
sections:
  - id: what
    title: What it is
    blocks:
      - text: The visit is a simple check. The doctor asks a few questions. Then the doctor looks at your back.
      - tip: Bring the test results you already have.

  - id: day
    title: On the day
    sections:
      - id: before
        title: Before
        blocks:
          - list:
              - Eat as usual
              - Bring your health card
      - id: after
        title: After
        blocks:
          - steps:
              - Go home
              - Rest for a while

  - id: faq
    title: Questions
    blocks:
      - faq:
          - q: Does it hurt?
            a:
              - No, the visit does not hurt.
            tip: Feel free to ask if you are not sure.

  - id: points
    title: In short
    blocks:
      - points:
          - label: How long
            text: About half an hour.
`;

export interface Fixture {
  root: string;
  dir: string;
  file(name: string): string;
  read(name: string): Promise<string>;
  write(name: string, text: string): Promise<void>;
  edit(name: string, change: (text: string) => string): Promise<void>;
  load(): Promise<Leaflet>;
  remove(): Promise<void>;
}

/**
 * Writes the demo leaflet (optionally changed) into a fresh content root; the
 * English file is stamped (which rewrites only the hash values, so positions
 * in EN stay valid).
 */
export async function fixture(
  files: { shared?: string; it?: string; en?: string | null; extra?: Record<string, string | Uint8Array> } = {},
  options: { stamp?: boolean } = {},
): Promise<Fixture> {
  const root = await mkdtemp(path.join(tmpdir(), 'leaflets-lint-'));
  const dir = path.join(root, 'data', 'leaflets', 'demo');
  await mkdir(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  await writeFile(file('leaflet.yaml'), files.shared ?? SHARED);
  await writeFile(file('it.yaml'), files.it ?? IT);
  if (files.en !== null) await writeFile(file('en.yaml'), files.en ?? EN);
  for (const [name, content] of Object.entries(files.extra ?? {})) {
    await mkdir(path.dirname(file(name)), { recursive: true });
    await writeFile(file(name), content);
  }
  const f: Fixture = {
    root,
    dir,
    file,
    read: (name) => readFile(file(name), 'utf8'),
    write: (name, text) => writeFile(file(name), text),
    edit: async (name, change) => writeFile(file(name), change(await readFile(file(name), 'utf8'))),
    async load() {
      const r = await loadLeaflet('demo', { root, cwd: root });
      if (!r.ok) throw new Error(`fixture does not load: ${JSON.stringify(r.diagnostics, null, 2)}`);
      return r.value;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  if (files.en !== null && options.stamp !== false) await stampTranslation(await f.load(), 'en');
  return f;
}

/** Runs one rule (with its defaults, or the options given) on a leaflet. */
export function runRule(
  leaflet: Leaflet,
  id: RuleId,
  options: { options?: Record<string, unknown>; today?: string; fonts?: FontChain[] } = {},
): PlacedMessage[] {
  const rule = ruleById(id)!;
  return checkLeaflet(leaflet, {
    runs: [{ rule, options: { ...(rule.defaults as Record<string, unknown>), ...options.options } }],
    today: options.today ?? '2026-06-01',
    fonts: options.fonts ?? [],
  });
}

/** Runs one rule on a fixture built from the files given, then removes it. */
export async function lintWith(
  id: RuleId,
  files: Parameters<typeof fixture>[0] = {},
  options: Parameters<typeof runRule>[2] = {},
): Promise<PlacedMessage[]> {
  const f = await fixture(files);
  try {
    return runRule(await f.load(), id, options);
  } finally {
    await f.remove();
  }
}

/** "file.yaml:line:column" of a message, with the file's base name. */
export const where = (m: PlacedMessage) => `${path.basename(m.file)}:${m.line}:${m.column}`;

/** The line and column of the first occurrence of `needle` in a text (1-based). */
export function positionOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
