/**
 * Runs work items on a pool of worker threads, or in this thread with one
 * job. Items are handed out one at a time to whichever worker is free, so a
 * slow artefact never holds up a queue behind it; a worker keeps to one
 * leaflet and language while that has items left (see take). Workers render; this
 * thread writes each file. When the signal aborts, no new item is handed
 * out, workers are terminated at once (wherever they are in a render), the
 * render in this thread stops at its next pace, and no further file is put
 * in place: the items in flight come back 'cancelled'.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CODES } from '../diagnostics/codes.js';
import type { OutputPolicy } from '../io/output.js';
import { ArtefactBuilder, cancelled, writeArtefact, type Rendered, type WorkItem, type WorkResult } from './artefact.js';
import type { WorkerReply } from './worker.js';

export interface PoolOptions {
  jobs: number;
  root: string;
  cwd: string;
  /** what the main thread may write, checked again for each artefact as it is put in place */
  policy: OutputPolicy;
  signal?: AbortSignal;
  onResult: (result: WorkResult) => void;
}

export interface PoolOutcome {
  results: WorkResult[];
  /** true when the signal stopped the pool before every item ran */
  interrupted: boolean;
}

export async function runPool(items: readonly WorkItem[], options: PoolOptions): Promise<PoolOutcome> {
  const results: WorkResult[] = [];
  const pending = [...items];
  /** the leaflet and language each slot works on */
  const owned = new Map<number, string>();
  const take = (slotId: number): WorkItem | undefined => (options.signal?.aborted ? undefined : pickNext(pending, owned, slotId));
  let slots = 0;
  const slot = async (execute: (item: WorkItem) => Promise<Rendered | WorkResult>) => {
    const slotId = slots++;
    for (let item = take(slotId); item; item = take(slotId)) {
      const done = await execute(item);
      const result = done.status === 'rendered' ? await writeArtefact(item, done, options.policy, options.signal) : done;
      results.push(result);
      options.onResult(result);
    }
  };

  const size = Math.max(1, Math.min(options.jobs, items.length));
  if (size === 1) {
    const builder = new ArtefactBuilder({ root: options.root, cwd: options.cwd });
    await slot((item) => builder.render(item, options.signal));
  } else {
    const script = workerScript();
    const workers = Array.from({ length: size }, () => new PoolWorker(script, { root: options.root, cwd: options.cwd }));
    // a busy worker would read a message only after its render: terminate it instead
    const stop = () => workers.forEach((w) => w.stop());
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await Promise.all(workers.map((w) => slot((item) => w.run(item))));
    } finally {
      options.signal?.removeEventListener('abort', stop);
      await Promise.all(workers.map((w) => w.close()));
    }
  }
  return { results, interrupted: options.signal?.aborted === true };
}

const groupOf = (item: Pick<WorkItem, 'leaflet' | 'lang'>): string => JSON.stringify([item.leaflet, item.lang]);

/**
 * Takes the next item for a slot out of `pending`: one more of the leaflet
 * and language the slot is on, else the first whose leaflet and language
 * no other slot is on, else the first. The artefacts of one leaflet in one
 * language (its brands, formats, templates) share a worker, which then
 * loads the content once and lays out each paragraph once (the line-break
 * memo, text.ts) instead of every worker doing both for the same text.
 */
export function pickNext<T extends Pick<WorkItem, 'leaflet' | 'lang'>>(pending: T[], owned: Map<number, string>, slotId: number): T | undefined {
  if (!pending.length) return undefined;
  const mine = owned.get(slotId);
  const others = new Set([...owned].filter(([id]) => id !== slotId).map(([, k]) => k));
  let at = mine === undefined ? -1 : pending.findIndex((i) => groupOf(i) === mine);
  if (at < 0) at = pending.findIndex((i) => !others.has(groupOf(i)));
  if (at < 0) at = 0;
  const [item] = pending.splice(at, 1);
  owned.set(slotId, groupOf(item!));
  return item;
}

/**
 * The compiled worker. Running from the TypeScript sources (tests), the
 * worker still comes from dist/: worker threads cannot load .ts files.
 */
export function workerScript(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.resolve(path.dirname(here), '../../dist/batch/worker.js')
    : path.join(path.dirname(here), 'worker.js');
  if (!existsSync(file)) throw new Error(`The build worker ${file} is missing. Build the tool first: npx tsc -p .`);
  return file;
}

/**
 * Heap limits per worker. V8 grows a heap lazily while it has room, so a
 * worker's memory crept up with the number of artefacts built (1.46× from
 * 10 to 200 in bench/batch.bench.js) though nothing is kept between them. A
 * smaller young generation and a ceiling on the old one keep a long build's
 * peak within 1.2× of a short one's. One leaflet needs a few MB; a worker
 * that still runs out is replaced and its artefact reported as failed.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };

/** One worker thread; replaced transparently if it dies, unless it was stopped. */
class PoolWorker {
  private worker: Worker;
  private stopped = false;
  constructor(
    private readonly script: string,
    private readonly data: { root: string; cwd: string },
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    return new Worker(this.script, { workerData: this.data, resourceLimits: WORKER_HEAP });
  }

  run(item: WorkItem): Promise<Rendered | WorkResult> {
    if (this.stopped) return Promise.resolve(cancelled(item));
    return new Promise((resolve) => {
      const worker = this.worker;
      const done = (result: Rendered | WorkResult) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: WorkerReply) => done(reply.result);
      const crashed = (why: string) => {
        if (this.stopped) return done(cancelled(item));
        this.worker = this.spawn();
        done({
          id: item.id,
          status: 'failed',
          milliseconds: 0,
          diagnostics: [{ code: CODES.WORKER_FAILED, severity: 'error', message: `The build worker stopped while building this artefact (${why}). This is a bug in leaflets, please report it.` }],
        });
      };
      const onError = (e: Error) => crashed(e.message);
      const onExit = (code: number) => crashed(`exit code ${code}`);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(item);
    });
  }

  /** Ends the thread now, even mid-render; the item it had comes back cancelled. */
  stop(): void {
    this.stopped = true;
    void this.worker.terminate();
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
