import { describe, expect, it } from 'vitest';
import { Interrupted, drive, finish, interruptedExitCode, pacer, type Steps } from '../../src/io/interrupt.js';

/** Busy work in 1 ms pieces with a pace between them, for up to `ms`; returns how long it ran. */
async function busy(pace: () => Promise<void>, ms: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    const piece = performance.now();
    while (performance.now() - piece < 1) {
      /* a block laid out */
    }
    await pace();
  }
  return performance.now() - start;
}

describe('pace: Ctrl-C reaches busy work', () => {
  it('a signal aborted by a handler on the event loop stops the work within a slice, as Interrupted with the signal name', async () => {
    const controller = new AbortController();
    // as process.on('SIGINT') would: runs only when the event loop turns
    setTimeout(() => controller.abort('SIGINT'), 50);
    const started = performance.now();
    const error = await busy(pacer(controller.signal, 25), 5000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    expect((error as Interrupted).reason).toBe('SIGINT');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('without a signal nothing can interrupt, and the work never gives the event loop a turn', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await busy(pacer(undefined), 60);
    expect(turned).toBe(false);
  });

  it('steps run straight through (finish) or paced (drive) give the same result', async () => {
    function* count(): Steps<number> {
      let n = 0;
      for (let i = 0; i < 100; i++) {
        n += i;
        yield;
      }
      return n;
    }
    expect(finish(count())).toBe(4950);
    expect(await drive(count(), pacer(new AbortController().signal, 0))).toBe(4950);
  });
});

describe('exit code of an interrupted command', () => {
  it('is 128 + the signal number: 130 for SIGINT, 143 for SIGTERM, 130 for an abort that is not a signal', () => {
    const aborted = (reason?: unknown) => {
      const c = new AbortController();
      c.abort(reason);
      return c.signal;
    };
    expect(interruptedExitCode(aborted('SIGINT'))).toBe(130);
    expect(interruptedExitCode(aborted('SIGTERM'))).toBe(143);
    expect(interruptedExitCode(aborted())).toBe(130);
  });
});
