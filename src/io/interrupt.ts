/**
 * Ctrl-C and SIGTERM. A JavaScript signal handler runs only when the event
 * loop turns, so a render busy laying out pages would not hear the signal
 * until it had finished (and written its files). Two parts fix that: the
 * handler turns the signal into an AbortSignal, and long work calls a
 * `Pace` every so often, which lets the loop turn at most every few tens of
 * milliseconds and stops the work there once the signal has aborted.
 */
import { constants } from 'node:os';

/**
 * The first SIGINT or SIGTERM aborts the returned signal, its reason the
 * signal's name; the handlers then step aside, so a second signal ends the
 * process at once (the operating system's default), as users expect.
 */
export function interruptSignal(proc: NodeJS.Process): AbortSignal {
  const controller = new AbortController();
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const onSignal = (name: NodeJS.Signals) => {
    for (const s of signals) proc.off(s, onSignal);
    controller.abort(name);
  };
  for (const s of signals) proc.on(s, onSignal);
  return controller.signal;
}

/**
 * 128 + the signal's number, as a shell reports a process the signal ended:
 * 130 for SIGINT (Ctrl-C), 143 for SIGTERM. The code is then the same
 * whether our handler stopped the command or the signal came before Node had
 * run any of it; an abort that is not a signal (a caller's own
 * AbortController) counts as Ctrl-C.
 */
export function interruptedExitCode(signal: AbortSignal | undefined): number {
  const reason: unknown = signal?.reason;
  const number = typeof reason === 'string' ? (constants.signals as Record<string, number | undefined>)[reason] : undefined;
  return 128 + (number ?? constants.signals.SIGINT);
}

/**
 * What a Pace throws once the signal has aborted: work in progress unwinds
 * through it (catch blocks that turn errors into diagnostics must let it
 * pass) up to the command, which stops writing and exits.
 */
export class Interrupted extends Error {
  constructor(readonly reason: unknown) {
    super(`interrupted by ${typeof reason === 'string' ? reason : 'the caller'}`);
    this.name = 'AbortError';
  }
}

/** True when `e` stops the work because `signal` aborted: ours, or a Node API's own AbortError. */
export function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return e instanceof Interrupted || (signal?.aborted === true && (e === signal.reason || (e instanceof Error && e.name === 'AbortError')));
}

/**
 * Called between pieces of long work: resolves at once while the current
 * time slice lasts; after it, lets the event loop turn (so a signal's
 * handler can run). Rejects with Interrupted once the signal has aborted.
 */
export type Pace = () => Promise<void>;

/**
 * One Pace per render. A slice of 25 ms keeps the reaction to Ctrl-C far
 * under a second while costing one loop turn (some microseconds) per slice:
 * under 0.1% of a render. Without a signal nothing can interrupt: never yield.
 */
export function pacer(signal: AbortSignal | undefined, sliceMs = 25): Pace {
  if (!signal) return () => Promise.resolve();
  let sliceEnds = performance.now() + sliceMs;
  return async () => {
    if (signal.aborted) throw new Interrupted(signal.reason);
    if (performance.now() < sliceEnds) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal.aborted) throw new Interrupted(signal.reason);
    sliceEnds = performance.now() + sliceMs;
  };
}

/**
 * Work written as a generator that yields between its pieces (a block laid
 * out, a stage done) can run straight through (`finish`, for pure callers
 * and tests) or paced (`drive`), without two copies of the work.
 */
export type Steps<T> = Generator<void, T, void>;

export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function drive<T>(steps: Steps<T>, pace: Pace): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pace();
  }
}
