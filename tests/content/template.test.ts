import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadTemplate } from '../../src/content/template.js';
import { PROJECT } from '../support/cli.js';
import { tempRoot } from '../support/root.js';

describe('a template may extend another and keep its partials', () => {
  it('large print draws with the standard partials and its own main template', async () => {
    const t = await loadTemplate('large-print', { root: PROJECT, cwd: PROJECT });
    if (!t.ok) throw new Error(JSON.stringify(t.diagnostics));
    expect(t.value.partials.get('tip')!.path).toBe(path.join(PROJECT, 'templates/standard/partials/tip.hbs'));
    expect(t.value.main.path).toBe(path.join(PROJECT, 'templates/large-print/leaflet.hbs'));
    expect(t.value.theme).not.toHaveProperty('extends');
  });

  describe('in a clinic folder', () => {
    let t: Awaited<ReturnType<typeof tempRoot>>;
    beforeAll(async () => {
      t = await tempRoot();
      await cp(path.join(PROJECT, 'templates'), t.file('templates'), { recursive: true });
    });
    afterAll(async () => t.remove());

    it('a partial of its own replaces the one it would inherit', async () => {
      await mkdir(t.file('templates/large-print/partials'), { recursive: true });
      await writeFile(t.file('templates/large-print/partials/tip.hbs'), '<div class="callout tip"><p>{{inline text}}</p></div>\n');
      const lp = await loadTemplate('large-print', { root: t.root, cwd: t.root });
      if (!lp.ok) throw new Error(JSON.stringify(lp.diagnostics));
      expect(lp.value.partials.get('tip')!.path).toBe(t.file('templates/large-print/partials/tip.hbs'));
      expect(lp.value.partials.get('faq')!.path).toBe(t.file('templates/standard/partials/faq.hbs'));
    });

    it('extending a template that does not exist is an error at its line', async () => {
      const theme = t.file('templates/large-print/theme.yaml');
      await writeFile(theme, (await readFile(theme, 'utf8')).replace('extends: standard', 'extends: standrad'));
      const lp = await loadTemplate('large-print', { root: t.root, cwd: t.root });
      expect(lp.ok).toBe(false);
      if (lp.ok) return;
      expect(lp.diagnostics[0]).toMatchObject({ code: 'LEAF2005', file: 'templates/large-print/theme.yaml', line: 5 });
    });
  });
});
