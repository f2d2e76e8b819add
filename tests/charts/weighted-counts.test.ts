/**
 * A weighted chart's hover text and description give an answer's weighted count out of its base
 * as whole numbers, as its subtitle and group labels print weighted bases: never "161.27 of 847.50".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crosstabChart, frequencyChart, likertChart, profileChart } from '../../src/render/chart/spec.js';
import { agreementGrid, crosstab, frequency } from './data.js';

/** Every "(... of ...)" in a spec's hover texts. */
const shares = (spec: unknown): string[] => [...JSON.stringify(spec).matchAll(/\(([^()]*? of [^()]*?)\)/g)].map((m) => m[1]!);
const twoDecimals = /\d\.\d\d\b/;

test('a weighted grid gives each answer as a weighted whole count of its item\'s weighted base', () => {
  const weighted = agreementGrid.map((t) => ({
    ...t,
    unweightedBase: t.base,
    base: t.base * 1.5,
    rows: t.rows.map((row) => ({ ...row, count: (row.count ?? 0) * 1.5 + 0.27 })),
  }));
  const found = shares(likertChart(weighted).spec);
  assert.ok(found.length > 0);
  for (const s of found) assert.doesNotMatch(s, twoDecimals, s);
  assert.ok(found.includes('weighted 242 of 848'), JSON.stringify(found.slice(0, 3)));
  // Unweighted: the counts as they are, without the word.
  assert.ok(shares(likertChart(agreementGrid).spec).includes('161 of 565'));
});

test('weighted frequency bars, crosstabs and profiles say their counts the same way', () => {
  const freq = frequency('q', 'Q', [['Yes', 300], ['No', 265]], { unweightedBase: 565 });
  const w = { ...freq, base: 847.5, rows: freq.rows.map((row, i) => ({ ...row, count: [449.25, 398.25][i]! })) };
  assert.match(JSON.stringify(frequencyChart(w).spec), /\(weighted 449 of 848 respondents\)/);
  assert.match(JSON.stringify(profileChart([w]).spec), /\(weighted 449 of 848 respondents\)/);
  const ct = crosstab([[10.4, 20.25], [30.5, 40]], ['Yes', 'No'], ['A', 'B'], { unweightedBase: 90, unweightedColumnBases: [40, 50] });
  for (const type of ['stacked', 'grouped', 'heatmap'] as const) {
    const found = shares(crosstabChart(ct, { type }).spec);
    assert.ok(found.some((s) => s.includes('weighted 10 of 41')), `${type}: ${JSON.stringify(found)}`);
    for (const s of found) assert.doesNotMatch(s, twoDecimals, `${type}: ${s}`);
  }
});
