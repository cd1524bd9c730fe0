import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';

export function validateCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('validate'))
    .description('check leaflet content (all, or the leaflets named) against the content format; with no names also brands, the config and the root\'s own templates')
    .argument('[leaflets...]', 'leaflet ids (default: all)')
    .addHelpText(
      'after',
      examples(['leaflets validate', 'leaflets validate periduroscopia --json', 'leaflets validate --root ~/clinic-content']),
    )
    .action(async (ids: string[], opts: { root: string; json?: boolean }) => {
      const { validate } = await import('../api/validate.js');
      const { formatDiagnostics, colourWanted, summary } = await import('../diagnostics/print.js');
      const root = rootOf(opts, io);
      const result = await validate({ root, cwd: io.cwd, leaflets: ids });
      // a leaflet named on the command line that does not exist is a typing mistake
      if (!result.ok) throw new UsageError(result.diagnostics[0]!.message);
      const r = result.value;
      const failed = !r.valid;
      const { diagnostics } = r;
      const targets = r.leaflets.map((l) => l.id);
      if (opts.json)
        write(io.stdout, JSON.stringify({ valid: r.valid, leaflets: r.leaflets, brands: r.brands, config: r.config, templates: r.templates, languages: r.languages }, null, 2));
      else {
        const style = { colour: colourWanted(io.stderr, io.env), cwd: io.cwd };
        if (diagnostics.length) write(io.stderr, formatDiagnostics(diagnostics, style));
        if (failed) write(io.stderr, `${summary(diagnostics, style)}.`);
        else if (!targets.length) write(io.stdout, `No leaflets under ${root}/data/leaflets.`);
        else write(io.stdout, `${targets.length} leaflet(s) valid: ${targets.join(', ')}${r.brands.length ? `; ${r.brands.length} brand(s) valid` : ''}${r.templates.length ? `; ${r.templates.length} template(s) valid` : ''}`);
      }
      if (failed) setExit(EXIT.CONTENT);
    });
}
