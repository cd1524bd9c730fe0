import { describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { resolveSettings } from '../../src/select/settings.js';
import { PROJECT } from '../support/cli.js';

const renderer = new Renderer({ root: PROJECT, cwd: PROJECT });

async function sources(brand?: string) {
  const [l, t, b] = await Promise.all([renderer.leaflet('periduroscopia'), renderer.template('standard'), renderer.brand(brand)]);
  if (!l.ok || !t.ok || !b.ok) throw new Error('bundled content does not load');
  return { leaflet: l.value, template: t.value, brand: b.value, language: l.value.languages[0]! };
}

describe('settings follow template < brand < leaflet < language < patient < command line', () => {
  it('the template gives the defaults', async () => {
    const s = await sources();
    const r = resolveSettings({ ...s, flags: {} });
    expect(r.value.paper).toBe('a4');
    expect(r.value.colours).toEqual(s.template.theme.colours);
  });

  it("a brand's colours win over the template's, and only those it sets", async () => {
    const s = await sources('demo-clinic');
    const r = resolveSettings({ ...s, flags: {} });
    expect(r.value.colours.primary).toBe('#00594f');
    expect(r.value.colours.tipBorder).toBe(s.template.theme.colours.tipBorder);
  });

  it('the command line wins over everything', async () => {
    const s = await sources('demo-clinic');
    expect(resolveSettings({ ...s, flags: { paper: 'letter' } }).value.paper).toBe('letter');
    expect(resolveSettings({ ...s, flags: { paper: undefined } }).value.paper).toBe('a4');
  });

  it('the view the templates read carries the resolved settings', async () => {
    const c = await renderer.compose({ leaflet: 'periduroscopia', brand: 'demo-clinic', template: 'standard', formats: ['html'], paper: 'a5', skip: [] });
    if (!c.ok) throw new Error('does not compose');
    expect(c.value.view.paper).toBe('a5');
    expect(c.value.view.theme.colours.primary).toBe('#00594f');
  });
});
