import { Command } from 'commander';
import { EXIT, UsageError, write, type CliIO } from './context.js';
import { examples, rootOf, withCommon } from './options.js';
import { sourceDate } from '../render.js';

export interface ServeCliOptions {
  root: string;
  json?: boolean;
  port?: string;
  open?: boolean;
}

export function serveCommand(io: CliIO, setExit: (code: number) => void): Command {
  return withCommon(new Command('serve'))
    .description('a local page for doctors (one patient\'s handout: form, live preview, PDF) and editors (any leaflet, reloaded as its files change)')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)')
    .option('--open', 'open the page in the default browser')
    .addHelpText(
      'after',
      examples(['leaflets serve', 'leaflets serve --root ~/clinic-content --port 8700 --open']) +
        `
The server listens on 127.0.0.1 only and prints an address holding a random
token: open that address; any request without the token is refused. Patient
details are never written to disk or to any log. Ctrl-C stops it.
`,
    )
    .action(async (opts: ServeCliOptions) => {
      setExit(await runServe(opts, io));
    });
}

async function runServe(opts: ServeCliOptions, io: CliIO): Promise<number> {
  const root = rootOf(opts, io);
  let port = 0;
  if (opts.port !== undefined) {
    port = Number(opts.port);
    if (!/^\d+$/.test(opts.port) || port < 1 || port > 65535) throw new UsageError(`--port: '${opts.port}' is not a port number from 1 to 65535.`);
  }
  const date = sourceDate(io.env);
  if (date instanceof Error) throw new UsageError(date.message);
  const { startServer } = await import('../serve/server.js');
  let server;
  try {
    // the clock is read here, at the edge: today's date for the past-appointment warning
    server = await startServer({ root, port, date, clock: () => date ?? new Date() });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`--port ${port}: another program is using that port. Choose another, or leave --port out to take any free one.`);
    if (code === 'EACCES') throw new UsageError(`--port ${port}: this user may not listen on that port. Choose one above 1023.`);
    throw e;
  }
  const started = opts.json
    ? JSON.stringify({ ok: true, root, url: server.url, editorUrl: server.editorUrl, port: server.port })
    : `leaflets serve: ${root}
  patient handout: ${server.url}
  editor preview:  ${server.editorUrl}
Open one of these addresses in a browser on this computer (they hold this session's key). Ctrl-C stops the server.`;
  write(io.stdout, started);
  if (opts.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    if (!io.signal) return; // in-process callers without a signal stop it by other means
    if (io.signal.aborted) return resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  if (!opts.json) write(io.stdout, 'leaflets serve: stopped.');
  return EXIT.OK;
}

/** The platform's own opener; if it is missing the printed address still works. */
async function openBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
