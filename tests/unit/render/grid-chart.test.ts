import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartForGrid, chartForTable } from '../../../src/report/choose-chart.js';
import type { Question } from '../../../src/spec/codebook.js';
import { crosstab, frequency } from '../../charts/data.js';

const grid = (options: string[]): Question => ({
  id: 'rate', label: 'Please rate', type: 'matrix', columns: [0, 1], options, scale: 'numeric',
  items: [{ id: 'a', label: 'Algeria', column: 0 }, { id: 'b', label: 'Brazil', column: 1 }],
});
const items = (options: string[]) => ['Algeria', 'Brazil'].map((item, k) => frequency('rate', `Please rate | ${item}`, options.map((o, i) => [o, 10 + i + k] as [string, number]), { item, base: 100 }));

test('a grid rated 1 to 5 (beside N/A), or 0 to 10, gets one diverging chart; a grid of other numbers does not', () => {
  const nps = Array.from({ length: 11 }, (_, i) => String(i));
  assert.ok(chartForGrid(grid(nps), items(nps), {}), '0-10');
  const ratings = ['1', '2', '3', '4', '5', 'N/A'];
  const chart = chartForGrid(grid(ratings), items(ratings), {});
  assert.ok(chart, 'a rating scale has sides');
  assert.match(JSON.stringify(chart.spec), /"title":\{"text":"N\/A"/, 'N/A in a column of its own');
  // Counts of things (0-3 children), ranges, gaps, too few points: bars per item.
  for (const other of [['18-29', '30-44', '45-60'], ['2', '4', '6'], ['1', '2'], ['5', '6', '7'], ['0', '1', '2', '3'], ['1', '2', '3']]) {
    assert.equal(chartForGrid(grid(other), items(other), {}), null, other.join(' '));
  }
});

test('what is off the scale is drawn beside the bars, each item with its own share; a ranking gets no diverging chart', () => {
  const ratings = ['1', '2', '3', '4', '5', 'N/A'];
  const chart = chartForGrid(grid(ratings), items(ratings), {});
  // N/A is 15 and 16 of 100 in the two items: each item's share, drawn, not a range under the title.
  const json = JSON.stringify(chart!.spec);
  assert.match(json, /"desc":"Algeria: N\/A 15% \(15 of 100\)"/);
  assert.match(json, /"desc":"Brazil: N\/A 16% \(16 of 100\)"/);
  assert.doesNotMatch(json, /Not shown/);
  // "Please rank ... 1 being your favourite": five films ranked 1 to 5 have no good and bad sides.
  const films = ['A', 'B', 'C', 'D', 'E'];
  const places = ['1', '2', '3', '4', '5'];
  const five = (label: string): Question => ({ ...grid(places), label, columns: [0, 1, 2, 3, 4], items: films.map((f, i) => ({ id: f.toLowerCase(), label: f, column: i })) });
  const fiveItems = films.map((f, k) => frequency('rank', `${f}`, places.map((o, i) => [o, 10 + i + k] as [string, number]), { item: f, base: 100 }));
  assert.equal(chartForGrid(five('Please rank the films in order of preference'), fiveItems, {}), null);
  // The same five places as a rating keep their chart; so does a "rank" of two items on five points.
  assert.ok(chartForGrid(five('Please rate the films from 1 to 5'), fiveItems, {}), 'a rating');
  const rated: Question = { ...grid(ratings), label: 'Please rank each film from 1 to 5' };
  assert.ok(chartForGrid(rated, items(ratings), {}), 'five points for two items is a rating');
  // Worded without "rank": told by its answers, every place given once by each of 100 respondents.
  const shares = [40, 25, 15, 12, 8];
  const ranked = films.map((f, k) => frequency('rank', f, places.map((o, i) => [o, shares[(i + k) % 5]!] as [string, number]), { item: f, base: 100 }));
  assert.equal(chartForGrid(five('Put the films in order, 1 being your favourite'), ranked, {}), null, 'places used once each');
  assert.ok(chartForGrid(five('Put the films in order, 1 being your favourite'), fiveItems, {}), 'places used unevenly: a rating');
});

test('one-sided scales (how often; "Extremely" .. "Not at all" on an odd number of points) get stacked bars from 0, in shades of one hue; even ones still diverge', () => {
  const chartOf = (scale: string, options: string[]) => {
    const q: Question = { ...grid(options), scale };
    const c = chartForGrid(q, items(options), {});
    assert.ok(c, scale);
    const spec = JSON.stringify(c.spec);
    return { spec, domain: (spec.match(/"domain":\[(-?\d+),(\d+)\]/) ?? []).slice(1).map(Number) };
  };
  const often = chartOf('frequency', ['Every day', 'A few times per week', 'A few times per month', 'Once a month or less', 'Never']);
  assert.deepEqual(often.domain, [0, 100], 'stacked from 0');
  assert.match(often.spec, /Stacked bar chart/);
  assert.ok(often.spec.indexOf('Every day') < often.spec.indexOf('Never'), 'strong end first');
  assert.ok(!often.spec.includes('#D9D9D9'), 'no neutral grey middle');
  const comfort = chartOf('intensity', ['Extremely comfortable', 'Very comfortable', 'Somewhat comfortable', 'Not so comfortable', 'Not at all comfortable']);
  assert.deepEqual(comfort.domain, [0, 100]);
  // Four points split into two sides: concerned, not concerned.
  const concern = chartOf('concern', ['Very concerned', 'Somewhat concerned', 'Not very concerned', 'Not at all concerned']);
  assert.ok(concern.domain[0]! < 0, 'diverging');
  assert.match(concern.spec, /Diverging stacked bar chart/);
});

test('a chart type the table cannot be drawn as is told (SURVEY_CHART), not drawn silently as another; bars asked of a grid give each item its own', () => {
  const ratings = ['1', '2', '3', '4', '5'];
  assert.equal(chartForGrid(grid(ratings), items(ratings), { chart: { type: 'bar' } }), null, 'each item gets bars');
  const donutGrid = chartForGrid(grid(ratings), items(ratings), { chart: { type: 'donut' } });
  assert.deepEqual(donutGrid!.warnings, ["chart of 'Please rate': a grid's table is not drawn as 'donut' (type: likert or bar); drawn as diverging bars"]);
  const one = items(ratings)[0]!;
  assert.deepEqual(chartForTable(one, { chart: { type: 'stacked' } })!.warnings, ["chart of 'Please rate | Algeria': a frequency table is not drawn as 'stacked' (type: bar or donut); drawn as bars"]);
  assert.deepEqual(chartForTable(one, { chart: { type: 'donut' } })!.warnings, [], 'a donut is a frequency chart');
  const x = crosstab([[10, 20], [30, 40]], ['Yes', 'No'], ['Men', 'Women'], { label: 'Uses it by sex' });
  assert.deepEqual(chartForTable(x, { chart: { type: 'donut' } })!.warnings, ["chart of 'Uses it by sex': a crosstab is not drawn as 'donut' (type: grouped or stacked or heatmap); drawn as a 100% stacked bar chart"]);
});

test('a grid on an order with no sides (rare .. well done) gets bars per item, not a chart diverging around "Medium"', () => {
  const doneness = ['Rare', 'Medium rare', 'Medium', 'Medium Well', 'Well'];
  assert.equal(chartForGrid({ ...grid(doneness), scale: 'doneness' }, items(doneness), {}), null);
  const agree = ['Strongly agree', 'Agree', 'Neutral', 'Disagree', 'Strongly disagree'];
  assert.ok(chartForGrid({ ...grid(agree), scale: 'agreement' }, items(agree), {}), 'agreement diverges');
});

test('a one-sided grid ends each bar with "No answer" in the grey of every chart; a diverging grid draws it in a column of its own', () => {
  const often = ['Often', 'Sometimes', 'Rarely', 'Never', 'No answer'];
  const chart = chartForGrid({ ...grid(often), scale: 'frequency' }, items(often), {})!;
  const json = JSON.stringify(chart.spec);
  assert.doesNotMatch(json, /Not shown/);
  assert.match(json, /"domain":\["Often","Sometimes","Rarely","Never","No answer"\],"range":\["#[0-9A-F]{6}","#[0-9A-F]{6}","#[0-9A-F]{6}","#[0-9A-F]{6}","#969696"\]/);
  const agree = ['Agree', 'Neither agree nor disagree', 'Disagree', 'No answer'];
  const diverging = JSON.stringify(chartForGrid({ ...grid(agree), scale: 'agreement' }, items(agree), {})!.spec);
  assert.match(diverging, /"title":\{"text":"No answer".*"mark":\{"type":"bar","height":22,"color":"#969696"\}/);
  assert.doesNotMatch(diverging, /Not shown/);
});

test("a diverging grid draws each answer off its scale with each item's own share, weighted as its bars are; not answers nobody gave, nor those outside the base", () => {
  const agree = ['Agree', 'Neither agree nor disagree', 'Disagree', "Don't know", 'No answer'];
  const q = { ...grid(agree), scale: 'agreement' };
  // Weighted: 1,000 of weighted base, shares of it; "No answer" absent from Brazil's table (0%).
  const weighted = (item: string, counts: number[], labels = agree) => ({
    ...frequency('rate', `Please rate | ${item}`, counts.map((c, i) => [labels[i]!, c] as [string, number]), { item, base: 1000 }),
    unweightedBase: 400,
    effectiveBase: 300,
  });
  const spec = (tables: ReturnType<typeof weighted>[]) => JSON.stringify(chartForGrid(q, tables, {})!.spec);
  const differ = spec([weighted('Algeria', [300, 300, 250, 118, 32]), weighted('Brazil', [300, 300, 380, 20], agree.slice(0, 4))]);
  assert.match(differ, /"desc":"Algeria: Don't know 12% \(weighted 118 of 1,000\)"/);
  assert.match(differ, /"desc":"Brazil: Don't know 2% \(weighted 20 of 1,000\)"/);
  assert.match(differ, /"desc":"Brazil: No answer 0% \(weighted 0 of 1,000\)"/);
  assert.doesNotMatch(differ, /Not shown/);
  // An answer nobody gave, or one declared missing (outside the base), gets no column.
  const same = weighted('Brazil', [300, 300, 330, 34, 0]);
  const missing = { ...weighted('Algeria', [300, 300, 368, 32, 0]), rows: [...weighted('Algeria', [300, 300, 368, 32]).rows, { label: 'No answer', count: 50, percent: 4.8, missing: true as const }] };
  const one = spec([missing, same]);
  assert.match(one, /"title":\{"text":"Don't know"/);
  assert.doesNotMatch(one, /"title":\{"text":"No answer"/);
});
