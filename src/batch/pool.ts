/**
 * Runs work items on a pool of worker threads, or in this thread with one
 * job. Items are handed out one at a time to whichever worker is free, so a
 * slow artefact never holds up a queue behind it. When the signal aborts, no
 * new item is handed out; items in flight finish (their atomic writes
 * complete) before the pool returns.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CODES } from '../diagnostics/codes.js';
import { ArtefactBuilder, type BuilderOptions, type WorkItem, type WorkResult } from './artefact.js';
import type { WorkerReply } from './worker.js';

export interface PoolOptions {
  jobs: number;
  builder: BuilderOptions;
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
  let next = 0;
  const take = () => (options.signal?.aborted || next >= items.length ? undefined : items[next++]);
  const slot = async (execute: (item: WorkItem) => Promise<WorkResult>) => {
    for (let item = take(); item; item = take()) {
      const result = await execute(item);
      results.push(result);
      options.onResult(result);
    }
  };

  const size = Math.max(1, Math.min(options.jobs, items.length));
  if (size === 1) {
    const builder = new ArtefactBuilder(options.builder);
    await slot((item) => builder.build(item));
  } else {
    const script = workerScript();
    const workers = Array.from({ length: size }, () => new PoolWorker(script, options.builder));
    try {
      await Promise.all(workers.map((w) => slot((item) => w.run(item))));
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }
  return { results, interrupted: next < items.length };
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

/** One worker thread; replaced transparently if it dies. */
class PoolWorker {
  private worker: Worker;
  constructor(
    private readonly script: string,
    private readonly data: BuilderOptions,
  ) {
    this.worker = this.spawn();
  }

  private spawn(): Worker {
    return new Worker(this.script, { workerData: this.data, resourceLimits: WORKER_HEAP });
  }

  run(item: WorkItem): Promise<WorkResult> {
    return new Promise((resolve) => {
      const worker = this.worker;
      const done = (result: WorkResult) => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: WorkerReply) => done(reply.result);
      const crashed = (why: string) => {
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

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
