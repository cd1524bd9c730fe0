/**
 * Progress on stderr while a build runs: a bar with counts and ETA on a
 * terminal; one plain line per artefact otherwise (CI logs, pipes), which
 * stays readable when interleaved and never redraws.
 */
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { painter } from '../diagnostics/print.js';
import type { ArtefactRecord } from '../batch/report.js';

export interface Progress {
  start(total: number): void;
  tick(record: ArtefactRecord): void;
  stop(): void;
}

export function createProgress(stream: Writable & { isTTY?: boolean }, options: { colour: boolean }): Progress {
  return stream.isTTY ? new BarProgress(stream, options.colour) : new LineProgress(stream, options.colour);
}

class BarProgress implements Progress {
  private readonly bar: cliProgress.SingleBar;
  private readonly counts = { built: 0, skipped: 0, failed: 0 };

  constructor(stream: Writable, colour: boolean) {
    const c = painter(colour);
    this.bar = new cliProgress.SingleBar(
      {
        stream,
        format: `building {bar} {value}/{total} | {built} built, {skipped} up to date, ${c.red('{failed} failed')} | ETA {eta_formatted}`,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
        fps: 8,
      },
      cliProgress.Presets.shades_classic,
    );
  }

  start(total: number): void {
    this.bar.start(total, 0, this.counts);
  }

  tick(record: ArtefactRecord): void {
    if (record.status === 'built' || record.status === 'skipped' || record.status === 'failed') this.counts[record.status]++;
    this.bar.increment(1, this.counts);
  }

  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements Progress {
  private done = 0;
  private total = 0;

  constructor(
    private readonly stream: Writable,
    private readonly colour: boolean,
  ) {}

  start(total: number): void {
    this.total = total;
  }

  tick(r: ArtefactRecord): void {
    this.done++;
    const c = painter(this.colour);
    const width = String(this.total).length;
    const counter = `[${String(this.done).padStart(width)}/${this.total}]`;
    let line: string;
    if (r.status === 'failed') line = `${counter} ${c.red('failed')}     ${r.path}  ${r.diagnostics.find((d) => d.severity === 'error')?.code ?? ''}`;
    else if (r.status === 'skipped') line = `${counter} up to date ${r.path}`;
    else {
      const size = `${Math.max(1, Math.round((r.bytes ?? 0) / 1024))} KiB`;
      const pages = r.pages ? `${r.pages} page${r.pages > 1 ? 's' : ''}, ` : '';
      line = `${counter} built      ${r.path}  (${pages}${size}, ${r.milliseconds} ms)`;
    }
    this.stream.write(`${line}\n`);
  }

  stop(): void {
    /* every line is already complete */
  }
}
