import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NumericSummary } from '../../../src/tabulate/numeric.js';
import { NumericCoder } from '../../../src/coding/coder.js';
import { Cells } from '../../../src/ingest/cells.js';
import type { Question } from '../../../src/spec/codebook.js';

const question: Question = { id: 'x', label: 'X', type: 'numeric', columns: [0], options: [], items: [] };

/** The weighted summary of [value, weight] pairs, in this order. */
function weighted(pairs: [number, number][]) {
  const coder = new NumericCoder(question, false);
  const s = new NumericSummary(coder);
  const cells = new Cells();
  for (const [v, w] of pairs) {
    cells.hold([String(v)]);
    coder.read(cells);
    s.add(w);
  }
  return s.table();
}

test('a row of weight 0 read first (its weight blank) leaves the weighted mean and sd numbers, as read last it does', () => {
  const rest: [number, number][] = [[40, 1], [50, 2], [20, 1]];
  const first = weighted([[33, 0], ...rest]);
  const last = weighted([...rest, [33, 0]]);
  // (40 + 100 + 20) / 4
  assert.equal(first.mean, 40);
  assert.equal(first.mean, last.mean);
  assert.ok(first.sd !== null && Number.isFinite(first.sd), String(first.sd));
  assert.equal(first.sd, last.sd);
});
