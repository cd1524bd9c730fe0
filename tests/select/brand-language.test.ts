import { describe, expect, it } from 'vitest';
import { Renderer } from '../../src/render.js';
import { localize } from '../../src/model/brand.js';
import { PROJECT } from '../support/cli.js';

const renderer = new Renderer({ root: PROJECT, cwd: PROJECT });
const view = async (lang: string, brand?: string) => {
  const c = await renderer.compose({ leaflet: 'periduroscopia', lang, brand, template: 'standard', formats: ['html'], paper: 'a4', skip: [] });
  if (!c.ok) throw new Error(JSON.stringify(c.diagnostics));
  return c.value.view;
};

describe('brand text speaks the leaflet language', () => {
  it('the neutral brand is named in Italian on an Italian leaflet and in English on an English one', async () => {
    expect((await view('it')).brand.name).toBe('Informazioni per il paziente');
    expect((await view('en')).brand.name).toBe('Patient information');
  });

  it("the demo clinic's logo text and closing line follow the language; its name is the same everywhere", async () => {
    const it_ = await view('it', 'demo-clinic');
    const en = await view('en', 'demo-clinic');
    expect([it_.brand.logo?.alt, en.brand.logo?.alt]).toEqual(['Logo della Clinica Demo Esempio', 'Logo of Clinica Demo Esempio']);
    expect([it_.brand.footer, en.brand.footer]).toEqual(['Clinica fittizia, solo dimostrativa', 'Fictitious clinic, for demonstration only']);
    expect(it_.brand.name).toBe(en.brand.name);
  });

  it('a language the brand has no text for takes English, else the first given', () => {
    expect(localize({ it: 'Ciao', en: 'Hello' }, 'de')).toBe('Hello');
    expect(localize({ it: 'Ciao', fr: 'Salut' }, 'de')).toBe('Ciao');
    expect(localize('Same', 'de')).toBe('Same');
  });
});
