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
      const loaded = [];
      const { readImage } = await import('../write/images.js');
      const { figureAsset, logoAsset } = await import('../select/assets.js');
      for (const id of targets) {
        const r = await loadLeaflet(id, { root, cwd: io.cwd });
        // a broken translation fails validation, though the leaflet's other languages still render
        let list = r.ok ? [...r.warnings, ...r.value.broken.flatMap((b) => b.diagnostics)] : r.diagnostics;
        // figures as the writers read them: a truncated or oversized image fails here, not in CI's build
        if (r.ok) {
          const refused = [];
          for (const lang of r.value.languages)
            for (const figure of figuresOf(lang.sections)) {
              const image = await readImage(figureAsset(figure, 'figure', lang.file));
              if (!image.ok) refused.push(...image.diagnostics);
            }
          list = [...list, ...refused];
          loaded.push(r.value);
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
      const templateResults: { id: string; valid: boolean; diagnostics: Diagnostic[] }[] = [];
      if (!ids.length) {
        const { loadTemplate, templateFolders } = await import('../content/template.js');
        for (const [name, folder] of await templateFolders(root)) {
          if (folder.bundled) continue; // the root's own only
          const r = await loadTemplate(name, { root, cwd: io.cwd });
          const list = r.ok ? r.warnings : r.diagnostics;
          diagnostics.push(...list);
          templateResults.push({ id: name, valid: r.ok, diagnostics: list });
        }
      }
      // every language of every leaflet × every template the config builds: strings present, fonts that draw the script
      const { loadConfig } = await import('../content/config.js');
      const { checkLanguages } = await import('../content/languages.js');
      const { listTemplates } = await import('../content/template.js');
      const config = await loadConfig({ root, cwd: io.cwd });
      const configured = config.ok ? config.value.templates : undefined;
      const templates = configured === 'all' ? await listTemplates(root) : configured?.length ? configured : ['standard'];
      const checked = await checkLanguages(loaded, { root, cwd: io.cwd, templates });
      // a template that does not load is reported above, for a root's own; the bundled ones load
      diagnostics.push(...checked.diagnostics.filter((d) => !templateResults.some((t) => t.diagnostics.includes(d))));
      const languageResults = checked.languages
        .filter((l) => l.diagnostics.length || l.leaflets.length || l.strings === 'clinic' || l.strings === 'both')
        .map((l) => ({ id: l.lang, valid: !l.diagnostics.some((d) => d.severity === 'error'), diagnostics: l.diagnostics }));
      for (const l of languageResults) diagnostics.push(...l.diagnostics);
      const failed =
        [...results, ...brandResults, ...configResults, ...templateResults, ...languageResults].some((r) => !r.valid) ||
        checked.diagnostics.some((d) => d.severity === 'error');
      if (opts.json)
        write(
          io.stdout,
          JSON.stringify({ valid: !failed, leaflets: results, brands: brandResults, config: configResults, templates: templateResults, languages: languageResults }, null, 2),
        );
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
