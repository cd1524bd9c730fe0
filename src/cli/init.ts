import { Command } from 'commander';
import path from 'node:path';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples } from './options.js';

export interface InitCliOptions {
  json?: boolean;
  root?: string;
}

export function initCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('init')
    .description('create a clinic folder: config, one brand, one sample leaflet; `leaflets build` builds it as is')
    .argument('[dir]', 'the folder to create (it must not exist, or be empty); --root DIR says the same')
    // --root is global: `leaflets --root my-clinic init` names the folder to create, as every other command reads it
    .option('--root <dir>', 'the folder to create, instead of <dir>')
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--no-color', 'no colours, as NO_COLOR=1')
    .addHelpText('after', examples(['leaflets init my-clinic', 'leaflets build --root my-clinic']))
    .action(async (given: string | undefined, opts: InitCliOptions) => {
      if (given !== undefined && opts.root !== undefined && path.resolve(io.cwd, given) !== path.resolve(io.cwd, opts.root))
        throw new UsageError(`init creates one folder: '${given}' or --root '${opts.root}'. Name it once.`);
      const dir = given ?? opts.root;
      if (dir === undefined) throw new UsageError('init needs the folder to create: leaflets init my-clinic.');
      setExit(await runInit(dir, { ...(opts.json ? { json: true } : {}) }, io));
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
