import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mixedTypography } from '../../src/lint/rules/mixed-typography.js';
import { typedDecoration } from '../../src/lint/rules/typed-decoration.js';
import type { LintTarget } from '../../src/lint/model.js';
import type { TextUnit } from '../../src/lint/units.js';
import type { Leaflet } from '../../src/model/content.js';
import { fixture, type Fixture } from './fixture.js';

let f: Fixture;
let leaflet: Leaflet;
beforeAll(async () => {
  f = await fixture({ en: null });
  leaflet = await f.load();
});
afterAll(() => f.remove());

/** The rule run on the Italian file with these texts in place of its own. */
function target(texts: string[], role: TextUnit['role'] = 'text'): LintTarget {
  const units = texts.map((text, i) => ({ text, pointer: `/summary/${i}`, role }));
  return { leaflet, today: '2026-06-01', fonts: [], units: () => units };
}

const word = fc.constantFrom('Riposo', 'per', 'giorni', 'minuti', 'dopo', 'la', 'visita', 'l’esame', "dall'ospedale", '2026-11-24', '02-1234-5678');
const range = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.boolean()).map(([a, b, en]) => ({ text: `${a}${en ? '–' : '-'}${b}`, en }));

describe('mixed-typography (property)', () => {
  it('reports exactly the uses of the minority dash in ranges, none when one form is used; a tie reports the hyphens', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(word, { maxLength: 4 }), range), { maxLength: 12 }), (parts) => {
        const texts = parts.map(([ws, r]) => `${ws.join(' ')} ${r.text} giorni.`);
        const en = parts.filter(([, r]) => r.en).length;
        const hyphen = parts.length - en;
        const found = mixedTypography.check(target(texts), {}).filter((m) => m.code === 'LEAF5053');
        // the en dash is kept on a tie, so the hyphens are the ones reported
        const minority = en >= hyphen ? 'hyphen' : 'en dash';
        expect(found).toHaveLength(!en || !hyphen ? 0 : minority === 'hyphen' ? hyphen : en);
        for (const m of found) expect(m.message).toContain(`but here a${minority === 'hyphen' ? ' hyphen' : 'n en dash'}:`);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws and never reports a file that uses one apostrophe only, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'è', "'", ' ', '-', '1', '"', '“', '”', '.', '*') }), { maxLength: 6 }), (texts) => {
        const straightOnly = texts.map((t) => t.replace(/’/g, "'"));
        expect(mixedTypography.check(target(straightOnly), {}).filter((m) => m.code === 'LEAF5054')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('typed-decoration (property)', () => {
  it('a step that starts with a letter is never flagged; the same step with "N. " typed before it always is', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => /^\p{L}/u.test(s)), fc.integer({ min: 1, max: 20 }), (step, n) => {
        expect(typedDecoration.check(target([step], 'step'), { labels: [] })).toEqual([]);
        const typed = typedDecoration.check(target([`${n}. ${step}`], 'step'), { labels: [] });
        expect(typed.map((m) => m.code)).toEqual(['LEAF5050']);
      }),
      { numRuns: 200 },
    );
  });
});
