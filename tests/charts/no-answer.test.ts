/**
 * An answer that gives none ("No answer", "Don't know") is drawn one way in every chart of a
 * study: last, in one neutral grey.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crosstabChart, frequencyChart, profileChart } from '../../src/render/chart/spec.js';
import { NO_ANSWER_COLOR } from '../../src/render/chart/theme.js';
import { crosstab, frequency } from './data.js';

type Spec = { data?: { values: Record<string, unknown>[] }; vconcat?: Spec[] };
const values = (spec: unknown): Record<string, unknown>[] => {
  const s = spec as Spec;
  return s.data?.values ?? (s.vconcat ?? []).flatMap(values);
};
const ranges = (spec: unknown): string[][] => JSON.stringify(spec).match(/"range":\["#[^\]]*\]/g)!.map((m) => JSON.parse(m.slice(8)) as string[]);

// A spec's options may list "No answer" anywhere; the charts draw it last.
const married = frequency('q0024', 'Marital status', [['Married', 800], ['No answer', 10], ['Never married', 500], ['Divorced', 200]]);

test('frequency bars: a "No answer" bar comes last, in the neutral grey; the answers keep their colour', () => {
  const { spec } = frequencyChart(married);
  assert.deepEqual(values(spec).map((d) => d['answer']), ['Married', 'Never married', 'Divorced', 'No answer']);
  assert.deepEqual(values(spec).map((d) => d['noAnswer'] === true), [false, false, false, true]);
  assert.match(JSON.stringify(spec), new RegExp(`"condition":\\{"test":"datum.noAnswer","value":"${NO_ANSWER_COLOR}"\\}`));
  // Without one, no condition at all.
  assert.doesNotMatch(JSON.stringify(frequencyChart(frequency('q', 'Q', [['Yes', 3], ['No', 2]])).spec), /datum.noAnswer/);
});

test('a donut: the "No answer" slice is grey and last', () => {
  const { spec } = frequencyChart(married, { type: 'donut' });
  const range = ranges(spec)[0]!;
  assert.equal(range.length, 4);
  assert.equal(range[3], NO_ANSWER_COLOR);
  assert.ok(range.slice(0, 3).every((c) => c !== NO_ANSWER_COLOR));
});

test('stacked crosstabs, on a scale or not, end with "No answer" in the same grey', () => {
  const unordered = crosstab([[80, 60], [1, 2], [50, 40], [20, 30]], ['Married', 'No answer', 'Never married', 'Divorced'], ['18 - 34', '35 - 64']);
  const { spec } = crosstabChart(unordered, { type: 'stacked' });
  const segments = [...new Set(values(spec).map((d) => d['segment']))];
  assert.deepEqual(segments, ['Married', 'Never married', 'Divorced', 'No answer']);
  assert.deepEqual(ranges(spec)[0], ['#0072B2', '#E69F00', '#009E73', NO_ANSWER_COLOR]);
  const scale = crosstab([[5, 6], [1, 1], [7, 8], [1, 2]], ['Very masculine', 'No answer', 'Somewhat masculine', 'Not very masculine'], ['18 - 34', '35 - 64']);
  assert.equal(ranges(crosstabChart(scale, { type: 'stacked', ordered: 'positiveFirst' }).spec)[0]!.at(-1), NO_ANSWER_COLOR);
  // A heatmap and grouped bars list it last too.
  assert.equal(values(crosstabChart(unordered, { type: 'heatmap' }).spec).at(-1)!['key'], 'No answer');
  assert.match(JSON.stringify(crosstabChart(unordered, { type: 'grouped' }).spec), /"sort":\["Married","Never married","Divorced","No answer"\]/);
});

test('a respondent profile greys its "Prefer not to say" bar and puts it last', () => {
  const gender = frequency('gender', 'Gender', [['Prefer not to say', 15], ['Male', 300], ['Female', 250]]);
  const { spec } = profileChart([gender]);
  assert.deepEqual(values(spec).map((d) => [d['key'], d['noAnswer'] === true]), [['Male', false], ['Female', false], ['Prefer not to say', true]]);
  assert.match(JSON.stringify(spec), /"test":"datum.noAnswer"/);
});
