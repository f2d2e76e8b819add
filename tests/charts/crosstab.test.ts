import assert from 'node:assert/strict';
import { crosstabChart, frequencyChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { crosstab, graph5, understandingByGovernment, understandingByGovernmentNets } from './data.js';
import { test } from 'node:test';
import { chartForTable } from '../../src/report/choose-chart.js';

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

chart(function crosstabStackedNets() {
  return crosstabChart(understandingByGovernmentNets, { type: 'stacked' });
}, (svg) => {
  // Left out of the stack by design, and said so on the chart rather than warned of on every run.
  assert.match(svg, /Not drawn: the net “Understand at least reasonably well”, which overlaps the answers it combines/);
});

test('a stacked crosstab of a two-sided scale is shaded in scale order; answers off the scale are grey', () => {
  const ranges = (spec: unknown): string[][] => JSON.stringify(spec).match(/"range":\["#[^\]]*\]/g)!.map((m) => JSON.parse(m.slice(8)) as string[]);
  // "Fully well" .. "Not at all": the positive end first, dark blue, to dark orange.
  const ordered = crosstabChart(understandingByGovernment, { type: 'stacked', ordered: 'positiveFirst' });
  assert.deepEqual(ranges(ordered.spec)[0], ['#2166AC', '#92C5DE', '#FDB863', '#B35806']);
  assert.deepEqual(ranges(crosstabChart(understandingByGovernment, { type: 'stacked', ordered: 'negativeFirst' }).spec)[0], ['#B35806', '#FDB863', '#92C5DE', '#2166AC']);
  const withDontKnow = crosstab([[5, 6], [7, 8], [1, 2], [3, 3]], ['Agree', 'Neutral', 'Disagree', "Don't know"], ['Men', 'Women']);
  assert.deepEqual(ranges(crosstabChart(withDontKnow, { type: 'stacked', ordered: 'positiveFirst' }).spec)[0], ['#4393C3', '#D9D9D9', '#E08214', '#969696']);
  // Without it, category colours.
  assert.notDeepEqual(ranges(crosstabChart(understandingByGovernment, { type: 'stacked' }).spec)[0], ranges(ordered.spec)[0]);
  // A one-sided scale ("Every day" .. "Never"): one hue, darkest first; "Don't know" still grey.
  const often = crosstab([[5, 6], [7, 8], [1, 2], [3, 3]], ['Every day', 'Sometimes', 'Never', "Don't know"], ['Men', 'Women']);
  assert.deepEqual(ranges(crosstabChart(often, { type: 'stacked', ordered: 'oneSided' }).spec)[0], ['#08519C', '#739ECA', '#DEEBF7', '#969696']);
});

test('one hue or two sides: a neutral middle or an "un-" pole makes two sides; how often, or an odd strong-to-none scale, one', async () => {
  const { sides } = await import('../../src/report/choose-chart.js');
  const q = (scale: string, options: string[]) => ({ id: 'q', label: 'Q', type: 'single' as const, columns: [0], options, items: [], scale });
  assert.deepEqual(sides(q('intensity', ['Very important', 'Somewhat important', 'Neither important nor unimportant (neutral)', 'Somewhat unimportant', 'Very unimportant'])), { ordered: 'positiveFirst' });
  assert.deepEqual(sides(q('intensity', ['Extremely', 'Very', 'Somewhat', 'Not very', 'Not at all'])), { ordered: 'oneSided' });
  assert.deepEqual(sides(q('frequency', ['Every day', 'Weekly', 'Never'])), { ordered: 'oneSided' });
  assert.deepEqual(sides(q('amount', ['A lot', 'Some', 'Not much', 'Not at all'])), { ordered: 'positiveFirst' });
  // An order with no good and bad sides (rare .. well done): one hue, not unrelated colours.
  assert.deepEqual(sides(q('doneness', ['Rare', 'Medium rare', 'Medium', 'Medium Well', 'Well'])), { ordered: 'oneSided' });
  assert.deepEqual(sides(q('yesNo', ['Yes', 'No'])), {});
  // Numbers in an order (income and age bands, ranks) are an order too: one hue, not unrelated colours.
  assert.deepEqual(sides(q('numeric', ['$0 - $24,999', '$25,000 - $49,999', '$50,000 - $99,999', '$150,000+'])), { ordered: 'oneSided' });
  assert.deepEqual(sides(q('numeric', ['18-29', '30-44', '45-60', '> 60'])), { ordered: 'oneSided' });
  assert.deepEqual(sides({ ...q('numeric', ['1', '2', '3', '4', '5', '6']), label: 'Please rank the films', items: ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => ({ id, label: id, column: i })) }), { ordered: 'oneSided' });
  // A rating of numbers has two sides; answer codes (A1..A5) have no order to shade.
  assert.deepEqual(sides(q('numeric', ['1', '2', '3', '4', '5'])), { ordered: 'negativeFirst' });
  assert.deepEqual(sides(q('codes', ['A1', 'A2', 'A3'])), {});
  // Masculine against not, true against false: two sides, as the README's table of scales says.
  assert.deepEqual(sides(q('masculinity', ['Very masculine', 'Somewhat masculine', 'Not very masculine', 'Not at all masculine'])), { ordered: 'positiveFirst' });
  assert.deepEqual(sides(q('trueFalse', ['True', 'False'])), { ordered: 'positiveFirst' });
});

test('cells hidden by disclosure control: a stacked bar ends with their share as one grey "Hidden (*)" segment; heatmap cells and grouped bars show *', () => {
  // Men's "Disagree" (1) and "Don't know" (3) hidden together: 8 of 20 men, 40%, drawn as one segment.
  const t = crosstab([[5, 6], [11, 8], [1, 2], [3, 3]], ['Agree', 'Neutral', 'Disagree', "Don't know"], ['Men', 'Women']);
  const hidden = { ...t, counts: [[5, 6], [11, 8], [null, 2], [null, 3]], columnPercents: t.columnPercents.map((row, r) => row.map((x, c) => (r >= 2 && c === 0 ? null : x))), suppressed: [[false, false], [false, false], [true, false], [true, false]] } as unknown as typeof t;
  const values = (spec: unknown) => ((spec as { data: { values: Record<string, unknown>[] } }).data.values);
  const stacked = values(crosstabChart(hidden, { type: 'stacked' }).spec);
  const men = stacked.filter((d) => String(d['key']).startsWith('Men'));
  assert.deepEqual(men.map((d) => [d['segment'], d['value']]), [['Agree', 25], ['Neutral', 55], ['Hidden (*)', 20]]);
  assert.equal(men.at(-1)!['end'], 100);
  // Women hide nothing: no hidden segment, and their bars add up to 100 as before.
  assert.deepEqual(stacked.filter((d) => String(d['key']).startsWith('Women')).map((d) => d['segment']), ['Agree', 'Neutral', 'Disagree', "Don't know"]);
  const heat = values(crosstabChart(hidden, { type: 'heatmap' }).spec);
  assert.deepEqual(heat.filter((d) => d['text'] === '*').length, 2);
  assert.ok(heat.every((d) => d['text'] !== '0%'), 'a hidden cell is never drawn as 0%');
  const grouped = JSON.stringify(crosstabChart(hidden, { type: 'grouped' }).spec);
  assert.equal(grouped.match(/"text":"\*"/g)?.length, 2);
  assert.match(grouped, /Disagree, Men: \* \(hidden by disclosure control\)/);
  // A report draws it (it used to draw no chart, unsaid) and counts the hidden cells under the subtitle.
  const drawn = chartForTable(hidden, {})!;
  assert.match(JSON.stringify(drawn.spec), /Hidden by disclosure control \(\*\): 2 cells/);
  // A net's hidden cells are counted only where nets are drawn (grouped bars), not in stacked bars that leave them out.
  const withNet = { ...hidden, rowLabels: [...hidden.rowLabels, 'Disagree or unsure'], netRows: [4], counts: [...hidden.counts, [null, 5]], columnPercents: [...hidden.columnPercents, [null, 25]], suppressed: [...hidden.suppressed!, [true, false]] } as typeof hidden;
  assert.match(JSON.stringify(chartForTable(withNet, {})!.spec), /Hidden by disclosure control \(\*\): 2 cells/);
  assert.match(JSON.stringify(chartForTable(withNet, { chart: { type: 'grouped' } })!.spec), /Hidden by disclosure control \(\*\): 3 cells/);
});

// FiveThirtyEight's flying-etiquette survey: height by gender (20 answers, too many to stack).
const heights = ['Under 5 ft.', '5\'0"', '5\'1"', '5\'2"', '5\'3"', '5\'4"', '5\'5"', '5\'6"', '5\'7"', '5\'8"', '5\'9"', '5\'10"', '5\'11"', '6\'0"', '6\'1"', '6\'2"', '6\'3"', '6\'4"', '6\'5"', '6\'6" and above'];
const heightCounts = [[10, 2], [17, 0], [19, 0], [41, 4], [44, 4], [75, 2], [62, 9], [57, 18], [42, 34], [30, 46], [20, 50], [14, 53], [3, 51], [5, 52], [2, 24], [1, 26], [0, 18], [0, 11], [0, 6], [0, 1]];

chart(function crosstabHeatmapManyAnswers() {
  return crosstabChart(crosstab(heightCounts, heights, ['Female', 'Male'], { row: 'tall', column: 'gender', label: 'How tall are you? by Gender' }));
}, (svg, result) => {
  assert.match(svg, /<desc>Heatmap of/);
  // Every cell says its percentage: 75 of 442 women are 5'4".
  assert.ok(svg.includes('>17%</text>'));
  assert.ok(svg.includes('>n = 442</tspan>'));
  assert.equal(result.warnings.length, 0, 'no palette warning for 20 answers');
});

test('a crosstab chart of up to 6 answers, of a scale, or asked to be stacked, stays stacked; 7 or more unordered answers make a heatmap', () => {
  const stackedOf = (t: ReturnType<typeof crosstab>, opts: Parameters<typeof crosstabChart>[1]) => /100% stacked bar chart/.test(JSON.stringify(crosstabChart(t, opts).spec));
  const all = crosstab(heightCounts, heights, ['Female', 'Male']);
  assert.equal(stackedOf(crosstab(heightCounts.slice(0, 6), heights.slice(0, 6), ['Female', 'Male']), {}), true);
  // Nine census regions by gender: slivers of 4-5% in colours past the distinct six.
  assert.equal(stackedOf(crosstab(heightCounts.slice(0, 7), heights.slice(0, 7), ['Female', 'Male']), {}), false);
  assert.equal(stackedOf(crosstab(heightCounts.slice(0, 9), heights.slice(0, 9), ['Female', 'Male']), {}), false);
  assert.equal(stackedOf(all, { type: 'stacked' }), true, 'asked for');
  assert.equal(stackedOf(all, { ordered: 'negativeFirst' }), true, 'a 0-10 rating keeps its diverging shades');
  assert.equal(stackedOf(all, { ordered: 'oneSided' }), false, 'twenty heights in one hue cannot be told apart either');
  assert.equal(stackedOf(all, {}), false);
});

test('a crosstab of one checkbox says no "more than one answer allowed"', () => {
  const one = crosstab([[300, 420]], ["Macy's Parade"], ['18 - 29', '30 - 44'], { multi: true });
  assert.doesNotMatch(JSON.stringify(crosstabChart(one, { type: 'grouped' }).spec), /more than one answer allowed/);
  const two = crosstab([[300, 420], [10, 20]], ["Macy's Parade", 'Dog show'], ['18 - 29', '30 - 44'], { multi: true });
  assert.match(JSON.stringify(crosstabChart(two, { type: 'grouped' }).spec), /more than one answer allowed/);
});

test('a multi-select says "more than one answer allowed" in the same words in its frequency chart and its crosstab', () => {
  const two = crosstab([[300, 420], [10, 20]], ["Macy's Parade", 'Dog show'], ['18 - 29', '30 - 44'], { multi: true });
  const subtitle = (spec: unknown) => [(spec as { title: { subtitle: string | string[] } }).title.subtitle].flat().join(' ');
  const inCrosstab = subtitle(crosstabChart(two, { type: 'grouped' }).spec);
  const inFrequency = subtitle(frequencyChart({ ...graph5, type: 'multi' }).spec);
  assert.match(inCrosstab, /% of each group's respondents; more than one answer allowed$/);
  assert.match(inFrequency, /% of respondents; more than one answer allowed$/);
});

test("a chart's description says each subtitle line as a sentence of its own", () => {
  const { spec } = crosstabChart(understandingByGovernment, { type: 'stacked', note: ['Only rows where age >= 18', 'Not shown: Unfamiliar (N/A)'] });
  assert.match(String(spec.description), /% of each group's respondents\. Only rows where age >= 18\. Not shown: Unfamiliar \(N\/A\)\. Ask WhatsApp/);
});

test('a weighted crosstab gives each group its weighted and effective base under its respondents, as the subtitle does for the table', () => {
  const t = crosstab([[300, 420], [150, 130]], ['Yes', 'No'], ['18 - 34', '35 - 64']);
  const weighted = { ...t, columnBases: [472.04, 840.8], base: 1312.84, unweightedColumnBases: [133, 855], unweightedBase: 988, effectiveColumnBases: [86.2, 350.4], effectiveBase: 526.3 };
  const stacked = JSON.stringify(crosstabChart(weighted, { type: 'stacked' }).spec);
  assert.match(stacked, /n = 988 valid respondents answering both questions, weighted 1,313, effective 526, % of each group's respondents/);
  assert.match(stacked, /"18 - 34\\nn = 133\\nweighted 472, effective 86"/);
  assert.match(JSON.stringify(crosstabChart(weighted, { type: 'grouped' }).spec), /18 - 34 \(n\u00A0=\u00A0133, weighted\\n472, effective 86\)/);
  // Each heatmap column's lines fit its cell.
  const heat = JSON.stringify(crosstabChart(weighted, { type: 'heatmap' }).spec);
  assert.match(heat, /"18 - 34\\nn = 133\\nweighted 472,\\neffective 86"/);
  // Unweighted, the respondents alone.
  assert.match(JSON.stringify(crosstabChart(t, { type: 'stacked' }).spec), /"18 - 34\\nn = 450"/);
});
