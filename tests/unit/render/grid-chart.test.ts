import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartForGrid } from '../../../src/report/choose-chart.js';
import type { Question } from '../../../src/spec/codebook.js';
import { frequency } from '../../charts/data.js';

const grid = (options: string[]): Question => ({
  id: 'rate', label: 'Please rate', type: 'matrix', columns: [0, 1], options, scale: 'numeric',
  items: [{ id: 'a', label: 'Algeria', column: 0 }, { id: 'b', label: 'Brazil', column: 1 }],
});
const items = (options: string[]) => ['Algeria', 'Brazil'].map((item, k) => frequency('rate', `Please rate | ${item}`, options.map((o, i) => [o, 10 + i + k] as [string, number]), { item, base: 100 }));

test('a grid rated 1 to 5 (beside N/A), or 0 to 10, gets one diverging chart; a grid of other numbers does not', () => {
  const nps = Array.from({ length: 11 }, (_, i) => String(i));
  assert.ok(chartForGrid(grid(nps), items(nps), {}), '0-10');
  const ratings = ['1', '2', '3', '4', '5', 'N/A'];
  const chart = chartForGrid(grid(ratings), items(ratings), {});
  assert.ok(chart, 'a rating scale has sides');
  assert.match(JSON.stringify(chart.spec), /Not shown: N\/A/);
  // Counts of things (0-3 children), ranges, gaps, too few points: bars per item.
  for (const other of [['18-29', '30-44', '45-60'], ['2', '4', '6'], ['1', '2'], ['5', '6', '7'], ['0', '1', '2', '3'], ['1', '2', '3']]) {
    assert.equal(chartForGrid(grid(other), items(other), {}), null, other.join(' '));
  }
});
