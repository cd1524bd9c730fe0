import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickNext } from '../../src/batch/pool.js';

type Item = { leaflet: string; lang: string | null; n: number };

/** Hands every item out to `slots` slots taking turns, as free workers would; returns which slot got each. */
function handOut(items: Item[], slots: number): Map<number, number> {
  const pending = [...items];
  const owned = new Map<number, string>();
  const got = new Map<number, number>();
  for (let turn = 0; pending.length; turn++) {
    const slot = turn % slots;
    const item = pickNext(pending, owned, slot)!;
    got.set(item.n, slot);
  }
  return got;
}

const matrix = (leaflets: number, langs: string[], perLang: number): Item[] => {
  const out: Item[] = [];
  for (let l = 0; l < leaflets; l++) for (const lang of langs) for (let k = 0; k < perLang; k++) out.push({ leaflet: `l${l}`, lang, n: out.length });
  return out;
};

describe('build pool: which worker gets which artefact', () => {
  it('the brands and formats of one leaflet in one language go to one worker, while other work is left', () => {
    const items = matrix(6, ['it', 'en'], 4);
    const got = handOut(items, 2);
    for (let l = 0; l < 6; l++)
      for (const lang of ['it', 'en']) {
        const slots = new Set(items.filter((i) => i.leaflet === `l${l}` && i.lang === lang).map((i) => got.get(i.n)));
        expect(slots.size, `l${l} ${lang}`).toBe(1);
      }
  });

  it('every item is handed out exactly once, whatever the matrix and the number of workers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (leaflets, langs, perLang, slots) => {
        const items = matrix(leaflets, ['it', 'en', 'ar'].slice(0, langs), perLang);
        const got = handOut(items, slots);
        expect([...got.keys()].sort((a, b) => a - b)).toEqual(items.map((i) => i.n));
      }),
    );
  });

  it('a worker with nothing of its own left helps with another worker\'s leaflet rather than idle', () => {
    const items = matrix(1, ['it'], 4);
    const got = handOut(items, 2);
    expect(new Set(got.values()).size).toBe(2);
  });
});
