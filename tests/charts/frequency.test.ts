import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frequencyChart } from '../../src/render/chart/spec.js';
import { chartMessages } from '../../src/render/chart/messages.js';
import { chart } from './chart.js';
import { frequency, graph1, graph2, graph3a, graph3b, graph4, graph4Nets, graph5, graph6Nets as graph6 } from './data.js';

chart(function graph1Bars() {
  return frequencyChart(graph1);
}, (svg) => {
  for (const text of ['37%', '45%', '18%']) assert.ok(svg.includes(`>${text}</text>`), text);
  assert.ok(svg.includes('n = 565 valid respondents, % of respondents'));
});

chart(function graph2Bars() {
  return frequencyChart(graph2);
}, (svg) => {
  // A long answer is wrapped onto several lines (tspans), never cut.
  assert.match(svg, /<tspan>Will accept, but start exploring other or<\/tspan><tspan[^>]*>additional apps<\/tspan>/);
});

chart(function graph3aDonut() {
  return frequencyChart(graph3a, { type: 'donut' });
});

chart(function graph4Donut() {
  return frequencyChart(graph4, { type: 'donut' });
}, (svg) => {
  for (const text of ['24%', '43%', '33%']) assert.ok(svg.includes(`>${text}</text>`), text);
});

chart(function graph5MultiRespondents() {
  return frequencyChart(graph5);
}, (svg) => {
  assert.ok(svg.includes('>% of respondents</text>'));
  assert.ok(svg.includes('>34%</text>'));
});

chart(function graph5MultiResponses() {
  return frequencyChart(graph5, { percentBase: 'responses' });
}, (svg) => {
  assert.ok(svg.includes('>% of responses</text>'));
  assert.ok(svg.includes('n = 611 answers from 565 valid respondents, % of responses'));
});

chart(function graph6Nets() {
  return frequencyChart(graph6);
}, (svg) => {
  assert.ok(svg.includes('>72%</text>'), 'the net is drawn with its value');
  assert.ok(svg.includes('>Nets (combined answers)</text>'));
});

chart(function graph4NetsCustomSubtitle() {
  return frequencyChart(graph4Nets, {
    subtitle: ['n = 565 valid respondents (9–25 January 2021)', '% of respondents; the net adds the first two answers'],
    config: { range: { category: ['#009E73'] } },
  });
});

chart(function graph4NetsDonut() {
  return frequencyChart(graph4Nets, { type: 'donut' });
}, (svg) => {
  assert.match(svg, /Not drawn: the net “[^<]+”, which overlaps the answers it combines/);
});

chart(function warnDonutTooManyAnswers() {
  const sevenAnswers = frequency('Q7', 'Which messaging app do you use most?', [
    ['WhatsApp', 250], ['Telegram', 110], ['Signal', 70], ['Messenger', 50], ['iMessage', 40], ['Viber', 25], ['Other', 20],
  ]);
  const result = frequencyChart(sevenAnswers, { type: 'donut' });
  assert.deepEqual(result.warnings, [chartMessages.donutTooManyAnswers('Q7', 7, 6)]);
  return result;
});

chart(function warnDonutMultiSelect() {
  return frequencyChart(graph5, { type: 'donut' });
});

test('an answer of pages (free text read as a choice) ends in an ellipsis beside its bar, and vega draws it (it overflowed the stack)', async () => {
  const { renderSvg } = await import('../../src/render/chart/svg.js');
  const { MAX_LABEL_LINES } = await import('../../src/render/chart/common.js');
  const pages = frequency('b', 'b', [['x'.repeat(50_000), 1], [`${'long answer, '.repeat(8000)}end`, 1], ['y', 1]]);
  const { spec } = frequencyChart(pages);
  const keys = (spec as unknown as { data: { values: { key: string }[] } }).data.values.map((d) => d.key);
  assert.ok(keys.slice(0, 2).every((k) => k.split('\n').length === MAX_LABEL_LINES && k.endsWith('\u2026')), JSON.stringify(keys.map((k) => k.slice(-20))));
  assert.equal(keys[2], 'y');
  const svg = await renderSvg(spec);
  assert.match(svg, /<svg/);
});

test('a weighted chart says so even when the weights sum to the respondents, with what they cost (the effective base)', () => {
  const t = frequency('q0001', 'How masculine?', [['Very', 600], ['Somewhat', 1015]], { base: 1615, unweightedBase: 1615, effectiveBase: 526.2 });
  assert.match(JSON.stringify(frequencyChart(t).spec), /n = 1,615 valid respondents, weighted 1,615, effective 526, % of respondents/);
  // Unweighted (the effective base is the base): as before.
  const plain = frequency('q0001', 'How masculine?', [['Very', 600], ['Somewhat', 1015]], { base: 1615, unweightedBase: 1615, effectiveBase: 1615 });
  assert.match(JSON.stringify(frequencyChart(plain).spec), /n = 1,615 valid respondents, % of respondents/);
});

test('bars of 52% (a subgroup beside the whole, on one axis) reach 70% on ticks of 10, not 80%, a third of the plot left empty', () => {
  const json = JSON.stringify(frequencyChart(graph3b, { axisPeak: 52.2 }).spec);
  assert.match(json, /"values":\[0,10,20,30,40,50,60,70\]/);
  assert.match(json, /"domain":\[0,70\]/);
  // Past 70%, steps of 20 to 100%.
  assert.match(JSON.stringify(frequencyChart(graph3b, { axisPeak: 72 }).spec), /"values":\[0,20,40,60,80,100\]/);
});
