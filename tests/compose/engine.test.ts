import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { loadLeaflet } from '../../src/content/leaflet.js';
import { loadTemplate } from '../../src/content/template.js';
import { loadBrand } from '../../src/content/brand.js';
import { selectView } from '../../src/select/view.js';
import { composeLeaflet } from '../../src/pipeline.js';
import { addressHtml, createEngine } from '../../src/compose/engine.js';
import { inlineToHtml } from '../../src/compose/inline.js';
import type { Template } from '../../src/model/template.js';
import type { ViewModel } from '../../src/model/view.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { textOf, type MarkupElement, type MarkupNode } from '../../src/model/markup.js';
import { REPO } from '../html/helpers.js';
import { stringsFor } from '../support/strings.js';

let template: Template;
let view: ViewModel;

beforeAll(async () => {
  const opts = { root: REPO, cwd: REPO };
  const [l, t, b] = await Promise.all([loadLeaflet('periduroscopia', opts), loadTemplate('standard', opts), loadBrand('demo-clinic', opts)]);
  if (!l.ok || !t.ok || !b.ok) throw new Error('the bundled content does not load');
  template = t.value;
  const v = selectView(l.value, t.value, b.value, {}, await stringsFor('it', t.value, REPO));
  if (!v.ok) throw new Error('select failed');
  view = v.value;
});

/** The standard template with one file's source replaced. */
function withMain(source: string): Template {
  return { ...template, main: { ...template.main, source } };
}
function withPartial(name: string, source: string): Template {
  const partials = new Map(template.partials);
  partials.set(name, { ...template.partials.get(name)!, source });
  return { ...template, partials };
}
function render(t: Template) {
  const engine = createEngine(t);
  if (!engine.ok) return engine;
  return engine.value.render(view);
}

describe('a template error names the template file and line', () => {
  it('a syntax error', () => {
    const r = render(withMain('<article class="leaflet">\n  <main>\n  {{#if title}}\n  </main>\n</article>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.TEMPLATE_ERROR, file: template.main.display });
    expect(r.diagnostics[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('a mustache left open says where and what was expected', () => {
    const r = render(withMain('<article class="leaflet">\n  <h1>{{#if title}{{title}}</h1>\n</article>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.TEMPLATE_ERROR, line: 2 });
    expect(r.diagnostics[0]!.message).toContain('Expected }}');
  });

  it('a field the view model does not have (strict mode)', () => {
    const r = render(withMain('<article class="leaflet">\n\n  <h1>{{titel}}</h1>\n</article>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.TEMPLATE_ERROR, file: template.main.display, line: 3 });
    expect(r.diagnostics[0]!.message).toContain('titel');
  });

  it('an unknown helper', () => {
    const r = render(withMain('<article class="leaflet">\n  {{shout title}}\n</article>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]).toMatchObject({ code: CODES.TEMPLATE_ERROR, file: template.main.display, line: 2 });
  });

  it('an error inside a partial names the partial, not leaflet.hbs', () => {
    const r = render(withPartial('text', '<p>\n{{inline txet}}</p>'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics[0]!.file).toBe(template.partials.get('text')!.display);
    expect(r.diagnostics[0]!.line).toBe(2);
  });
});

describe('the environment has no prototype access', () => {
  for (const expr of ['{{constructor}}', '{{__proto__}}', '{{title.constructor}}', '{{lookup this "constructor"}}', '{{lookup title "__proto__"}}', '{{#with constructor}}{{name}}{{/with}}']) {
    it(`${expr} yields nothing or an error, never an object's insides`, () => {
      const r = render(withMain(`<article class="leaflet"><p>${expr}</p></article>`));
      if (!r.ok) {
        expect(r.diagnostics[0]!.code).toBe(CODES.TEMPLATE_ERROR);
        return;
      }
      expect(r.value).not.toMatch(/function|native code|Object|\[object/);
    });
  }
});

describe('content text is escaped', () => {
  it('**bold** and *italic* become strong and em, nothing else becomes markup', () => {
    expect(inlineToHtml('a **b** *c* <script>alert(1)</script> {{x}} &amp; "q" \'s\'')).toBe(
      'a <strong>b</strong> <em>c</em> &lt;script&gt;alert(1)&lt;/script&gt; {{x}} &amp;amp; &quot;q&quot; &#39;s&#39;',
    );
  });

  it('any text at all parses back to only strong and em elements with the same words', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '*', '<', '>', '&', '"', "'", '{', '}', '/', 'b', 'script', '=', ';', '#') }), (text) => {
        const fragment = parseFragment(inlineToHtml(text));
        const tags: string[] = [];
        let plain = '';
        const walk = (nodes: DefaultTreeAdapterMap['childNode'][]) => {
          for (const n of nodes) {
            if (n.nodeName === '#text') plain += (n as DefaultTreeAdapterMap['textNode']).value;
            else if ('tagName' in n) {
              tags.push(n.tagName);
              walk(n.childNodes);
            }
          }
        };
        walk(fragment.childNodes);
        expect(tags.every((t) => t === 'strong' || t === 'em')).toBe(true);
        expect(plain).toBe(plain.length ? plain : '');
        // Only the star markers go; every other character is kept, in order.
        expect(plain.replace(/\*/g, '')).toBe(text.replace(/\*/g, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('the bundled template composes with escaped brand text', () => {
    const hostile = { ...view, brand: { ...view.brand, name: '<img src=x onerror=alert(1)> & {{t}}' } };
    const r = composeLeaflet(hostile, template);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const find = (n: MarkupNode): MarkupElement | undefined =>
      n.type === 'element' ? (n.classes.includes('brand-name') ? n : n.children.map(find).find(Boolean)) : undefined;
    const brandName = find(r.value.tree)!;
    // The parsed markup holds the name as text: no <img> element was made from it.
    expect(brandName.children).toEqual([{ type: 'text', value: '<img src=x onerror=alert(1)> & {{t}}' }]);
    expect(textOf(brandName)).toBe('<img src=x onerror=alert(1)> & {{t}}');
  });
});

describe('an address shown as text wraps between the parts of its path ({{address}})', () => {
  it('a <wbr> after each slash of the path, none in the scheme, the host or the query', () => {
    expect(addressHtml('https://www.example.org/leaflets/cataract-surgery/it')).toBe('https://www.example.org/<wbr>leaflets/<wbr>cataract-surgery/<wbr>it');
    expect(addressHtml('https://clinic.example')).toBe('https://clinic.example');
    expect(addressHtml('https://a.example/x/?q=1/2&r=3#a/b')).toBe('https://a.example/<wbr>x/<wbr>?q=1/2&amp;r=3#a/b');
  });

  it('any address parses back to its own text, with only <wbr> elements, each right after a slash of the path (property)', () => {
    const part = fc.string({ unit: fc.constantFrom('a', '-', '/', '<', '>', '&', '"', "'", '?', '#', '=', '.', 'é') });
    fc.assert(
      fc.property(fc.constantFrom('https://', 'http://', ''), fc.stringMatching(/^[a-z.]{0,12}$/), part, (scheme, host, rest) => {
        const address = `${scheme}${host}${rest}`;
        // where the scheme and host end, and where the query or fragment starts
        const tail = address.slice(scheme.length);
        const hostEnd = scheme ? scheme.length + (tail.search(/[/?#]/) < 0 ? tail.length : tail.search(/[/?#]/)) : 0;
        const query = address.slice(hostEnd).search(/[?#]/);
        const pathEnd = query < 0 ? address.length : hostEnd + query;
        const fragment = parseFragment(addressHtml(address));
        let plain = '';
        for (const n of fragment.childNodes) {
          if (n.nodeName === '#text') plain += (n as DefaultTreeAdapterMap['textNode']).value;
          else {
            expect((n as DefaultTreeAdapterMap['element']).tagName).toBe('wbr');
            // a break only where the path has just had a slash, before its query
            expect(plain.endsWith('/')).toBe(true);
            expect(plain.length).toBeGreaterThan(hostEnd);
            expect(plain.length).toBeLessThanOrEqual(pathEnd);
          }
        }
        expect(plain).toBe(address);
      }),
      { numRuns: 300 },
    );
  });

  it('the bundled template shows the leaflet online with breaks after its slashes and links the address unchanged', () => {
    const online = 'https://www.example.org/leaflets/periduroscopia/it?a=1&b=2';
    const r = composeLeaflet({ ...view, online }, template);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const find = (n: MarkupNode): MarkupElement | undefined => (n.type === 'element' ? (n.tag === 'a' && n.attrs.href === online ? n : n.children.map(find).find(Boolean)) : undefined);
    const link = find(r.value.tree)!;
    expect(link.children.filter((c) => c.type === 'element').map((c) => (c as MarkupElement).tag)).toEqual(['wbr', 'wbr', 'wbr']);
    expect(textOf(link)).toBe(online);
  });
});
