/** Opening an export for the pipelines, re-reading it as Windows-1252 or Mac OS Roman when bytes past the sniffed start are not UTF-8. */
import type { Diagnostic } from '../spec/result.js';
import { openCsv, EncodingFallback, type CsvInput, type CsvOptions } from '../ingest/read-csv.js';
import { messages } from '../errors/messages.js';
import { notUtf8Reason, SingleByteEvidence, type Encoding } from '../ingest/detect.js';
import { SurveyError } from '../errors/survey-error.js';
import { createReadStream } from 'node:fs';

/**
 * Runs `run` on the export; when bytes past the sniffed start turn out not to be UTF-8, runs it
 * again from the start in the single-byte encoding the whole file points to, calling `restart`
 * first: whatever `run` handed out for the rows read so far (kept rows, rejects) is void.
 */
export async function withInput<T>(file: string, options: CsvOptions, run: (input: CsvInput, diagnostics: Diagnostic[]) => Promise<T>, restart?: () => void): Promise<T> {
  const input = await openCsv(file, options);
  try {
    return await run(input, ignoredOptions(input, options));
  } catch (e) {
    if (!(e instanceof EncodingFallback)) throw e;
    if (options.encoding !== undefined) {
      const fromSpec = options.encodingFrom === 'spec';
      const line = await firstNonUtf8Line(file).catch(() => null);
      throw new SurveyError('SURVEY_CSV_ENCODING', messages.notInEncoding(options.encoding, fromSpec), {
        location: { file: options.displayName ?? file, ...(line !== null ? { line } : {}) },
        hint: fromSpec ? "remove input.encoding from the spec to detect it, or set it to windows-1252 or macintosh" : 'leave --encoding out to detect it, or give windows-1252 or macintosh',
      });
    }
    // Which single-byte encoding, by the whole file: its first such byte may lie far from most of them.
    const encoding = await singleByteEncodingOf(file).catch(() => e.encoding);
    const again = await openCsv(file, { ...options, encoding });
    const note: Diagnostic = { level: 'info', code: 'SURVEY_ENCODING_FALLBACK', message: messages.encodingFallback(encoding) };
    restart?.();
    return run({ ...again, encodingReason: notUtf8Reason(encoding) }, [...ignoredOptions(again, options), note]);
  }
}

/** The line holding the file's first byte that is not UTF-8, or null (lines end at LF, CRLF or a lone CR). */
async function firstNonUtf8Line(file: string): Promise<number | null> {
  let line = 1;
  // Continuation bytes still expected, the range the next one must fall in (tighter after E0, ED,
  // F0 and F4: no overlong forms, surrogates or code points past U+10FFFF), and whether the last byte was a CR.
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  let cr = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (need > 0) {
        if (b < lo || b > hi) return line;
        [lo, hi] = [0x80, 0xbf];
        need--;
        continue;
      }
      if (b < 0x80) {
        if (b === 10) {
          if (!cr) line++;
        } else if (b === 13) line++;
        cr = b === 13;
        continue;
      }
      cr = false;
      if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) need = 2;
      else if (b >= 0xf0 && b <= 0xf4) need = 3;
      else return line;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
      else if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    }
  }
  return need > 0 ? line : null;
}

async function singleByteEncodingOf(file: string): Promise<Encoding> {
  const evidence = new SingleByteEvidence();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) evidence.add(chunk);
  return evidence.encoding;
}

/** Options the export's kind has no use for: said, not silently dropped. */
function ignoredOptions(input: CsvInput, options: CsvOptions): Diagnostic[] {
  const ignored = input.format === 'xlsx' ? [options.encoding !== undefined && 'encoding', options.delimiter !== undefined && 'delimiter'] : [options.sheet !== undefined && 'sheet'];
  const names = ignored.filter((n): n is string => n !== false);
  return names.length === 0 ? [] : [{ level: 'info', code: 'SURVEY_OPTION_IGNORED', message: messages.optionIgnored(names, input.format === 'xlsx' ? 'an Excel workbook' : 'delimited text') }];
}
