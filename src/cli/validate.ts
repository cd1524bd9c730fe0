import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';
import type { Diagnostic } from '../model/diagnostic.js';

export function validateCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('validate'))
    .description('check leaflet content (all, or the leaflets named) against the content format')
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
      for (const id of targets) {
        const r = await loadLeaflet(id, { root, cwd: io.cwd });
        const list = r.ok ? r.warnings : r.diagnostics;
        diagnostics.push(...list);
        results.push({ id, valid: r.ok, diagnostics: list });
      }
      const failed = results.some((r) => !r.valid);
      if (opts.json) write(io.stdout, JSON.stringify({ valid: !failed, leaflets: results }, null, 2));
      else {
        const style = { colour: colourWanted(io.stderr, io.env), cwd: io.cwd };
        if (diagnostics.length) write(io.stderr, formatDiagnostics(diagnostics, style));
        if (failed) write(io.stderr, `${summary(diagnostics, style)} in ${results.filter((r) => !r.valid).length} leaflet(s).`);
        else if (!targets.length) write(io.stdout, `No leaflets under ${root}/data/leaflets.`);
        else write(io.stdout, `${targets.length} leaflet(s) valid: ${targets.join(', ')}`);
      }
      if (failed) setExit(EXIT.CONTENT);
    });
}
