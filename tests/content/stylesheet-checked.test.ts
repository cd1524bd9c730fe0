import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkedAtBuild } from '../../src/content/template.js';
import { checkStylesheet } from '../../src/content/stylesheet.js';
import { PROJECT } from '../support/cli.js';

describe('stylesheets checked at build time', () => {
  const bundled = readdirSync(path.join(PROJECT, 'templates')).map((t) => [t, readFileSync(path.join(PROJECT, 'templates', t, 'style.css'), 'utf8')] as const);

  it.each(bundled)('the bundled %s stylesheet is clean and known as checked, so a render does not parse it again', (name, css) => {
    expect(checkStylesheet(css, `${name}/style.css`)).toEqual([]);
    expect(checkedAtBuild(css)).toBe(true);
  });

  it('a stylesheet differing by one rule is not taken as checked: it is parsed and checked at load (tests/html/html.test.ts refuses one that fetches)', () => {
    const [, css] = bundled[0]!;
    expect(checkedAtBuild(`${css}\n@import url("https://example.org/x.css");\n`)).toBe(false);
    expect(checkedAtBuild(css.replace('}', '} ')) ).toBe(false);
  });
});
