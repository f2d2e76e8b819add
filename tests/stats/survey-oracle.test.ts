/**
 * Weighted statistics against R's survey package (tests/oracles/survey_stats.R, output committed):
 * weighted percentages, Wilson intervals on the effective base, the weighting summary,
 * Rao-Scott tests (both orders), raking, and a numeric summary and a crosstab with zero weights, all to 1e-6 or better.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/config/load-spec.js';
import { runReport, type ReportResult } from '../../src/engine/report.js';
import type { CrosstabTable, FrequencyTable, NumericTable } from '../../src/spec/result.js';
import { analyzeFile } from '../../src/engine/analyze.js';
import { wilson } from '../../src/stats/wilson.js';
import { fromRoot } from '../helpers/paths.js';

const R = JSON.parse(readFileSync(fromRoot('tests/oracles/output/survey-stats.json'), 'utf8'));
const DATA = fromRoot('fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv');

function near(actual: number, expected: number, what: string, tol = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs R ${expected}`);
}

async function report(yaml: string): Promise<ReportResult> {
  const spec = `version: 1\ninput: { file: ${JSON.stringify(DATA)} }\nquestions:\n  - { id: weight, column: weight, type: numeric }\n${yaml}`;
  return (await runReport(parseSpec(spec, 'test.yaml'), fromRoot('test.yaml'))).result;
}

const weighted = await report(
  'weight: weight\nstatistics: { raoScott: 2 }\ntables:\n  - { id: q0001, type: frequency, question: q0001 }\n  - { id: q0026, type: frequency, question: q0026 }\n' +
    Object.keys(R.svychisq)
      .map((k: string, i: number) => `  - { id: x${i}, type: crosstab, row: ${k.split(' x ')[0]}, column: ${k.split(' x ')[1]} }\n`)
      .join(''),
);

test('weighting summary: Kish effective base, design effect, efficiency', () => {
  const w = weighted.weights!;
  const r = R.weightsSummary;
  assert.equal(w.n, r.n);
  for (const k of ['sum', 'min', 'max', 'mean'] as const) near(w[k], r[k], k);
  near(w.effectiveBase, r.kishNeff, 'effective base');
  near(w.designEffect, r.designEffect, 'design effect');
  near(w.efficiency, r.efficiency, 'efficiency');
});

for (const q of ['q0001', 'q0026']) {
  test(`${q}: weighted percentages and Wilson intervals on the effective base`, () => {
    const t = weighted.tables.find((x) => x.id === q) as FrequencyTable;
    near(t.effectiveBase!, R.weightsSummary.kishNeff, 'table effective base');
    assert.equal(t.unweightedBase, 1615);
    assert.match(t.ciMethod!, /wilson 95% on the effective base/);
    for (const [label, c] of Object.entries(R.weighted[q].categories) as [string, { weightedProportion: number; wilsonKishNeff: { lower: number; upper: number }; count: number }][]) {
      const row = t.rows.find((r) => r.label === label)!;
      near(row.percent! / 100, c.weightedProportion, `${label} share`);
      near(row.ci![0] / 100, c.wilsonKishNeff.lower, `${label} lower`, 1e-7);
      near(row.ci![1] / 100, c.wilsonKishNeff.upper, `${label} upper`, 1e-7);
      assert.equal(row.n, c.count);
    }
  });
}

test('unweighted Wilson interval equals prop.test without continuity correction', () => {
  const c = R.weighted.q0001.categories['Very masculine'];
  const [lo, hi] = wilson(c.count / 1615, 1615, 1.959963984540054);
  near(lo, c.unweightedWilson.lower, 'lower', 1e-9);
  near(hi, c.unweightedWilson.upper, 'upper', 1e-9);
});

Object.entries(R.svychisq).forEach(([key, r]: [string, any], i) => {
  test(`Rao-Scott second order (F) for ${key}`, () => {
    const t = weighted.tables.find((x) => x.id === `x${i}`) as CrosstabTable;
    assert.equal(t.stats?.method, 'rao-scott-2');
    near(t.stats!.f!, r.F.statistic, 'F');
    near(t.stats!.ndf!, r.F.ndf, 'ndf');
    near(t.stats!.ddf!, r.F.ddf, 'ddf');
    near(t.stats!.p, r.F.p, 'p', 1e-8);
    near(t.stats!.chi2, r.pearsonOnWeightedTable.statistic, 'X2 on the weighted table');
  });
});

test('Rao-Scott first order, and plain Pearson when unweighted', async () => {
  const keys = Object.keys(R.svychisq);
  const tables = keys.map((k, i) => `  - { id: x${i}, type: crosstab, row: ${k.split(' x ')[0]}, column: ${k.split(' x ')[1]} }\n`).join('');
  const first = await report(`weight: weight\nstatistics: { raoScott: 1 }\ntables:\n${tables}`);
  const plain = await report(`tables:\n${tables}`);
  keys.forEach((k, i) => {
    const r = R.svychisq[k];
    const a = first.tables.find((x) => x.id === `x${i}`) as CrosstabTable;
    assert.equal(a.stats?.method, 'rao-scott-1');
    near(a.stats!.adjustedChi2!, r.Chisq.adjustedStatistic, `${k} adjusted X2`);
    near(a.stats!.p, r.Chisq.p, `${k} p`, 1e-8);
    const b = plain.tables.find((x) => x.id === `x${i}`) as CrosstabTable;
    assert.equal(b.stats?.method, 'pearson');
    near(b.stats!.chi2, r.unweightedPearson.statistic, `${k} Pearson`);
    near(b.stats!.p, r.unweightedPearson.p, `${k} Pearson p`, 1e-8);
  });
});

test('raking to target margins: weights, convergence and estimates as R rake()', async () => {
  const t = R.rake.targets;
  const margin = (v: string) => `    ${v}: { ${t[v].labels.map((l: string, i: number) => `${JSON.stringify(l)}: ${t[v].share[i]}`).join(', ')} }`;
  const result = await report(`weighting:\n  rake:\n${['age3', 'racethn4', 'educ3'].map(margin).join('\n')}\ntables:\n  - { id: q0001, type: frequency, question: q0001 }\n  - { id: age3, type: frequency, question: age3 }\n`);
  const w = result.weights!;
  assert.equal(w.method, 'raking');
  assert.equal(w.raking!.iterations, R.rake.convergence.sweeps);
  assert.equal(w.raking!.converged, true);
  near(w.min, R.rake.weightsSummary.min, 'min weight', 1e-8);
  near(w.max, R.rake.weightsSummary.max, 'max weight', 1e-8);
  near(w.effectiveBase, R.rake.weightsSummary.kishNeff, 'effective base', 1e-8);
  const q = result.tables.find((x) => x.id === 'q0001') as FrequencyTable;
  for (const [label, c] of Object.entries(R.rake.q0001.categories) as [string, { weightedProportion: number }][]) {
    near(q.rows.find((r) => r.label === label)!.percent! / 100, c.weightedProportion, `raked ${label}`, 1e-8);
  }
  const age = result.tables.find((x) => x.id === 'age3') as FrequencyTable;
  age.rows.forEach((r, i) => near(r.percent! / 100, t.age3.share[t.age3.labels.indexOf(r.label)], `margin ${r.label} ${i}`, 1e-8));
});

test('trimming with design weights: respondents left outside the bounds are warned about, with the extremes', async () => {
  const t = R.rake.targets;
  const margin = (v: string) => `    ${v}: { ${t[v].labels.map((l: string, i: number) => `${JSON.stringify(l)}: ${t[v].share[i]}`).join(', ')} }`;
  const result = await report(`weighting:\n  weight: weight\n  trim: { lower: 0.3, upper: 3 }\n  rake:\n${['age3', 'racethn4'].map(margin).join('\n')}\ntables:\n  - { id: age3, type: frequency, question: age3 }\n`);
  const w = result.weights!;
  assert.ok(w.max > 3 * w.mean, 'a cell shares one factor: its heaviest respondents stay above the bound');
  const d = result.diagnostics.find((x) => x.code === 'SURVEY_WEIGHTS_OUTSIDE_TRIM');
  assert.ok(d, JSON.stringify(result.diagnostics));
  assert.match(d.message, /^weights run from 0\.\d+ to \d+(\.\d)? x their mean, outside the trim bounds 0\.3 to 3/);
  assert.ok(!result.diagnostics.some((x) => /: weights are within the bounds/.test(x.message)), 'no claim that weights are in bounds');
});

test('trimming caps weights relative to the mean and rakes again', async () => {
  const t = R.rake.targets;
  const margin = (v: string) => `    ${v}: { ${t[v].labels.map((l: string, i: number) => `${JSON.stringify(l)}: ${t[v].share[i]}`).join(', ')} }`;
  const result = await report(`weighting:\n  trim: { lower: 0.4, upper: 5 }\n  rake:\n${['age3', 'racethn4', 'educ3'].map(margin).join('\n')}\ntables:\n  - { id: age3, type: frequency, question: age3 }\n`);
  const w = result.weights!;
  assert.ok(w.raking!.rounds > 1, 'trimming made another raking round');
  // Bounds apply to the mean weight at trimming time (about 1 here).
  assert.ok(w.max <= 5 * (1 + 1e-6) && w.min >= 0.4 * (1 - 1e-6), `weights within [0.4, 5] x the mean: ${w.min}..${w.max}`);
  assert.ok(w.effectiveBase > R.rake.weightsSummary.kishNeff, 'trimming raises the effective base');
  // These bounds are tighter than the targets allow: the run says so instead of claiming convergence.
  assert.equal(w.raking!.converged, false);
  assert.ok(w.raking!.marginError > 0.001);
  assert.ok(result.diagnostics.some((d) => d.code === 'SURVEY_RAKE_NOT_CONVERGED' && /within the bounds but margins miss/.test(d.message)));
  assert.ok(!result.diagnostics.some((d) => d.code === 'SURVEY_WEIGHTS_OUTSIDE_TRIM'), `without design weights, every weight is in bounds: ${w.min / w.mean}..${w.max / w.mean}`);
});

test("zero weights: a weighted numeric summary's mean, sd (svyvar's n counts rows of weight > 0), median, min and max as R's", async () => {
  const z = R.zeroWeights;
  const file = JSON.stringify(fromRoot(z.file));
  const spec = `version: 1\ninput: { file: ${file} }\nquestions:\n  - { id: age, column: age, type: numeric }\n  - { id: w, column: w, type: numeric }\nweight: w\ntables:\n  - { id: age, type: frequency, question: age }\n`;
  const result = (await runReport(parseSpec(spec, 'test.yaml'), fromRoot('test.yaml'))).result;
  const analyzed = (await analyzeFile(fromRoot(z.file), { weight: 'w' })).result;
  for (const [how, tables] of [['report', result.tables], ['analyze --weight', analyzed.tables]] as const) {
    const t = tables.find((x) => x.kind === 'numeric' && x.question === 'age') as NumericTable;
    assert.ok(t, `${how}: ${JSON.stringify(tables.map((x) => x.kind))}`);
    near(t.n, z.age.sumOfWeights, `${how} n`);
    near(t.mean!, z.age.mean, `${how} mean`);
    near(t.sd!, z.age.sd, `${how} sd (R ${z.age.sd}; counting the zero-weight rows it would be ${z.age.sdCountingZeroWeightRows})`);
    assert.equal(t.median, z.age.median, `${how} median: a zero-weight value does not split it`);
    assert.equal(t.min, z.age.min, `${how} min (all rows: ${z.age.minMaxAllRows[0]})`);
    assert.equal(t.max, z.age.max, `${how} max (all rows: ${z.age.minMaxAllRows[1]})`);
    assert.equal(t.missing, 1);
    assert.ok(t.bins!.every((b) => b.x0 >= 20 && b.x1 <= 80), `${how}: bins span the rows of weight > 0: ${JSON.stringify(t.bins)}`);
  }
  // The blank weight is still said; the explicit zeros are weights.
  assert.match(result.diagnostics.find((d) => d.code === 'SURVEY_WEIGHT_MISSING')?.message ?? '', /^1 kept row has no valid weight \(1 blank\) and counts with weight 0: line 6$/);
});

/** The crosstab group x pick of a zero-weights file, by report (second or first order, read here or on a second thread) and analyze --by. */
async function zeroWeightCrosstabs(file: string): Promise<[string, CrosstabTable][]> {
  const out: [string, CrosstabTable][] = [];
  for (const order of [2, 1] as const) {
    for (const readingThread of [false, true]) {
      const spec = `version: 1\ninput: { file: ${JSON.stringify(file)} }\nquestions:\n  - { id: w, column: w, type: numeric }\nweight: w\nstatistics: { raoScott: ${order} }\ntables:\n  - { id: x, type: crosstab, row: group, column: pick }\n`;
      const result = (await runReport(parseSpec(spec, 'test.yaml'), fromRoot('test.yaml'), { readingThread })).result;
      out.push([`report, order ${order}${readingThread ? ', reading thread' : ''}`, result.tables.find((x) => x.id === 'x') as CrosstabTable]);
    }
  }
  const analyzed = (await analyzeFile(file, { weight: 'w', by: ['pick'] })).result;
  out.push(['analyze --weight w --by pick', analyzed.tables.find((x) => x.kind === 'crosstab' && x.row === 'group' && x.column === 'pick') as CrosstabTable]);
  return out;
}

test('zero weights in a crosstab: Rao-Scott F and first order as svychisq, which keeps rows of weight 0 (a blank weight among them) in N and in nu = rows - 1', async () => {
  const z = R.zeroWeights.svychisq['group x pick'];
  assert.equal(z.rowsZeroWeight, 3);
  for (const [how, t] of await zeroWeightCrosstabs(fromRoot(R.zeroWeights.file))) {
    assert.ok(t, how);
    assert.equal(t.unweightedBase, z.n, `${how}: respondents, rows of weight 0 included`);
    near(t.base, z.sumOfWeights, `${how} weighted base`);
    z.rowLabels.forEach((rl: string, i: number) => z.columnLabels.forEach((cl: string, j: number) => {
      const r = t.rowLabels.indexOf(rl);
      const c = t.columnLabels.indexOf(cl);
      assert.equal(t.unweightedCounts![r]![c], z.counts[i][j], `${how} ${rl} x ${cl} respondents`);
      near(t.counts[r]![c]! / t.base, z.weightedProportions[i][j], `${how} ${rl} x ${cl} share`);
    }));
    const s = t.stats!;
    near(s.chi2, z.pearsonOnWeightedTable.statistic, `${how} X2 of the table scaled to N = ${z.n}`);
    assert.equal(s.df, z.Chisq.df);
    if (s.method === 'rao-scott-2') {
      near(s.f!, z.F.statistic, `${how} F (without the zero-weight rows R gives ${z.withoutZeroWeightRows.F.statistic})`);
      near(s.ndf!, z.F.ndf, `${how} ndf`);
      near(s.ddf!, z.F.ddf, `${how} ddf = ndf x ${z.nu} (degf would be ${z.degf})`);
      near(s.p, z.F.p, `${how} p`, 1e-8);
    } else {
      assert.equal(s.method, 'rao-scott-1', how);
      near(s.adjustedChi2!, z.Chisq.adjustedStatistic, `${how} adjusted X2`);
      near(s.p, z.Chisq.p, `${how} p`, 1e-8);
    }
  }
});

test('zero weights in a crosstab: an answer only rows of weight 0 gave has no column in the test (R: NaN), and those rows stay in n', async (t) => {
  const z = R.zeroWeights.svychisq['group x pick'];
  const lines = readFileSync(fromRoot(R.zeroWeights.file), 'utf8').trimEnd().split('\n');
  const head = lines[0]!.split(',');
  const wAt = head.indexOf('w');
  const pickAt = head.indexOf('pick');
  const changed = lines.map((line, i) => {
    const cells = line.split(',');
    const w = cells[wAt]!.trim();
    if (i > 0 && cells[pickAt]!.trim() !== '' && (w === '' || Number(w) === 0)) cells[pickAt] = 'Other';
    return cells.join(',');
  });
  assert.equal(changed.filter((l) => l.endsWith(',Other')).length, z.rowsZeroWeight, 'the change R made');
  const dir = mkdtempSync(join(tmpdir(), 'survey-zero-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'zero-weights-other.csv');
  writeFileSync(file, changed.join('\n') + '\n');
  assert.equal(z.levelOnlyInZeroWeightRows.F.statistic, 'NaN');
  for (const [how, x] of await zeroWeightCrosstabs(file)) {
    assert.ok(x.columnLabels.includes('Other'), `${how}: the column is shown`);
    assert.equal(x.unweightedBase, z.n, how);
    const s = x.stats!;
    assert.equal(s.df, z.Chisq.df, `${how}: the empty column is not tested`);
    if (s.method === 'rao-scott-2') {
      near(s.f!, z.F.statistic, `${how} F`);
      near(s.ddf!, z.F.ddf, `${how} ddf`);
    } else {
      near(s.p, z.Chisq.p, `${how} p`, 1e-8);
    }
  }
});
