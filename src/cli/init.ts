import { Command } from 'commander';
import type { CliIO } from './context.js';
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
      const { runInit } = await import('../scaffold/init.js');
      setExit(await runInit(dir, opts, io));
    });
}
