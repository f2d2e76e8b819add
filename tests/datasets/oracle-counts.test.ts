/**
 * Every real FiveThirtyEight export, tabulated with zero configuration, must give
 * the same answer counts per column as an independent Python reader
 * (tests/oracles/column_counts.py, output committed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeFile } from '../../src/engine/analyze.js';
import type { Question } from '../../src/spec/codebook.js';
import type { FrequencyTable, Table } from '../../src/spec/result.js';
import { optionCellState } from '../../src/codebook/values.js';
import { fromRoot } from '../helpers/paths.js';

interface OracleColumn {
  index: number;
  header: string[];
  nonBlank: number;
  counts: Record<string, number> | null;
}
interface OracleFile {
  encoding: string;
  headerRows: number;
  rows: number;
  columns: OracleColumn[];
}

const oracle = JSON.parse(readFileSync(fromRoot('tests/oracles/output/column-counts.json'), 'utf8')) as Record<string, OracleFile>;

/**
 * The oracle only trims; the tool also folds inner runs of spaces, reads `-` as no answer, and
 * `NA` too in a file that holds it in 3 columns or more (R's missing value).
 */
function expectedCounts(col: OracleColumn, onlyChosen: boolean, naMissing: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const [raw, n] of Object.entries(col.counts ?? {})) {
    const v = raw.replace(/[\s\u00a0]+/g, ' ').trim();
    if (v === '-' || v === '--' || (naMissing && v === 'NA')) continue;
    if (onlyChosen && optionCellState(v) !== 'chosen') continue;
    out.set(v, (out.get(v) ?? 0) + n);
  }
  return out;
}

function nonZero(rows: { label: string; count: number | null }[]): Map<string, number> {
  return new Map(rows.filter((r) => r.count !== 0).map((r) => [r.label, r.count ?? Number.NaN]));
}

/** Our counts per source column, for the columns whose answers are tabulated whole. */
function observedByColumn(questions: Question[], tables: Table[]): Map<number, Map<string, number>> {
  const byColumn = new Map<number, Map<string, number>>();
  const freq = tables.filter((t): t is FrequencyTable => t.kind === 'frequency');
  for (const q of questions) {
    const mine = freq.filter((t) => t.question === q.id);
    if (q.type === 'matrix') {
      q.items.forEach((item, i) => byColumn.set(item.column, nonZero(mine[i]!.rows)));
    } else if (q.layout?.kind === 'columns') {
      const t = mine[0]!;
      q.items.forEach((item, i) => {
        const count = t.rows[i]!.count ?? Number.NaN;
        byColumn.set(item.column, count > 0 ? new Map([[onlyValue(item.column), count]]) : new Map());
      });
    } else if (q.type === 'single') {
      byColumn.set(q.columns[0]!, nonZero(mine[0]!.rows));
    }
  }
  return byColumn;
  // Column-per-option tables label rows by option; the oracle by the cell text, which is the same
  // except for `1`-style marks, so compare counts only through this lookup.
  function onlyValue(column: number): string {
    return String(column);
  }
}

for (const [path, expected] of Object.entries(oracle)) {
  test(`oracle counts: ${path}`, async () => {
    const { result, codebook } = await analyzeFile(fromRoot('fixtures', path));
    assert.equal(result.input.rows, expected.rows, 'respondents');
    assert.equal(result.input.encoding, expected.encoding, 'encoding');
    assert.equal(result.input.headerRows, expected.headerRows, 'header rows');
    const observed = observedByColumn(codebook.questions, result.tables);
    const naMissing = expected.columns.filter((c) => c.counts !== null && 'NA' in c.counts).length >= 3;
    assert.equal(codebook.missing?.includes('NA') ?? false, naMissing, 'NA read as missing');
    let compared = 0;
    for (const col of expected.columns) {
      const q = codebook.questions.find((x) => x.columns.includes(col.index))!;
      assert.ok(q, `column ${col.index} belongs to a question`);
      const ours = observed.get(col.index);
      if (ours === undefined || col.counts === null) continue;
      const columnLayout = q.layout?.kind === 'columns';
      const want = expectedCounts(col, columnLayout, naMissing);
      if (columnLayout) {
        const total = [...want.values()].reduce((s, n) => s + n, 0);
        const got = [...ours.values()].reduce((s, n) => s + n, 0);
        assert.equal(got, total, `${path} column ${col.index} (${col.header.join(' / ')}): chosen count`);
      } else {
        assert.deepEqual(ours, want, `${path} column ${col.index} (${col.header.join(' / ')})`);
      }
      compared++;
    }
    assert.ok(compared >= 3, `compared ${compared} columns`);
  });
}
