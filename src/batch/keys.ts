/**
 * Cache keys: for each artefact, a hash of everything its bytes depend on.
 * Folders and files are hashed once per build, however many artefacts share
 * them.
 */
import path from 'node:path';
import { layout } from '../content/paths.js';
import { loadBrand } from '../content/brand.js';
import { BUNDLED_TEMPLATES, loadTemplate, templateFolders } from '../content/template.js';
import { BUNDLED_I18N, PACK_LANG } from '../content/strings.js';
import { InputHasher, artefactKey, toolFingerprint } from './fingerprint.js';
import type { Job } from './matrix.js';

export class KeyMaker {
  private readonly hasher = new InputHasher();
  private readonly memo = new Map<string, Promise<string>>();

  constructor(private readonly options: { root: string; cwd: string; brands: readonly string[]; date: Date | undefined }) {}

  async key(job: Job): Promise<string> {
    const [tool, leaflet, template, brand, strings] = await Promise.all([
      this.once('tool', () => toolFingerprint(this.hasher)),
      this.hasher.tree(layout.leaflet(this.options.root, job.leaflet)),
      this.once(`template:${job.template}`, () => this.template(job.template)),
      this.once(`brand:${job.brand ?? ''}`, () => this.brand(job.brand)),
      this.once(`strings:${job.lang ?? ''}`, () => this.strings(job.lang)),
    ]);
    return artefactKey({
      tool,
      leaflet,
      template,
      brand,
      strings,
      options: {
        lang: job.lang,
        format: job.format,
        paper: job.paper,
        sections: job.sections ?? null,
        skip: job.skip,
        date: this.options.date?.getTime() ?? null,
      },
    });
  }

  private once(name: string, make: () => Promise<string>): Promise<string> {
    let p = this.memo.get(name);
    if (!p) {
      p = make();
      this.memo.set(name, p);
    }
    return p;
  }

  /** The template folder (markup, partials, CSS, theme, strings) and the font files its theme names. */
  private async template(name: string): Promise<string> {
    const folder = (await templateFolders(this.options.root)).get(name);
    const dir = path.join(folder?.base ?? layout.templates(this.options.root), name);
    const loaded = await loadTemplate(name, { root: this.options.root, cwd: this.options.cwd });
    const fonts = loaded.ok ? [...Object.values(loaded.value.theme.fonts.body), ...loaded.value.theme.fonts.fallback] : [];
    const fontHashes = await Promise.all(fonts.map((f) => this.hasher.file(f)));
    // partials a template takes from the one it extends live outside its folder
    const inherited = loaded.ok ? [...loaded.value.partials.values()].map((p) => p.path).filter((p) => !p.startsWith(`${dir}${path.sep}`)) : [];
    // each read inside the templates folder it belongs to: the root's, or the bundled one a clinic template extends
    const roots = [layout.templates(this.options.root), BUNDLED_TEMPLATES];
    const inheritedHashes = await Promise.all(
      inherited.map((f) => this.hasher.file(f, roots.find((r) => !path.relative(r, f).startsWith('..')) ?? path.dirname(f))),
    );
    return `${await this.hasher.tree(dir)}:${inheritedHashes.join(',')}:${fontHashes.join(',')}`;
  }

  /** The language pack: the bundled i18n/<lang>.yaml and the content folder's, whichever exist. */
  private async strings(lang: string | null): Promise<string> {
    if (!lang || !PACK_LANG.test(lang)) return 'none';
    const bundled = this.hasher.file(path.join(BUNDLED_I18N, `${lang}.yaml`), BUNDLED_I18N);
    const clinic = this.hasher.file(path.join(layout.i18n(this.options.root), `${lang}.yaml`), layout.i18n(this.options.root));
    return (await Promise.all([bundled, clinic])).join(',');
  }

  /** The brand file and its logo; the default brand is neutral.yaml if the root has one. */
  private async brand(brand: string | null): Promise<string> {
    const name = brand ?? (this.options.brands.includes('neutral') ? 'neutral' : null);
    if (name === null) return 'built-in';
    const file = path.join(layout.brands(this.options.root), `${name}.yaml`);
    const loaded = await loadBrand(name, { root: this.options.root, cwd: this.options.cwd });
    const logo = loaded.ok && loaded.value.logo ? await this.hasher.file(loaded.value.logo.path) : 'no logo';
    return `${await this.hasher.file(file, layout.brands(this.options.root))}:${logo}`;
  }
}
