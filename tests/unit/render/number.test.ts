/** One rounding and one way of writing a count, for tables, charts and report.html alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatPercent, round } from '../../../src/render/sanitize.js';
import { formatPercent as chartPercent } from '../../../src/render/chart/text.js';
import { formatCount as chartCount } from '../../../src/render/number.js';
import { formatCount as htmlCount } from '../../../src/report/html-common.js';

test('half away from zero everywhere: -2.5 is -3 in a table as in a chart (tables said -2)', () => {
  assert.equal(round(-2.5, 0), -3);
  assert.equal(round(2.5, 0), 3);
  assert.equal(formatNumber(-1.125), '-1.13');
  assert.equal(formatPercent(12.45), chartPercent(12.45, 1));
  // 12.5 stored as 12.4999999: still up, in both.
  assert.equal(formatPercent(12.499999999999, 0), '13%');
  assert.equal(chartPercent(12.499999999999), '13%');
});

test('a weighted count reads the same in report.html and in a chart (1,022.5 against 1,022.46)', () => {
  assert.equal(htmlCount(1022.456), '1,022.46');
  assert.equal(htmlCount(1022.456), chartCount(1022.456));
  assert.equal(htmlCount(1615), '1,615');
  assert.equal(htmlCount(null), '*');
});
