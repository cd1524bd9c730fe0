import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excerpt } from '../../src/diagnostics/excerpt.js';
import { runCli } from '../support/cli.js';
import { IT, tempRoot } from '../support/root.js';

describe('a value quoted in a message is short and printable', () => {
  it('never longer than the limit and never holding a control, bidi override or isolate, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const shown = excerpt(text, max);
        expect([...shown.replace(/\\u\{[0-9a-f]+\}/g, '')].length).toBeLessThanOrEqual(max + 1);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 500 },
    );
  });

  it('an ESC sequence in a YAML value is shown escaped in validate\'s message, so it cannot repaint the terminal', async () => {
    const t = await tempRoot();
    try {
      await t.edit(IT, (s) => s.replace(/^status: .*$/m, 'status: "\\e[2J\\e[31mapproved"'));
      const r = await runCli(['validate', '--root', t.root], { cwd: t.root });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('\\u{1b}[2J');
      expect(r.stdout + r.stderr).not.toContain('\u001b[2J');
    } finally {
      await t.remove();
    }
  });
});
