import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { runCli } from '../support/cli.js';
import { tempRoot } from '../support/root.js';
import { addressProblem, fillOnline } from '../../src/content/online.js';
import { CODES } from '../../src/diagnostics/codes.js';

type Root = Awaited<ReturnType<typeof tempRoot>>;
let t: Root;
beforeEach(async () => {
  t = await tempRoot({ leaflets: ['periduroscopia', 'cataract-surgery'] });
});
afterEach(async () => t.remove());

const SHARED = 'data/leaflets/cataract-surgery/leaflet.yaml';
const BRAND = 'data/brands/demo-clinic.yaml';

interface JsonDiagnostic {
  code: string;
  line?: number;
  column?: number;
  file?: string;
  message: string;
}

async function validate(): Promise<{ code: number; diagnostics: JsonDiagnostic[] }> {
  const r = await runCli(['validate', '--json', '--root', t.root], { cwd: t.root });
  const report = JSON.parse(r.stdout) as { leaflets: { diagnostics: JsonDiagnostic[] }[]; brands: { diagnostics: JsonDiagnostic[] }[] };
  return { code: r.code, diagnostics: [...report.leaflets, ...report.brands].flatMap((x) => x.diagnostics) };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('an online address that cannot become a QR code is refused at its line and column', () => {
  it('the bundled leaflets and brands are valid', async () => {
    expect((await validate()).code).toBe(0);
  });

  it('an http address (not https) is refused by the schema with what to write', async () => {
    await t.edit(SHARED, (s) => s.replace(/^online: .*$/m, 'online: http://www.example.org/leaflets/{leaflet}'));
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: CODES.INVALID_VALUE, file: SHARED, line: 4, column: 9 });
    expect(diagnostics[0]!.message).toContain('https://');
  });

  it('an address without a host name is refused (LEAF1075)', async () => {
    await t.edit(SHARED, (s) => s.replace(/^online: .*$/m, 'online: https://localhost/{lang}'));
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    expect(diagnostics[0]).toMatchObject({ code: CODES.BAD_ONLINE_ADDRESS, file: SHARED, line: 4, column: 9 });
  });

  it('an unknown placeholder in a brand pattern is pointed at where it stands (LEAF1076)', async () => {
    await t.edit(BRAND, (s) => s.replace('footer:', 'online: https://clinic.example/leaflets/{leaflet}/{patient}\nfooter:'));
    const text = await readFile(t.file(BRAND), 'utf8');
    const { code, diagnostics } = await validate();
    expect(code).toBe(1);
    const line = lineOf(text, '{patient}');
    expect(diagnostics[0]).toMatchObject({ code: CODES.UNKNOWN_PLACEHOLDER, file: BRAND, line, column: text.split('\n')[line - 1]!.indexOf('{patient}') + 1 });
  });
});

describe('which address a leaflet gets', () => {
  it('the brand pattern is filled with the leaflet id and language; the leaflet’s own address wins', async () => {
    await t.edit(BRAND, (s) => s.replace('footer:', 'online: https://clinic.example/pil/{leaflet}/{lang}\nfooter:'));
    const html = async (leaflet: string, lang: string) => {
      const out = t.file(`${leaflet}-${lang}.html`);
      const r = await runCli(['render', leaflet, '--lang', lang, '--brand', 'demo-clinic', '--format', 'html', '-o', out, '--root', t.root], { cwd: t.root });
      expect(r.code, r.stderr).toBe(0);
      return readFile(out, 'utf8');
    };
    expect(await html('periduroscopia', 'it')).toContain('href="https://clinic.example/pil/periduroscopia/it"');
    expect(await html('periduroscopia', 'en')).toContain('href="https://clinic.example/pil/periduroscopia/en"');
    expect(await html('cataract-surgery', 'it')).toContain('href="https://www.example.org/leaflets/cataract-surgery/it"');
  }, 60_000);

  it('filling a pattern only ever puts the leaflet id and language in it, and an accepted pattern stays a usable address (property)', () => {
    const id = fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const lang = fc.constantFrom('it', 'en', 'zh-Hans', 'ar', 'pt-BR');
    fc.assert(
      fc.property(id, lang, fc.webPath(), (leaflet, l, p) => {
        const pattern = `https://clinic.example${p}/{leaflet}/{lang}`;
        fc.pre(addressProblem(fillOnline(pattern, { leaflet: 'x', lang: 'it' })) === null);
        const filled = fillOnline(pattern, { leaflet, lang: l });
        expect(filled).toBe(`https://clinic.example${p}/${leaflet}/${l}`);
        expect(addressProblem(filled)).toBeNull();
      }),
    );
  });
});
