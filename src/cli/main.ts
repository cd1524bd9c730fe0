import { Command, CommanderError } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { listCommand } from './list.js';
import { validateCommand } from './validate.js';
import { renderCommand } from './render.js';
import { lintCommand } from './lint.js';
import { buildCommand } from './build.js';
import { initCommand } from './init.js';
import { serveCommand } from './serve.js';
import { languagesCommand } from './languages.js';
import { interruptSignal, interruptedExitCode, isAbort } from '../io/interrupt.js';
import { hoistGlobals } from './globals.js';
import { CODES } from '../diagnostics/codes.js';

/**
 * The `leaflets` program. Commands are defined here cheaply; each loads what
 * it needs only when it runs, so `leaflets list` does not pay for pdfkit.
 * Only this function decides the exit code.
 */
export async function main(rawArgv: string[], given: CliIO = processIO()): Promise<number> {
  const { argv, json, noColor } = hoistGlobals(rawArgv);
  const io: CliIO = noColor ? { ...given, env: { ...given.env, NO_COLOR: '1' } } : given;
  let exitCode: number = EXIT.OK;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const program = new Command('leaflets')
    .description('Patient-information leaflets from YAML content: print-ready PDF and accessible HTML.')
    .version(await version(), '-V, --version')
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ leaflets list
  $ leaflets validate
  $ leaflets render periduroscopia --lang it --brand demo-clinic
  $ leaflets render periduroscopia --lang en --format html --template large-print
  $ leaflets render periduroscopia --lang it --patient data/patients/example.yaml
  $ leaflets build --jobs 2 --shard 1/3 --json > report.json
  $ leaflets lint --max-warnings 0
  $ leaflets languages
  $ leaflets init my-clinic
  $ leaflets serve --root my-clinic

Global options, before or after the command:
  --root <dir>  content folder holding data/ (default: the current folder)
  --json        machine-readable JSON on stdout, usage errors too
  --no-color    no colours (as NO_COLOR=1)

Exit codes: 0 success, 1 content errors, 2 usage errors, 130 interrupted (Ctrl-C), 143 stopped (SIGTERM).`,
    );
  for (const define of [listCommand, validateCommand, renderCommand, buildCommand, initCommand, lintCommand, languagesCommand, serveCommand]) program.addCommand(define(io, setExit));

  program.exitOverride();
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // with --json a usage error is printed once, as JSON on stdout (below)
      ...(json ? { outputError: () => {} } : {}),
    });
  }
  const usage = (message: string): number => {
    if (json)
      write(io.stdout, JSON.stringify({ ok: false, diagnostics: [{ code: CODES.USAGE, severity: 'error', message }] }, null, 2));
    else write(io.stderr, `error: ${message}`);
    return EXIT.USAGE;
  };
  if (argv.length <= 2) {
    // no command: say what there is, as a usage error so a script's typo does not pass
    if (json) return usage(`Name a command: ${program.commands.map((c) => c.name()).join(', ')}.`);
    io.stderr.write(program.helpInformation());
    return EXIT.USAGE;
  }
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.OK;
      if (json) return usage(e.message.replace(/^error: /, ''));
      return EXIT.USAGE;
    }
    if (e instanceof UsageError) return usage(e.message);
    if (isAbort(e, io.signal)) {
      write(io.stderr, `interrupted (${reasonOf(io.signal)}): stopped before writing anything more.`);
      return interruptedExitCode(io.signal);
    }
    write(
      io.stderr,
      `internal error: ${(e as Error)?.message ?? String(e)}\nThis is a bug in leaflets, please report it with the command you ran.`,
    );
    if (io.env.LEAFLETS_DEBUG) write(io.stderr, String((e as Error)?.stack));
    return 70;
  }
  if (io.signal?.aborted) return interruptedExitCode(io.signal);
  return exitCode;
}

/**
 * The real process. bin/leaflets.js passes the signal it started listening
 * for on its first line, so a Ctrl-C while the program loads is not lost.
 */
export function processIO(signal: AbortSignal = interruptSignal(process)): CliIO {
  // `leaflets … | head`: the reader has gone, and nothing more can be said to it
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, signal };
}

function reasonOf(signal: AbortSignal | undefined): string {
  return typeof signal?.reason === 'string' ? signal.reason : 'SIGINT';
}

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
