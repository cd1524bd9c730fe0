import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'parse5';
import { Renderer, type RenderRequest } from '../../src/render.js';
import { cleanText } from '../../src/select/patient.js';
import { PROJECT } from '../support/cli.js';
import { typedText } from './typed-text.js';

const renderer = new Renderer({ root: PROJECT, cwd: PROJECT });

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function textOf(node: any): string {
  if (node.nodeName === '#text') return node.value;
  return (node.childNodes ?? []).map(textOf).join('');
}

function find(node: any, pred: (n: any) => boolean): any {
  if (pred(node)) return node;
  for (const c of node.childNodes ?? []) {
    const f = find(c, pred);
    if (f) return f;
  }
  return undefined;
}

describe('anything a doctor types shows literally in the HTML handout', () => {
  it('the note appears as typed (minus invisible control characters), never as markup', async () => {
    await fc.assert(
      fc.asyncProperty(typedText, async (note) => {
        fc.pre(cleanText(note).length > 0);
        const req: RenderRequest = {
          leaflet: 'periduroscopia',
          template: 'standard',
          formats: ['html'],
          paper: 'a4',
          skip: [],
          patient: { name: 'Test', note },
        };
        const r = await renderer.render(req);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const doc = parse(new TextDecoder().decode(r.value[0]!.bytes));
        const box = find(doc, (n) => n.attrs?.some((a: any) => a.name === 'class' && a.value === 'patient-note'));
        const paragraphs = box.childNodes.filter((c: any) => c.nodeName === 'p');
        // HTML collapses runs of white space; everything else must be exactly as typed
        expect(squash(textOf(paragraphs[1]))).toBe(squash(cleanText(note)));
        // the note never creates elements of its own
        expect(paragraphs[1].childNodes.every((c: any) => c.nodeName === '#text')).toBe(true);
        expect(find(doc, (n) => n.nodeName === 'script')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
