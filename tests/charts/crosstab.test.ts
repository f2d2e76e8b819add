import assert from 'node:assert/strict';
import { crosstabChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { understandingByGovernment, understandingByGovernmentNets } from './data.js';

chart(function crosstabStacked() {
  return crosstabChart(understandingByGovernment, { type: 'stacked' });
}, (svg) => {
  // "Let users be the best judge": 21.5 / 52.2 / 21.0 / 5.4 of 186.
  for (const text of ['22%', '52%', '21%']) assert.ok(svg.includes(`>${text}</text>`), text);
  assert.ok(svg.includes('>n = 186</tspan>'));
});

chart(function crosstabGrouped() {
  return crosstabChart(understandingByGovernment, { type: 'grouped' });
});

chart(function crosstabGroupedNets() {
  return crosstabChart(understandingByGovernmentNets, { type: 'grouped' });
});

chart(function warnCrosstabStackedNets() {
  return crosstabChart(understandingByGovernmentNets, { type: 'stacked' });
});
