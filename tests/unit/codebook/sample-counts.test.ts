/**
 * Inference from a Sample's counted distinct cells equals inference from its rows: same
 * questions, types, options and their order, whatever the mix of raw forms ("Yes", " yes",
 * "YES "), blanks, numbers, dates, joined multi-selects and columns with more distinct cells
 * than the sample counts (samples up to 10,000 rows: past that, such a column is told by its first
 * 10,000 rows, tested below).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inferCodebook } from '../../../src/codebook/infer.js';
import { mergeHeader } from '../../../src/codebook/header.js';
import { Sample } from '../../../src/engine/rows.js';

const HEADER = ['Respondent', 'Email address', 'Do you agree?', 'Which apps? (select all)', 'Age', 'When', 'Why?', 'Code'];

const agree = fc.constantFrom('Agree', ' agree', 'AGREE ', 'Disagree', 'Neither agree  nor disagree', '', '-', "Don't know");
const apps = fc.constantFrom('WhatsApp', 'Signal', 'WhatsApp, Signal', 'Signal, Telegram', 'Telegram', '', 'Other');
const age = fc.oneof(fc.integer({ min: 18, max: 90 }).map(String), fc.constant(''), fc.constant('n/a'));
const when = fc.constantFrom('2021-01-12', '2021-01-13 10:00', '', '12/01/2021');
const why = fc.string({ maxLength: 6 });

function rowsOf(n: number, seed: number, manyCodes: boolean): fc.Arbitrary<string[][]> {
  const row = fc.tuple(agree, apps, age, when, why, fc.integer({ min: 0, max: manyCodes ? 5000 : 20 })).map(([a, b, c, d, e, k]) => ['', '', a, b, c, d, e, `c${k}`]);
  return fc.array(row, { minLength: 1, maxLength: n }).map((rows) => rows.map((r, i) => [String(i + seed), `p${i}@example.org`, ...r.slice(2)]));
}

test('inferCodebook: counted distinct cells give the codebook the rows give', () => {
  const headers = mergeHeader([HEADER], 'single', HEADER.length);
  fc.assert(
    fc.property(fc.boolean().chain((many) => rowsOf(many ? 3000 : 200, 1, many)), (rows) => {
      const sample = new Sample();
      for (const r of rows) sample.add([...r]);
      const fromRows = inferCodebook(headers, sample.rows, { decimalComma: false });
      const fromCounts = inferCodebook(headers, sample.rows, { decimalComma: false, distinct: (i) => sample.distinct(i) });
      assert.deepEqual(fromCounts, fromRows);
    }),
    { numRuns: 60, seed: 11 },
  );
});

test('inferCodebook: a column of many distinct cells is told by its first 10,000 rows, others by every row', () => {
  const header = ['Submitted', 'Plan'];
  const headers = mergeHeader([header], 'single', header.length);
  const sample = new Sample();
  // Unique timestamps for 10,000 rows, then free text: the first rows say "date". The plan
  // column's few answers are counted over all 12,000 rows: the late "Gold" is an option.
  for (let i = 0; i < 12_000; i++) {
    const when = i < 10_000 ? new Date(Date.UTC(2021, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ') : `late answer ${i}`;
    sample.add([when, i < 11_000 ? (i % 2 ? 'Basic' : 'Plus') : 'Gold']);
  }
  const counted = inferCodebook(headers, sample.rows, { decimalComma: false, distinct: (i) => sample.distinct(i) }).questions;
  assert.equal(counted[0]!.type, 'date');
  assert.deepEqual(counted[1]!.options.slice().sort(), ['Basic', 'Gold', 'Plus']);
  // Without counts every row is read: 2,000 of 12,000 are not dates, under the 90% dates need.
  assert.equal(inferCodebook(headers, sample.rows, { decimalComma: false }).questions[0]!.type, 'text');
});

test('Sample.distinct: first-seen order and counts; null past the cells it keeps', () => {
  const sample = new Sample();
  for (const v of ['b', 'a', 'b', ' b', 'a', 'b']) sample.add([v, 'x']);
  assert.deepEqual(sample.distinct(0), { cells: ['b', 'a', ' b'], counts: [3, 2, 1] });
  assert.deepEqual(sample.distinct(1), { cells: ['x'], counts: [6] });
  for (let i = 0; i < 1000; i++) sample.add([`v${i}`, 'x']);
  assert.equal(sample.distinct(0), null, 'more than 1,000 distinct cells');
  assert.deepEqual(sample.distinct(1)?.counts, [1006]);
  assert.equal(sample.distinct(2), null, 'no such column');
});
