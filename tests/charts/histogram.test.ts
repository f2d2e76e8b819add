import assert from 'node:assert/strict';
import { histogramChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { age } from './data.js';

chart(function ageHistogram() {
  return histogramChart(age, { axisTitle: 'Age (years)' });
}, (svg) => {
  assert.ok(svg.includes('mean 33.8, median 31, SD 10.3'));
  assert.ok(svg.includes('>131</text>'));
});
