import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT } from './cli.js';

/**
 * The bundled leaflet's Italian source and English translation, without the
 * drafts in other scripts (ar, bn, zh-Hans, hi): build, privacy and CLI
 * mechanics are tested on two languages, as they were written, and the other
 * scripts have tests of their own (tests/pdf/scripts.test.ts).
 */
export const twoLanguages = (src: string): boolean => !/[\\/](ar|bn|zh-Hans|hi)\.yaml$/.test(src);

/**
 * A throwaway content root holding a copy of the bundled data/ (Italian and
 * English), to break on purpose. Of the bundled leaflets it holds `leaflets`
 * (default: the reference leaflet, periduroscopia), so that counts and builds
 * in tests do not change each time a leaflet is bundled.
 */
export async function tempRoot(options: { leaflets?: string[] } = {}): Promise<{
  root: string;
  file: (rel: string) => string;
  edit: (rel: string, change: (text: string) => string) => Promise<void>;
  put: (rel: string, content: string | Uint8Array) => Promise<void>;
  remove: () => Promise<void>;
}> {
  const root = await mkdtemp(path.join(tmpdir(), 'leaflets-test-'));
  const keep = new Set(options.leaflets ?? ['periduroscopia']);
  const leaflets = path.join(PROJECT, 'data', 'leaflets');
  await cp(path.join(PROJECT, 'data'), path.join(root, 'data'), {
    recursive: true,
    filter: (src) => twoLanguages(src) && (path.dirname(src) !== leaflets || keep.has(path.basename(src))),
  });
  const file = (rel: string) => path.join(root, rel);
  return {
    root,
    file,
    edit: async (rel, change) => {
      const before = await readFile(file(rel), 'utf8');
      const after = change(before);
      // a fixture edit that silently matches nothing would make its test prove nothing
      if (after === before) throw new Error(`The edit of ${rel} changed nothing: the fixture text has moved.`);
      await writeFile(file(rel), after);
    },
    put: async (rel, content) => writeFile(file(rel), content),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export const IT = 'data/leaflets/periduroscopia/it.yaml';
export const EN = 'data/leaflets/periduroscopia/en.yaml';
export const SHARED = 'data/leaflets/periduroscopia/leaflet.yaml';
