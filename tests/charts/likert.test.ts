import assert from 'node:assert/strict';
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
