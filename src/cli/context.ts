import type { Writable } from 'node:stream';

/** Everything a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** aborted on Ctrl-C / SIGTERM */
  signal?: AbortSignal;
}

/**
 * Exit codes: 0 success, 1 content errors, 2 usage errors; interrupted is
 * 128 + the signal's number (130 Ctrl-C, 143 SIGTERM), see io/interrupt.ts.
 */
export const EXIT = { OK: 0, CONTENT: 1, USAGE: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage error (unknown leaflet, bad flag value): exit 2, message printed as is. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
