/**
 * tables.xlsx: a "Contents" sheet (the study, the input and its hash, the funnel, an index of
 * tables), then one sheet per table. Counts are numbers, percentages are numbers (fractions
 * shown as `0.0%`, unrounded), labels are text. Text that a spreadsheet would run as a
 * formula (= + - @, tab, CR first) is prefixed with ' (OWASP CSV injection), as in the CSVs.
 *
 * Same input, same bytes: the document dates are fixed and so is the time stamped on every
 * entry of the zip container.
 */
import type { Workbook as ExcelWorkbook, Worksheet } from 'exceljs';
import { loadBundle } from '../bundle/load.js';
import { showControls } from '../render/controls.js';
import type { StudySpec } from '../spec/analysis.js';
import type { AnalysisResult, CrosstabTable, FrequencyTable, NumericTable, Table, TextTable } from '../spec/result.js';
import { resultTitle, stepLabel } from '../render/title.js';
import { isOneCheckbox, ONE_CHECKBOX_NOTE, showsOneCheckbox, totalPercent } from '../render/table/total.js';

export interface XlsxInput {
  result: AnalysisResult;
  spec?: StudySpec | undefined;
  /** File-safe unique id of each table. */
  ids: readonly string[];
  baseLabel: string;
  inputSha256?: string | undefined;
}

/** The fixed creation and modification date of every workbook (and of its zip entries). */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

const CONTENTS = 'Contents';
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32767;
const PERCENT = '0.0%';

type Cell = string | number | null;

/**
 * Cell text: control and bidirectional formatting characters shown (Excel cannot store most of
 * them, and two answers that differ by one stay two; controls.ts), formula triggers
 * neutralised, line ends as LF.
 */
export function xlsxText(s: string): string {
  let t = showControls(s);
  if (/^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  // XML turns a bare CR into LF on reading: say so on writing, so the cell reads back as written.
  t = t.replace(/\r\n?/g, '\n');
  return t.length > MAX_CELL_TEXT ? t.slice(0, MAX_CELL_TEXT) : t;
}

/**
 * Valid, unique sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or
 * ending with ', not "History", unique ignoring case (as Excel compares them).
 */
export function sheetNames(wanted: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  return wanted.map((w) => {
    let base = w.replace(/[:\\/?*[\]\u0000-\u001f]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Sheet';
    if (base.toLowerCase() === 'history') base = `${base}_`;
    base = shorten(base).replace(/'+$/, '');
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = `~${n}`;
      name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).replace(/'+$/, '')}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * A sheet name of at most 31 characters. A grid item's table (`question.item`, `question.item_by_x`)
 * keeps its item and shortens the question: tabs that all begin alike and lose what follows
 * (`rate_much_like_traditional_cu~2`) cannot be told apart.
 */
function shorten(name: string): string {
  if (name.length <= MAX_SHEET_NAME) return name;
  const dot = name.lastIndexOf('.');
  const tail = dot > 0 ? name.slice(dot) : '';
  if (tail.length < 2 || tail.length > MAX_SHEET_NAME - 8) return name.slice(0, MAX_SHEET_NAME);
  return `${name.slice(0, MAX_SHEET_NAME - tail.length)}${tail}`;
}

export async function buildWorkbook(input: XlsxInput): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb: ExcelWorkbook = new ExcelJS.Workbook();
  wb.creator = 'survey';
  wb.lastModifiedBy = 'survey';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  if (input.result.title) wb.title = xlsxText(input.result.title);

  const { result } = input;
  const names = sheetNames(input.ids, [CONTENTS]);
  contentsSheet(wb.addWorksheet(CONTENTS), input, names);
  result.tables.forEach((t, i) => {
    const ws = wb.addWorksheet(names[i]!);
    tableSheet(ws, t, input);
  });
  const buffer = await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 6 } } });
  return fixZipDates(new Uint8Array(buffer as unknown as ArrayBuffer), FIXED_DATE);
}

type ExcelJs = Pick<typeof import('exceljs'), 'Workbook'>;

/** exceljs's Workbook: from its bundle's code cache when the build made one (bundle/load.ts). */
async function loadExcelJs(): Promise<ExcelJs> {
  return loadBundle<ExcelJs>('exceljs') ?? (await import('exceljs')).default;
}

function put(ws: Worksheet, cells: Cell[], style?: { bold?: boolean; italic?: boolean; percentFrom?: number; percentCols?: readonly number[] }): void {
  const row = ws.addRow(cells.map((c) => (typeof c === 'string' ? xlsxText(c) : c === null || !Number.isFinite(c) ? null : c)));
  if (style?.bold || style?.italic) row.font = { ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) };
  const pct = new Set(style?.percentCols ?? []);
  cells.forEach((c, k) => {
    if (typeof c === 'number' && (pct.has(k) || (style?.percentFrom !== undefined && k >= style.percentFrom))) row.getCell(k + 1).numFmt = PERCENT;
  });
}

function contentsSheet(ws: Worksheet, input: XlsxInput, names: readonly string[]): void {
  const { result } = input;
  put(ws, [resultTitle(result)], { bold: true });
  put(ws, ['Input', result.input.file]);
  put(ws, ['Rows read', result.input.rows]);
  if (input.inputSha256) put(ws, ['SHA-256', input.inputSha256]);
  if (result.funnel && result.funnel.length > 0) {
    put(ws, []);
    put(ws, ['Validity rule', 'Removed', 'Remaining'], { bold: true });
    result.funnel.forEach((s, i) => put(ws, [i === 0 ? 'Rows read' : stepLabel(s), i === 0 ? null : s.removed, s.remaining]));
  }
  if (result.withheld.length > 0) {
    put(ws, []);
    put(ws, ['Withheld as personal data', 'Kind', 'Why'], { bold: true });
    for (const w of result.withheld) put(ws, [w.column, w.kind, w.reason]);
  }
  put(ws, []);
  put(ws, ['Sheet', 'Table', 'Base', 'Only rows where'], { bold: true });
  result.tables.forEach((t, i) => put(ws, [names[i]!, t.label, baseOf(t), ...(t.filter !== undefined ? [t.filter] : [])]));
  put(ws, []);
  put(ws, ['Percentages are unrounded fractions shown as %; text starting with = + - @ is prefixed with \' so that it is never run as a formula.'], { italic: true });
  ws.columns = [{ width: 28 }, { width: 60 }, { width: 14 }, { width: 40 }];
}

function baseOf(t: Table): number {
  switch (t.kind) {
    case 'frequency':
    case 'crosstab':
      return t.base;
    case 'numeric':
    case 'text':
      return t.n;
    case 'banner':
      return t.sections[0]?.unweightedBases[0] ?? 0;
  }
}

function tableSheet(ws: Worksheet, t: Table, input: XlsxInput): void {
  const spec = t.id ? input.spec?.tables?.find((x) => x.id === t.id) : undefined;
  const baseLabel = spec?.baseLabel ?? input.baseLabel;
  put(ws, [t.label], { bold: true });
  switch (t.kind) {
    case 'frequency':
      frequencySheet(ws, t, baseLabel);
      break;
    case 'crosstab':
      crosstabSheet(ws, t, baseLabel);
      break;
    case 'numeric':
      numericSheet(ws, t);
      break;
    case 'text':
      textSheet(ws, t);
      break;
    case 'banner':
      // A lone checkbox down the side or across the top: its note, as under its crosstab (and in report.html).
      if (showsOneCheckbox(t)) put(ws, [ONE_CHECKBOX_NOTE], { italic: true });
      put(ws, ['', ...t.columns.map((c) => (c.question === null ? 'Total' : `${c.group}: ${c.label}`))], { bold: true });
      for (const s of t.sections) {
        put(ws, [s.item ?? s.label], { bold: true });
        // Blank where a column is under minBase; `*` where disclosure control hid the cell.
        s.rowLabels.forEach((l, r) => put(ws, [l, ...s.percents[r]!.map((x, c) => (s.suppressed?.[r]?.[c] ? HIDDEN : x === null ? '' : x / 100))], { percentFrom: 1 }));
        put(ws, ['Base (n)', ...s.unweightedBases], { italic: true });
      }
      break;
  }
  if (t.filter !== undefined) put(ws, ['Filter', t.filter], { italic: true });
}

function frequencySheet(ws: Worksheet, t: FrequencyTable, baseLabel: string): void {
  // One checkbox's answers are all of one option: no % of responses (always 100%), and its base said.
  const oneBox = isOneCheckbox(t);
  const multi = t.type === 'multi' && !oneBox;
  put(ws, [`n = ${t.base} ${baseLabel}${t.missing > 0 ? `; ${t.missing} missing, not in the base` : ''}${multi && t.responses !== undefined ? `; ${t.responses} responses` : ''}`]);
  if (oneBox) put(ws, [ONE_CHECKBOX_NOTE], { italic: true });
  put(ws, ['Base', t.base]);
  put(ws, ['Missing', t.missing]);
  if (multi && t.responses !== undefined) put(ws, ['Responses', t.responses]);
  put(ws, []);
  put(ws, multi ? ['Answer', 'Count', '% of respondents', '% of responses', 'Note'] : ['Answer', 'Count', '%', 'Note'], { bold: true });
  for (const r of t.rows) {
    const note = r.net ? 'net' : r.missing ? 'missing, not in base' : null;
    const cells: Cell[] = multi
      ? [r.label, shown(r.count), shown(r.percent, 100), r.missing ? null : r.suppressed ? HIDDEN : (r.percentOfResponses ?? 0) / 100, note]
      : [r.label, shown(r.count), shown(r.percent, 100), note];
    put(ws, cells, { bold: r.net === true, italic: r.missing === true, percentCols: multi ? [2, 3] : [2] });
  }
  ws.columns = multi ? [{ width: 48 }, { width: 10 }, { width: 17 }, { width: 15 }, { width: 20 }] : [{ width: 48 }, { width: 10 }, { width: 10 }, { width: 20 }];
}

function crosstabSheet(ws: Worksheet, t: CrosstabTable, baseLabel: string): void {
  const nets = new Set(t.netRows ?? []);
  put(ws, [`n = ${t.base} ${baseLabel} answering both`]);
  // A lone checkbox's blanks are its "Not ticked" (or the rest of each column): said as under its frequency table.
  if (showsOneCheckbox(t)) put(ws, [ONE_CHECKBOX_NOTE], { italic: true });
  put(ws, []);
  put(ws, ['Column %', ...t.columnLabels, 'Total'], { bold: true });
  t.rowLabels.forEach((l, r) => put(ws, [l, ...t.columnLabels.map((_, c) => shown(t.columnPercents[r]?.[c] ?? null, 100)), shown(totalPercent(t, r), 100)], { bold: nets.has(r), percentFrom: 1 }));
  put(ws, ['Base', ...t.columnBases, t.base], { italic: true });
  put(ws, []);
  put(ws, ['Count', ...t.columnLabels, 'Total'], { bold: true });
  t.rowLabels.forEach((l, r) => put(ws, [l, ...t.columnLabels.map((_, c) => shown(t.counts[r]?.[c] ?? null)), shown(t.rowBases[r] ?? null)], { bold: nets.has(r) }));
  put(ws, ['Total', ...t.columnBases, t.base], { italic: true });
  if (t.stats) {
    put(ws, []);
    put(ws, ['Chi-square', t.stats.chi2]);
    put(ws, ['df', t.stats.df]);
    put(ws, ['p', t.stats.p]);
    put(ws, ["Cramér's V", t.stats.cramersV]);
  }
  ws.columns = [{ width: 40 }, ...t.columnLabels.map(() => ({ width: 18 })), { width: 10 }];
}

function numericSheet(ws: Worksheet, t: NumericTable): void {
  put(ws, [`n = ${t.n} valid answers${t.missing > 0 ? `; ${t.missing} missing` : ''}`]);
  put(ws, []);
  put(ws, ['Statistic', 'Value'], { bold: true });
  for (const k of ['n', 'mean', 'sd', 'median', 'min', 'max', 'missing', 'invalid'] as const) put(ws, [k, t[k]]);
  if (t.bins && t.bins.length > 0) {
    put(ws, []);
    put(ws, ['From', 'To', 'Count'], { bold: true });
    for (const b of t.bins) put(ws, [b.x0, b.x1, b.count]);
  }
  ws.columns = [{ width: 14 }, { width: 14 }, { width: 10 }];
}

function textSheet(ws: Worksheet, t: TextTable): void {
  put(ws, []);
  put(ws, ['Statistic', 'Value'], { bold: true });
  put(ws, ['answered', t.n]);
  put(ws, [t.distinctCapped ? 'distinct (at least)' : 'distinct', t.distinct]);
  put(ws, ['missing', t.missing]);
  if (t.min !== undefined) put(ws, ['earliest', t.min]);
  if (t.max !== undefined) put(ws, ['latest', t.max]);
  ws.columns = [{ width: 14 }, { width: 28 }];
}

/**
 * Sets the modification time of every entry of a zip archive (local headers and the central
 * directory) to `date`: the zip library stamps each entry with the current time otherwise.
 */
export function fixZipDates(zip: Uint8Array, date: Date): Uint8Array {
  const out = new Uint8Array(zip);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const dosDate = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  // End of central directory: the last "PK\5\6" (a comment of up to 64 KiB may follow it).
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let e = 0; e < entries; e++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('zip central directory is corrupt');
    view.setUint16(p + 12, dosTime, true);
    view.setUint16(p + 14, dosDate, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('zip local header is corrupt');
    view.setUint16(local + 10, dosTime, true);
    view.setUint16(local + 12, dosDate, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}

/** What a cell disclosure control hid shows, as in every other output. */
const HIDDEN = '*';

/** A count or percentage (divided by `scale`), or `*` where disclosure control hid it: never a 0 that reads as an answer. */
function shown(x: number | null, scale = 1): number | string {
  return x === null ? HIDDEN : x / scale;
}
