import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Block, Section } from '../model/content.js';

export function validateCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('validate'))
    .description('check leaflet content (all, or the leaflets named) against the content format; with no names also brands, the config and the root\'s own templates')
    .argument('[leaflets...]', 'leaflet ids (default: all)')
    .addHelpText(
      'after',
      examples(['leaflets validate', 'leaflets validate periduroscopia --json', 'leaflets validate --root ~/clinic-content']),
    )
    .action(async (ids: string[], opts: { root: string; json?: boolean }) => {
      const { listLeafletIds, loadLeaflet, unknownLeaflet } = await import('../content/leaflet.js');
      const { formatDiagnostics, colourWanted, summary } = await import('../diagnostics/print.js');
      const root = rootOf(opts, io);
      const known = await listLeafletIds(root);
      for (const id of ids)
        if (!known.includes(id)) throw new UsageError(unknownLeaflet(id, known).message);
      const targets = ids.length ? ids : known;
      const diagnostics: Diagnostic[] = [];
      const results = [];
      const { readImage } = await import('../write/images.js');
      const { figureAsset, logoAsset } = await import('../select/assets.js');
      for (const id of targets) {
        const r = await loadLeaflet(id, { root, cwd: io.cwd });
        let list = r.ok ? r.warnings : r.diagnostics;
        // figures as the writers read them: a truncated or oversized image fails here, not in CI's build
        if (r.ok) {
          const refused = [];
          for (const lang of r.value.languages)
            for (const figure of figuresOf(lang.sections)) {
              const image = await readImage(figureAsset(figure, 'figure', lang.file));
              if (!image.ok) refused.push(...image.diagnostics);
            }
          list = [...list, ...refused];
        }
        diagnostics.push(...list);
        results.push({ id, valid: !list.some((d) => d.severity === 'error'), diagnostics: list });
      }
      // Brands are content too; check them when validating everything.
      const brandResults = [];
      if (!ids.length) {
        const { listBrands, loadBrand } = await import('../content/brand.js');
        for (const name of await listBrands(root)) {
          const r = await loadBrand(name, { root, cwd: io.cwd });
          let list = r.ok ? r.warnings : r.diagnostics;
          // the image itself, as render would read it: a corrupt or oversized logo fails here, not in CI's build
          if (r.ok && r.value.logo) {
            const image = await readImage(logoAsset(r.value, r.value.logo));
            if (!image.ok) list = image.diagnostics;
          }
          diagnostics.push(...list);
          brandResults.push({ id: name, valid: !list.some((d) => d.severity === 'error'), diagnostics: list });
        }
      }
      // and the build config, which `build` would otherwise be the first to reject
      const configResults = [];
      if (!ids.length) {
        const { loadConfig } = await import('../content/config.js');
        const r = await loadConfig({ root, cwd: io.cwd });
        if (!r.ok || r.value.file) {
          const list = r.ok ? r.warnings : r.diagnostics;
          diagnostics.push(...list);
          configResults.push({ id: 'leaflets.config.yaml', valid: r.ok, diagnostics: list });
        }
      }
      // and the root's own templates (theme schema, stylesheet, files inside
      // templates/), which render would otherwise be the first to reject
      const templateResults = [];
      if (!ids.length) {
        const { BUNDLED_TEMPLATES, listTemplates, loadTemplate, templatesDir } = await import('../content/template.js');
        if ((await templatesDir(root)) !== BUNDLED_TEMPLATES)
          for (const name of await listTemplates(root)) {
            const r = await loadTemplate(name, { root, cwd: io.cwd });
            const list = r.ok ? r.warnings : r.diagnostics;
            diagnostics.push(...list);
            templateResults.push({ id: name, valid: r.ok, diagnostics: list });
          }
      }
      const failed = [...results, ...brandResults, ...configResults, ...templateResults].some((r) => !r.valid);
      if (opts.json)
        write(io.stdout, JSON.stringify({ valid: !failed, leaflets: results, brands: brandResults, config: configResults, templates: templateResults }, null, 2));
      else {
        const style = { colour: colourWanted(io.stderr, io.env), cwd: io.cwd };
        if (diagnostics.length) write(io.stderr, formatDiagnostics(diagnostics, style));
        if (failed) write(io.stderr, `${summary(diagnostics, style)}.`);
        else if (!targets.length) write(io.stdout, `No leaflets under ${root}/data/leaflets.`);
        else write(io.stdout, `${targets.length} leaflet(s) valid: ${targets.join(', ')}${brandResults.length ? `; ${brandResults.length} brand(s) valid` : ''}${templateResults.length ? `; ${templateResults.length} template(s) valid` : ''}`);
      }
      if (failed) setExit(EXIT.CONTENT);
    });
}

function* figuresOf(sections: readonly Section[]): Generator<Extract<Block, { kind: 'figure' }>> {
  for (const s of sections) {
    for (const b of s.blocks) if (b.kind === 'figure') yield b;
    yield* figuresOf(s.sections);
  }
}
