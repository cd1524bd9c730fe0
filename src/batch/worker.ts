/**
 * A build worker: one ArtefactBuilder (so one Renderer, fonts parsed once)
 * for the worker's lifetime, one artefact at a time. It renders; the main
 * thread writes. On Ctrl-C the main thread terminates the worker, which
 * stops even in the middle of a page.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArtefactBuilder, type Rendered, type WorkItem, type WorkResult } from './artefact.js';

export interface WorkerReply {
  result: Rendered | WorkResult;
}

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of `leaflets build`.');
const builder = new ArtefactBuilder(workerData as { root: string; cwd: string });
port.on('message', (item: WorkItem) => {
  void builder.render(item).then((result) => {
    const reply: WorkerReply = { result };
    port.postMessage(reply);
  });
});
