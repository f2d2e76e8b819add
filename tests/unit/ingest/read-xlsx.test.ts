/**
 * Excel workbooks as input. The oracle is the CSV each workbook was made from
 * (fixtures/xlsx/make-*.{py,mjs}): two writers (openpyxl, and exceljs with shared strings
 * after the sheet, as Excel orders them), typed cells (dates, numbers), one and two header
 * rows. Whatever survey reads from the workbook, it must read from the CSV too. The hard cases
 * (fixtures/xlsx/make-hard-cases.py, written part by part) hold what real writers put in
 * workbooks and simple readers get wrong; openpyxl reads them as these tests expect.
 */
import { test } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeZip, zipEntries } from '../../helpers/zip.js';
import assert from 'node:assert/strict';
import { columnIndex, numberKind, numberText, serialText, unescapeExcel } from '../../../src/ingest/read-xlsx.js';
import { openCsv } from '../../../src/ingest/read-csv.js';
import { analyzeFile } from '../../../src/engine/analyze.js';
import { runReport } from '../../../src/engine/report.js';
import { loadSpec, parseSpec } from '../../../src/config/load-spec.js';
import type { AnalysisResult } from '../../../src/spec/result.js';
import { captureIo, fromRoot } from '../../helpers/io.js';
import { main } from '../../../src/cli/main.js';
import { SurveyError } from '../../../src/errors/survey-error.js';

const xlsx = (name: string) => fromRoot('fixtures', 'xlsx', name);

/** The result without its `input` block, which names the file and its format. */
function body(r: AnalysisResult): unknown {
  const { input: _input, ...rest } = r;
  return rest;
}

test('xlsx: the WhatsApp export as a Google Sheet (openpyxl, typed cells) analyzes as its CSV does', async () => {
  const fromXlsx = await analyzeFile(xlsx('whatsapp-responses.xlsx'));
  const fromCsv = await analyzeFile(fromRoot('fixtures', 'whatsapp-privacy-2021', 'responses.csv'));
  assert.deepEqual(fromXlsx.result.input, { file: xlsx('whatsapp-responses.xlsx'), rows: 1022, encoding: 'utf-8', delimiter: '', headerRows: 1, format: 'xlsx', sheet: 'Form Responses 1' });
  assert.equal(fromCsv.result.input.format, undefined);
  assert.deepEqual(body(fromXlsx.result), body(fromCsv.result));
  // Date cells read as dates; a number cell as the number.
  assert.equal(fromXlsx.result.questions.find((q) => q.id === 'timestamp')?.type, 'date');
});

test('xlsx: SurveyMonkey two-row header, shared strings after the sheet (exceljs) analyze as the CSV does', async () => {
  const fromXlsx = await analyzeFile(xlsx('surveymonkey.xlsx'));
  const fromCsv = await analyzeFile(fromRoot('fixtures', 'flavours', 'surveymonkey.csv'));
  assert.equal(fromXlsx.result.input.headerRows, 2);
  assert.equal(fromXlsx.result.input.rows, 12);
  // The CSV's slashed dates all fall on days 1-12: their order is a guess, said once per column.
  // The workbook's date cells are dates, with no order to guess.
  const guessed = fromCsv.result.diagnostics.filter((d) => d.code === 'SURVEY_DATE_ORDER_GUESSED').map((d) => d.message.split(':')[0]);
  assert.deepEqual(guessed, ['StartDate', 'EndDate']);
  assert.deepEqual(fromXlsx.result.diagnostics.filter((d) => d.code === 'SURVEY_DATE_ORDER_GUESSED'), []);
  fromCsv.result.diagnostics = fromCsv.result.diagnostics.filter((d) => d.code !== 'SURVEY_DATE_ORDER_GUESSED');
  assert.deepEqual(body(fromXlsx.result), body(fromCsv.result));
});

test('xlsx: the reference study regenerates from the workbook: the same funnel and tables', async () => {
  const spec = fromRoot('fixtures', 'whatsapp-privacy-2021', 'survey.yaml');
  const loaded = await loadSpec(spec);
  const fromXlsx = await runReport(loaded, spec, { input: xlsx('whatsapp-responses.xlsx') });
  const fromCsv = await runReport(loaded, spec);
  assert.deepEqual(
    fromXlsx.result.funnel.map((s) => s.remaining),
    [1022, 774, 766, 649, 565],
  );
  assert.deepEqual(body(fromXlsx.result), body(fromCsv.result));
});

test('xlsx: records are as wide as the widest header row; empty trailing cells are padded, lines are sheet rows', async () => {
  const input = await openCsv(xlsx('surveymonkey.xlsx'));
  const rows: { fields: string[]; line: number }[] = [];
  await input.scan((cells, line) => {
    rows.push({ fields: cells.toArray(), line });
  });
  assert.equal(rows.length, 14);
  assert.ok(rows.every((r) => r.fields.length === 18));
  assert.deepEqual(
    rows.map((r) => r.line),
    Array.from({ length: 14 }, (_, i) => i + 1),
  );
  // A date cell, a number cell and a row that ends in empty cells.
  assert.equal(rows[2]!.fields[2], '2021-01-06 10:31:41');
  assert.equal(rows[2]!.fields[0], '11876543210');
  assert.deepEqual(rows[3]!.fields.slice(-2), ['30-44', '']);
});

test('xlsx: a sheet read to its end is read again from memory, the same records whatever the first reader did to them', async () => {
  const input = await openCsv(xlsx('surveymonkey.xlsx'));
  const pass = async (spoil: boolean) => {
    const out: string[] = [];
    for await (const r of input.records()) {
      out.push(`${r.line}:${r.fields.join('|')}`);
      if (spoil) r.fields.fill('x');
    }
    return out;
  };
  const first = await pass(true);
  assert.equal(first.length, 14);
  assert.deepEqual(await pass(true), first);
  const scanned: string[] = [];
  await input.scan((cells, line) => {
    scanned.push(`${line}:${cells.toArray().join('|')}`);
  });
  assert.deepEqual(scanned, first);
});

/**
 * no-dimension.xlsx (a sheet that does not state its used range) with its rows after the
 * header repeated `times` more times, stored or deflated: written to a new folder, for the
 * caller to remove.
 */
function longWorkbook(times: number, deflate = false): { dir: string; file: string } {
  const parts = zipEntries(readFileSync(xlsx('no-dimension.xlsx')));
  const sheet = parts.get('xl/worksheets/sheet1.xml')!.toString('utf8');
  const rows = sheet.slice(sheet.indexOf('<row r="6">'), sheet.indexOf('</sheetData>'));
  parts.set('xl/worksheets/sheet1.xml', Buffer.from(sheet.replace('</sheetData>', `${rows.repeat(times)}</sheetData>`)));
  const dir = mkdtempSync(join(tmpdir(), 'survey-xlsx-'));
  const file = join(dir, 'big.xlsx');
  writeFileSync(file, makeZip(parts, deflate));
  return { dir, file };
}

test('xlsx: a cell right of the header, in a sheet that states no used range, is named as a cell, not as an unquoted delimiter', async () => {
  // no-dimension.xlsx has "note right of the table" in row 5, past its 14 headed columns.
  const e = await analyzeFile(xlsx('no-dimension.xlsx'), { displayName: 'no-dimension.xlsx' }).then(
    () => assert.fail('a row wider than the header is an error'),
    (x: unknown) => x as SurveyError,
  );
  assert.equal(e.code, 'SURVEY_CSV_RAGGED_ROW');
  assert.deepEqual(e.location, { file: 'no-dimension.xlsx', line: 5, column: 15 });
  assert.match(e.hint ?? '', /a cell right of the header's last column holds something/);
  assert.doesNotMatch(e.hint ?? '', /delimiter|quote/);
});

test('xlsx: a reading stopped early closes the file (no descriptor left open)', { skip: !existsSync('/proc/self/fd') && 'no /proc/self/fd here' }, async () => {
  // A sheet without a used range is not read on to be kept; one of 4 MB stored is more than
  // the streams between the file and the parser hold: a stopped reading must close the file.
  const { dir, file } = longWorkbook(30);
  const open = () =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;
  try {
    assert.ok(statSync(file).size > 3_000_000);
    for (let pass = 0; pass < 3; pass++) {
      const input = await openCsv(file);
      let seen = 0;
      await input.scan(() => ++seen < 2);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(open(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xlsx: the reading reports its progress, by the share of the sheet read, for the progress line', async () => {
  // Deflated, as Excel writes: the file is read far ahead of the parser, the sheet's XML is not.
  const { dir, file } = longWorkbook(10, true);
  try {
    const input = await openCsv(file);
    const reports: [number, number][] = [];
    let records = 0;
    await input.scan(() => void records++, { onProgress: (bytes, n) => reports.push([bytes, n]) });
    assert.ok(records > 4000, `${records} records`);
    assert.equal(reports.length, Math.floor(records / 1024));
    reports.forEach(([bytes, n], i) => {
      assert.equal(n, 1024 * (i + 1));
      assert.ok(bytes > 0 && bytes <= input.size, `${bytes} of ${input.size}`);
      if (i > 0) assert.ok(bytes >= reports[i - 1]![0], 'never backwards');
      // The rows are alike: the share of the sheet read is the share of its rows.
      assert.ok(Math.abs(bytes / input.size - n / records) < 0.05, `${(bytes / input.size).toFixed(3)} of the file at ${(n / records).toFixed(3)} of the rows`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('xlsx: a handler that stops stops the reading', async () => {
  const input = await openCsv(xlsx('whatsapp-responses.xlsx'));
  let seen = 0;
  await input.scan(() => ++seen < 5);
  assert.equal(seen, 5);
});

test('xlsx: the hard cases, written part by part: the first visible tab, each kind of cell as Excel shows it', async () => {
  const input = await openCsv(xlsx('hard-cases.xlsx'));
  const rows: string[][] = [];
  await input.scan((cells) => {
    rows.push(cells.toArray());
  });
  const blank = (n: number) => Array.from({ length: n }, () => '');
  assert.deepEqual(rows, [
    ['id', 'Submitted', 'Day', 'Time', 'Duration', 'Share', 'Satisfaction', 'City', 'Adult', 'Ratio', 'Next day', 'Label', 'Comment', 'Wait', '', ''],
    ['1234567890123456', '2021-01-06 10:31:41', '2021-01-06', '10:31:41', '36:00:00', '0.25', 'Very satisfied', '東京', 'TRUE', '#DIV/0!', '2021-01-07', 'R2', 'Tom &amp; Jerry', '3', '', ''],
    ['1234567890123457', '2021-01-07 12:00:00', '2021-01-07', '18:00:00', '12:00:00', '0.1', 'Very satisfied', 'Line one\r\nline two', 'FALSE', '#N/A', '2021-01-08', 'R3', 'bold rest', '0.3', '', ''],
    blank(16),
    ['1234567890123458', ...blank(5), 'Very satisfied', 'Fish & chips', ...blank(7), 'note right of the table'],
  ]);
});

test('xlsx: a sheet without a used range reads the same, as wide as its header', async () => {
  const read = async (name: string) => {
    const out: string[] = [];
    for await (const r of (await openCsv(xlsx(name))).records()) out.push(r.fields.slice(0, 14).join('|'));
    return out;
  };
  const rows = await read('no-dimension.xlsx');
  assert.equal(rows.length, 405);
  assert.deepEqual(rows.slice(0, 5), await read('hard-cases.xlsx'));
});

test('xlsx: --sheet reads a tab by its name (any case, hidden too); an unknown name lists the tabs', async () => {
  const first = await analyzeFile(xlsx('hard-cases.xlsx'));
  assert.equal(first.result.input.sheet, 'Responses', 'the first visible tab');
  const named = await analyzeFile(xlsx('hard-cases.xlsx'), { sheet: ' responses ' });
  assert.deepEqual(named.result, first.result);
  const records = async (sheet: string) => {
    const out: string[] = [];
    for await (const r of (await openCsv(xlsx('hard-cases.xlsx'), { sheet })).records()) out.push(r.fields.join('|'));
    return out;
  };
  assert.deepEqual(await records('Notes'), ['Notes for the team']);
  assert.deepEqual(await records('INSTRUCTIONS'), ['Read me first']);
  await assert.rejects(records('Results'), (e: unknown) => {
    assert.ok(e instanceof SurveyError);
    assert.equal(e.code, 'SURVEY_OPTION_INVALID');
    assert.equal(e.exitCode, 2);
    assert.equal(e.message, 'this workbook has no worksheet named "Results"; it has "Instructions" (hidden), "Responses", "Notes"');
    return true;
  });
});

test('xlsx end to end: init pins the sheet it read in the spec, report reads it, --sheet overrides it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-xlsx-cli-'));
  try {
    const run = async (argv: string[]) => {
      const io = captureIo({ cwd: dir });
      const code = await main(argv, io);
      return { code, out: io.stdout.text, err: io.stderr.text };
    };
    writeFileSync(join(dir, 'book.xlsx'), readFileSync(xlsx('hard-cases.xlsx')));
    const init = await run(['init', 'book.xlsx', '-o', 'survey.yaml']);
    assert.equal(init.code, 0, init.err);
    const spec = readFileSync(join(dir, 'survey.yaml'), 'utf8');
    assert.match(spec, /^input:\n {2}file: book\.xlsx\n {2}sheet: Responses\n {2}headerRows: 1\n/m);
    const report = await run(['report', 'survey.yaml', '--format', 'json']);
    assert.equal(report.code, 0, report.err);
    assert.equal(JSON.parse(report.out).input.sheet, 'Responses');
    const other = await run(['report', 'survey.yaml', '--sheet', 'Nope']);
    assert.equal(other.code, 2);
    assert.match(other.err, /^book\.xlsx: error SURVEY_OPTION_INVALID: this workbook has no worksheet named "Nope"; it has /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('options a workbook or a CSV has no use for are said to be left aside, not dropped silently', async () => {
  const book = await analyzeFile(xlsx('surveymonkey.xlsx'), { delimiter: ';', encoding: 'windows-1252' });
  assert.deepEqual(
    book.result.diagnostics.filter((d) => d.code === 'SURVEY_OPTION_IGNORED'),
    [{ level: 'info', code: 'SURVEY_OPTION_IGNORED', message: 'the input is an Excel workbook: the encoding given and the delimiter given do not apply and were left aside' }],
  );
  // The tables are those read without the options.
  assert.deepEqual(book.result.tables, (await analyzeFile(xlsx('surveymonkey.xlsx'))).result.tables);
  const csv = await analyzeFile(fromRoot('fixtures', 'flavours', 'surveymonkey.csv'), { sheet: 'Sheet1' });
  assert.deepEqual(
    csv.result.diagnostics.filter((d) => d.code === 'SURVEY_OPTION_IGNORED').map((d) => d.message),
    ['the input is delimited text: the sheet given does not apply and was left aside'],
  );
  assert.equal((await analyzeFile(xlsx('surveymonkey.xlsx'))).result.diagnostics.some((d) => d.code === 'SURVEY_OPTION_IGNORED'), false);
});

test('xlsx: the 1904 date system gives the same dates', async () => {
  const read = async (name: string) => {
    const out: string[] = [];
    for await (const r of (await openCsv(xlsx(name))).records()) out.push(r.fields.join('|'));
    return out;
  };
  assert.deepEqual(await read('hard-cases-1904.xlsx'), await read('hard-cases.xlsx'));
});

test('xlsx: 16-digit ids stay exact, so a duplicates rule on them keeps every respondent', async () => {
  const path = fromRoot('fixtures', 'xlsx', 'test.yaml');
  const spec = parseSpec('version: 1\nfilters:\n  - { rule: duplicates, keys: [{ question: id }] }\ntables:\n  - { type: frequency, question: satisfaction }\n', path);
  const report = await runReport(spec, path, { input: xlsx('hard-cases.xlsx') });
  assert.deepEqual(
    report.result.funnel.map((s) => s.remaining),
    [3, 3],
  );
  // The row without cells is not a respondent: skipped, and said so.
  assert.ok(report.result.diagnostics.some((d) => d.code === 'SURVEY_EMPTY_ROWS'));
});

test('numberKind: dates, times and numbers by their format', () => {
  const cases: [number, string | undefined, string][] = [
    [0, undefined, 'number'],
    [14, undefined, 'date'],
    [22, undefined, 'datetime'],
    [21, undefined, 'time'],
    [45, undefined, 'time'],
    [46, undefined, 'elapsed'],
    [57, undefined, 'date'],
    [9, undefined, 'number'],
    [164, 'yyyy-mm-dd hh:mm:ss', 'datetime'],
    [164, '[$-409]m/d/yy h:mm AM/PM;@', 'datetime'],
    [164, 'd\\ mmm\\ yyyy', 'date'],
    [164, 'mmm', 'date'],
    [164, '[h]:mm:ss', 'elapsed'],
    [164, '[mm]:ss', 'elapsed'],
    [164, '[$-F400]h:mm:ss AM/PM', 'time'],
    [164, '[$-F800]dddd, mmmm dd, yyyy', 'date'],
    [164, 'yyyy"年"m"月"d"日"', 'date'],
    [164, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', 'number'],
    [164, '[<=9999999]###-####;(###) ###-####', 'number'],
    [164, '# ?/?', 'number'],
    [164, 'mm:ss', 'time'],
    [164, '0" days"', 'number'],
    [164, '[Red]0.00;[Blue]-0.00', 'number'],
    [164, '0.00E+00', 'number'],
    [164, '#,##0.00 "USD"', 'number'],
    [164, 'General', 'number'],
  ];
  for (const [id, code, kind] of cases) assert.equal(numberKind(id, code), kind, `${id} ${code}`);
});

test('numberText and serialText: numbers as Excel shows them, serials as dates and times', () => {
  assert.equal(numberText('42', 'number', false), '42');
  assert.equal(numberText('1234567890123456789', 'number', false), '1234567890123456789');
  assert.equal(numberText('0.30000000000000004', 'number', false), '0.3');
  assert.equal(numberText('1.5E-3', 'number', false), '0.0015');
  assert.equal(numberText('', 'number', false), '');
  assert.equal(numberText('44202', 'date', false), '2021-01-06');
  assert.equal(serialText(44202.43866898148, 'datetime', false), '2021-01-06 10:31:41');
  assert.equal(serialText(42740.43866898148, 'datetime', true), '2021-01-06 10:31:41');
  // Before Excel's 29 February 1900 that never was, and on it.
  assert.equal(serialText(1, 'date', false), '1900-01-01');
  assert.equal(serialText(59, 'date', false), '1900-02-28');
  assert.equal(serialText(61, 'date', false), '1900-03-01');
  assert.equal(serialText(0.999994, 'time', false), '23:59:59');
  // A time of day of a date-time; a duration counts on.
  assert.equal(serialText(45000.75, 'time', false), '18:00:00');
  assert.equal(serialText(2.25, 'elapsed', false), '54:00:00');
});

test('columnIndex and unescapeExcel', () => {
  assert.equal(columnIndex('A1'), 0);
  assert.equal(columnIndex('Z9'), 25);
  assert.equal(columnIndex('AA10'), 26);
  assert.equal(columnIndex('XFD1048576'), 16383);
  assert.equal(columnIndex('$H$5'), 7);
  assert.equal(columnIndex('1A'), -1);
  assert.equal(unescapeExcel('a_x000D_b'), 'a\rb');
  assert.equal(unescapeExcel('no escapes'), 'no escapes');
  assert.equal(unescapeExcel('_x005F_x000D_'), '_x000D_');
});
