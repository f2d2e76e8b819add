/**
 * The reading thread: reads, decodes and scans the file, numbers the cells of choice columns
 * (dictionary.ts) and, for a leading duplicates rule, keeps its keys (`RowKeys`), and posts
 * each chunk's batch (text, the records' lines and field ranges, numbers, first-seen lines)
 * to the main thread, which codes and counts the rows meanwhile. At most `MAX_AHEAD` batches
 * are in flight: the thread waits for the main thread to catch up, so memory stays constant.
 *
 * One thread serves every reading of a run, a job at a time (the sample, then the main
 * pass): a new thread would load its modules and optimise the scanner again, about 0.1 s
 * before its first batch. A job the main thread no longer wants is stopped through `flow`.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ChunkDecoder, EncodingFallback } from './decode.js';
import { CsvScanner, ScanError, forEachCells } from './scan.js';
import type { Batch } from './batch.js';
import type { Encoding } from './detect.js';
import { DictionaryEncoder, type BatchCodes } from './dictionary.js';
import { FirstSeen } from '../keys/first-seen.js';
import type { KeySpec } from '../keys/key.js';
import { CONSUMED, MAX_AHEAD, POSTED, STOP } from './flow.js';

export interface WorkerJob {
  /** Tags the job's messages: those of a job stopped earlier may still arrive. */
  id: number;
  file: string;
  encoding: Encoding;
  start: number;
  firstLine: number;
  delimiter: string;
  maxRecord: number;
  chunkBytes: number;
  /** Columns whose cells are numbered here (see dictionary.ts), as [count, ...columns]; set by the main thread, maybe later. */
  columns: SharedArrayBuffer;
  /** A key whose first line this thread keeps row by row (see ScanOptions.firstSeen). */
  firstSeen: { key: KeySpec; skip: number } | null;
  /** [batches posted, batches consumed, stop: 1 when the main thread wants no more] */
  flow: SharedArrayBuffer;
}

export type WorkerMessage = { job: number } & (
  | { kind: 'batch'; batch: Batch; bytes: number; numbers: BatchCodes | null; seenBefore: Int32Array | null }
  | { kind: 'done' }
  | { kind: 'error'; error: { type: 'scan'; code: ScanError['code']; line: number; field?: number } | { type: 'encoding'; encoding: Encoding } | { type: 'io'; code: string; syscall: string; message: string } | { type: 'other'; message: string } }
);

/** Batches the main thread must have waiting for this thread to number a batch's cells. */
const MIN_WAITING_TO_NUMBER = 2;

function run(job: WorkerJob): void {
  const port = parentPort!;
  const flow = new Int32Array(job.flow);
  const decoder = new ChunkDecoder(job.encoding);
  const scanner = new CsvScanner(job.delimiter, job.firstLine, job.maxRecord);
  const columns = new Int32Array(job.columns);
  const keys = job.firstSeen ? new RowKeys(job.firstSeen.key, job.firstSeen.skip) : null;
  let encoder: DictionaryEncoder | null = null;
  let fd = -1;
  let size = 0;
  const post = (batch: Batch, bytes: number): void => {
    if (batch.records === 0) return;
    // Wait while the main thread is MAX_AHEAD batches behind.
    for (;;) {
      if (Atomics.load(flow, STOP) !== 0) throw STOPPED;
      const consumed = Atomics.load(flow, CONSUMED);
      if (Atomics.load(flow, POSTED) - consumed < MAX_AHEAD) break;
      Atomics.wait(flow, CONSUMED, consumed, 1000);
    }
    // Numbering costs this thread about as much as it saves the main thread: it is done only
    // while the main thread has batches waiting, so that neither thread waits for the other long.
    const waiting = Atomics.load(flow, POSTED) - Atomics.load(flow, CONSUMED);
    if (encoder === null && Atomics.load(columns, 0) > 0) encoder = new DictionaryEncoder([...columns.subarray(1, 1 + Atomics.load(columns, 0))]);
    const numbers = encoder !== null && waiting >= MIN_WAITING_TO_NUMBER ? encoder.encode(batch) : null;
    const seenBefore = keys?.batch(batch, (size - bytes) / Math.max(1, bytes - job.start)) ?? null;
    Atomics.add(flow, POSTED, 1);
    const message: WorkerMessage = { job: job.id, kind: 'batch', batch, bytes, numbers, seenBefore };
    const transfer = [batch.meta.buffer as ArrayBuffer];
    if (numbers) transfer.push(numbers.codes.buffer as ArrayBuffer);
    if (seenBefore) transfer.push(seenBefore.buffer as ArrayBuffer);
    port.postMessage(message, transfer);
  };
  try {
    fd = openSync(job.file, 'r');
    size = fstatSync(fd).size;
    let position = job.start;
    for (;;) {
      // A fresh buffer each time: the decoded text must not share it.
      const buf = Buffer.allocUnsafe(job.chunkBytes);
      const n = readSync(fd, buf, 0, buf.length, position);
      position += n;
      if (n === 0) break;
      post(scanner.push(decoder.decode(buf.subarray(0, n))), position);
    }
    const rest = decoder.decode(Buffer.alloc(0), true);
    post(scanner.push(rest), position);
    post(scanner.end(), position);
    port.postMessage({ job: job.id, kind: 'done' } satisfies WorkerMessage);
  } catch (e) {
    if (e !== STOPPED) port.postMessage({ job: job.id, kind: 'error', error: describe(e) } satisfies WorkerMessage);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Each row's first-seen line for a key, as the rule on the main thread would find it (see
 * ScanOptions.firstSeen): the header's records, blank lines and rows of blank cells are not
 * rows, and get 0 like a row seen first.
 */
class RowKeys {
  private readonly first: FirstSeen;
  private sized = false;
  /** Whether the header's first record has been met. */
  private started = false;
  /** Record of each staged row. */
  private records = new Int32Array(1024);
  constructor(key: KeySpec, private skip: number) {
    this.first = new FirstSeen(key);
  }
  /** `rest`: the bytes of the file after this batch per byte read so far. */
  batch(batch: Batch, rest: number): Int32Array {
    const out = new Int32Array(batch.records);
    if (this.records.length < batch.records) this.records = new Int32Array(batch.records);
    let r = 0;
    let staged = 0;
    forEachCells(batch, (cells, line) => {
      const i = r++;
      // The rows the rule sees: as read-csv.ts delivers them and rows.ts keeps them.
      if (cells.isBlankLine()) return;
      // White space alone on a line before the header is skipped there too (engine/rows.ts);
      // after it, such a line is blank, so the allBlank test below leaves it out.
      if (!this.started && cells.length === 1 && cells.blank(0)) return;
      this.started = true;
      if (this.skip > 0) {
        this.skip--;
        return;
      }
      if (cells.allBlank()) return;
      this.records[staged++] = i;
      this.first.stage(cells, line);
    });
    this.first.flush((j, line) => (out[this.records[j]!] = line ?? 0));
    // Room for the keys the rest of the file holds at the first batch's distinct keys a byte,
    // so that the key set is not rebuilt as it grows.
    if (!this.sized) {
      this.sized = true;
      this.first.expect(Math.ceil(this.first.size * rest));
    }
    return out;
  }
}

function describe(e: unknown): Extract<WorkerMessage, { kind: 'error' }>['error'] {
  if (e instanceof ScanError) return e.field !== undefined ? { type: 'scan', code: e.code, line: e.line, field: e.field } : { type: 'scan', code: e.code, line: e.line };
  if (e instanceof EncodingFallback) return { type: 'encoding', encoding: e.encoding };
  const errno = e as NodeJS.ErrnoException;
  if (errno && typeof errno.code === 'string' && errno.syscall) return { type: 'io', code: errno.code, syscall: errno.syscall, message: errno.message };
  return { type: 'other', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
}

/** Thrown out of a job the main thread stopped. */
const STOPPED = Symbol('stopped');

// Jobs come as messages (ingest/reading-thread.ts), one after another.
parentPort?.on('message', (job: WorkerJob) => run(job));
