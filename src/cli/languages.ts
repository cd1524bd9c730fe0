import { Command } from 'commander';
import { write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';

export function languagesCommand(io: CliIO, _setExit: (code: number) => void): Command {
  return withCommon(new Command('languages'))
    .description("every language the content folder can render: where its template strings come from, reviewed or not, the scripts the templates' fonts cover")
    .addHelpText(
      'after',
      examples(['leaflets languages', 'leaflets languages --json', 'leaflets languages --root ~/clinic-content']) +
        '\nA language with a bundled pack needs no file; to add or change strings, write <root>/i18n/<lang>.yaml (docs/content.md).\n`leaflets validate` reports the problems listed here as errors.\n',
    )
    .action(async (opts: { root: string; json?: boolean }) => {
      const { languages: list } = await import('../api/languages.js');
      const root = rootOf(opts, io);
      const result = await list({ root, cwd: io.cwd });
      const languages = result.ok ? result.value : [];
      if (opts.json) {
        write(io.stdout, JSON.stringify({ languages }, null, 2));
        return;
      }
      const rows = languages.map((l) => [
        l.lang,
        l.name ? `${l.name}${l.nativeName && l.nativeName !== l.name ? ` (${l.nativeName})` : ''}` : '?',
        l.strings === 'none' ? 'none — add i18n/' + l.lang + '.yaml' : l.strings,
        l.strings === 'none' ? '' : l.reviewed ? `yes${l.reviewedBy ? ` (${l.reviewedBy})` : ''}` : 'no',
        l.fonts.map((f) => `${f.template}: ${f.lacks.length ? `lacks ${f.lacks.join(', ')}` : f.covers.join(', ') || '—'}`).join('; '),
        l.leaflets.join(', ') || '—',
      ]);
      const head = ['lang', 'language', 'strings', 'reviewed', 'fonts', 'leaflets'];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
      const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length))).join('  ');
      write(io.stdout, [line(head), ...rows.map(line)].join('\n'));
    });
}
