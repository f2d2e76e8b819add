import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NumericSummary } from '../../../src/tabulate/numeric.js';
import { NumericCoder } from '../../../src/coding/coder.js';
import { Cells } from '../../../src/ingest/cells.js';
import type { Question } from '../../../src/spec/codebook.js';

const question: Question = { id: 'x', label: 'X', type: 'numeric', columns: [0], options: [], items: [] };

/** The summary table of these values, each read from its text as a cell. */
function summary(values: number[]) {
  const coder = new NumericCoder(question, false);
  const s = new NumericSummary(coder);
  const cells = new Cells();
  for (const v of values) {
    cells.hold([String(v)]);
    coder.read(cells);
    s.add(1);
  }
  return s.table();
}

const bins = (values: number[]) => summary(values).bins!;

test('bins of a skewed column follow its spread (Freedman–Diaconis), on nice edges, not one bar for most answers', () => {
  // A weight column: 900 weights between 0 and 1, 100 up to 9 (Sturges alone gave 1-wide bins, 90% in the first).
  const weights = [...Array.from({ length: 900 }, (_, i) => 0.02 + i / 1000), ...Array.from({ length: 100 }, (_, i) => 1 + i * 0.08)];
  const b = bins(weights);
  const width = b[0]!.x1 - b[0]!.x0;
  assert.equal(width, 0.2);
  assert.equal(b[0]!.x0, 0);
  assert.ok(b.every((bin, i) => i === 0 || bin.x0 === b[i - 1]!.x1), 'edges meet');
  assert.ok(Math.max(...b.map((bin) => bin.count)) < 0.25 * weights.length, 'no bar holds most answers');
  assert.equal(b.reduce((s, bin) => s + bin.count, 0), weights.length);
});

test('bins of whole numbers are at least 1 wide, and the maximum falls in the last', () => {
  const b = bins([0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 1, 2, 0, 0, 1]);
  assert.deepEqual(b.map((bin) => [bin.x0, bin.x1]), [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]);
  assert.deepEqual(b.map((bin) => bin.count), [3, 4, 4, 2, 1, 1]);
});

test('an outlier far from the rest is capped at 50 bins', () => {
  const b = bins([...Array.from({ length: 500 }, (_, i) => i % 10), 100_000]);
  assert.ok(b.length <= 50, `${b.length} bins`);
  assert.equal(b.reduce((s, bin) => s + bin.count, 0), 501);
});

test('numbers near the largest a double holds: one bin, not a crash (their range overflows)', () => {
  const values = Array.from({ length: 60 }, (_, i) => (i - 30) * 3e306);
  assert.deepEqual(bins(values), [{ x0: -9e307, x1: 8.7e307, count: 60 }]);
  // A range that fits, but whose last nice edge would not.
  const near = bins([0, 1.79e308, 1e308, 5e307]);
  assert.equal(near.reduce((s, bin) => s + bin.count, 0), 4);
  assert.ok(near.every((bin) => Number.isFinite(bin.x0) && Number.isFinite(bin.x1)), JSON.stringify(near));
});

test('the median of two values near the largest double is their mean, not Infinity', () => {
  assert.equal(summary([1.5e308, 1.7e308]).median, 1.6e308);
});

test('the mean and sd of numbers near the largest double are numbers, not NaN and Infinity (squares and gaps overflowed)', () => {
  // 9e307 and up: the mean fits, the squared deviations summed did not (sd Infinity).
  const near = summary(Array.from({ length: 40 }, (_, i) => 9e307 + i * 1e305));
  assert.ok(Math.abs(near.mean! / 9.195e307 - 1) < 1e-12, String(near.mean));
  // exact: sqrt(sum (i - 19.5)^2 / 39) * 1e305
  assert.ok(Math.abs(near.sd! / 1.1690451944500127e306 - 1) < 1e-12, String(near.sd));
  // ±1.7e308: a gap x - mean of 3.4e308 overflowed, and the mean was NaN.
  const both = summary(Array.from({ length: 40 }, (_, i) => (1 + i / 1000) * 1.7e308 * (i % 2 ? 1 : -1)));
  assert.ok(Math.abs(both.mean! / 8.499999999999018e304 - 1) < 1e-9, String(both.mean));
  assert.ok(Math.abs(both.sd! / 1.755341530797807e308 - 1) < 1e-12, String(both.sd));
  // Two values whose sd is larger than any double: no sd, rather than Infinity.
  const wide = summary([-1.7e308, 1.7e308]);
  assert.equal(wide.mean, 0);
  assert.equal(wide.sd, null);
});

test('ordinary numbers give the same mean and sd to the last bit (the scale stays 1 under 2^256)', () => {
  const values = [1.5, 2.25, 3, 1e10, -7.125, 0.1, 0.2];
  const t = summary(values);
  let n = 0, mean = 0, m2 = 0;
  for (const x of values) {
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  assert.equal(t.mean, mean);
  assert.equal(t.sd, Math.sqrt((m2 / n) * (n / (n - 1))));
});
