/** Column letters on a hand-worked example, p-value adjustment, and disclosure control. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjust, columnLetter, columnTests, DEFAULT_LETTERS } from '../../src/stats/column-tests.js';
import { suppressTables } from '../../src/stats/suppress.js';
import { totalPercent } from '../../src/render/table/total.js';
import type { CrosstabTable, FrequencyTable } from '../../src/spec/result.js';

test('letters: a hand-worked pooled z-test', () => {
  // Yes: A 120/200 = 60%, B 60/150 = 40%, C 15/20 (base under 30: not tested).
  // A vs B: pooled p = 180/350 = 0.514286; se = sqrt(0.514286 x 0.485714 x (1/200 + 1/150)) = 0.053984;
  // z = 0.20 / 0.053984 = 3.705, two-sided p = 0.00021: one comparison, so Bonferroni leaves it;
  // p < 0.05, so A carries an upper-case B in "Yes" and B an upper-case A in "No".
  const shares = [
    [0.6, 0.4, 0.75],
    [0.4, 0.6, 0.25],
  ];
  const r = columnTests(shares, [200, 150, 20], DEFAULT_LETTERS);
  assert.deepEqual(r.columns, ['A', 'B', 'C']);
  assert.deepEqual(r.tested, [true, true, false]);
  assert.deepEqual(r.cells, [
    ['B', '', ''],
    ['', 'A', ''],
  ]);
});

test('letters: lower case at the looser level', () => {
  // 58% vs 45% on 100 each: pooled 0.515, se 0.070679, z 1.839, p 0.0659: between 0.05 and 0.10.
  const r = columnTests([[0.58, 0.45]], [100, 100], DEFAULT_LETTERS);
  assert.deepEqual(r.cells, [['b', '']]);
  // Without the looser level nothing is marked.
  assert.deepEqual(columnTests([[0.58, 0.45]], [100, 100], { ...DEFAULT_LETTERS, alphaLower: null }).cells, [['', '']]);
  // Three columns make three comparisons: Bonferroni triples p (0.198 > 0.10), so nothing is marked.
  assert.deepEqual(columnTests([[0.58, 0.45, 0.515]], [100, 100, 100], DEFAULT_LETTERS).cells, [['', '', '']]);
});

test('p-value adjustment: Bonferroni and Benjamini-Hochberg', () => {
  assert.deepEqual(adjust([0.01, 0.04, 0.03], 'bonferroni').map((x) => +x.toFixed(10)), [0.03, 0.12, 0.09]);
  assert.deepEqual(adjust([0.01, 0.04, 0.03], 'bh').map((x) => +x.toFixed(10)), [0.03, 0.04, 0.04]);
  assert.deepEqual(adjust([0.01, 0.04], 'none'), [0.01, 0.04]);
  assert.equal(columnLetter(0), 'A');
  assert.equal(columnLetter(25), 'Z');
  assert.equal(columnLetter(26), 'AA');
});

function freq(counts: number[]): FrequencyTable {
  const base = counts.reduce((a, b) => a + b, 0);
  return { kind: 'frequency', question: 'q', label: 'Q', type: 'single', base, missing: 0, rows: counts.map((c, i) => ({ label: `a${i}`, count: c, percent: (100 * c) / base })) };
}

test('suppression: a small answer and the next smallest, so neither follows from the base', () => {
  const { tables, summary } = suppressTables([freq([2, 10, 20, 0])], 5);
  const t = tables[0] as FrequencyTable;
  assert.deepEqual(t.rows.map((r) => r.count), [null, null, 20, 0]);
  assert.deepEqual(t.rows.map((r) => r.percent), [null, null, (100 * 20) / 32, 0]);
  assert.deepEqual(t.rows.map((r) => r.suppressed === true), [true, true, false, false]);
  assert.deepEqual(summary, { minCell: 5, primary: 1, complementary: 1, tables: 1 });
  // Nothing small: the table is returned as it was.
  assert.equal(suppressTables([freq([7, 9])], 5).tables[0]!.kind, 'frequency');
  assert.equal(suppressTables([freq([7, 9])], 5).summary.tables, 0);
});

test('suppression in crosstabs: complementary cells in the same row and column', () => {
  const counts = [
    [3, 40, 50],
    [30, 45, 60],
    [25, 35, 8],
  ];
  const colBases = [58, 120, 118];
  const t: CrosstabTable = {
    kind: 'crosstab', row: 'r', column: 'c', label: 'R by C', rowLabels: ['x', 'y', 'z'], columnLabels: ['A', 'B', 'C'], counts,
    columnPercents: counts.map((r) => r.map((x, c) => (100 * x) / colBases[c]!)), rowPercents: counts.map((r) => r.map(() => 0)), totalPercents: counts.map((r) => r.map(() => 0)),
    columnBases: colBases, rowBases: counts.map((r) => r.reduce((a, b) => a + b, 0)), base: 296, stats: { chi2: 1, df: 4, p: 0.9, cramersV: 0.1, lowExpected: 0 },
  };
  const { tables, summary } = suppressTables([t], 10);
  const s = tables[0] as CrosstabTable;
  // 3 and 8 are small; every row and column holding a hidden cell must hold at least two.
  for (const row of s.suppressed!) assert.notEqual(row.filter(Boolean).length, 1);
  for (let c = 0; c < 3; c++) assert.notEqual(s.suppressed!.filter((row) => row[c]).length, 1);
  assert.equal(summary.primary, 2);
  assert.ok(summary.complementary >= 2);
  assert.equal(s.counts[0]![0], null);
  assert.equal(s.columnPercents[2]![2], null);
  assert.equal(s.stats, null, 'no test on a suppressed table');
});

test('suppression in crosstabs: a row holding fewer respondents than the minimum hides its Total (row base)', () => {
  const counts = [
    [2, 1],
    [40, 50],
    [30, 45],
  ];
  const colBases = [72, 96];
  const t: CrosstabTable = {
    kind: 'crosstab', row: 'r', column: 'c', label: 'R by C', rowLabels: ['x', 'y', 'z'], columnLabels: ['A', 'B'], counts,
    columnPercents: counts.map((r) => r.map((x, c) => (100 * x) / colBases[c]!)), rowPercents: counts.map((r) => r.map(() => 0)), totalPercents: counts.map((r) => r.map(() => 0)),
    columnBases: colBases, rowBases: counts.map((r) => r.reduce((a, b) => a + b, 0)), base: 168, stats: { chi2: 1, df: 2, p: 0.9, cramersV: 0.1, lowExpected: 0 },
  };
  const s = suppressTables([t], 5).tables[0] as CrosstabTable;
  // Row x holds 3 people: its cells are hidden, and so must be its Total, or 3 of 168 would show.
  // Totals add up to the base, so another goes with it: row z, whose cells are hidden as complements
  // (row y's cells all show, so hiding its total would not hide it).
  assert.deepEqual(s.rowBases, [null, 90, null]);
  assert.equal(totalPercent(s, 0), null);
  assert.ok(Math.abs(totalPercent(s, 1)! - (100 * 90) / 168) < 1e-9);
});
