import { Command } from 'commander';
import { EXIT, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';

export function listCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('list'))
    .description('list every leaflet with its languages, status and document control')
    .addHelpText('after', examples(['leaflets list', 'leaflets list --json', 'leaflets list --root ~/clinic-content']))
    .action(async (opts: { root: string; json?: boolean }) => {
      const { listLeafletIds, loadLeaflet } = await import('../content/leaflet.js');
      const { formatDiagnostics, colourWanted } = await import('../diagnostics/print.js');
      const root = rootOf(opts, io);
      const rows = [];
      const problems = [];
      for (const id of await listLeafletIds(root)) {
        const loaded = await loadLeaflet(id, { root, cwd: io.cwd });
        if (!loaded.ok) {
          problems.push(...loaded.diagnostics);
          rows.push({ id, valid: false, languages: [] as string[] });
          continue;
        }
        const l = loaded.value;
        rows.push({
          id,
          valid: true,
          source: l.source,
          languages: l.languages.map((x) => x.lang),
          /** translations whose file has errors: not renderable until fixed */
          broken: l.broken.map((b) => b.lang),
          titles: Object.fromEntries(l.languages.map((x) => [x.lang, x.title])),
          status: Object.fromEntries(l.languages.map((x) => [x.lang, x.status])),
          reference: l.document.reference,
          version: l.document.version,
          published: l.document.published,
          review: l.document.review,
        });
      }
      if (opts.json) write(io.stdout, JSON.stringify(rows, null, 2));
      else if (!rows.length) write(io.stdout, `No leaflets under ${root}/data/leaflets.`);
      else
        for (const r of rows) {
          if (!r.valid) {
            write(io.stdout, `${r.id}  (invalid — run leaflets validate ${r.id})`);
            continue;
          }
          write(io.stdout, `${r.id}  ${r.reference} v${r.version}  review ${r.review}`);
          for (const lang of r.languages)
            write(io.stdout, `  ${lang}  ${r.status![lang]!.padEnd(8)}  ${r.titles![lang]}${lang === r.source ? '  (source)' : ''}`);
          for (const lang of r.broken ?? []) write(io.stdout, `  ${lang}  (broken — run leaflets validate ${r.id})`);
        }
      if (problems.length) {
        write(io.stderr, formatDiagnostics(problems, { colour: colourWanted(io.stderr, io.env), cwd: io.cwd }));
        setExit(EXIT.CONTENT);
      }
    });
}
