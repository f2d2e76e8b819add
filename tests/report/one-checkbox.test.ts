/**
 * A lone checkbox (thanksgiving's "Macy's Parade", the one option column the export kept) in a
 * crosstab or banner: report.html, the Markdown, the terminal and tables.xlsx say what its blanks
 * mean, with the words of its frequency table, since a blank there is "Not ticked" whether or not
 * the box was shown.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import { ONE_CHECKBOX_NOTE } from '../../src/render/table/total.js';
import type { AnalysisResult, BannerTable, CrosstabTable } from '../../src/spec/result.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-one-checkbox-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const count = (text: string, part: string): number => text.split(part).length - 1;

test('a lone checkbox down a crosstab, across one, or across a banner: report.html and the Markdown carry its frequency table\'s note, which says "Not ticked" holds those never shown the box', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv'));
  const box = 'will_watch_any_following_programs';
  writeFileSync(
    join(dir, 'tg.yaml'),
    `version: 1\ninput: { file: ${data} }\ntables:\n  - { id: parade, type: frequency, question: ${box} }\n` +
      `  - { id: down, type: crosstab, row: ${box}, column: describe_where_live }\n  - { id: across, type: crosstab, row: describe_where_live, column: ${box} }\n` +
      `  - { id: book, type: banner, rows: [describe_where_live], columns: [${box}] }\n  - { id: plain, type: crosstab, row: describe_where_live, column: celebrate_thanksgiving }\n`,
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'tg.yaml', '--out', 'out'], io), 0, io.err());
  // The words: one source for every table, saying what a blank is.
  assert.match(ONE_CHECKBOX_NOTE, /^One checkbox\b.*"Not ticked" counts everyone who left the box blank, including anyone who was never shown it/);
  const out = (f: string) => readFileSync(join(dir, 'out', f), 'utf8');
  const html = out('report.html');
  const inHtml = ONE_CHECKBOX_NOTE.replaceAll('"', '&quot;');
  // The frequency table (its table, and its chart's description), the two crosstabs and the banner; not the plain crosstab.
  assert.equal(count(html, `<p class="note">${inHtml}</p>`), 3, 'the frequency table and the two crosstabs, a note each');
  assert.equal(count(html, `<p class="note">Column percentages. ${inHtml}</p>`), 1, 'the banner');
  for (const id of ['down', 'across', 'book']) assert.ok(out(`tables/${id}.md`).includes(ONE_CHECKBOX_NOTE), `tables/${id}.md`);
  assert.ok(out('tables/parade.md').includes(`(${ONE_CHECKBOX_NOTE.charAt(0).toLowerCase()}${ONE_CHECKBOX_NOTE.slice(1, -1)})`), 'the frequency table: the same words');
  assert.ok(!out('tables/plain.md').includes('One checkbox'), 'no lone checkbox, no note');
  assert.equal(count(out('tables.md'), ONE_CHECKBOX_NOTE), 3);
  // The JSON says which side the box is on.
  const result = JSON.parse(out('results.json')) as AnalysisResult;
  const table = (id: string) => result.tables.find((t) => t.id === id)!;
  assert.equal((table('down') as CrosstabTable).oneCheckbox, true);
  assert.deepEqual([(table('across') as CrosstabTable).oneCheckbox, (table('across') as CrosstabTable).oneCheckboxColumn], [undefined, true]);
  assert.deepEqual((table('book') as BannerTable).columns.map((c) => [c.label, c.oneCheckbox]), [['Total', undefined], ["Macy's Parade", true], ['Not ticked', true]]);
  assert.deepEqual([(table('plain') as CrosstabTable).oneCheckbox, (table('plain') as CrosstabTable).oneCheckboxColumn], [undefined, undefined]);
});

test('a lone checkbox down a banner: the banner carries the note too', async () => {
  const rows = Array.from({ length: 40 }, (_, i) => `${100 + i},${i % 3 === 0 ? 'Parade' : ''},${i % 2 ? 'North' : 'South'}`);
  writeFileSync(join(dir, 'box.csv'), ['RespondentID,Will you watch any of the following programs? Please select all that apply. - Parade,Region', ...rows].join('\n'));
  writeFileSync(join(dir, 'box.yaml'), 'version: 1\ninput: { file: box.csv }\ntables:\n  - { id: book, type: banner, rows: [will_watch_any_following_programs], columns: [region] }\n');
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'box.yaml', '--out', 'box'], io), 0, io.err());
  const result = JSON.parse(readFileSync(join(dir, 'box', 'results.json'), 'utf8')) as AnalysisResult;
  assert.equal((result.tables[0] as BannerTable).sections[0]!.oneCheckbox, true);
  assert.ok(readFileSync(join(dir, 'box', 'tables', 'book.md'), 'utf8').includes(ONE_CHECKBOX_NOTE));
  assert.ok(readFileSync(join(dir, 'box', 'report.html'), 'utf8').includes(`Column percentages. ${ONE_CHECKBOX_NOTE.replaceAll('"', '&quot;')}</p>`));
});

/** Terminal text with the note's wrapped lines (each indented two spaces) joined back into one. */
const unwrapped = (block: string): string => block.replace(/\n {2}(?! )/g, ' ');

test('a lone checkbox down or across a crosstab or banner: the terminal (analyze --by, report) and tables.xlsx carry the same note', async () => {
  const file = fromRoot('fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv');
  const box = 'will_watch_any_following_programs';
  // analyze --by the box: every crosstab has it across the top; --by another question, one crosstab has it down the side.
  for (const [by, expected] of [
    [box, (heading: string) => heading.endsWith(` x ${box}]`)],
    ['describe_where_live', (heading: string) => heading.endsWith(`[${box} x describe_where_live]`)],
  ] as const) {
    const io = captureIo({}, dir);
    assert.equal(await main(['analyze', file, '--by', by], io), 0, io.err());
    const blocks = io.out().split('\n\n').slice(1);
    const crosstabs = blocks.filter((b) => / x [^ \]]+\]$/.test(b.split('\n')[0]!));
    assert.ok(crosstabs.length > 5, by);
    let noted = 0;
    for (const b of crosstabs) {
      const heading = b.split('\n')[0]!;
      assert.equal(unwrapped(b).includes(ONE_CHECKBOX_NOTE), expected(heading), `analyze --by ${by}: ${heading}`);
      if (expected(heading)) noted++;
      // Wrapped to the terminal's width (100 columns in these tests).
      for (const line of b.split('\n')) if (line.includes('blank')) assert.ok(line.length <= 100, line);
    }
    assert.ok(noted >= 1, by);
    // Frequency tables keep their own words in their base line, not the crosstab's note.
    assert.equal(blocks.filter((b) => !crosstabs.includes(b) && unwrapped(b).includes(ONE_CHECKBOX_NOTE)).length, 0, by);
  }

  // survey report: the tables on stdout, and tables.xlsx.
  const data = JSON.stringify(file);
  writeFileSync(
    join(dir, 'tg2.yaml'),
    `version: 1\ninput: { file: ${data} }\ntables:\n  - { id: parade, type: frequency, question: ${box} }\n` +
      `  - { id: down, type: crosstab, row: ${box}, column: describe_where_live }\n  - { id: across, type: crosstab, row: describe_where_live, column: ${box} }\n` +
      `  - { id: book, type: banner, rows: [describe_where_live], columns: [${box}] }\n  - { id: downbook, type: banner, rows: [${box}], columns: [describe_where_live] }\n` +
      `  - { id: plain, type: crosstab, row: describe_where_live, column: celebrate_thanksgiving }\n  - { id: plainbook, type: banner, rows: [describe_where_live], columns: [celebrate_thanksgiving] }\n`,
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'tg2.yaml', '--out', 'out2'], io), 0, io.err());
  const byId = new Map(io.out().split('\n\n').map((b) => [/\[([^\]]+)\]$/.exec(b.split('\n')[0]!)?.[1], unwrapped(b)] as const));
  for (const id of ['down', 'across', 'book', 'downbook']) assert.ok(byId.get(id)?.includes(ONE_CHECKBOX_NOTE), `report stdout: ${id}`);
  for (const id of ['parade', 'plain', 'plainbook']) assert.ok(byId.has(id) && !byId.get(id)!.includes(ONE_CHECKBOX_NOTE), `report stdout: ${id}`);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, 'out2', 'tables.xlsx')) as unknown as ExcelJS.Buffer);
  const firstCells = (sheet: string) => (wb.getWorksheet(sheet)!.getSheetValues() as unknown[][]).filter(Array.isArray).map((r) => r[1]);
  for (const id of ['parade', 'down', 'across', 'book', 'downbook']) assert.equal(firstCells(id).filter((c) => c === ONE_CHECKBOX_NOTE).length, 1, `tables.xlsx: ${id}`);
  for (const id of ['plain', 'plainbook']) assert.ok(!firstCells(id).includes(ONE_CHECKBOX_NOTE), `tables.xlsx: ${id}`);
  // Under the table's title and base, before its numbers, as on a frequency table's sheet.
  assert.ok(firstCells('down').indexOf(ONE_CHECKBOX_NOTE) < firstCells('down').indexOf('Column %'));
  assert.ok(firstCells('book').indexOf(ONE_CHECKBOX_NOTE) < firstCells('book').indexOf('Base (n)'));
});
