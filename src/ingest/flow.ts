/**
 * The reading thread's flow control (scan-worker.ts, read-csv.ts), in a job's shared
 * `Int32Array`: batches posted and consumed, and whether the main thread wants no more.
 */
export const POSTED = 0;
export const CONSUMED = 1;
export const STOP = 2;
export const FLOW_SLOTS = 3;

/** Batches in flight at most: the thread waits for the main thread to catch up, so memory stays constant. */
export const MAX_AHEAD = 32;
