/**
 * tables.xlsx: a sheet per table with valid unique names, numbers as numbers, formula-like
 * text neutralised, and the same bytes on every run (document dates and zip entry times fixed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { buildWorkbook, fixZipDates, FIXED_DATE, sheetNames, xlsxText, type XlsxInput } from '../../src/report/xlsx.js';
import { tableIds } from '../../src/report/artifacts.js';
import { suppressTables } from '../../src/stats/suppress.js';
import type { AnalysisResult, CrosstabTable, FrequencyTable } from '../../src/spec/result.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const INJECTIONS = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1)', '\tindent', '\rreturn'];

const answers: FrequencyTable = {
  kind: 'frequency',
  id: 'graph4',
  question: 'gov',
  label: '=cmd|\' /C calc\'!A0',
  type: 'single',
  base: 565,
  missing: 3,
  rows: [
    ...INJECTIONS.map((label, i) => ({ label, count: 10 + i, percent: ((10 + i) * 100) / 565 })),
    { label: 'Roll back', count: 136, percent: (136 * 100) / 565 },
    { label: 'Government should step in', count: 379, percent: (379 * 100) / 565, net: true },
  ],
};
const multi: FrequencyTable = {
  kind: 'frequency',
  id: 'apps',
  question: 'apps',
  label: 'Which apps?',
  type: 'multi',
  base: 565,
  missing: 0,
  responses: 413,
  rows: [
    { label: 'Telegram', count: 242, percent: (242 * 100) / 565, percentOfResponses: (242 * 100) / 413 },
    { label: 'Signal', count: 171, percent: (171 * 100) / 565, percentOfResponses: (171 * 100) / 413 },
  ],
};
const cross: CrosstabTable = {
  kind: 'crosstab',
  row: 'view',
  column: 'gov',
  label: 'View by government',
  rowLabels: ['-Breach', 'Fine'],
  columnLabels: ['@Roll back', 'Regulate'],
  counts: [
    [10, 20],
    [30, 40],
  ],
  columnPercents: [
    [25, 100 / 3],
    [75, 200 / 3],
  ],
  rowPercents: [],
  totalPercents: [],
  columnBases: [40, 60],
  rowBases: [30, 70],
  base: 100,
  stats: { chi2: 0.79, df: 1, p: 0.37, cramersV: 0.089, lowExpected: 0 },
};
const long = (id: string): FrequencyTable => ({ kind: 'frequency', id, question: 'q', label: id, type: 'single', base: 10, missing: 0, rows: [{ label: 'x', count: 10, percent: 100 }] });
const tables = [answers, multi, cross, long('a_very_long_table_id_that_goes_past_31_chars_1'), long('a_very_long_table_id_that_goes_past_31_chars_2'), long('contents'), long('History')];
const result: AnalysisResult & { title: string } = {
  title: '=Study',
  input: { file: 'responses.csv', rows: 1022, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
  questions: [],
  tables,
  withheld: [{ column: 'Email Address', kind: 'email', reason: 'an e-mail address' }],
  diagnostics: [],
};
const input: XlsxInput = { result, ids: tableIds(tables), baseLabel: 'valid respondents', inputSha256: 'cd'.repeat(32) };

const bytes = await buildWorkbook(input);
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);

test('one sheet per table after Contents; names unique, at most 31 characters, valid', () => {
  const names = wb.worksheets.map((w) => w.name);
  assert.equal(names.length, tables.length + 1);
  assert.equal(names[0], 'Contents');
  assert.deepEqual(names.slice(1, 4), ['graph4', 'apps', 'view_by_gov']);
  for (const n of names) {
    assert.ok(n.length >= 1 && n.length <= 31, n);
    assert.doesNotMatch(n, /[:\\/?*[\]]|^'|'$/, n);
    assert.notEqual(n.toLowerCase(), 'history');
  }
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'unique ignoring case');
  // Grid items keep their item, the question is shortened: Food World Cup's 40 countries are told apart.
  assert.deepEqual(sheetNames(['rate_much_like_traditional_cuisine.algeria', 'rate_much_like_traditional_cuisine.italy_by_gender']), ['rate_much_like_traditio.algeria', 'rate_much_like_.italy_by_gender']);
  assert.deepEqual(sheetNames(['a:b/c?d*e[f]g\\h', "'quoted'", 'x'.repeat(40), 'x'.repeat(40), 'CONTENTS', 'history', ''], ['Contents']), ['a_b_c_d_e_f_g_h', 'quoted', 'x'.repeat(31), `${'x'.repeat(29)}~2`, 'CONTENTS~2', 'history_', 'Sheet']);
});

test('values: labels as text, counts as numbers, percentages as fractions shown as 0.0%', () => {
  const ws = wb.getWorksheet('graph4')!;
  const rows = ws.getSheetValues() as unknown[][];
  const header = rows.findIndex((r) => Array.isArray(r) && r[1] === 'Answer');
  assert.ok(header > 0);
  assert.deepEqual(rows[header]!.slice(1), ['Answer', 'Count', '%', 'Note']);
  const roll = ws.getRow(header + 1 + INJECTIONS.length);
  assert.equal(roll.getCell(1).value, 'Roll back');
  assert.equal(roll.getCell(2).value, 136);
  assert.equal(roll.getCell(3).value, 136 / 565);
  assert.equal(roll.getCell(3).numFmt, '0.0%');
  const net = ws.getRow(header + 2 + INJECTIONS.length);
  assert.equal(net.getCell(4).value, 'net');
  assert.equal(net.getCell(1).font?.bold, true);
  const base = rows.find((r) => Array.isArray(r) && r[1] === 'Base')!;
  assert.equal(base[2], 565);

  const apps = wb.getWorksheet('apps')!;
  const head = (apps.getSheetValues() as unknown[][]).findIndex((r) => Array.isArray(r) && r[1] === 'Answer');
  assert.deepEqual((apps.getRow(head).values as unknown[]).slice(1), ['Answer', 'Count', '% of respondents', '% of responses', 'Note']);
  assert.equal(apps.getRow(head + 1).getCell(4).value, 242 / 413);

  const x = wb.getWorksheet('view_by_gov')!;
  const cells = (x.getSheetValues() as unknown[][]).filter(Array.isArray);
  assert.ok(cells.some((r) => r[1] === 'Column %' && r[2] === "'@Roll back"));
  assert.ok(cells.some((r) => r[1] === "'-Breach" && r[2] === 0.25));
  assert.ok(cells.some((r) => r[1] === 'Chi-square' && r[2] === 0.79));
});

test('text a spreadsheet would run as a formula is neutralised with a leading apostrophe', () => {
  const ws = wb.getWorksheet('graph4')!;
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
  for (const s of INJECTIONS) assert.ok(texts.includes(`'${s.replace(/\r/g, '\n')}`), `${JSON.stringify(s)} neutralised`);
  assert.ok(texts.includes("'=cmd|' /C calc'!A0"), 'the table title too');
  for (const w of wb.worksheets) {
    w.eachRow((row) =>
      row.eachCell((cell) => {
        assert.equal(typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value, false, 'no formula cell');
        if (typeof cell.value === 'string') assert.doesNotMatch(cell.value, /^[=+\-@\t\r]/, `${w.name}!${cell.address}`);
      }),
    );
  }
  assert.equal(wb.getWorksheet('Contents')!.getCell('A1').value, "'=Study");
  assert.equal(xlsxText('-5'), "'-5");
  assert.equal(xlsxText('a\u0000b\u0007c'), 'a\u2400b\u2407c', 'control characters XML cannot hold are shown (␀, ␇), not dropped');
  assert.equal(xlsxText('Ma\u202ele\ufffe'), 'Ma<U+202E>le<U+FFFE>', 'a bidirectional override and a noncharacter are shown');
  assert.equal(xlsxText('plain'), 'plain');
  assert.equal(xlsxText('\r\nx\ry'), "'\nx\ny", 'a leading CR is neutralised before line ends become LF');
});

test('Contents: input, its hash, withheld columns and an index of sheets', () => {
  const rows = (wb.getWorksheet('Contents')!.getSheetValues() as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
  assert.ok(rows.some((r) => r[0] === 'SHA-256' && r[1] === 'cd'.repeat(32)));
  assert.ok(rows.some((r) => r[0] === 'Rows read' && r[1] === 1022));
  assert.ok(rows.some((r) => r[0] === 'Email Address' && r[1] === 'email'));
  assert.ok(rows.some((r) => r[0] === 'graph4' && r[2] === 565));
});

test('two builds, seconds apart, give byte-identical workbooks', async () => {
  // The zip format stores times to 2 s: wait past that so a stamped clock would show.
  await sleep(2100);
  const again = await buildWorkbook(input);
  assert.equal(sha(again), sha(bytes));
  assert.deepEqual(wb.created, FIXED_DATE);
  assert.deepEqual(wb.modified, FIXED_DATE);
  assert.equal(sha(fixZipDates(bytes, FIXED_DATE)), sha(bytes), 'every zip entry already carries the fixed date');
});

test('cells disclosure control hid show *, never a 0 that reads as an answer', async () => {
  const small: FrequencyTable = {
    kind: 'frequency', id: 'edu', question: 'edu', label: 'Education', type: 'single', base: 300, missing: 0,
    rows: [
      { label: 'Less than high school', count: 2, percent: 200 / 300 },
      { label: 'High school', count: 3, percent: 1 },
      { label: 'College', count: 295, percent: (295 * 100) / 300 },
    ],
  };
  const counts = [
    [2, 1],
    [40, 50],
    [60, 70],
  ];
  const x: CrosstabTable = {
    ...cross, id: 'edu_by_gov', rowLabels: ['Less than high school', 'High school', 'College'], counts,
    columnPercents: counts.map((r) => r.map((n, c) => (100 * n) / [102, 121][c]!)), columnBases: [102, 121], rowBases: [3, 90, 130], base: 223,
  };
  const hidden = suppressTables([small, x], 5).tables;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await buildWorkbook({ ...input, result: { ...result, tables: hidden }, ids: tableIds(hidden) })) as unknown as ExcelJS.Buffer);
  const row = (sheet: string, first: string, nth = 0) => ((book.getWorksheet(sheet)!.getSheetValues() as unknown[][]).filter((r) => Array.isArray(r) && r[1] === first)[nth] ?? []).slice(1);
  assert.deepEqual(row('edu', 'Less than high school'), ['Less than high school', '*', '*']);
  assert.deepEqual(row('edu', 'College'), ['College', 295, 295 / 300]);
  // Column % then Count: the row's cells and its Total (3 people) are hidden.
  assert.deepEqual(row('edu_by_gov', 'Less than high school', 0), ['Less than high school', '*', '*', '*']);
  assert.deepEqual(row('edu_by_gov', 'Less than high school', 1), ['Less than high school', '*', '*', '*']);
});
