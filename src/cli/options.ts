import path from 'node:path';
import { Command, Option } from 'commander';
import type { CliIO } from './context.js';

/** `--root DIR` and `--json`, which every command takes. */
export function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('--root <dir>', 'content folder holding data/ (and optionally templates/)').default('.'))
    .option('--json', 'print machine-readable JSON on stdout');
}

export function rootOf(opts: { root?: string }, io: CliIO): string {
  return path.resolve(io.cwd, opts.root ?? '.');
}

export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
