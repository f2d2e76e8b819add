/** Opening an export for the pipelines, re-reading it as Windows-1252 or Mac OS Roman when bytes past the sniffed start are not UTF-8. */
import type { Diagnostic } from '../spec/result.js';
import { openCsv, EncodingFallback } from '../ingest/read-csv.js';
import type { CsvInput, CsvOptions } from '../ingest/input.js';
import { messages } from '../errors/messages.js';
import { notUtf8Reason } from '../ingest/detect.js';
import { singleByteEncodingOf } from '../ingest/encoding-scan.js';
import { SurveyError } from '../errors/survey-error.js';

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
      // The record's line and the field holding the first such byte, as the unclosed-quote error names them.
      const place = (await input.firstNonUtf8?.().catch(() => null)) ?? null;
      throw new SurveyError('SURVEY_CSV_ENCODING', messages.notInEncoding(options.encoding, fromSpec, place?.field), {
        location: { file: options.displayName ?? file, ...(place ? { line: place.line } : {}), ...(place?.field !== undefined ? { column: place.field } : {}) },
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

/** Options the export's kind has no use for: said, not silently dropped. */
function ignoredOptions(input: CsvInput, options: CsvOptions): Diagnostic[] {
  const ignored = input.format === 'xlsx' ? [options.encoding !== undefined && 'encoding', options.delimiter !== undefined && 'delimiter'] : [options.sheet !== undefined && 'sheet'];
  const names = ignored.filter((n): n is string => n !== false);
  return names.length === 0 ? [] : [{ level: 'info', code: 'SURVEY_OPTION_IGNORED', message: messages.optionIgnored(names, input.format === 'xlsx' ? 'an Excel workbook' : 'delimited text') }];
}
