import assert from 'node:assert/strict';
import { profileChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { profile } from './data.js';

chart(function graph7Profile() {
  return profileChart(profile);
}, (svg) => {
  assert.ok(svg.includes('>Age group (n = 552)</text>'));
  assert.equal(svg.match(/>% of respondents<\/text>/g)?.length, 1, 'one percent axis, at the bottom');
});
