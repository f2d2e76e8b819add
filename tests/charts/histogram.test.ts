import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogramChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { age } from './data.js';

chart(function ageHistogram() {
  return histogramChart(age, { axisTitle: 'Age (years)' });
}, (svg) => {
  assert.ok(svg.includes('mean 33.8, median 31, SD 10.3'));
  assert.ok(svg.includes('>131</text>'));
});

test("a histogram's value axis is titled with the question's label unless given one; counts over many narrow bars are left to the axis", () => {
  const spec = JSON.stringify(histogramChart(age).spec);
  assert.match(spec, /"title":"How old are you\?","format":",~g"/);
  assert.match(spec, /"text":\{"field":"text"\}/, 'twelve bars have room for their counts');
  const many = { ...age, bins: Array.from({ length: 44 }, (_, i) => ({ x0: i / 5, x1: (i + 1) / 5, count: 100 + i })) };
  assert.doesNotMatch(JSON.stringify(histogramChart(many).spec), /"text":\{"field":"text"\}/);
});
