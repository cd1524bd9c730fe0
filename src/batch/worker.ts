/**
 * A build worker: one ArtefactBuilder (so one Renderer, fonts parsed once)
 * for the worker's lifetime, one artefact at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ArtefactBuilder, type BuilderOptions, type WorkItem, type WorkResult } from './artefact.js';

export interface WorkerReply {
  result: WorkResult;
}

const port = parentPort;
if (!port) throw new Error('worker.js runs as a worker thread of `leaflets build`.');
const builder = new ArtefactBuilder(workerData as BuilderOptions);
port.on('message', (item: WorkItem) => {
  void builder.build(item).then((result) => {
    const reply: WorkerReply = { result };
    port.postMessage(reply);
  });
});
