/**
 * Excel workbooks (.xlsx) as an export: the first visible worksheet's rows become records of
 * strings behind the same `CsvInput` the CSV reader gives, so every later stage is the same.
 *
 * The workbook is opened by its ZIP directory (unzipper), so its parts are read in the order
 * they are needed whatever order the writer stored them in: the workbook (tab order, hidden
 * tabs, the 1904 date system), its relationships, the styles (which number formats are dates
 * and times) and the shared strings; then only the chosen sheet is streamed through an XML
 * parser (xml-scan.ts), row by row: its rows are never all in memory and nothing is written to disk.
 * (exceljs's streaming reader, tried first, took the first sheet in ZIP order rather than the
 * first tab, lost a formula result's type, decoded inline strings twice and spooled sheets to
 * temporary files.)
 *
 * Cells become the text a CSV export of the sheet would hold: whole numbers as written (ids of
 * 16 digits stay exact), other numbers in up to 15 significant digits (what Excel shows: 0.1 +
 * 0.2 is 0.3), date cells as `YYYY-MM-DD`, date-time cells as `YYYY-MM-DD HH:MM:SS`, time cells
 * as `HH:MM:SS`, TRUE/FALSE, error values as written (#N/A), formulas by their saved result,
 * rich text by its text. Records are as wide as the sheet's used range; a record's line is its
 * row number in the sheet.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { XmlScanner, type XmlHandlers } from './xml-scan.js';
import type { CsvInput, CsvRecord, RecordHandler, ScanOptions } from './input.js';
import { Cells } from './cells.js';
import { SurveyError } from '../errors/survey-error.js';
import { readFailure } from '../errors/read-failure.js';
import { messages } from '../errors/messages.js';

interface ZipEntry {
  path: string;
  type: 'File' | 'Directory';
  uncompressedSize: number;
  stream(): Readable;
  buffer(): Promise<Buffer>;
}
interface ZipSource {
  stream(offset: number, length?: number): Readable;
  size(): Promise<number>;
}
interface Unzipper {
  Open: { custom(source: ZipSource): Promise<{ files: ZipEntry[] }> };
}
/** unzipper (CommonJS, no types), loaded when a workbook is opened: a CSV run never pays for it. */
function loadUnzipper(): Unzipper {
  // Required, not imported: import() does not work from survey's bundle (its code cache was made in another process).
  return createRequire(import.meta.url)('unzipper') as Unzipper;
}

export function openXlsx(file: string, name: string, size: number, sheet?: string): CsvInput {
  // A report whose rules need the whole file first (or that rakes) reads its input again after
  // the sample, and parsing a workbook costs far more than holding it: a sheet within the
  // budget is kept after its first reading, and read again from memory. A larger one is parsed
  // on each pass; memory stays bounded either way.
  let kept: CsvRecord[] | null = null;
  let book: Promise<Book> | null = null;
  let tab: string | undefined;
  const known: SheetState = { cells: null, share: 0 };
  let again = true;
  const rows = (): AsyncIterable<CsvRecord> => {
    if (kept !== null) return replay(kept, known);
    book ??= openBook(file, name, sheet).then((b) => {
      tab = b.tab;
      return b;
    });
    return keeping(sheetRecords(book, name, known), known, (all) => (kept = all), () => again);
  };
  return {
    lastReading: () => {
      again = false;
      kept = null;
    },
    get sheet() {
      return tab;
    },
    file,
    encoding: 'utf-8',
    encodingReason: 'an Excel .xlsx workbook',
    delimiter: '',
    size,
    format: 'xlsx',
    threaded: false,
    records: rows,
    scan: async (handler: RecordHandler, options?: ScanOptions) => {
      let records = 0;
      const cells = new Cells();
      for await (const r of rows()) {
        cells.hold(r.fields);
        if (handler(cells, r.line) === false) return;
        // The progress line's bytes: the file's size times the share of the sheet read.
        if ((++records & 1023) === 0) options?.onProgress?.(Math.round(known.share * size), records);
      }
    },
  };
}

/** Cells of a sheet kept in memory for a second pass, at most (about 100 MB of strings). */
const KEEP_CELLS = 2_000_000;

/** What is known of the sheet being read. */
interface SheetState {
  /** Its cells by its used range, once its reading has begun (null when it does not say). */
  cells: number | null;
  /** The share of it read so far, 0 to 1 (of its XML, or of the rows kept). */
  share: number;
}

/**
 * Passes the records on, and hands all of them to `done` once the sheet is read within the
 * budget. A reader that stops early (a sample) is let go only after the rest of a sheet whose
 * used range fits is read: the next pass would parse it anyway.
 */
async function* keeping(records: AsyncIterable<CsvRecord>, sheet: SheetState, done: (all: CsvRecord[]) => void, again: () => boolean): AsyncGenerator<CsvRecord> {
  let all: CsvRecord[] | null = [];
  let cells = 0;
  const keep = (r: CsvRecord): void => {
    if (all === null) return;
    // No reading comes after this one: nothing to keep.
    if (!again()) {
      all = null;
      return;
    }
    cells += r.fields.length;
    // A copy: the caller may change the array it is given.
    if (cells <= KEEP_CELLS) all.push({ fields: [...r.fields], line: r.line });
    else all = null;
  };
  const it = records[Symbol.asyncIterator]();
  let ended = false;
  let failed = false;
  try {
    for (;;) {
      const next = await it.next().catch((e: unknown) => {
        failed = true;
        throw e;
      });
      if (next.done) break;
      keep(next.value);
      yield next.value;
    }
    ended = true;
  } finally {
    if (!ended && !failed) {
      // Read on only when the used range says the sheet fits: one that does not say may be far larger.
      const fits = sheet.cells !== null && sheet.cells <= KEEP_CELLS;
      while (fits && all !== null) {
        const next = await it.next();
        if (next.done) {
          ended = true;
          break;
        }
        keep(next.value);
      }
      // Lets the sheet's reader close its streams.
      await it.return?.();
    }
    if (ended && all !== null) done(all);
  }
}

async function* replay(records: readonly CsvRecord[], sheet: SheetState): AsyncGenerator<CsvRecord> {
  for (let i = 0; i < records.length; i++) {
    sheet.share = i / records.length;
    yield { fields: [...records[i]!.fields], line: records[i]!.line };
  }
  sheet.share = 1;
}

// ---------- the workbook's parts ----------

/** What reading a sheet needs from the rest of the workbook. */
interface Book {
  sheet: ZipEntry;
  /** The sheet's tab name. */
  tab: string;
  /** Closes the file's read streams still open (a sheet left unfinished leaves one). */
  close(): void;
  /** Shared strings, by index. */
  strings: string[];
  /** Per cell style (`s`), how its numbers read. */
  styles: NumberKind[];
  date1904: boolean;
}

/** `elapsed`: a duration ([h]:mm:ss), which counts hours past a day; `time` is the time of day. */
type NumberKind = 'number' | 'date' | 'time' | 'datetime' | 'elapsed';

const XLSX_HINT = 'open it in Excel or LibreOffice and save it again as .xlsx, or export the sheet as CSV';

async function openBook(file: string, name: string, wanted?: string): Promise<Book> {
  // The file's streams, tracked: unzipper does not close a part's file stream when the part's
  // stream is dropped unfinished (a sample stops early).
  const open = new Set<Readable>();
  const source: ZipSource = {
    stream(offset, length) {
      const s = createReadStream(file, { start: offset, ...(length ? { end: offset + length } : {}) });
      open.add(s);
      s.once('close', () => open.delete(s));
      return s;
    },
    size: async () => (await stat(file)).size,
  };
  const close = (): void => {
    for (const s of open) s.destroy();
    open.clear();
  };
  let files: ZipEntry[];
  try {
    files = (await loadUnzipper().Open.custom(source)).files;
  } catch (e) {
    close();
    throw unreadable(e, name);
  }
  // Part names are case-insensitive; some writers use backslashes.
  const parts = new Map(files.filter((f) => f.type === 'File').map((f) => [partKey(f.path), f]));
  const get = (path: string) => parts.get(partKey(path));
  const refuse = (message: string) => new SurveyError('SURVEY_XLSX_UNREADABLE', message, { location: { file: name }, hint: XLSX_HINT });
  try {
    const rootRels = await relationships(get, '');
    const bookPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const bookEntry = get(bookPath);
    if (!bookEntry) {
      throw refuse(get('xl/workbook.bin') ? messages.xlsxBinary() : messages.xlsxNoSheet());
    }
    const book = await readWorkbook(bookEntry);
    const rels = await relationships(get, bookPath);
    const byId = new Map(rels.map((r) => [r.id, r]));
    const tabs = book.sheets.map((s) => ({ ...s, rel: byId.get(s.rid) })).filter((s) => s.rel?.type.endsWith('/worksheet'));
    // The tab asked for (hidden or not), else the first visible one; chart sheets hold no rows.
    const tab = wanted === undefined ? tabs.find((s) => s.state === 'visible') : tabs.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!tab && wanted !== undefined) {
      const names = tabs.map((s) => JSON.stringify(s.name) + (s.state === 'visible' ? '' : ' (hidden)')).join(', ');
      throw new SurveyError('SURVEY_OPTION_INVALID', messages.xlsxSheetUnknown(wanted, names || 'none'), { location: { file: name } });
    }
    if (!tab) throw refuse(messages.xlsxNoSheet());
    const sheet = get(tab.rel!.target);
    if (!sheet) throw refuse(messages.xlsxUnreadable(`its first sheet, ${tab.rel!.target}, is not in it`));
    const part = (kind: string) => {
      const r = rels.find((x) => x.type.endsWith(`/${kind}`));
      return r ? get(r.target) : undefined;
    };
    const stylesEntry = part('styles');
    const stringsEntry = part('sharedStrings');
    return {
      sheet,
      tab: tab.name,
      close,
      strings: stringsEntry ? await readSharedStrings(stringsEntry) : [],
      styles: stylesEntry ? await readStyles(stylesEntry) : [],
      date1904: book.date1904,
    };
  } catch (e) {
    close();
    throw unreadable(e, name);
  }
}

/** A part's name as looked up: no leading slash, forward slashes, %-escapes decoded, any case. */
function partKey(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/^\/+/, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    // Not %-encoded after all.
  }
  return p.toLowerCase();
}

interface Relationship {
  id: string;
  type: string;
  /** The part's path in the ZIP. */
  target: string;
}

/** The relationships of the part at `of` ('' for the package): `dir/_rels/name.rels`. */
async function relationships(get: (path: string) => ZipEntry | undefined, of: string): Promise<Relationship[]> {
  const slash = of.lastIndexOf('/');
  const dir = of.slice(0, slash + 1);
  const entry = get(`${dir}_rels/${of.slice(slash + 1)}.rels`);
  if (!entry) return [];
  const out: Relationship[] = [];
  await parseXml(entry, {
    open(tag) {
      if (tag.local !== 'Relationship') return;
      const a = tag.attributes();
      if (a['TargetMode'] === 'External' || a['Target'] === undefined) return;
      out.push({ id: a['Id'] ?? '', type: a['Type'] ?? '', target: resolvePart(dir, a['Target']) });
    },
  });
  return out;
}

/** A relationship's target as a path in the ZIP: relative to the source's folder, or from the root. */
function resolvePart(dir: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = (t.startsWith('/') ? t.slice(1) : dir + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

async function readWorkbook(entry: ZipEntry): Promise<{ sheets: { name: string; rid: string; state: string }[]; date1904: boolean }> {
  const sheets: { name: string; rid: string; state: string }[] = [];
  let date1904 = false;
  await parseXml(entry, {
    open(tag) {
      const n = tag.local;
      const a = tag.attributes();
      // Excel 2010+ adds x14:/x15:workbookPr extensions without the attribute: they change nothing.
      if (n === 'workbookPr' && a['date1904'] !== undefined) date1904 = a['date1904'] === '1' || a['date1904'] === 'true';
      else if (n === 'sheet') sheets.push({ name: a['name'] ?? '', rid: a['id'] ?? '', state: a['state'] ?? 'visible' });
    },
  });
  return { sheets, date1904 };
}

/** Each shared string: the text of its runs (phonetic guides left out). */
async function readSharedStrings(entry: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let text = '';
  let inT = false;
  let phonetic = 0;
  await parseXml(entry, {
    open(tag) {
      const n = tag.local;
      if (n === 'si') text = '';
      else if (n === 't') inT = phonetic === 0;
      else if (n === 'rPh') phonetic++;
    },
    text(t) {
      if (inT) text += t;
    },
    close(tag) {
      const n = tag.local;
      if (n === 't') inT = false;
      else if (n === 'rPh') phonetic--;
      else if (n === 'si') out.push(unescapeExcel(text));
    },
  });
  return out;
}

/** Per cell format (`cellXfs`, in order), how a number in it reads. */
async function readStyles(entry: ZipEntry): Promise<NumberKind[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  // Differential formats (dxfs, for conditional formatting) hold numFmts of their own.
  let inNumFmts = false;
  let inCellXfs = false;
  await parseXml(entry, {
    open(tag) {
      const n = tag.local;
      const a = tag.attributes();
      if (n === 'numFmts') inNumFmts = true;
      else if (n === 'numFmt' && inNumFmts) formats.set(Number(a['numFmtId']), a['formatCode'] ?? '');
      else if (n === 'cellXfs') inCellXfs = true;
      else if (n === 'xf' && inCellXfs) xfs.push(Number(a['numFmtId'] ?? 0));
    },
    close(tag) {
      const n = tag.local;
      if (n === 'numFmts') inNumFmts = false;
      else if (n === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => numberKind(id, formats.get(id)));
}

/**
 * Whether a number format shows a date, a time or both. Built-in formats by id (14-22 and
 * 45-47; 27-36 and 50-58 are the East Asian date formats); a custom one by its date and time
 * codes, once quoted text, escapes, spacing and fill characters, colours and locales are taken out.
 */
export function numberKind(id: number, code?: string): NumberKind {
  if (code === undefined) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58)) return 'date';
    if ((id >= 18 && id <= 21) || id === 32 || id === 33 || id === 45 || id === 47) return 'time';
    if (id === 46) return 'elapsed';
    if (id === 22) return 'datetime';
    return 'number';
  }
  // Only the first section (positive numbers) says what the cell shows.
  const first = code.split(';')[0]!;
  const bare = first
    .replace(/"[^"]*"/g, '')
    // An escaped character (\x), a space as wide as one (_x) and a fill character (*x) are no codes.
    .replace(/[\\_*]./g, '')
    .replace(/AM\/PM|A\/P/gi, 'h');
  const elapsed = /\[(?:h+|m+|s+)\]/i.test(bare);
  const rest = bare.replace(/\[[^\]]*\]/g, '');
  const date = /[yd]/i.test(rest);
  const time = /[hs]/i.test(rest);
  if (elapsed && !date) return 'elapsed';
  if (date && (time || elapsed)) return 'datetime';
  if (date) return 'date';
  if (time) return 'time';
  // "mmm" alone is a month.
  return /m/i.test(rest) && !/[0#?]/.test(rest) ? 'date' : 'number';
}

// ---------- the sheet ----------

/** Columns right of the header that the used range may add at most. */
const MAX_EXTRA_COLUMNS = 256;
/** Excel's last column (XFD) is 16,384. */
const MAX_COLUMNS = 16_384;

/** The chosen sheet's rows, as wide as its used range; rows without an answer above the header left out. */
async function* sheetRecords(bookPromise: Promise<Book>, name: string, sheet: SheetState): AsyncGenerator<CsvRecord> {
  const book = await bookPromise;
  const stream = book.sheet.stream();
  // The sheet's XML read so far, for a progress line.
  let bytes = 0;
  const whole = book.sheet.uncompressedSize;
  const ready: CsvRecord[] = [];
  let width = 0;
  /** The used range's width (`<dimension ref="A1:AA1023">`), when the sheet gives it. */
  let range = 0;
  const head: CsvRecord[] = [];
  let sized = false;
  // The row and cell being read.
  let row: string[] = [];
  let line = 0;
  let col = -1;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let inValue = false;
  // Inside <is><t>, not in a phonetic guide: the text of an inline string (not the white space between its runs).
  let inInline = 0;
  let inText = false;
  let phonetic = 0;
  let started = false;
  // Whether the parser is inside <row> (`line` is then its number), for an error's place.
  let inRow = false;
  const emit = (r: CsvRecord): void => {
    // Rows without an answer above the header are not records, as blank lines are not in a CSV.
    if (!started && r.fields.every((f) => f.trim() === '')) return;
    started = true;
    // As wide as the widest header row (up to three), or the used range if wider: a note
    // typed right of the table is a column, as a CSV export of the sheet would write it.
    if (!sized) {
      head.push(r);
      if (head.length < 3) return;
      release();
      return;
    }
    while (r.fields.length < width) r.fields.push('');
    ready.push(r);
  };
  const release = (): void => {
    sized = true;
    const header = Math.max(0, ...head.map((h) => h.fields.length));
    // Not a used range to the last column there is (A1:XFD9, from formatting whole rows).
    width = range >= MAX_COLUMNS ? header : Math.max(header, Math.min(range, header + MAX_EXTRA_COLUMNS));
    for (const h of head.splice(0)) emit(h);
  };
  const parser = new XmlScanner({
    open(tag) {
      switch (tag.local) {
        case 'row':
          row = [];
          line = Number(tag.attr('r')) || line + 1;
          col = -1;
          inRow = true;
          break;
        case 'c': {
          const ref = tag.attr('r');
          const at = ref !== undefined ? columnIndex(ref) : -1;
          col = at >= 0 ? at : col + 1;
          type = tag.attr('t') ?? 'n';
          style = Number(tag.attr('s') ?? 0);
          value = '';
          inline = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline++;
          break;
        case 't':
          inText = inInline > 0 && phonetic === 0;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'dimension': {
          const [from = '', to = from] = (tag.attr('ref') ?? '').split(':');
          if (/^\$?[A-Z]+\$?\d*$/i.test(to)) range = columnIndex(to) + 1;
          const rows = Number(/\d+$/.exec(to)?.[0] ?? NaN) - Number(/\d+$/.exec(from)?.[0] ?? 1) + 1;
          if (range > 0 && rows > 0) sheet.cells = range * rows;
          break;
        }
      }
    },
    text(t) {
      if (inValue) value += t;
      else if (inText) inline += t;
    },
    close(name) {
      switch (name.local) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline--;
          break;
        case 't':
          inText = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const text = cellValue(type, value, inline, book, style);
          if (text !== '' && col >= 0) {
            while (row.length < col) row.push('');
            row[col] = text;
          }
          break;
        }
        case 'row':
          inRow = false;
          emit({ fields: row, line });
          break;
      }
    },
  });
  try {
    for await (const text of decoded(stream, (n) => (bytes += n))) {
      parser.write(text);
      if (whole > 0) sheet.share = Math.min(1, bytes / whole);
      if (ready.length > 0) yield* ready.splice(0);
    }
    parser.close();
    if (!sized) release();
    sheet.share = 1;
    yield* ready.splice(0);
  } catch (e) {
    // The sheet's part, and the row being read (or the last one read) when the XML broke.
    throw unreadable(new PartError(book.sheet.path, e, line === 0 ? undefined : inRow ? { row: line } : { after: line }), name);
  } finally {
    stream.destroy();
    book.close();
  }
}

/** A cell's text from its type (`t`), its value (`v`), its inline string and its style. */
function cellValue(type: string, v: string, inline: string, book: Book, style: number): string {
  switch (type) {
    case 's': {
      const text = book.strings[Number(v)];
      if (text === undefined) throw new Error(`a cell refers to shared string ${v.slice(0, 20)}, of ${book.strings.length}`);
      return text;
    }
    case 'inlineStr':
      return unescapeExcel(inline);
    case 'str':
      return unescapeExcel(v);
    case 'b':
      return v === '' ? '' : v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return v;
    case 'd':
      return isoDateText(v);
    default:
      return numberText(v, book.styles[style] ?? 'number', book.date1904);
  }
}

/** A number cell as shown: a date or time by its format, else the number. */
export function numberText(v: string, kind: NumberKind, date1904: boolean): string {
  if (v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (kind !== 'number') return serialText(n, kind, date1904);
  // Whole numbers as written: a 16-digit id stays exact.
  if (/^-?\d+$/.test(v)) return v.replace(/^(-?)0+(?=\d)/, '$1');
  return String(Number(n.toPrecision(15)));
}

const DAY_MS = 86_400_000;

/** A date serial (days since 1899-12-30, or 1904-01-01) as date, time or both, to the second. */
export function serialText(serial: number, kind: Exclude<NumberKind, 'number'>, date1904: boolean): string {
  const p = (x: number) => String(x).padStart(2, '0');
  const clock = (s: number) => `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
  const seconds = Math.round(serial * 86_400);
  // A duration past a day ([h]:mm:ss) keeps counting hours; a time of day (of a date-time too) does not.
  if (kind === 'elapsed') return `${seconds < 0 ? '-' : ''}${clock(Math.abs(seconds))}`;
  if (kind === 'time') return clock(((seconds % 86_400) + 86_400) % 86_400);
  // Excel's 1900 system counts a 29 February 1900 that never was: serials before it are a day off.
  const days = date1904 ? 24_107 : serial < 61 ? 25_568 : 25_569;
  const t = new Date(seconds * 1000 - days * DAY_MS);
  if (Number.isNaN(t.getTime())) return String(serial);
  const day = `${String(t.getUTCFullYear()).padStart(4, '0')}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}`;
  return kind === 'date' ? day : `${day} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** An ISO 8601 date cell (`t="d"`) in the same form as a date serial's. */
function isoDateText(v: string): string {
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d:\d\d))?/.exec(v);
  if (!m) return v;
  return m[2] === undefined || m[2] === '00:00:00' ? m[1]! : `${m[1]} ${m[2]}`;
}

/** "AB12" -> 27 (0-based). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = ref.charCodeAt(0) === 36 ? 1 : 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 32;
    if (c < 97 || c > 122) break;
    n = n * 26 + (c - 96);
  }
  return n - 1;
}

/** Excel writes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
export function unescapeExcel(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

// ---------- XML ----------

/** Streams a part through the XML tokenizer (xml-scan.ts). */
async function parseXml(entry: ZipEntry, on: XmlHandlers): Promise<void> {
  const parser = new XmlScanner(on);
  const stream = entry.stream();
  try {
    for await (const text of decoded(stream)) parser.write(text);
    parser.close();
  } catch (e) {
    throw new PartError(entry.path, e);
  } finally {
    stream.destroy();
  }
}

/** A part's stream as text, chunk by chunk (a character may be cut between two chunks). */
async function* decoded(stream: Readable, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const utf8 = new TextDecoder();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes?.(chunk.length);
    yield utf8.decode(chunk, { stream: true });
  }
  yield utf8.decode();
}

/**
 * An error met reading one part of the workbook (`xl/worksheets/sheet1.xml`): which part and,
 * in a sheet, the row being read or the last one read before it.
 */
class PartError extends Error {
  constructor(
    readonly part: string,
    readonly error: unknown,
    readonly where?: { row: number } | { after: number },
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

function unreadable(e: unknown, name: string): unknown {
  const inner = e instanceof PartError ? e.error : e;
  if (inner instanceof SurveyError) return inner;
  const failure = readFailure(inner, name);
  if (failure) return failure;
  // A message may end with a full stop (saxes ended some with one, as a parser may).
  let reason = (inner instanceof Error ? inner.message : String(inner)).split('\n')[0]!.slice(0, 200).replace(/\.$/, '');
  let line: number | undefined;
  if (e instanceof PartError) {
    const where = e.where === undefined ? '' : 'row' in e.where ? `, row ${e.where.row}` : `, after row ${e.where.after}`;
    reason = `${e.part.replace(/\\/g, '/').slice(0, 200)}${where}: ${reason}`;
    // A sheet's rows are the lines of a workbook, as in every other error naming one.
    if (e.where !== undefined && 'row' in e.where) line = e.where.row;
  }
  return new SurveyError('SURVEY_XLSX_UNREADABLE', messages.xlsxUnreadable(reason), { location: line === undefined ? { file: name } : { file: name, line }, hint: XLSX_HINT, cause: inner });
}
