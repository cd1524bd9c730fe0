/**
 * A theme value can only reach the HTML as a value of its own type: even a
 * Template that skipped the theme schema cannot put text of its own into
 * the stylesheet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { writeHtml } from '../../src/write/html.js';
import type { Composed } from '../../src/pipeline.js';
import type { Template, Theme } from '../../src/model/template.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { DATE, rendererFor } from './helpers.js';

type El = DefaultTreeAdapterMap['element'];
const isEl = (n: DefaultTreeAdapterMap['childNode']): n is El => 'tagName' in n;
const all = (n: El | DefaultTreeAdapterMap['document']): El[] => n.childNodes.filter(isEl).flatMap((c) => [c, ...all(c)]);

let base: Composed;
let template: Template;
beforeAll(async () => {
  const renderer = rendererFor();
  const c = await renderer.compose({ leaflet: 'periduroscopia', template: 'standard', brand: 'demo-clinic', formats: ['html'], paper: 'a4', skip: [] });
  const t = await renderer.template('standard');
  if (!c.ok || !t.ok) throw new Error('the bundled leaflet does not compose');
  [base, template] = [c.value, t.value];
});

const hostile = fc.string({ unit: fc.constantFrom('a', ' ', ';', '}', '{', '<', '/', 'style', '>', '"', "'", '\\', 'url(', 'http://x', ')', '\n', '#', '1', 'f', '*/', '/*'), maxLength: 30 });

describe('theme values reach the CSS only as values of their type', () => {
  it('property: a colour, font family or size of any text is refused or written as a value of its type, never as extra CSS or markup', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostile, fc.stringMatching(/^#[0-9a-f]{6}$/)),
        fc.oneof(hostile, fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,20}[A-Za-z0-9]$/)),
        fc.oneof(hostile, fc.double({ min: 0, max: 100, noNaN: true }), fc.double()),
        async (colour, family, size) => {
        const theme: Theme = {
          ...base.view.theme,
          colours: { ...base.view.theme.colours, primary: colour },
          fontStack: [family, 'sans-serif'],
          sizes: { ...base.view.theme.sizes, body: size as number },
        };
        const r = await writeHtml({ ...base, view: { ...base.view, theme } }, { template: { ...template, theme }, date: DATE });
        if (!r.ok) {
          expect(r.diagnostics.every((d) => d.code === CODES.BAD_THEME)).toBe(true);
          return;
        }
        written++;
        const html = new TextDecoder().decode(r.value);
        const doc = parse(html);
        const elements = all(doc);
        expect(elements.filter((e) => e.tagName === 'style')).toHaveLength(1);
        expect(elements.filter((e) => e.tagName === 'script')).toEqual([]);
        const root = /:root \{\n([\s\S]*?)\n\}/.exec(html)![1]!;
        // one declaration a line, each a custom property with a plain value
        for (const line of root.split('\n'))
          expect(line).toMatch(/^ {2}--[a-z0-9-]+: (?:#[0-9a-f]{6}|-?[\d.]+(?:pt|mm)?|italic|normal|(?:"[^"\\<>;{}]*"|[a-z-]+)(?:, (?:"[^"\\<>;{}]*"|[a-z-]+))*);$/);
        },
      ),
      { numRuns: 200 },
    );
    // the property says something only if many cases got as far as the page
    expect(written).toBeGreaterThan(10);
  });
});
