/**
 * From records to respondents: splits off the header rows (detected or forced),
 * checks every row's width, and skips rows whose cells are all empty or white space (counted).
 */
import type { CsvInput, CsvRecord, ScanOptions } from '../ingest/input.js';
import { Cells } from '../ingest/cells.js';
import type { LateColumns } from '../ingest/dictionary.js';
import { detectHeaderRows, mergeHeader, type ColumnHeader } from '../codebook/header.js';
import { SurveyError } from '../errors/survey-error.js';
import { piiFromValues } from '../codebook/pii.js';
import { parseDateTime } from '../codebook/values.js';
import { messages } from '../errors/messages.js';

export interface HeaderInfo {
  headers: ColumnHeader[];
  headerRows: number;
  width: number;
}

/**
 * A row must be as wide as the header. Trailing blank cells (a stray delimiter at the end of
 * a line) are harmless and cut off; a line of nothing but white space (a stray space or tab
 * at the end of the file) is a blank line, skipped as the reader skips empty ones (null);
 * anything else means the file is malformed. Called only for a row of the wrong width, so
 * rows of the right width pay nothing for these checks.
 */
function fitCells(cells: Cells, headers: readonly ColumnHeader[], line: number, file: string, workbook: boolean): Cells | null {
  const width = headers.length;
  if (isBlankishLine(cells)) return null;
  if (cells.length > width) {
    let trailingBlank = true;
    for (let i = width; i < cells.length && trailingBlank; i++) if (!cells.blank(i)) trailingBlank = false;
    if (trailingBlank) {
      cells.length = width;
      return cells;
    }
  }
  // A row too wide is blamed on its first field past the header's width (the header's count + 1);
  // a row too short has no field to blame.
  const long = cells.length > width;
  throw new SurveyError('SURVEY_CSV_RAGGED_ROW', messages.raggedRow(cells.length, width, long ? [] : headers.slice(cells.length).map(columnName)), {
    location: long ? { file, line, column: width + 1 } : { file, line },
    // A workbook's rows are as wide as its header or its used range: a wider one has a cell past both.
    hint: workbook
      ? "a cell right of the header's last column holds something: give that column a header in the sheet, or clear the cell"
      : cells.length < width
        ? 'a row was cut short, or a field holds an unquoted line break'
        : mixedLineEnds(cells, width)
          ? messages.mixedLineEnds()
          : 'a field holds an unquoted delimiter: quote it',
  });
}

/**
 * A record of one field holding only white space: a line an editor left with a space on it.
 * Like an empty line, it is no row of the table. (In a one-column file such a line is as wide
 * as the header, so it never comes here: it is a row whose one cell is blank, skipped and
 * counted as an empty row.)
 */
function isBlankishLine(cells: Cells): boolean {
  return cells.length === 1 && cells.blank(0);
}

/** A column as a message names it: its header (and item), or its number when the header is blank. */
function columnName(h: ColumnHeader): string {
  const text = h.sub !== '' && h.sub !== h.name ? `${h.name} ${h.sub}`.trim() : h.name;
  return text === '' ? `column ${h.index + 1}` : text;
}

/**
 * Rows run together: line breaks of another kind than the first line's (LF after CRLF) end no
 * row, and each joins a row's last cell to the next one's first, so k such cells make a record of
 * width + k (width - 1) fields. A quoted cell of several lines (Excel writes LF inside CRLF rows)
 * adds no fields, and does not fit.
 */
function mixedLineEnds(cells: Cells, width: number): boolean {
  let joins = 0;
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    // A break with text after it: one at the end of the last cell is the file's last line ending.
    if (/[\r\n][^\r\n]/.test(c)) joins++;
  }
  return joins > 0 && width > 1 && cells.length - width === joins * (width - 1);
}

/**
 * Receives each respondent's row (as wide as the header), valid during the call
 * (`cells.toArray()` to keep it); returning false stops the reading.
 */
export type RowHandler = (cells: Cells, line: number) => boolean | void;

export interface ScanRowsOptions {
  /** Forces the number of header rows (1-3) instead of detecting the platform's layout. */
  headerRows?: number | undefined;
  /** Called as the file is read: bytes read so far and rows so far. */
  onProgress?: ((bytesRead: number, rows: number) => void) | undefined;
  /** Columns of repeated answers, numbered on the reading thread (see ingest/dictionary.ts). */
  dictionary?: readonly number[] | LateColumns | undefined;
  /** A key whose first line the reading thread keeps (see ingest/input.ts ScanOptions). */
  firstSeen?: ScanOptions['firstSeen'] | undefined;
}

export interface ScannedRows {
  header: HeaderInfo;
  /** Rows skipped because every cell was empty or white space. */
  emptyRows: number;
}

/**
 * The fast way through a file: header rows split off (detected or forced) and handed to
 * `start`, which returns the handler for every later row. Rows are checked for width;
 * rows of empty cells are skipped and counted. No promise or iterator per row.
 */
export async function scanRows(input: CsvInput, displayName: string, start: (header: HeaderInfo) => RowHandler, options: ScanRowsOptions = {}): Promise<ScannedRows> {
  const first: CsvRecord[] = [];
  let header: HeaderInfo | null = null;
  let handler: RowHandler = () => {};
  let empty = 0;
  let stopped = false;
  let width = 0;
  let headers: ColumnHeader[] = [];
  const row = (cells: Cells, line: number): boolean | void => {
    const f = cells.length === width ? cells : fitCells(cells, headers, line, displayName, input.format === 'xlsx');
    // A line of white space only: skipped, uncounted, as the reader skips an empty line.
    if (f === null) return;
    // Rows of empty cells (",,,,", or ",,,\r" where a stray CR ends a line of an LF file)
    // carry no respondent; they are counted and reported.
    if (f.allBlank()) {
      empty++;
      return;
    }
    if (handler(f, line) === false) {
      stopped = true;
      return false;
    }
  };
  const begin = (): void => {
    const detected = detectHeaderRows(first.map((r) => r.fields), options.headerRows);
    refuseAnswersAsHeader(first, detected.rows, displayName, options.headerRows !== undefined);
    width = first[0]!.fields.length;
    headers = mergeHeader(first.slice(0, detected.rows).map((r) => r.fields), detected.layout, width);
    header = { headers, headerRows: detected.rows, width };
    handler = start(header);
    for (const r of first.slice(detected.rows)) if (stopped || row(Cells.of(r.fields), r.line) === false) break;
  };
  await input.scan(
    (cells, line) => {
      if (header) return row(cells, line);
      // White space alone on a line before the header is a blank line, not a header of one column.
      if (first.length === 0 && isBlankishLine(cells)) return;
      first.push({ fields: cells.toArray(), line });
      if (first.length === 3) {
        begin();
        if (stopped) return false;
      }
    },
    {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.dictionary ? { dictionary: options.dictionary } : {}),
      ...(options.firstSeen ? { firstSeen: options.firstSeen } : {}),
    },
  );
  if (!header) {
    if (first.length === 0) throw new SurveyError('SURVEY_CSV_EMPTY', messages.emptyFile(), { location: { file: displayName } });
    begin();
  }
  return { header: header!, emptyRows: empty };
}

/**
 * A header row holding a respondent's e-mail or IP address is a row of answers: read as a header,
 * its contact details would become question texts and ids, shown everywhere, and the respondent
 * would be lost. The first row is checked always (an export saved without its header row); the
 * rows under it when header rows were asked for (--header-rows, a spec's headerRows). Refused,
 * naming where, never the detail itself.
 *
 * An e-mail address is refused on sight. An IP-shaped cell can be a header's label (a version
 * "10.0.0.1" as an option column of a multi-select): it is refused when the rows read under the
 * header say it is a respondent's (see answersIp).
 */
function refuseAnswersAsHeader(first: readonly { fields: readonly string[]; line: number }[], rows: number, displayName: string, forced: boolean): void {
  // E-mail and IP addresses only: a header's option labels may look like phone numbers ("10.000 - 49.999").
  const contact = (f: string) => {
    const kind = piiFromValues([f.trim()])?.kind;
    return kind === 'email' || kind === 'ip' ? kind : null;
  };
  // The rows read with the header that are under it: what its columns hold.
  const below = first.slice(rows).map((r) => r.fields);
  for (const [i, r] of first.slice(0, forced ? rows : 1).entries()) {
    const refused = (f: string, k: number) => {
      const kind = contact(f);
      return kind === 'email' || (kind === 'ip' && answersIp(r.fields, k, below));
    };
    const at = r.fields.findIndex(refused);
    if (at < 0) continue;
    const kind = contact(r.fields[at]!)!;
    const location = { file: displayName, line: r.line, column: at + 1 };
    if (i === 0) throw new SurveyError('SURVEY_CSV_NO_HEADER', messages.answersAsFirstRow(kind, at + 1), { location, hint: messages.answersAsFirstRowHint() });
    throw new SurveyError('SURVEY_OPTION_INVALID', messages.answersAsHeader(rows, kind, at + 1), { location, hint: 'leave --header-rows (or the spec\'s headerRows) out: the header rows are detected' });
  }
}

/**
 * Whether the IP-shaped cell `k` of a header row is a respondent's address, told by the rows read
 * under the header (`below`, the first one or two) and by the row itself:
 * - a cell under it holds another address: a column of addresses, each respondent's own;
 * - another cell of the row is a timestamp (a date with a time of day): a row of answers, as
 *   platforms start them (a header's labels are no timestamps);
 * - no row under it holds anything: nothing to tell by, so refused, as before.
 * Otherwise it is a label: the column under it is blank, repeats it (an option's ticks) or holds
 * other answers (1 and 0), and nothing else in the row is a respondent's.
 */
function answersIp(fields: readonly string[], k: number, below: readonly (readonly string[])[]): boolean {
  const cell = fields[k]!.trim();
  const isOtherIp = (v: string) => v !== cell && piiFromValues([v])?.kind === 'ip';
  if (below.some((r) => isOtherIp((r[k] ?? '').trim()))) return true;
  if (fields.some((f, j) => j !== k && isTimestamp(f.trim()))) return true;
  return !below.some((r) => r.some((f) => f.trim() !== ''));
}

/** A date with a time of day, in any of the shapes exports write (month or day first). */
function isTimestamp(s: string): boolean {
  return /\d:\d\d/.test(s) && (Number.isFinite(parseDateTime(s, 'mdy')) || Number.isFinite(parseDateTime(s, 'dmy')));
}

/** Distinct cells a sample keeps (shared and counted) per column. */
const SAMPLE_DISTINCT = 1000;

/**
 * Rows kept for inference, with repeated cells stored once: a sample of 50,000 rows holds
 * each column's few distinct answers as shared strings instead of one string per cell, and
 * counts them, so that inference reads a column of few answers once per answer, not per row.
 */
export class Sample {
  readonly rows: string[][] = [];
  /** Per column: each distinct cell -> its place in `cells` and `counts`. */
  private readonly seen: Map<string, number>[] = [];
  private readonly cells: string[][] = [];
  private readonly counts: number[][] = [];
  /** Columns with more distinct cells than are kept: their counts are incomplete. */
  private readonly overflow: boolean[] = [];
  add(fields: string[]): void {
    for (let i = 0; i < fields.length; i++) {
      // A column past its distinct cells (ids, times, free text) is not counted: no lookup.
      if (this.overflow[i] === true) continue;
      let map = this.seen[i];
      if (map === undefined) {
        map = this.seen[i] = new Map();
        this.cells[i] = [];
        this.counts[i] = [];
      }
      const v = fields[i]!;
      const k = map.get(v);
      if (k !== undefined) {
        fields[i] = this.cells[i]![k]!;
        this.counts[i]![k]!++;
      } else if (map.size < SAMPLE_DISTINCT) {
        map.set(v, map.size);
        this.cells[i]!.push(v);
        this.counts[i]!.push(1);
      } else this.overflow[i] = true;
    }
    this.rows.push(fields);
  }
  /** Column `i`'s distinct cells in first-seen order with their counts, or null when it has too many to keep. */
  distinct(i: number): { cells: readonly string[]; counts: readonly number[] } | null {
    if (this.overflow[i] || this.seen[i] === undefined) return null;
    return { cells: this.cells[i]!, counts: this.counts[i]! };
  }
  get length(): number {
    return this.rows.length;
  }
  clear(): void {
    this.rows.length = 0;
    this.seen.length = 0;
    this.cells.length = 0;
    this.counts.length = 0;
    this.overflow.length = 0;
  }
}
