import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseFragment } from 'parse5';
import { patientForm, type SchemaNode } from '../../src/serve/form.js';
import { PROJECT } from './helpers.js';

const schema = JSON.parse(readFileSync(`${PROJECT}/schemas/patient.schema.json`, 'utf8')) as SchemaNode;
const context = { languages: ['en', 'it', 'uk'] };

/** Every input's path in the form, `medication.#.name` for the fields of a list's row template. */
function fieldPaths(html: string): string[] {
  return [...html.matchAll(/data-field="([^"]+)"/g)].map((m) => m[1]!);
}

/** Every leaf of the schema, as the form names it. */
function leaves(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(node.properties ?? {}).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v.type === 'object') return leaves(v, p);
    if (v.type === 'array' && v.items?.type === 'object') return leaves(v.items, `${p}.#`);
    return [p];
  });
}

describe('the patient form', () => {
  it('has a field for every field of the patient schema except skip (the section picker)', () => {
    expect(fieldPaths(patientForm(schema, context)).sort()).toEqual(leaves(schema).filter((p) => p !== 'skip').sort());
  });

  it('a field added to the schema appears on the page without a change to the form code', () => {
    const grown: SchemaNode = { ...schema, properties: { ...schema.properties, ward: { type: 'string', description: 'Ward.' } } };
    expect(fieldPaths(patientForm(grown, context))).toContain('ward');
  });

  it('every input has a label, and its hint and error slot are tied to it for screen readers', () => {
    const html = patientForm(schema, context);
    for (const m of html.matchAll(/<(input|select|textarea) id="([^"]+)"[^>]*aria-describedby="([^"]+)"/g)) {
      expect(html, m[2]).toContain(`<label for="${m[2]}"`);
      for (const id of m[3]!.split(' ')) expect(html, id).toContain(`id="${id}"`);
    }
  });

  it('dates and times get date and time inputs, the note a text area, the language of free text a list of languages', () => {
    const html = patientForm(schema, context);
    expect(html).toMatch(/<input type="date" id="f-appointment_date"/);
    expect(html).toMatch(/<input type="time" id="f-appointment_time"/);
    expect(html).toMatch(/<textarea rows="4" id="f-note"/);
    expect(html).toMatch(/<select id="f-lang"[^>]*>.*<option value="uk">Ukrainian \(uk\)<\/option>/s);
    expect(html).toMatch(/<select id="f-companion"/);
  });

  it('is well-formed HTML whatever the schema describes (descriptions are escaped)', () => {
    const hostile: SchemaNode = { type: 'object', properties: { x: { type: 'string', description: '<script>alert(1)</script> & "q"' } } };
    const html = patientForm(hostile, context);
    expect(html).not.toContain('<script>');
    expect(parseFragment(html).childNodes.length).toBeGreaterThan(0);
    expect(() => parse(`<!doctype html><title>x</title>${html}`)).not.toThrow();
  });
});
