/**
 * Streams a delimited export as records of strings with the line each record
 * starts on. The parser (csv-parse) sits behind `CsvInput`, so it can be swapped
 * by measurement without touching the stages after it.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse, CsvError } from 'csv-parse';
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
  records(): AsyncIterable<CsvRecord>;
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

/** Decodes bytes to text; UTF-8 is decoded strictly so that a bad byte anywhere triggers a re-read. */
class Decode extends Transform {
  private readonly decoder: TextDecoder;
  constructor(private readonly encoding: Encoding) {
    super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' });
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      done(null, this.decoder.decode(chunk, { stream: true }));
    } catch {
      done(new EncodingFallback('windows-1252'));
    }
  }
  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new EncodingFallback('windows-1252'));
    }
  }
}

/** Records from byte `start` on, which is on line `firstLine` of the file. */
async function* readRecords(file: string, name: string, encoding: Encoding, start: number, firstLine: number, delimiter: string): AsyncGenerator<CsvRecord> {
  const source = createReadStream(file, { start, highWaterMark: 1 << 16 });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const decode = new Decode(encoding);
  // Errors from any stage surface through the parser's iterator.
  source.on('error', (e) => parser.destroy(e));
  decode.on('error', (e) => parser.destroy(e));
  source.pipe(decode).pipe(parser);
  let nextLine = firstLine;
  // csv-parse counts the CR and the LF of a CRLF inside a quoted field as two lines
  // (outside quotes it is one record delimiter): take those extra lines back off.
  let doubleCounted = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = nextLine;
      const fields = rec.record;
      for (const f of fields) if (f.includes('\r\n')) doubleCounted += f.split('\r\n').length - 1;
      nextLine = rec.info.lines + firstLine - doubleCounted;
      // Blank lines carry no respondent.
      if (fields.length === 1 && fields[0] === '') continue;
      yield { fields, line };
    }
  } catch (e) {
    throw toSurveyError(e, name, nextLine);
  } finally {
    source.destroy();
  }
}

function toSurveyError(e: unknown, file: string, line: number): unknown {
  if (e instanceof EncodingFallback || e instanceof SurveyError) return e;
  if (e instanceof CsvError) {
    const location = { file, line };
    switch (e.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new SurveyError('SURVEY_CSV_QUOTE_NOT_CLOSED', messages.quoteNotClosed(), {
          location,
          hint: 'a field that opens with " must close with "; a " inside a quoted field is written ""',
          cause: e,
        });
      case 'CSV_MAX_RECORD_SIZE':
        return new SurveyError('SURVEY_CSV_FIELD_TOO_LONG', messages.recordTooLong(MAX_RECORD_BYTES), { location, cause: e });
      case 'CSV_INVALID_CLOSING_QUOTE':
        return new SurveyError('SURVEY_CSV_INVALID_QUOTE', messages.invalidQuote(), { location, cause: e });
      default:
        return new SurveyError('SURVEY_CSV_PARSE', messages.csvParse(e.message), { location, cause: e });
    }
  }
  const errno = e as NodeJS.ErrnoException;
  if (errno && typeof errno.code === 'string' && errno.syscall) {
    return new SurveyError('SURVEY_IO_READ', messages.cannotRead(errno.code), { location: { file }, cause: e });
  }
  return e;
}
