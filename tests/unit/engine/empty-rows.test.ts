/**
 * Rows with no answer in any cell are not respondents: all empty (",,,"), white space only,
 * or a stray CR ending a line of an LF file (",\r"). They are counted and reported, on either
 * way of reading.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../../../src/engine/analyze.js';
import { Cells } from '../../../src/ingest/cells.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-empty-rows-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('Cells.blank: empty or white space only, read in place', () => {
  const c = Cells.of(['', ' ', '\r', '\t \u00a0', 'x', ' x ', '\u2003', '\u2003y']);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => c.blank(i)), [true, true, true, true, false, false, true, false, true]);
});

test('rows of empty or white-space cells, a stray CR among them, are skipped and counted', async () => {
  const file = join(dir, 'mixed.csv');
  writeFileSync(file, 'q1,q2\nYes,No\n,\r\nNo,Yes\n , \n,\nYes,\r\n');
  for (const worker of [false, true]) {
    const { result } = await analyzeFile(file, { worker });
    assert.equal(result.input.rows, 3, `worker: ${worker}`);
    const empty = result.diagnostics.find((d) => d.code === 'SURVEY_EMPTY_ROWS');
    assert.match(empty?.message ?? '', /^3 rows/);
  }
});

test('a line of white space only (a space, a tab, a stray CR) is a blank line: skipped, uncounted, not a ragged row', async () => {
  // One before the header, two inside, one at the end (as an editor leaves a trailing space).
  const file = join(dir, 'spaces.csv');
  writeFileSync(file, ' \nq1,q2\nYes,No\n \t\nNo,Yes\n\r\nYes,No\n \n');
  for (const worker of [false, true]) {
    const { result } = await analyzeFile(file, { worker });
    assert.equal(result.input.rows, 3, `worker: ${worker}`);
    assert.deepEqual(result.questions.map((q) => q.id), ['q1', 'q2'], `worker: ${worker}`);
    // As an empty line is: no trace of it.
    assert.equal(result.diagnostics.find((d) => d.code === 'SURVEY_EMPTY_ROWS'), undefined, `worker: ${worker}`);
  }
});

test('in a one-column file a line of white space is a row whose one cell is blank: skipped and counted', async () => {
  const file = join(dir, 'one-column.csv');
  writeFileSync(file, 'q1\nYes\n \nNo\nYes\n\n');
  for (const worker of [false, true]) {
    const { result } = await analyzeFile(file, { worker });
    assert.equal(result.input.rows, 3, `worker: ${worker}`);
    assert.match(result.diagnostics.find((d) => d.code === 'SURVEY_EMPTY_ROWS')?.message ?? '', /^1 row /, `worker: ${worker}`);
  }
});
