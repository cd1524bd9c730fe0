import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples } from './options.js';

export interface InitCliOptions {
  json?: boolean;
}

export function initCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('init')
    .description('create a clinic folder: config, one brand, one sample leaflet; `leaflets build` builds it as is')
    .argument('<dir>', 'the folder to create (it must not exist, or be empty)')
    .option('--json', 'print machine-readable JSON on stdout')
    .addHelpText('after', examples(['leaflets init my-clinic', 'leaflets build --root my-clinic']))
    .action(async (dir: string, opts: InitCliOptions) => {
      setExit(await runInit(dir, opts, io));
    });
}

async function runInit(dir: string, opts: InitCliOptions, io: CliIO): Promise<number> {
  const { init } = await import('../scaffold/init.js');
  const result = await init({ dir, cwd: io.cwd });
  // a folder that is not new or not writable is a usage mistake: choose another
  if (!result.ok) throw new UsageError(result.diagnostics.map((d) => d.message).join('\n'));
  const { dir: shown, files } = result.value;
  const root = JSON.stringify(shown).slice(1, -1);
  if (opts.json) write(io.stdout, JSON.stringify({ ok: true, dir: shown, files }, null, 2));
  else
    write(
      io.stdout,
      `Created ${shown}/ with leaflets.config.yaml, the brand my-clinic and the sample leaflet welcome (en, it).

Next:
  leaflets build --root ${/\s/.test(root) ? `"${root}"` : root}
    builds PDF and HTML into ${shown}/out/
  edit ${shown}/data/brands/my-clinic.yaml
    your clinic's name, logo and contacts
  copy ${shown}/data/leaflets/welcome/ to a new folder
    to start your own leaflet (docs/content.md explains the format)`,
    );
  return EXIT.OK;
}
