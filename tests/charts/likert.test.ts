import assert from 'node:assert/strict';
import { test } from 'node:test';
import { likertChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { agreementGrid, understandingAsScale } from './data.js';

chart(function likertAgreement() {
  return likertChart(agreementGrid);
}, (svg) => {
  assert.ok(svg.includes('How much do you agree with each statement?'));
});

chart(function likertEvenReversed() {
  return likertChart(understandingAsScale, { reverse: true });
}, (svg) => {
  assert.ok(svg.includes('n = 552–565 valid respondents per item'));
});

test('a weighted grid says so: n counts respondents, then the weighted base', async () => {
  const weighted = agreementGrid.map((t) => ({ ...t, unweightedBase: t.base, base: t.base * 0.9 }));
  const spec = JSON.stringify(likertChart(weighted).spec);
  assert.match(spec, /n = 565 valid respondents, weighted 509, % of respondents/);
});
