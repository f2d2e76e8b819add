import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crosstabChart, likertChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { agreementGrid, frequency, understandingAsScale, understandingByGovernment } from './data.js';

chart(function likertAgreement() {
  return likertChart(agreementGrid);
}, (svg) => {
  assert.ok(svg.includes('How much do you agree with each statement?'));
});

chart(function likertEvenPositiveFirst() {
  return likertChart(understandingAsScale, { positiveFirst: true });
}, (svg) => {
  assert.ok(svg.includes('n = 552–565 valid respondents per item'));
});

// "Don't know" and "No answer" have no side: each in a grey column of its own right of the bars,
// every item with its share, so that each row adds up to 100%.
const withOffScale = agreementGrid.map((t, i) => {
  const extra: [string, number][] = [["Don't know", [5, 20, 48, 4][i]!], ['No answer', [8, 5, 5, 8][i]!]];
  const rows: [string, number][] = [...extra.slice(1), ...t.rows.map((row): [string, number] => [row.label, row.count ?? 0]), ...extra.slice(0, 1)];
  return frequency(t.question, t.label, rows, { item: t.item!, base: rows.reduce((s, [, c]) => s + c, 0) });
});

chart(function likertOffScaleColumns() {
  return likertChart(withOffScale);
}, (svg, result) => {
  const json = JSON.stringify(result.spec);
  // Off the diverging scale and out of its legend: grey columns headed with their labels.
  assert.match(json, /"domain":\["Strongly disagree","Disagree","Neither agree nor\\ndisagree","Agree","Strongly agree"\]/);
  assert.match(json, /"title":\{"text":"No answer".*"title":\{"text":"Don't know"/);
  assert.match(svg, /aria-label="[^"]*I would pay for a messaging app that keeps my data private: Don't know 8% \(48 of 618\)/);
  assert.doesNotMatch(json, /Not shown/);
});

test('a weighted grid says so: n counts respondents, then the weighted base', async () => {
  const weighted = agreementGrid.map((t) => ({ ...t, unweightedBase: t.base, base: t.base * 0.9 }));
  const spec = JSON.stringify(likertChart(weighted).spec);
  assert.match(spec, /n = 565 valid respondents, weighted 509, % of respondents/);
});

test('a weighted grid gives each item its weighted and effective base under its respondents, as a crosstab chart does for its groups', () => {
  const weighted = agreementGrid.map((t, i) => ({ ...t, unweightedBase: t.base - i, base: t.base * 1.5 - i, effectiveBase: t.base * 0.4 }));
  const json = JSON.stringify(likertChart(weighted).spec);
  assert.match(json, /"I trust WhatsApp with my personal\\ndata\\nn = 565\\nweighted 848, effective 226"/);
  assert.match(json, /n = 562–565 valid respondents per item, weighted, % of respondents/);
  assert.match(json, /WhatsApp explained the new policy clearly \(n = 562, weighted 845, effective 226\): /);
  // The same bases for every item: said once, in the subtitle, with the effective base.
  const same = JSON.stringify(likertChart(agreementGrid.map((t) => ({ ...t, unweightedBase: t.base, effectiveBase: t.base * 0.4 }))).spec);
  assert.match(same, /n = 565 valid respondents, weighted 565, effective 226, % of respondents/);
  assert.doesNotMatch(same, /\\nn = 565/);
  // One count of respondents, weighted bases that differ: one n in the subtitle (not "565–565"), the weighted bases under the items.
  const oneN = JSON.stringify(likertChart(agreementGrid.map((t, i) => ({ ...t, unweightedBase: t.base, base: t.base + i }))).spec);
  assert.match(oneN, /"n = 565 valid respondents per item, weighted, % of respondents"/);
  assert.match(oneN, /\\nn = 565\\nweighted 566"/);
});

test('a scale listed from its positive end runs that way in a diverging chart, as in its tables and crosstabs: blue first', () => {
  const spec = likertChart(understandingAsScale, { positiveFirst: true }).spec;
  const json = JSON.stringify(spec);
  assert.match(json, /"domain":\["Fully well","Reasonably well","Not well enough","Not at all"\],"range":\["#2166AC","#92C5DE","#FDB863","#B35806"\]/);
  // The same colours, in the same order, as the stacked crosstab of one item draws them.
  const stacked = JSON.stringify(crosstabChart(understandingByGovernment, { type: 'stacked', ordered: 'positiveFirst' }).spec);
  assert.match(stacked, /"range":\["#2166AC","#92C5DE","#FDB863","#B35806"\]/);
});

test('the totals beside bars that reach near 100% stay inside the plot, clear of the item labels', () => {
  const lopsided = understandingAsScale.map((t) => ({ ...t, rows: t.rows.map((row, i) => ({ ...row, percent: [70, 24, 4, 2][i] ?? 0 })) }));
  const domain = JSON.stringify(likertChart(lopsided, { positiveFirst: true }).spec).match(/"domain":\[(-?[\d.]+),([\d.]+)\]/)!;
  // 94% on the left side, its total printed beyond it: the scale reaches past 100%, its ticks do not.
  assert.ok(Number(domain[2]) > 100, domain[0]);
  assert.doesNotMatch(JSON.stringify(likertChart(lopsided, { positiveFirst: true }).spec), /"values":\[-125/);
});
