/**
 * The zero-configuration pipeline, one streaming pass over the file:
 *
 *   read-csv ──► header rows ──► sample (first rows) ──► infer codebook
 *                                   │                        │
 *                                   └── replay ──► Tabulation ◄── rest of the stream
 *                                                     │
 *                                                     ▼
 *                                              AnalysisResult (tables)
 *
 * The sample is held in memory (bounded by `sampleRows`), every later row is
 * coded and counted as it streams past, so memory does not grow with rows.
 */
import type { Codebook } from '../spec/codebook.js';
import type { AnalysisResult, Diagnostic } from '../spec/result.js';
import { detectHeaderRows, layoutFor, mergeHeader, type ColumnHeader } from '../codebook/header.js';
import { inferCodebook } from '../codebook/infer.js';
import { openCsv, EncodingFallback, type CsvInput, type CsvOptions, type CsvRecord } from '../ingest/read-csv.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { Tabulation } from './tabulation.js';
import { resolveQuestion } from './resolve.js';

export interface AnalyzeOptions extends CsvOptions {
  /** Forces the number of header rows (1-3) instead of detecting the platform's layout. */
  headerRows?: number;
  /** Questions (id or text) to crosstab every choice question by. */
  by?: readonly string[];
  /** Rows used to infer the codebook. __Default value:__ 50,000 */
  sampleRows?: number;
  /** Name shown for the file in results and messages. __Default value:__ the path */
  displayName?: string;
}

export interface Analysis {
  result: AnalysisResult;
  codebook: Codebook;
  headers: ColumnHeader[];
}

const DEFAULT_SAMPLE_ROWS = 50_000;

export async function analyzeFile(file: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const input = await openCsv(file, options);
  try {
    return await analyzeInput(input, options, []);
  } catch (e) {
    // Bytes that are not UTF-8 past the sniffed start: read the whole file again as Windows-1252.
    if (e instanceof EncodingFallback && options.encoding === undefined) {
      const again = await openCsv(file, { ...options, encoding: e.encoding });
      const note: Diagnostic = { level: 'info', code: 'SURVEY_ENCODING_FALLBACK', message: messages.encodingFallback(e.encoding) };
      return analyzeInput({ ...again, encodingReason: 'not valid UTF-8, read as Windows-1252' }, options, [note]);
    }
    throw e;
  }
}

async function analyzeInput(input: CsvInput, options: AnalyzeOptions, diagnostics: Diagnostic[]): Promise<Analysis> {
  const displayName = options.displayName ?? input.file;
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const first: CsvRecord[] = [];
  const sample: string[][] = [];
  let headers: ColumnHeader[] | null = null;
  let headerRows = 0;
  let width = 0;
  let tabulation: Tabulation | null = null;
  let codebook: Codebook | null = null;
  let rows = 0;
  let emptyRows = 0;

  const start = () => {
    codebook = inferCodebook(headers!, sample, { decimalComma: input.delimiter === ';' });
    const by = (options.by ?? []).map((name) => resolveQuestion(codebook!, name, '--by').id);
    tabulation = new Tabulation(codebook, { tables: 'all', by }, { decimalComma: input.delimiter === ';' });
    for (const row of sample) tabulation.add(row);
    sample.length = 0;
  };

  const takeHeader = () => {
    const detected = options.headerRows ? { rows: options.headerRows, layout: layoutFor(options.headerRows) } : detectHeaderRows(first.map((r) => r.fields));
    headerRows = detected.rows;
    width = first[0]!.fields.length;
    headers = mergeHeader(first.slice(0, headerRows).map((r) => r.fields), detected.layout, width);
    for (const rec of first.slice(headerRows)) dataRow(rec);
  };

  const dataRow = (rec: CsvRecord) => {
    const fields = fitWidth(rec, width, displayName);
    // Rows of empty cells (",,,,") carry no respondent; they are counted and reported.
    if (fields.every((f) => f === '')) {
      emptyRows++;
      return;
    }
    rows++;
    if (tabulation) tabulation.add(fields);
    else {
      sample.push(fields);
      if (sample.length >= sampleRows) start();
    }
  };

  for await (const rec of input.records()) {
    if (headers === null) {
      first.push(rec);
      if (first.length === 3) takeHeader();
      continue;
    }
    dataRow(rec);
  }
  if (headers === null) {
    if (first.length === 0) throw new SurveyError('SURVEY_CSV_EMPTY', messages.emptyFile(), { location: { file: displayName } });
    takeHeader();
  }
  if (rows === 0) throw new SurveyError('SURVEY_CSV_HEADER_ONLY', messages.headerOnly(), { location: { file: displayName } });
  if (!tabulation) start();
  if (emptyRows > 0) diagnostics.push({ level: 'info', code: 'SURVEY_EMPTY_ROWS', message: messages.emptyRows(emptyRows) });
  const t = tabulation as unknown as Tabulation;
  const cb = codebook as unknown as Codebook;
  const questions = t.questions();
  const result: AnalysisResult = {
    input: { file: displayName, rows, encoding: input.encoding, delimiter: input.delimiter, headerRows },
    questions: questions.map((q) => ({ id: q.id, label: q.label, type: q.type, options: q.layout?.kind === 'columns' ? q.items.map((i) => i.label) : q.options, items: q.type === 'matrix' ? q.items.map((i) => i.label) : [] })),
    tables: t.tables(),
    withheld: cb.questions.filter((q) => q.type === 'pii').map((q) => ({ column: q.label, kind: q.pii!.kind, reason: q.pii!.reason })),
    diagnostics,
  };
  return { result, codebook: { questions }, headers: headers as unknown as ColumnHeader[] };
}

/**
 * Rows must be as wide as the header. Trailing empty cells (a stray delimiter at
 * the end of a line) are harmless; anything else means the file is malformed.
 */
function fitWidth(rec: CsvRecord, width: number, file: string): string[] {
  const f = rec.fields;
  if (f.length === width) return f;
  if (f.length > width && f.slice(width).every((x) => x.trim() === '')) return f.slice(0, width);
  throw new SurveyError('SURVEY_CSV_RAGGED_ROW', messages.raggedRow(f.length, width), {
    location: { file, line: rec.line },
    hint: f.length < width ? 'a row was cut short, or a field holds an unquoted line break' : 'a field holds an unquoted delimiter: quote it',
  });
}
