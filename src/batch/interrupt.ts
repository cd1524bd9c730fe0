/**
 * Ctrl-C and SIGTERM as an AbortSignal. The first signal asks the running
 * command to stop cleanly (a build stops handing out artefacts, lets the
 * writes in flight finish and exits 130); the handlers then step aside, so
 * a second signal ends the process at once, as users expect.
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
