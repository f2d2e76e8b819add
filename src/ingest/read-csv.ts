/**
 * Streams a delimited export as records of strings with the line each record
 * starts on. The tokenizer (./scan.ts, chosen over csv-parse, papaparse and uDSV by
 * measurement: see the README) sits behind `CsvInput`, so it can be swapped
 * without touching the stages after it.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { CsvScanner, ScanError } from './scan.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { controlShare, detectEncoding, detectNotText, type Encoding } from './detect.js';
import { sniffDelimiter } from './sniff.js';

export interface CsvOptions {
  /** Forces an encoding instead of detecting one. */
  encoding?: Encoding;
  /** Forces a delimiter instead of sniffing one. */
  delimiter?: string;
  /** Name shown for the file in error locations (the path as the user typed it). __Default value:__ the path */
  displayName?: string;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export interface CsvInput {
  file: string;
  encoding: Encoding;
  encodingReason: string;
  delimiter: string;
  /** File size in bytes (for progress). */
  size: number;
  /** Records one at a time. */
  records(): AsyncIterable<CsvRecord>;
  /** Every record to a synchronous handler (much faster than `records`); the handler returns false to stop. */
  scan(handler: RecordHandler, options?: ScanOptions): Promise<void>;
}

/** Thrown when bytes later in a file turn out not to be UTF-8: the caller re-reads it. */
export class EncodingFallback extends Error {
  constructor(readonly encoding: Encoding) {
    super(`re-read as ${encoding}`);
  }
}

const SAMPLE_BYTES = 1 << 20;
const MAX_RECORD_BYTES = 64 << 20;

export async function openCsv(file: string, options: CsvOptions = {}): Promise<CsvInput> {
  // Errors name the file as the user typed it, like the later stages do, not the resolved path.
  const name = options.displayName ?? file;
  const { head, size } = await readHead(file, name);
  if (size === 0) throw new SurveyError('SURVEY_CSV_EMPTY', messages.emptyFile(), { location: { file: name } });
  const notText = detectNotText(head);
  if (notText) {
    throw new SurveyError(notText.kind === 'binary' ? 'SURVEY_CSV_BINARY' : 'SURVEY_CSV_NOT_CSV', messages.notCsv(notText.what), {
      location: { file: name },
      hint: notText.kind === 'xlsx' ? 'export the sheet as CSV (File > Download > CSV) and try again' : undefined,
    });
  }
  const detected = detectEncoding(head, head.length === size);
  const encoding = options.encoding ?? detected.encoding;
  // A UTF-8 BOM is skipped when reading as Windows-1252 too: that is the re-read of a
  // BOM file with stray bytes further on, and EF BB BF would otherwise start the first header as "ï»¿".
  const skipBom = options.encoding === undefined || options.encoding === detected.encoding || (detected.encoding === 'utf-8' && options.encoding === 'windows-1252');
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
  return {
    file,
    encoding,
    encodingReason: options.encoding ? 'set by --encoding' : detected.reason,
    delimiter,
    size,
    records: () => readRecords(file, name, encoding, start, firstLine, delimiter),
    scan: (handler, scanOptions) => scanRecords(file, name, encoding, start, firstLine, delimiter, handler, scanOptions),
  };
}

async function readHead(file: string, name: string): Promise<{ head: Buffer; size: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { head: buf.subarray(0, bytesRead), size };
  } catch (e) {
    throw new SurveyError('SURVEY_IO_READ', messages.cannotRead((e as NodeJS.ErrnoException).code ?? String(e)), { location: { file: name }, cause: e });
  } finally {
    await handle?.close();
  }
}

/** Receives each record (blank lines are skipped); returning false stops the reading. */
export type RecordHandler = (fields: string[], line: number) => boolean | void;

export interface ScanOptions {
  /** Called after each chunk: bytes of the file read so far, and records so far. */
  onProgress?: (bytesRead: number, records: number) => void;
}

const CHUNK_BYTES = 1 << 16;

/**
 * Every record from byte `start` on (which is on line `firstLine`), to a synchronous
 * handler. UTF-8 is decoded strictly, so that a bad byte anywhere asks for a re-read.
 */
async function scanRecords(file: string, name: string, encoding: Encoding, start: number, firstLine: number, delimiter: string, handler: RecordHandler, options: ScanOptions = {}): Promise<void> {
  const source = createReadStream(file, { start, highWaterMark: CHUNK_BYTES });
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const scanner = new CsvScanner(delimiter, firstLine, MAX_RECORD_BYTES);
  let stopped = false;
  let records = 0;
  let bytes = start;
  const sink = (fields: string[], line: number): void => {
    // Blank lines carry no respondent.
    if (stopped || (fields.length === 1 && fields[0] === '')) return;
    records++;
    if (handler(fields, line) === false) stopped = true;
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      scanner.push(decode(decoder, chunk, true), sink);
      options.onProgress?.(bytes, records);
      if (stopped) return;
    }
    scanner.push(decode(decoder, undefined, false), sink);
    scanner.end(sink);
  } catch (e) {
    throw toSurveyError(e, name);
  } finally {
    source.destroy();
  }
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw new EncodingFallback('windows-1252');
  }
}

/** Records from byte `start` on, one at a time (`scan` is the fast way). */
async function* readRecords(file: string, name: string, encoding: Encoding, start: number, firstLine: number, delimiter: string): AsyncGenerator<CsvRecord> {
  const source = createReadStream(file, { start, highWaterMark: CHUNK_BYTES });
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const scanner = new CsvScanner(delimiter, firstLine, MAX_RECORD_BYTES);
  let batch: CsvRecord[] = [];
  const sink = (fields: string[], line: number): void => {
    if (fields.length === 1 && fields[0] === '') return;
    batch.push({ fields, line });
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      scanner.push(decode(decoder, chunk, true), sink);
      const ready = batch;
      batch = [];
      yield* ready;
    }
    scanner.push(decode(decoder, undefined, false), sink);
    scanner.end(sink);
    yield* batch;
  } catch (e) {
    throw toSurveyError(e, name);
  } finally {
    source.destroy();
  }
}

function toSurveyError(e: unknown, file: string): unknown {
  if (e instanceof EncodingFallback || e instanceof SurveyError) return e;
  if (e instanceof ScanError) {
    const location = { file, line: e.line };
    if (e.code === 'QUOTE_NOT_CLOSED') {
      return new SurveyError('SURVEY_CSV_QUOTE_NOT_CLOSED', messages.quoteNotClosed(), {
        location,
        hint: 'a field that opens with " must close with "; a " inside a quoted field is written ""',
        cause: e,
      });
    }
    return new SurveyError('SURVEY_CSV_FIELD_TOO_LONG', messages.recordTooLong(MAX_RECORD_BYTES), { location, cause: e });
  }
  const errno = e as NodeJS.ErrnoException;
  if (errno && typeof errno.code === 'string' && errno.syscall) {
    return new SurveyError('SURVEY_IO_READ', messages.cannotRead(errno.code), { location: { file }, cause: e });
  }
  return e;
}
