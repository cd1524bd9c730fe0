import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32, deflateSync } from 'node:zlib';
import { IMAGE_LIMITS, inspectImage, svgDrawsProblems } from '../../src/write/images.js';
import { hugePng, jpeg, nestedUseSvg, png, svg } from '../support/images.js';

const kindOf = (bytes: Uint8Array, type: 'png' | 'jpeg' | 'svg') => {
  const r = inspectImage(bytes, type);
  return r.ok ? 'ok' : r.problem.kind;
};

describe('PNG: the whole file is checked before anything decodes it', () => {
  it('accepts every colour type pdfkit embeds, and gives its size', () => {
    for (const [colour, depth] of [[0, 8], [0, 16], [0, 1], [2, 8], [2, 16], [3, 8], [3, 4], [4, 8], [6, 8], [6, 16]] as const) {
      const r = inspectImage(png({ width: 30, height: 20, colour, depth }), 'png');
      expect(r.ok && r.facts, `colour ${colour} depth ${depth}`).toEqual({ width: 30, height: 20, decodedBytes: expect.any(Number) });
    }
  });

  it('refuses a file cut anywhere, however it was cut', () => {
    const whole = png({ width: 40, height: 40 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (end) => {
        expect(kindOf(whole.subarray(0, end), 'png')).not.toBe('ok');
      }),
    );
  });

  it('refuses a file whose chunk checksum does not match its bytes', () => {
    const bad = Buffer.from(png({ width: 40, height: 40 }));
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1); // the IEND chunk's CRC: nothing but the CRC check can see it
    expect(kindOf(bad, 'png')).toBe('damaged');
  });

  it('refuses complete chunks around image data that stops short', () => {
    const full = png({ width: 64, height: 64 });
    // rebuild with the compressed data cut in half but valid CRCs: only inflating shows it
    const half = deflateSync(Buffer.alloc(65 * 4 * 64)).subarray(0, 20);
    const idatAt = full.indexOf('IDAT') - 4;
    const before = full.subarray(0, idatAt);
    const c = Buffer.alloc(12 + half.length);
    c.writeUInt32BE(half.length, 0);
    c.write('IDAT', 4, 'latin1');
    half.copy(c, 8);
    c.writeUInt32BE(crc32(c.subarray(4, 8 + half.length)) >>> 0, 8 + half.length);
    const iend = full.subarray(full.length - 12);
    expect(kindOf(Buffer.concat([before, c, iend]), 'png')).toMatch(/truncated|damaged/);
  });

  it('refuses a 6000 × 6600 16-bit RGBA PNG (300 KB on disk, 317 MB decoded) by its header', async () => {
    const bytes = await hugePng({ width: 6000, height: 6600, colour: 6, depth: 16 });
    expect(bytes.length).toBeLessThan(IMAGE_LIMITS.fileBytes);
    const r = inspectImage(bytes, 'png');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ kind: 'too-large', why: expect.stringMatching(/6000 × 6600.*317 MB/) });
  }, 30_000);

  it('refuses sub-byte pixels pdfkit would have to decode (interlaced, or with transparency)', () => {
    expect(kindOf(png({ width: 8, height: 8, colour: 3, depth: 4, transparency: true }), 'png')).toBe('unsupported');
  });

  it('refuses what is not a PNG', () => {
    expect(kindOf(Buffer.from('GIF89a……'), 'png')).toBe('not-format');
  });
});

describe('JPEG: complete, one frame, components pdfkit has a colour space for', () => {
  it('accepts greyscale, RGB and CMYK and reads the frame size', () => {
    for (const components of [1, 3, 4]) {
      const r = inspectImage(jpeg({ components, width: 16, height: 24 }), 'jpeg');
      expect(r.ok && r.facts).toMatchObject({ width: 16, height: 24 });
    }
  });

  it('refuses a 2-component JPEG (pdfkit would write /ColorSpace undefined)', () => {
    const r = inspectImage(jpeg({ components: 2 }), 'jpeg');
    expect(!r.ok && r.problem).toMatchObject({ kind: 'unsupported', why: expect.stringMatching(/2 colour components/) });
  });

  it('refuses a file cut anywhere before its end-of-image marker', () => {
    const whole = jpeg({ width: 64, height: 64 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (end) => {
        expect(kindOf(whole.subarray(0, end), 'jpeg')).not.toBe('ok');
      }),
    );
  });

  it('refuses a JPEG that decodes to more than the limit', () => {
    expect(kindOf(jpeg({ declared: { width: 65_000, height: 65_000 } }), 'jpeg')).toBe('too-large');
  });
});

describe('SVG: parsed as XML, self-contained, bounded once expanded', () => {
  it('accepts shapes, gradients, #id references and an embedded data: PNG', () => {
    const dataPng = `data:image/png;base64,${png({ width: 2, height: 2 }).toString('base64')}`;
    expect(kindOf(svg(`<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="stroke:url(#g)"/><use href="#g"/><image xlink:href="${dataPng}" width="1" height="1"/>`), 'svg')).toBe('ok');
  });

  it.each([
    ['a script element', '<script>alert(1)</script>', 'active'],
    ['an onload attribute', '<rect onload="alert(1)"/>', 'active'],
    ['an upper-case event handler', '<rect ONCLICK="alert(1)"/>', 'active'],
    ['embedded HTML', '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', 'active'],
    ['an animation that rewrites a link', '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>', 'active'],
    ['a web link', '<use href="https://example.org/a.svg#x"/>', 'external'],
    ['an xlink:href to a file', '<image xlink:href="photo.png"/>', 'external'],
    ['a url() to the web', '<rect style="fill:url(http://example.org/p)"/>', 'external'],
    ['a CSS escape hiding url(', '<rect style="fill:u\\72l(http://example.org/p)"/>', 'external'],
    ['a stylesheet import', '<style>@import "x.css";</style>', 'external'],
    ['a data: SVG inside', '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', 'external'],
    ['a truncated PNG inside', `<image href="data:image/png;base64,${png({ width: 4, height: 4 }).subarray(0, 40).toString('base64')}"/>`, 'truncated'],
    ['a <use> that contains itself', '<g id="a"><use href="#a"/></g>', 'too-large'],
  ])('refuses %s', (_what, body, kind) => {
    expect(kindOf(svg(body), 'svg')).toBe(kind);
  });

  it('refuses a DOCTYPE (entities), and what is not well-formed XML', () => {
    expect(kindOf(Buffer.from('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'), 'svg')).toBe('external');
    expect(kindOf(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'), 'svg')).toBe('damaged');
  });

  it('refuses 2 KB of nested <use> that would draw 10^9 shapes, in milliseconds', () => {
    const bomb = nestedUseSvg();
    expect(bomb.length).toBeLessThan(3000);
    const started = performance.now();
    expect(kindOf(bomb, 'svg')).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('counts a marker once per vertex it is drawn at', () => {
    const marker = `<marker id="m">${'<circle r="1"/>'.repeat(100)}</marker>`;
    const points = Array.from({ length: 400 }, (_, i) => `${i},${i}`).join(' ');
    expect(kindOf(svg(`<defs>${marker}</defs><polyline marker-mid="url(#m)" points="${points}"/>`), 'svg')).toBe('too-large');
  });

  it('accepts a drawing just under the element limit and refuses one just over', () => {
    const n = IMAGE_LIMITS.svgElements;
    expect(kindOf(svg(`<g id="a">${'<rect/>'.repeat(98)}</g><use href="#a"/>`), 'svg')).toBe('ok');
    expect(kindOf(svg(`<g id="a">${'<rect/>'.repeat(n / 2)}</g><use href="#a"/>`), 'svg')).toBe('too-large');
  });
});

describe('the checker answers for any bytes: never throws, never accepts what it cannot size', () => {
  it('any bytes, as any format: a verdict, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('png', 'jpeg', 'svg') as fc.Arbitrary<'png' | 'jpeg' | 'svg'>, (bytes, type) => {
        const r = inspectImage(bytes, type);
        if (r.ok) expect(r.facts.width > 0 && r.facts.height > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a valid file with bytes flipped: a verdict, never an exception', () => {
    const files = { png: png({ width: 16, height: 16 }), jpeg: jpeg({ width: 16, height: 16 }), svg: svg('<g id="a"><rect width="1" height="1"/></g><use href="#a"/>') };
    fc.assert(
      fc.property(fc.constantFrom('png', 'jpeg', 'svg') as fc.Arbitrary<'png' | 'jpeg' | 'svg'>, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (type, flips) => {
        const bytes = Buffer.from(files[type]);
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        inspectImage(bytes, type);
      }),
      { numRuns: 500 },
    );
  });

  it('any text inside an SVG: refused or accepted, never an exception, never a script let through', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', '"', '=', ' ', 'a', 'on', 'script', 'href', '#', 'use', 'url(', ')', ':', '&', ';', 'x') , maxLength: 60 }), (body) => {
        const r = inspectImage(svg(body), 'svg');
        if (r.ok) expect(body).not.toMatch(/<script/i);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('an SVG is bounded by how often the PDF draws it', () => {
  const logo = { id: 'logo', path: '/x/logo.svg', type: 'svg' as const, folder: '/x', origin: { what: "The logo of brand 'b'", written: 'logo.svg', file: 'data/brands/b.yaml', line: 2, column: 7 } };

  it('a 1 500-element logo fits a 13-page PDF and is refused on 30 pages, at the logo: line', () => {
    expect(svgDrawsProblems([{ asset: logo, elements: 1500, times: 13 }])).toEqual([]);
    const refused = svgDrawsProblems([{ asset: logo, elements: 1500, times: 30 }]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'LEAF4034', file: 'data/brands/b.yaml', line: 2, column: 7, message: expect.stringMatching(/drawn 30 time/) });
  });

  it('counts every SVG of the document together, and names the ones that weigh most', () => {
    const figure = { ...logo, id: 'figure-1', origin: { ...logo.origin, what: 'A figure', file: 'en.yaml' } };
    const refused = svgDrawsProblems([
      { asset: logo, elements: 10, times: 30 },
      { asset: figure, elements: IMAGE_LIMITS.svgElementsDrawn, times: 1 },
    ]);
    expect(refused.map((d) => d.file)).toEqual(['en.yaml']);
  });
});
