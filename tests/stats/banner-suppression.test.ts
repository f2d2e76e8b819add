/**
 * Disclosure control on banners: each row question by each banner question is a crosstab under the
 * crosstab rule, and the Total column is handled as a crosstab's row totals. An attacker who knows
 * every visible cell and every base, and subtracts, must recover no hidden cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressTables } from '../../src/stats/suppress.js';
import type { BannerSection, BannerTable, CrosstabTable } from '../../src/spec/result.js';

interface Block {
  question: string;
  labels: string[];
  /** Respondents, [answer][column]: every block's rows add up to the same totals (nobody skips a banner question). */
  cells: number[][];
}

/** An unweighted banner section: the Total column first, then each block's columns. */
function section(question: string, rowLabels: string[], blocks: Block[], minBase = 0, netRows?: number[]): BannerSection {
  const totals = blocks[0]!.cells.map((row) => row.reduce((a, x) => a + x, 0));
  for (const b of blocks) assert.deepEqual(b.cells.map((row) => row.reduce((a, x) => a + x, 0)), totals, 'consistent blocks');
  const answers = rowLabels.map((_, r) => r).filter((r) => !netRows?.includes(r));
  const full = rowLabels.map((_, r) => [totals[r]!, ...blocks.flatMap((b) => b.cells[r]!)]);
  const bases = full[0]!.map((_, c) => answers.reduce((a, r) => a + full[r]![c]!, 0));
  const counts = full.map((row) => row.map((x, c) => (bases[c]! < minBase ? null : x)));
  const percents = counts.map((row) => row.map((x, c) => (x === null ? null : (100 * x) / bases[c]!)));
  return { question, label: question, type: 'single', rowLabels, counts, percents, bases, unweightedBases: bases, ...(netRows ? { netRows } : {}) };
}

function banner(sections: BannerSection[], blocks: Block[], minBase = 0): BannerTable {
  const columns = [{ question: null, group: 'Total', label: 'Total' }, ...blocks.flatMap((b) => b.labels.map((label) => ({ question: b.question, group: b.question, label })))];
  return { kind: 'banner', id: 'book', label: 'Book', columns, sections, minBase };
}

/** Column ranges of each block (the Total column is 0). */
function ranges(blocks: Block[]): number[][] {
  let at = 1;
  return blocks.map((b) => b.labels.map(() => at++));
}

/**
 * The cells an attacker recovers by subtraction, repeated while anything new follows: each block
 * column adds up to its base, each block's row to the row's Total, the Total column to the base.
 */
function recovered(values: number[][], hidden: boolean[][], blocks: Block[]): string[] {
  const known = hidden.map((row) => row.map((h) => !h));
  const cols = ranges(blocks);
  const rows = values.map((_, r) => r);
  const lines: [number, number][][] = [
    ...[0, ...cols.flat()].map((c) => rows.map((r): [number, number] => [r, c])),
    ...cols.flatMap((cs) => rows.map((r) => [[r, 0] as [number, number], ...cs.map((c): [number, number] => [r, c])])),
  ];
  const out: string[] = [];
  for (let more = true; more; ) {
    more = false;
    for (const line of lines) {
      const unknown = line.filter(([r, c]) => !known[r]![c]);
      if (unknown.length !== 1) continue;
      const [r, c] = unknown[0]!;
      known[r]![c] = true;
      out.push(`${r},${c}`);
      more = true;
    }
  }
  return out;
}

const age: Block = {
  question: 'age',
  labels: ['18-29', '30-44', '45+'],
  cells: [
    [1, 2, 0],
    [12, 30, 41],
    [40, 55, 60],
    [25, 6, 33],
  ],
};
const gender: Block = {
  question: 'gender',
  labels: ['Female', 'Male'],
  cells: [
    [2, 1],
    [40, 43],
    [80, 75],
    [30, 34],
  ],
};
const rowLabels = ['Every day', 'Weekly', 'Monthly', 'Never'];

test('banner: cells under minCell are hidden (null, flagged), with complements so none is recovered by subtraction', () => {
  const sec = section('freq', rowLabels, [age, gender]);
  const { tables, summary } = suppressTables([banner([sec], [age, gender])], 5);
  const s = (tables[0] as BannerTable).sections[0]!;
  const values = sec.counts as number[][];
  const hidden = s.suppressed!;
  // The small cells: Every day's Total (3) and its nonzero cells (1, 2 by age; 2, 1 by gender).
  const small = values.map((row) => row.map((x) => x > 0 && x < 5));
  values.forEach((row, r) => row.forEach((_, c) => {
    if (small[r]![c]) assert.ok(hidden[r]![c], `small cell ${r},${c} hidden`);
    assert.equal(s.counts[r]![c], hidden[r]![c] ? null : values[r]![c], `count ${r},${c}`);
    assert.equal(s.percents[r]![c], hidden[r]![c] ? null : sec.percents[r]![c], `percent ${r},${c}`);
  }));
  // A zero discloses no one: it stays.
  assert.equal(s.counts[0]![3], 0);
  assert.deepEqual(recovered(values, hidden, [age, gender]), []);
  // Hiding the small cells alone would not do: they follow from the bases.
  assert.notDeepEqual(recovered(values, small, [age, gender]), []);
  const primary = small.flat().filter(Boolean).length;
  assert.equal(primary, 5);
  assert.deepEqual(summary, { minCell: 5, primary, complementary: hidden.flat().filter(Boolean).length - primary, tables: 1 });
  assert.ok(summary.complementary > 0);
});

test('banner: each block hides what a crosstab of the row question by that banner question hides', () => {
  const sec = section('freq', rowLabels, [age, gender]);
  const s = (suppressTables([banner([sec], [age, gender])], 5).tables[0] as BannerTable).sections[0]!;
  for (const [block, cols] of [age, gender].map((b, j) => [b, ranges([age, gender])[j]!] as const)) {
    const colBases = block.labels.map((_, c) => block.cells.reduce((a, row) => a + row[c]!, 0));
    const x: CrosstabTable = {
      kind: 'crosstab', row: 'freq', column: block.question, label: 'x', rowLabels, columnLabels: block.labels, counts: block.cells,
      columnPercents: block.cells.map((row) => row.map((n, c) => (100 * n) / colBases[c]!)), rowPercents: block.cells.map((row) => row.map(() => 0)), totalPercents: block.cells.map((row) => row.map(() => 0)),
      columnBases: colBases, rowBases: block.cells.map((row) => row.reduce((a, n) => a + n, 0)), base: colBases.reduce((a, n) => a + n, 0), stats: null,
    };
    const alone = suppressTables([x], 5).tables[0] as CrosstabTable;
    assert.deepEqual(s.suppressed!.map((row) => cols.map((c) => row[c])), alone.suppressed, block.question);
    // And the Total column hides what the crosstab's Total (row bases) does.
    assert.deepEqual(s.suppressed!.map((row) => row[0]), alone.rowBases.map((b) => b === null), `${block.question}: Total`);
  }
});

test('banner: a lone small Total is hidden with another row whose cells hide in every block, not only in one', () => {
  // Every day (4) is the one small total. Age hides Weekly with it, gender hides Monthly and Never:
  // no row hides a cell in both blocks until one is made to.
  const a: Block = { question: 'age', labels: ['18-29', '30-44'], cells: [[2, 2], [12, 14], [30, 41], [40, 44]] };
  const g: Block = { question: 'gender', labels: ['Female', 'Male'], cells: [[4, 0], [13, 13], [10, 61], [76, 8]] };
  const sec = section('freq', rowLabels, [a, g]);
  const { tables, summary } = suppressTables([banner([sec], [a, g])], 5);
  const hidden = (tables[0] as BannerTable).sections[0]!.suppressed!;
  const totals = hidden.map((row) => row[0]);
  assert.equal(totals.filter(Boolean).length, 2, 'Every day and one other total');
  assert.ok(totals[0]);
  const other = totals.findIndex((h, r) => h && r > 0);
  for (const cols of ranges([a, g])) assert.ok(cols.some((c) => hidden[other]![c]), `row ${other} hides a cell in columns ${cols.join(',')}`);
  assert.deepEqual(recovered(sec.counts as number[][], hidden, [a, g]), []);
  assert.equal(summary.primary + summary.complementary, hidden.flat().filter(Boolean).length);
});

test('banner: nothing small, nothing changes; a section without small cells keeps its numbers and has no flags', () => {
  const big: Block = { question: 'gender', labels: ['Female', 'Male'], cells: [[20, 30], [40, 43]] };
  const plain = banner([section('q', ['Yes', 'No'], [big])], [big]);
  const { tables, summary } = suppressTables([plain], 5);
  assert.equal(tables[0], plain, 'the same table');
  assert.deepEqual(summary, { minCell: 5, primary: 0, complementary: 0, tables: 0 });
  // Beside a section that hides cells, the other section is left as it was.
  const sec = section('freq', rowLabels, [gender]);
  const other = section('q', ['Yes', 'No', 'Maybe', 'Never'], [{ ...gender, cells: [[20, 30], [40, 43], [52, 20], [40, 51]] }]);
  const both = suppressTables([banner([other, sec], [gender])], 5).tables[0] as BannerTable;
  assert.equal(both.sections[0], other);
  assert.equal(both.sections[0]!.suppressed, undefined);
  assert.ok(both.sections[1]!.suppressed!.flat().some(Boolean));
});

test('banner: columns left blank under minBase stay blank, are not counted, and are never taken as complements', () => {
  const b: Block = { question: 'age', labels: ['18-29', '30-44', 'Other'], cells: [[1, 9, 1], [30, 40, 2], [20, 33, 3]] };
  const sec = section('q', ['Yes', 'No', 'Maybe'], [b], 10);
  assert.deepEqual(sec.counts.map((row) => row[3]), [null, null, null], 'Other (6 respondents) is blank');
  const { tables, summary } = suppressTables([banner([sec], [b], 10)], 5);
  const s = (tables[0] as BannerTable).sections[0]!;
  assert.deepEqual(s.suppressed!.map((row) => row[3]), [false, false, false]);
  assert.deepEqual(s.counts.map((row) => row[3]), [null, null, null]);
  // 18-29's Yes (1) is small: its column and its row each hide another (20; 9), and so on.
  assert.equal(s.counts[0]![1], null);
  assert.equal(summary.primary, 1);
  assert.equal(summary.primary + summary.complementary, s.suppressed!.flat().filter(Boolean).length);
  assert.ok(summary.complementary >= 1);
});

test('banner: nets hide a cell whenever an answer in the column does, and their Total whenever an answer Total does', () => {
  const b: Block = { question: 'gender', labels: ['Female', 'Male'], cells: [[2, 1], [40, 43], [80, 75], [42, 44]] };
  const sec = section('freq', ['Every day', 'Weekly', 'Monthly', 'Often (net)'], [b], 0, [3]);
  const s = (suppressTables([banner([sec], [b])], 5).tables[0] as BannerTable).sections[0]!;
  assert.deepEqual(s.suppressed![3], [true, true, true], 'the net holds Every day, whose cells and Total are hidden');
  assert.equal(s.percents[3]![1], null);
});

test('banner: a weighted banner counts respondents (unweightedCounts), not weights', () => {
  const sec = section('freq', rowLabels, [gender]);
  // Weights of 10 make every count large; the respondents behind them are what is counted.
  const weighted: BannerSection = { ...sec, counts: sec.counts.map((row) => row.map((x) => x! * 10)), bases: sec.bases.map((x) => x * 10), unweightedCounts: sec.counts };
  const s = (suppressTables([banner([weighted], [gender])], 5).tables[0] as BannerTable).sections[0]!;
  assert.deepEqual(s.suppressed![0], [true, true, true]);
  assert.deepEqual(s.counts[0], [null, null, null]);
  assert.deepEqual(s.unweightedCounts![0], [null, null, null], 'the respondents of hidden cells are hidden too');
  // Without the respondents, weights would be taken for them: refused rather than done quietly.
  const { unweightedCounts: _, ...bare } = weighted;
  assert.throws(() => suppressTables([banner([bare], [gender])], 5), /weighted but has no unweightedCounts/);
});
