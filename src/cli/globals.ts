/**
 * Options every command takes — `--root DIR`, `--json`, `--no-color` — are
 * accepted before the command as well as after it (`leaflets --root DIR
 * list`), as people type them from other tools. Commander parses options per
 * command, so this pre-pass moves the ones typed before the command name to
 * just after it, and takes `--no-color` out (it becomes NO_COLOR for the run).
 * Everything after `--` is left alone.
 */

export interface GlobalArgs {
  /** argv for commander, globals moved behind the command name */
  argv: string[];
  /** --json anywhere: usage errors are printed as JSON too */
  json: boolean;
  /** --no-color anywhere */
  noColor: boolean;
}

/** Options that take a value, so the value is not mistaken for the command. */
const WITH_VALUE = new Set(['--root']);
const FLAGS = new Set(['--json', '--no-color']);

export function hoistGlobals(argv: readonly string[]): GlobalArgs {
  const [node = 'node', script = 'leaflets', ...args] = argv;
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  const rest = end === -1 ? [] : args.slice(end);
  const json = options.includes('--json');
  const noColor = options.includes('--no-color');

  const before: string[] = [];
  let i = 0;
  while (i < options.length) {
    const a = options[i]!;
    if (FLAGS.has(a)) before.push(a);
    else if (WITH_VALUE.has(a) && i + 1 < options.length) before.push(a, options[++i]!);
    else if ([...WITH_VALUE].some((o) => a.startsWith(`${o}=`))) before.push(a);
    else break;
    i++;
  }
  const [command, ...after] = options.slice(i);
  // globals alone name no command: leave nothing, so the caller shows what there is
  const moved = command === undefined ? [] : [command, ...before, ...after];
  return { argv: [node, script, ...moved.filter((a) => a !== '--no-color'), ...rest], json, noColor };
}
