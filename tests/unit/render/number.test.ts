/** One rounding and one way of writing a count, for tables, charts and report.html alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumber, formatPercent, round } from '../../../src/render/sanitize.js';
import { formatPercent as chartPercent, formatStat } from '../../../src/render/chart/text.js';
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

test('numbers near the largest double print as themselves, not Infinity (scaled by 10 before rounding)', () => {
  assert.equal(round(1.7e308, 2), 1.7e308);
  assert.equal(round(-1.7e308, 1), -1.7e308);
  assert.equal(round(9.5e307, 1), 9.5e307);
  // A chart's mean, median, SD and bin edges.
  assert.equal(formatStat(9.195e307), '9.195e+307');
  assert.equal(formatStat(-1.7e308), '-1.7e+308');
  assert.equal(formatStat(2 ** 60), '1,152,921,504,606,846,976');
});
