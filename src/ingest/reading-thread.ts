/**
 * The reading thread (scan-worker.ts), kept between readings of a run: `survey report` reads a
 * large file twice (the sample, then the main pass), and a new thread would load its modules
 * and optimise the scanner again, about a tenth of a second before its first batch. Kept on
 * globalThis, not in this module, so that survey's bundle and its modules share one thread.
 */
import { Worker } from 'node:worker_threads';

/** Files at least this large are read and scanned on the thread. */
export const THREADED_MIN_BYTES = 8 << 20;

const SLOT = Symbol.for('survey.readingThread');
const slot = globalThis as { [SLOT]?: Worker | undefined };

/** The idle reading thread, or a new one; `release` it after the reading, or terminate it. */
export function takeReadingThread(): Worker {
  const idle = slot[SLOT];
  slot[SLOT] = undefined;
  if (idle) return idle;
  // Its heap holds a chunk or two at a time: a small young generation keeps the process small.
  const worker = new Worker(new URL('./scan-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  worker.once('exit', () => {
    if (slot[SLOT] === worker) slot[SLOT] = undefined;
  });
  return worker;
}

/** Keeps a thread that finished its reading (or was told to stop) for the next one; an idle thread keeps no process alive. */
export function releaseReadingThread(worker: Worker): void {
  worker.unref();
  if (slot[SLOT] === undefined) slot[SLOT] = worker;
  else void worker.terminate();
}

/** Starts the thread before it is needed, so that it loads while the command does (bin/survey.js). */
export function prestartReadingThread(): void {
  if (slot[SLOT] === undefined) releaseReadingThread(takeReadingThread());
}
