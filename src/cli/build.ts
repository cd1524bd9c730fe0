import { Command, Option } from 'commander';
import type { CliIO } from './context.js';
import { examples, paperOption, withCommon } from './options.js';

export interface BuildCliOptions {
  root: string;
  json?: boolean;
  lang?: string;
  format?: string;
  brand?: string;
  template?: string;
  paper?: string;
  sections?: string;
  skip?: string;
  out?: string;
  output?: string;
  jobs?: string;
  shard?: string;
  force?: boolean;
  overwrite?: boolean;
}

export function buildCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('build'))
    .description('build every leaflet × language × brand × template named by leaflets.config.yaml, in parallel')
    .argument('[leaflets...]', 'build only these leaflets (default: the config\'s, else all)')
    .option('--lang <codes>', "languages, comma-separated (default: the config's, else every language of each leaflet)")
    .option('--format <formats>', "pdf, html or pdf,html (default: the config's, else both)")
    .option('--brand <names>', "brands, comma-separated, or all (default: the config's, else the neutral brand)")
    .option('--template <names>', "templates, comma-separated, or all (default: the config's, else standard)")
    .addOption(paperOption("paper size (default: the config's, else a4)"))
    .option('--sections <ids>', 'keep only these sections (comma-separated)')
    .option('--skip <ids>', 'leave out these sections (comma-separated)')
    .option('--out <dir>', "output folder (default: the config's out, else <root>/out)")
    .option('--output <pattern>', 'output path pattern inside --out, e.g. {brand}/{leaflet}-{lang}.{format}')
    .option('-j, --jobs <n>', 'parallel jobs (default: the number of cores)')
    .option('--shard <k/n>', 'build only the k-th of n parts (CI matrices); the parts together are the full build')
    .option('--force', 'rebuild everything, even what is up to date')
    .option('--overwrite', 'replace existing files at output paths that leaflets did not write (sources are never replaced)')
    .addHelpText(
      'after',
      examples([
        'leaflets build',
        'leaflets build --jobs 2 --shard 1/3 --json > report.json',
        'leaflets build --out dist/leaflets --force',
        'leaflets build periduroscopia --lang it --format pdf --brand demo-clinic',
      ]) +
        `
Output: <out>/{brand}/{template}/{leaflet}-{lang}.{format} unless the config's
\`output\` or --output says otherwise, plus manifest.json (manifest.<k>-of-<n>.json
for a shard) and .leaflets-cache.json, which lets the next build skip artefacts
whose inputs have not changed. SOURCE_DATE_EPOCH fixes the dates inside the files.
Exit codes: 0 all built, 1 an artefact failed, 2 the build was asked for wrongly
(config, flags), 130 interrupted by Ctrl-C, 143 stopped by SIGTERM.
`,
    )
    .action(async (leaflets: string[], opts: BuildCliOptions) => {
      const { runBuild } = await import('./build-run.js');
      setExit(await runBuild(leaflets, opts, io));
    });
}
