import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Interrupted } from '../io/interrupt.js';

export interface WriteOptions {
  /** 0o600 for files that hold patient data */
  mode?: number;
  /**
   * Ctrl-C: once aborted, nothing more is put in place. Checked before the
   * temporary file is made and again just before the rename; an abort in
   * between removes the temporary file and throws Interrupted.
   */
  signal?: AbortSignal;
}

/**
 * Writes a file so that readers see the old file or the whole new one, never
 * half of it: a temporary file in the same folder, fsync, then rename.
 * The temporary name is hidden and random so two writers never collide.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array | string, options: WriteOptions = {}): Promise<void> {
  const target = path.resolve(file);
  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new Interrupted(options.signal.reason);
  };
  stopIfAborted();
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(options.mode ?? 0o644);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw e;
  }
  await handle.close();
  try {
    stopIfAborted();
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

