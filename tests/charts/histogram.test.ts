import assert from 'node:assert/strict';
import { test } from 'node:test';
import { histogramChart } from '../../src/render/chart/spec.js';
import { renderSvg } from '../../src/render/chart/svg.js';
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

test('a numeric question of one distinct value draws its bar and count (a bin of no width drew nothing)', async () => {
  const one = { ...age, n: 30, mean: 5.5, median: 5.5, sd: 0, min: 5.5, max: 5.5, bins: [{ x0: 5.5, x1: 5.5, count: 30 }] };
  const svg = await renderSvg(histogramChart(one).spec);
  const bar = /aria-label="5\.5 to 5\.5: 30 respondents"[^>]*d="M[\d.]+,[\d.]+h([\d.]+)v/.exec(svg);
  assert.ok(bar, 'the bar is drawn');
  assert.ok(Number(bar[1]) > 100, `the bar is ${bar[1]} px wide`);
  assert.match(svg, />30<\/text>/, 'its count over it');
  assert.match(svg, />5\.5<\/text>/, 'the value on the axis');
});

test("a long question that is the histogram's title is not said again under its value axis", () => {
  const long = { ...age, label: 'How many hours a week do you spend on messaging apps such as WhatsApp, Telegram or Signal, counting both phone and computer?' };
  const spec = JSON.stringify(histogramChart(long).spec);
  assert.match(spec, /"axis":\{"title":null,"format":",~g"/);
  // Under another title, the axis is the one place that names the question: it keeps it, wrapped.
  assert.match(JSON.stringify(histogramChart(long, { title: 'Time on messaging apps' }).spec), /"title":\["How many hours a week do you spend on messaging apps such as",/);
  assert.match(JSON.stringify(histogramChart(long, { axisTitle: 'Hours a week' }).spec), /"title":"Hours a week","format":",~g"/);
});

test('a histogram of numbers near the largest double prints them, never Infinity or NaN (mean, median, SD, bin edges)', async () => {
  const bins = Array.from({ length: 8 }, (_, i) => ({ x0: 9e307 + i * 5e305, x1: 9e307 + (i + 1) * 5e305, count: 5 }));
  const near = { ...age, n: 40, mean: 9.195e307, median: 9.195e307, sd: 1.169e306, min: 9e307, max: 9.39e307, bins };
  const svg = await renderSvg(histogramChart(near).spec);
  assert.doesNotMatch(svg, /Infinity|NaN/);
  assert.ok(svg.includes('mean 9.195e+307, median 9.195e+307, SD 1.169e+306'), 'the statistics as numbers');
  assert.ok(svg.includes('9e+307 to under 9.05e+307: 5 respondents'), 'the bins as numbers');
});

test("a histogram's count axis ends at its last labelled tick, not in an unlabelled stub above it", async () => {
  for (const peak of [131, 47, 140]) {
    const bins = (age.bins ?? []).map((b) => ({ ...b, count: Math.min(b.count, peak) }));
    const svg = await renderSvg(histogramChart({ ...age, bins }).spec);
    // The count axis's labels: [value, y]; the top of the plot is y = 0, a label sits 3 px below its tick.
    const labels = [...svg.matchAll(/<text text-anchor="end" transform="translate\(-7,([\d.]+)\)"[^>]*>([\d,]+)<\/text>/g)].map((m) => [Number(m[2]!.replace(/,/g, '')), Number(m[1])] as const);
    const top = labels.reduce((a, b) => (b[0] > a[0] ? b : a));
    assert.equal(top[1], 3, `peak ${peak}: the top label ${top[0]} is ${top[1] - 3} px below the top of the axis`);
    // And not far above the tallest bar: the bars keep most of the plot's height.
    assert.ok(top[0] < peak * 1.5, `peak ${peak}: axis to ${top[0]}`);
  }
});
