/**
 * Excel workbooks as input. The oracle is the CSV each workbook was made from
 * (fixtures/xlsx/make-*.{py,mjs}): two writers (openpyxl, and exceljs with shared strings
 * after the sheet, as Excel orders them), typed cells (dates, numbers), one and two header
 * rows. Whatever survey reads from the workbook, it must read from the CSV too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellText, rowFields } from '../../../src/ingest/read-xlsx.js';
import { openCsv } from '../../../src/ingest/read-csv.js';
import { analyzeFile } from '../../../src/engine/analyze.js';
import { runReport } from '../../../src/engine/report.js';
import { loadSpec } from '../../../src/config/load-spec.js';
import type { AnalysisResult } from '../../../src/spec/result.js';
import { fromRoot } from '../../helpers/io.js';

const xlsx = (name: string) => fromRoot('fixtures', 'xlsx', name);

/** The result without its `input` block, which names the file and its format. */
function body(r: AnalysisResult): unknown {
  const { input: _input, ...rest } = r;
  return rest;
}

test('xlsx: the WhatsApp export as a Google Sheet (openpyxl, typed cells) analyzes as its CSV does', async () => {
  const fromXlsx = await analyzeFile(xlsx('whatsapp-responses.xlsx'));
  const fromCsv = await analyzeFile(fromRoot('fixtures', 'whatsapp-privacy-2021', 'responses.csv'));
  assert.deepEqual(fromXlsx.result.input, { file: xlsx('whatsapp-responses.xlsx'), rows: 1022, encoding: 'utf-8', delimiter: '', headerRows: 1, format: 'xlsx' });
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

test('xlsx: a handler that stops stops the reading', async () => {
  const input = await openCsv(xlsx('whatsapp-responses.xlsx'));
  let seen = 0;
  await input.scan(() => ++seen < 5);
  assert.equal(seen, 5);
});

test('cellText: each kind of cell as a CSV export of the sheet writes it', () => {
  assert.equal(cellText(null), '');
  assert.equal(cellText(undefined), '');
  assert.equal(cellText('Yes'), 'Yes');
  assert.equal(cellText(42), '42');
  assert.equal(cellText(0.1 + 0.2), '0.3');
  assert.equal(cellText(1e21), '1e+21');
  assert.equal(cellText(NaN), '');
  assert.equal(cellText(true), 'TRUE');
  assert.equal(cellText(false), 'FALSE');
  assert.equal(cellText(new Date(Date.UTC(2021, 0, 6, 10, 31, 41))), '2021-01-06 10:31:41');
  // A serial's float error is rounded to the second; midnight is a date alone.
  assert.equal(cellText(new Date(Date.UTC(2021, 0, 6, 10, 31, 40, 999))), '2021-01-06 10:31:41');
  assert.equal(cellText(new Date(Date.UTC(2021, 0, 6))), '2021-01-06');
  assert.equal(cellText({ richText: [{ text: 'Very ' }, { text: 'satisfied' }] }), 'Very satisfied');
  assert.equal(cellText({ formula: 'A1+1', result: 3 }), '3');
  assert.equal(cellText({ sharedFormula: 'B2', result: 'Yes' }), 'Yes');
  assert.equal(cellText({ formula: 'A1/0', result: { error: '#DIV/0!' } }), '#DIV/0!');
  assert.equal(cellText({ formula: 'A1' }), '');
  assert.equal(cellText({ error: '#N/A' }), '#N/A');
  assert.equal(cellText({ text: 'Our site', hyperlink: 'https://example.com' }), 'Our site');
  assert.equal(cellText({ text: { richText: [{ text: 'Our ' }, { text: 'site' }] }, hyperlink: 'https://example.com' }), 'Our site');
});

test('rowFields: exceljs rows are 1-based and sparse; trailing empty cells are cut', () => {
  // eslint-disable-next-line no-sparse-arrays
  assert.deepEqual(rowFields([, 'a', , 3, null, '']), ['a', '', '3']);
  assert.deepEqual(rowFields([]), []);
  assert.deepEqual(rowFields(undefined), []);
});
