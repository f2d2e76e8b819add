/**
 * Excel workbooks (.xlsx) as an export: the first worksheet's rows become records of
 * strings, behind the same `CsvInput` the CSV reader gives, so every later stage is the
 * same. exceljs reads the workbook as a stream (its rows are never all in memory); a
 * workbook whose sheet comes before its shared strings (as Excel writes them) is spooled by
 * exceljs to a temporary file readable only by this user, removed when the run ends.
 *
 * Cells become the text a CSV export of the sheet would hold: numbers in up to 15
 * significant digits (what Excel shows: 0.1 + 0.2 is 0.3), date cells as `YYYY-MM-DD
 * HH:MM:SS` (the time left out at midnight), TRUE/FALSE, error values as written (#N/A),
 * formulas by their cached result, rich text and hyperlinks by their text. A record's line is
 * its row number in the sheet.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { CsvInput, CsvRecord, RecordHandler } from './read-csv.js';
import { Cells } from './cells.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

/** The rows whose widest sets the table's width: a header has up to three. */
const HEAD_ROWS = 3;

export function openXlsx(file: string, name: string, size: number): CsvInput {
  // A report reads its input twice (a sample, then every row) and parsing a workbook costs
  // far more than holding it: a sheet read to its end within the budget is kept, and read
  // again from memory. A larger one is parsed on each pass; memory stays bounded either way.
  let kept: CsvRecord[] | null = null;
  const rows = (): AsyncIterable<CsvRecord> => (kept !== null ? toAsync(kept) : keeping(xlsxRecords(file, name), (all) => (kept = all)));
  return {
    file,
    encoding: 'utf-8',
    encodingReason: 'an Excel .xlsx workbook (its first worksheet)',
    delimiter: '',
    size,
    format: 'xlsx',
    records: rows,
    // No progress line: how far into the sheet a row lies is not known from the bytes read.
    scan: async (handler: RecordHandler) => {
      for await (const r of rows()) if (handler(Cells.of(r.fields), r.line) === false) return;
    },
  };
}

/** Cells of a sheet kept in memory for a second pass, at most (about 100 MB of strings). */
const KEEP_CELLS = 2_000_000;

/** Passes the records on, and hands all of them to `done` when the sheet ends within the budget. */
async function* keeping(records: AsyncIterable<CsvRecord>, done: (all: CsvRecord[]) => void): AsyncGenerator<CsvRecord> {
  let all: CsvRecord[] | null = [];
  let cells = 0;
  for await (const r of records) {
    if (all !== null) {
      cells += r.fields.length;
      // A copy: the caller may change the array it is given.
      if (cells <= KEEP_CELLS) all.push({ fields: [...r.fields], line: r.line });
      else all = null;
    }
    yield r;
  }
  if (all !== null) done(all);
}

async function* toAsync(records: readonly CsvRecord[]): AsyncGenerator<CsvRecord> {
  for (const r of records) yield { fields: [...r.fields], line: r.line };
}

interface RowLike {
  number: number;
  values: unknown;
}

/** Rows of the first worksheet, as wide as its widest header row, empty rows left out. */
async function* xlsxRecords(file: string, name: string): AsyncGenerator<CsvRecord> {
  // Required, not imported: a dynamic import() does not work from survey's bundle (its code
  // cache was made in another process), and only .xlsx inputs pay for loading exceljs.
  const ExcelJS = createRequire(import.meta.url)('exceljs') as typeof import('exceljs');
  const source = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const head: CsvRecord[] = [];
  let width = -1;
  let sheets = 0;
  const fit = (r: CsvRecord): CsvRecord => {
    while (r.fields.length < width) r.fields.push('');
    return r;
  };
  try {
    for await (const sheet of reader as AsyncIterable<AsyncIterable<RowLike>>) {
      sheets++;
      for await (const row of sheet) {
        const fields = rowFields(row.values);
        if (fields.length === 0) continue;
        const record = { fields, line: row.number };
        if (width >= 0) {
          yield fit(record);
          continue;
        }
        head.push(record);
        if (head.length === HEAD_ROWS) {
          width = Math.max(...head.map((h) => h.fields.length));
          yield* head.map(fit);
        }
      }
      break;
    }
  } catch (e) {
    throw unreadable(e, name);
  } finally {
    source.destroy();
  }
  if (sheets === 0) throw new SurveyError('SURVEY_XLSX_UNREADABLE', messages.xlsxNoSheet(), { location: { file: name }, hint: XLSX_HINT });
  if (width < 0) {
    width = Math.max(0, ...head.map((h) => h.fields.length));
    yield* head.map(fit);
  }
}

const XLSX_HINT = 'open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV';

function unreadable(e: unknown, name: string): unknown {
  if (e instanceof SurveyError) return e;
  const errno = e as NodeJS.ErrnoException;
  if (errno && typeof errno.code === 'string' && errno.syscall) {
    return new SurveyError('SURVEY_IO_READ', messages.cannotRead(errno.code), { location: { file: name }, cause: e });
  }
  const reason = e instanceof Error ? e.message : String(e);
  return new SurveyError('SURVEY_XLSX_UNREADABLE', messages.xlsxUnreadable(reason.split('\n')[0]!.slice(0, 200)), { location: { file: name }, hint: XLSX_HINT, cause: e });
}

/** A row's cells as text, 1-based sparse values in; trailing empty cells cut off. */
export function rowFields(values: unknown): string[] {
  const cells = Array.isArray(values) ? values : [];
  const out: string[] = [];
  for (let c = 1; c < cells.length; c++) out.push(cellText(cells[c]));
  let n = out.length;
  while (n > 0 && out[n - 1] === '') n--;
  out.length = n;
  return out;
}

/** One cell's value as exceljs gives it, as the text a CSV export of the sheet would hold. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(15))) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text ?? '').join('');
    if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
    if ('error' in o) return typeof o.error === 'string' ? o.error : '';
    if ('text' in o) return cellText(o.text);
  }
  return '';
}

/** exceljs makes a date cell a Date at that wall-clock time in UTC; to the second. */
function dateText(d: Date): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return '';
  const t = new Date(Math.round(ms / 1000) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${String(t.getUTCFullYear()).padStart(4, '0')}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
  const h = t.getUTCHours();
  const m = t.getUTCMinutes();
  const s = t.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? day : `${day} ${p(h)}:${p(m)}:${p(s)}`;
}
