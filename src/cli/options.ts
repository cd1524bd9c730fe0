import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { statSync } from 'node:fs';
import { UsageError, type CliIO } from './context.js';

/** `--root DIR`, `--json` and `--no-color`, which every command takes, before or after its name (globals.ts). */
export function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('--root <dir>', 'content folder holding data/ (and optionally templates/)').default('.'))
    .option('--json', 'print machine-readable JSON on stdout')
    // taken out of the arguments by hoistGlobals (it sets NO_COLOR); listed here for --help
    .option('--no-color', 'no colours, as NO_COLOR=1');
}

/** The content folder; one that does not exist is a typing mistake, not an empty clinic (exit 2). */
export function rootOf(opts: { root?: string }, io: CliIO): string {
  const root = path.resolve(io.cwd, opts.root ?? '.');
  let ok = false;
  try {
    ok = statSync(root).isDirectory();
  } catch {
    /* reported below */
  }
  if (!ok) throw new UsageError(`--root ${opts.root ?? '.'}: there is no folder ${root}.`);
  return root;
}

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

const PAPERS = ['a4', 'letter', 'a5'];

/** `--paper`: A4, Letter and A5 as people write them, in any case; another size is a usage error listing the three. */
export function paperOption(description: string): Option {
  return new Option('--paper <size>', description).choices(PAPERS).argParser((value: string) => {
    const paper = value.toLowerCase();
    if (!PAPERS.includes(paper)) throw new InvalidArgumentError(`Allowed choices are ${PAPERS.join(', ')}.`);
    return paper;
  });
}
