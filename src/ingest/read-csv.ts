/**
 * Streams a delimited export as records of strings with the line each record
 * starts on. The tokenizer (./scan.ts, chosen over csv-parse, papaparse and uDSV by
 * measurement: see the README) sits behind `CsvInput` (./input.ts), so it can be swapped
 * without touching the stages after it.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { CsvScanner, ScanError, forEachCells, forEachRecord } from './scan.js';
import type { Batch } from './batch.js';
import type { CsvInput, CsvOptions, CsvRecord, RecordHandler, ScanOptions } from './input.js';
import { Dictionary, LateColumns } from './dictionary.js';
import { ChunkDecoder, EncodingFallback } from './decode.js';
import type { WorkerJob, WorkerMessage } from './scan-worker.js';
import { CONSUMED, FLOW_SLOTS, STOP } from './flow.js';
import { THREADED_MIN_BYTES, releaseReadingThread, takeReadingThread } from './reading-thread.js';
import { SurveyError } from '../errors/survey-error.js';
import { readFailure } from '../errors/read-failure.js';
import { messages } from '../errors/messages.js';
import { controlShare, detectEncoding, detectNotText, type Encoding } from './detect.js';
import { sniffDelimiter } from './sniff.js';
import { openXlsx } from './read-xlsx.js';
import { firstNonUtf8Place } from './encoding-scan.js';

export { EncodingFallback };

const SAMPLE_BYTES = 1 << 20;
const MAX_RECORD_BYTES = 64 << 20;

export async function openCsv(file: string, options: CsvOptions = {}): Promise<CsvInput> {
  // Errors name the file as the user typed it, like the later stages do, not the resolved path.
  const name = options.displayName ?? file;
  const { head, size } = await readHead(file, name);
  if (size === 0) throw new SurveyError('SURVEY_CSV_EMPTY', messages.emptyFile(), { location: { file: name } });
  const notText = detectNotText(head);
  // Whatever its name, a ZIP is read as the .xlsx workbook it most likely is.
  if (notText?.kind === 'zip') return openXlsx(file, name, size, options.sheet);
  if (notText) {
    throw new SurveyError(notText.kind === 'binary' ? 'SURVEY_CSV_BINARY' : 'SURVEY_CSV_NOT_CSV', messages.notCsv(notText.what), {
      location: { file: name },
      hint:
        notText.kind === 'xls'
          ? 'save it as .xlsx, or export the sheet as CSV, and try again'
          : notText.kind === 'encrypted'
            ? 'save a copy without the password (File > Info > Protect Workbook), or export the sheet as CSV'
            : undefined,
    });
  }
  const detected = detectEncoding(head, head.length === size);
  const encoding = options.encoding ?? detected.encoding;
  // UTF-16 asked for a file that is none (UTF-8 read two bytes a character is one header of gibberish, "no responses").
  // Only when the bytes say what they are (a BOM, the NUL pattern, valid UTF-8): UTF-16 of CJK text shows neither, and reads as it is asked.
  const sure = detected.encoding === 'utf-8' || detected.encoding.startsWith('utf-16');
  if (encoding.startsWith('utf-16') && options.encoding !== undefined && sure && detected.encoding !== encoding && head.length >= 8) {
    const fromSpec = options.encodingFrom === 'spec';
    throw new SurveyError('SURVEY_CSV_ENCODING', messages.otherEncoding(encoding, detected.encoding, detected.reason, fromSpec), {
      location: { file: name, line: 1 },
      hint: fromSpec ? 'remove input.encoding from the spec to detect it' : 'leave --encoding out to detect it',
    });
  }
  // A UTF-8 BOM is skipped when reading as Windows-1252 or Mac OS Roman too: that is the re-read of a
  // BOM file with stray bytes further on, and EF BB BF would otherwise start the first header as "ï»¿".
  const skipBom = options.encoding === undefined || options.encoding === detected.encoding || (detected.encoding === 'utf-8' && (options.encoding === 'windows-1252' || options.encoding === 'macintosh'));
  const bomLength = skipBom ? detected.bomLength : 0;
  const sampleText = new TextDecoder(encoding).decode(head.subarray(bomLength));
  if (controlShare(sampleText) > 0.1) {
    throw new SurveyError('SURVEY_CSV_BINARY', messages.binaryFile(), { location: { file: name } });
  }
  // Excel's "sep=;" first line names the delimiter; it is a directive, not the header.
  const sep = /^sep=([,;\t|])(\r\n|\n|\r)/.exec(sampleText);
  const delimiter = options.delimiter ?? sep?.[1] ?? sniffDelimiter(sampleText);
  // The directive is ASCII: one byte a character, two in UTF-16.
  const start = bomLength + (sep ? sep[0].length * (encoding.startsWith('utf-16') ? 2 : 1) : 0);
  const firstLine = sep ? 2 : 1;
  const src: Source = { file, name, encoding, start, firstLine, delimiter };
  const threaded = options.worker ?? size >= THREADED_MIN_BYTES;
  return {
    file,
    encoding,
    encodingReason: options.encoding ? 'set by --encoding' : detected.reason,
    delimiter,
    size,
    threaded,
    records: () => readRecords(src),
    firstNonUtf8: () => firstNonUtf8Place(file, src),
    scan: (handler, scanOptions = {}) => {
      return threaded ? scanOnWorker(src, handler, scanOptions) : scanHere(src, handler, scanOptions);
    },
  };
}

async function readHead(file: string, name: string): Promise<{ head: Buffer; size: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
    const stat = await handle.stat();
    const { size } = stat;
    // A folder given for its export (`survey analyze exports/`) is said as such, not as a pipe.
    if (stat.isDirectory()) throw new SurveyError('SURVEY_IO_READ', messages.isAFolder(), { location: { file: name }, hint: 'give the export file in it' });
    // A pipe or a device has no size and can be read once: not "empty", and not an export to read twice.
    if (!stat.isFile()) throw new SurveyError('SURVEY_IO_READ', messages.notAFile(), { location: { file: name }, hint: "the commands copy '-' (standard input) and pipes they are given first: survey analyze -, survey init -, survey report --input -; here, save the export to a file" });
    const buf = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { head: buf.subarray(0, bytesRead), size };
  } catch (e) {
    if (e instanceof SurveyError) throw e;
    throw new SurveyError('SURVEY_IO_READ', messages.cannotRead((e as NodeJS.ErrnoException).code ?? String(e)), { location: { file: name }, cause: e });
  } finally {
    await handle?.close();
  }
}

/** Small enough that each chunk's text is allocated young and dies young. */
const CHUNK_BYTES = 1 << 16;
/** Columns numbered on the reading thread at most (others are coded from their text). */
const MAX_NUMBERED_COLUMNS = 4096;

interface Source {
  file: string;
  name: string;
  encoding: Encoding;
  start: number;
  firstLine: number;
  delimiter: string;
}

/** Hands each record of a batch to the handler, blank lines left out; false once it asked to stop. */
function deliver(batch: Batch, handler: RecordHandler, counter: { records: number }, numbers?: { dictionary: Dictionary; codes: Int32Array }, seenBefore?: Int32Array): boolean {
  let stopped = false;
  forEachCells(
    batch,
    (cells, line) => {
      // Blank lines carry no respondent.
      if (stopped || cells.isBlankLine()) return;
      counter.records++;
      if (handler(cells, line) === false) stopped = true;
    },
    numbers,
    seenBefore,
  );
  return !stopped;
}

/** Every record from byte `start` on (which is on line `firstLine`), on this thread. */
async function scanHere(src: Source, handler: RecordHandler, options: ScanOptions): Promise<void> {
  const source = createReadStream(src.file, { start: src.start, highWaterMark: CHUNK_BYTES });
  const decoder = new ChunkDecoder(src.encoding);
  const scanner = new CsvScanner(src.delimiter, src.firstLine, MAX_RECORD_BYTES);
  const counter = { records: 0 };
  let bytes = src.start;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (!deliver(scanner.push(decoder.decode(chunk)), handler, counter)) return;
      options.onProgress?.(bytes, counter.records);
    }
    if (!deliver(scanner.push(decoder.decode(Buffer.alloc(0), true)), handler, counter)) return;
    deliver(scanner.end(), handler, counter);
  } catch (e) {
    throw toSurveyError(e, src.name);
  } finally {
    source.destroy();
  }
}

/** The same, read and scanned on a second thread while this one slices fields and runs the handler. */
function scanOnWorker(src: Source, handler: RecordHandler, options: ScanOptions): Promise<void> {
  const flow = new SharedArrayBuffer(4 * FLOW_SLOTS);
  const consumed = new Int32Array(flow);
  // The columns to number, in shared memory: [count, ...columns]; the thread looks before each batch.
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + MAX_NUMBERED_COLUMNS)));
  let dictionary: Dictionary | null = null;
  const number = (wanted: readonly number[]): void => {
    const columns = [...new Set(wanted)].sort((a, b) => a - b).slice(0, MAX_NUMBERED_COLUMNS);
    if (columns.length === 0) return;
    dictionary = new Dictionary(columns);
    shared.set(columns, 1);
    Atomics.store(shared, 0, columns.length);
  };
  if (options.dictionary instanceof LateColumns) options.dictionary.onSet(number);
  else if (options.dictionary) number(options.dictionary);
  const job: WorkerJob = { id: nextJob++, file: src.file, encoding: src.encoding, start: src.start, firstLine: src.firstLine, delimiter: src.delimiter, maxRecord: MAX_RECORD_BYTES, chunkBytes: CHUNK_BYTES, columns: shared.buffer as SharedArrayBuffer, firstSeen: options.firstSeen ?? null, flow };
  const worker = takeReadingThread();
  const counter = { records: 0 };
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown, broken = false): void => {
      if (settled) return;
      settled = true;
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      // The thread may be waiting for room: it is told to stop, and takes the next reading.
      Atomics.store(consumed, STOP, 1);
      Atomics.notify(consumed, CONSUMED);
      if (broken) void worker.terminate();
      else releaseReadingThread(worker);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onMessage = (message: WorkerMessage): void => {
      // A reading stopped before this one may still have batches on their way.
      if (settled || message.job !== job.id) return;
      try {
        switch (message.kind) {
          case 'batch': {
            let numbers;
            if (message.numbers && dictionary) {
              dictionary.append(message.numbers.added);
              numbers = { dictionary, codes: message.numbers.codes };
            }
            const going = deliver(message.batch, handler, counter, numbers, message.seenBefore ?? undefined);
            Atomics.add(consumed, CONSUMED, 1);
            Atomics.notify(consumed, CONSUMED);
            if (!going) return settle();
            options.onProgress?.(message.bytes, counter.records);
            return;
          }
          case 'done':
            return settle();
          case 'error':
            return settle(toSurveyError(fromWorker(message.error), src.name));
        }
      } catch (e) {
        settle(toSurveyError(e, src.name));
      }
    };
    const onError = (e: unknown): void => settle(e, true);
    const onExit = (code: number): void => settle(new Error(`the reading thread stopped (exit code ${code})`), true);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // Keep the process alive while the thread reads for it.
    worker.ref();
    worker.postMessage(job);
  });
}

/** Numbers the readings on the thread, whose messages say which they belong to. */
let nextJob = 1;

function fromWorker(error: Extract<WorkerMessage, { kind: 'error' }>['error']): unknown {
  switch (error.type) {
    case 'scan':
      return new ScanError(error.code, error.line, error.field);
    case 'encoding':
      return new EncodingFallback(error.encoding);
    case 'io':
      return Object.assign(new Error(error.message), { code: error.code, syscall: error.syscall });
    case 'other':
      return new Error(error.message);
  }
}

/** Records from byte `start` on, one at a time (`scan` is the fast way). */
async function* readRecords(src: Source): AsyncGenerator<CsvRecord> {
  const source = createReadStream(src.file, { start: src.start, highWaterMark: CHUNK_BYTES });
  const decoder = new ChunkDecoder(src.encoding);
  const scanner = new CsvScanner(src.delimiter, src.firstLine, MAX_RECORD_BYTES);
  const take = (batch: Batch): CsvRecord[] => {
    const out: CsvRecord[] = [];
    forEachRecord(batch, (fields, line) => {
      if (!(fields.length === 1 && fields[0] === '')) out.push({ fields, line });
    });
    return out;
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) yield* take(scanner.push(decoder.decode(chunk)));
    yield* take(scanner.push(decoder.decode(Buffer.alloc(0), true)));
    yield* take(scanner.end());
  } catch (e) {
    throw toSurveyError(e, src.name);
  } finally {
    source.destroy();
  }
}

function toSurveyError(e: unknown, file: string): unknown {
  if (e instanceof EncodingFallback || e instanceof SurveyError) return e;
  if (e instanceof ScanError) {
    const location = { file, line: e.line };
    if (e.code === 'QUOTE_NOT_CLOSED') {
      return new SurveyError('SURVEY_CSV_QUOTE_NOT_CLOSED', messages.quoteNotClosed(e.field), {
        location: e.field !== undefined ? { ...location, column: e.field } : location,
        hint: 'a field that opens with " must close with "; a " inside a quoted field is written ""',
        cause: e,
      });
    }
    return new SurveyError('SURVEY_CSV_FIELD_TOO_LONG', messages.recordTooLong(MAX_RECORD_BYTES), { location, cause: e });
  }
  return readFailure(e, file) ?? e;
}
