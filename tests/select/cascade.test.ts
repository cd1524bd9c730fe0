import { describe, expect, it } from 'vitest';
import { cascade, parseSetFlags, type Layer } from '../../src/select/cascade.js';

type Settings = { paper: string; colours: { primary: string; accent?: string }; sections: string[]; note: string };

describe('settings merge lowest priority first, in one call', () => {
  const layers: Layer<Settings>[] = [
    { origin: 'template', values: { paper: 'a4', colours: { primary: '#111111', accent: '#eeeeee' }, sections: ['a', 'b'] } },
    { origin: 'brand', values: { colours: { primary: '#222222' } } },
    { origin: 'leaflet', values: { paper: 'a5' } },
    { origin: 'language', values: { sections: ['c'] } },
    { origin: 'patient', values: { note: 'from patient' } },
    { origin: 'flags', values: { paper: 'letter', note: 'from flags' } },
  ];

  it('a later layer wins over an earlier one', () => {
    expect(cascade(layers).value).toMatchObject({ paper: 'letter', note: 'from flags' });
  });

  it('nested settings merge key by key', () => {
    expect(cascade(layers).value).toMatchObject({ colours: { primary: '#222222', accent: '#eeeeee' } });
  });

  it('lists replace, never concatenate', () => {
    expect(cascade(layers).value).toMatchObject({ sections: ['c'] });
  });

  it('an undefined value does not erase a lower layer', () => {
    expect(cascade([{ origin: 'a', values: { paper: 'a4' } }, { origin: 'b', values: { paper: undefined } }]).value).toEqual({ paper: 'a4' });
  });

  it('layers are not modified', () => {
    const brand = { colours: { primary: '#222222' } };
    cascade([{ origin: 'brand', values: brand }, { origin: 'flags', values: { colours: { primary: '#333333' } } }]);
    expect(brand.colours.primary).toBe('#222222');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('the key %s is refused and pollutes nothing', (key) => {
    const evil = JSON.parse(`{"${key}": {"polluted": true}, "colours": {"${key}": {"polluted": true}}}`);
    const r = cascade([{ origin: 'brand x.yaml', values: evil }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['LEAF2008', 'LEAF2008']);
    expect(r.diagnostics[0]!.message).toContain('brand x.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('--set key=value', () => {
  it('builds nested fields from dotted keys, keeping everything after the first =', () => {
    expect(parseSetFlags(['appointment.time=08:30', 'note=a=b'])).toEqual({
      values: { appointment: { time: '08:30' }, note: 'a=b' },
      diagnostics: [],
    });
  });

  it('refuses malformed keys and reserved keys', () => {
    const r = parseSetFlags(['novalue', '=x', 'a..b=1', 'constructor.prototype=1']);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['LEAF2007', 'LEAF2007', 'LEAF2007', 'LEAF2008']);
  });
});
