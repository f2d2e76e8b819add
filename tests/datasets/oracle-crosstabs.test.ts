/**
 * Crosstab counts, percentages and the chi-square test against scipy
 * (tests/oracles/crosstabs.py: chi2_contingency without continuity correction).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeFile } from '../../src/engine/analyze.js';
import { findQuestion } from '../../src/engine/resolve.js';
import type { CrosstabTable } from '../../src/spec/result.js';
import { fromRoot } from '../helpers/paths.js';

interface OracleCase {
  file: string;
  row: string;
  column: string;
  rowLabels: string[];
  columnLabels: string[];
  counts: number[][];
  columnPercents: number[][];
  chi2: number;
  df: number;
  p: number;
  cramersV: number;
  lowExpectedShare: number;
  n: number;
}

const cases = JSON.parse(readFileSync(fromRoot('tests/oracles/output/crosstabs.json'), 'utf8')) as OracleCase[];

function close(actual: number, expected: number, what: string): void {
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol || Math.abs(actual - expected) / Math.abs(expected) < 1e-9, `${what}: ${actual} vs ${expected}`);
}

for (const c of cases) {
  test(`oracle crosstab: ${c.file}: ${c.row.slice(0, 40)} x ${c.column.slice(0, 30)}`, async () => {
    const { result, codebook } = await analyzeFile(fromRoot('fixtures', c.file), { by: [c.column] });
    const rowQ = findQuestion(codebook, c.row);
    assert.ok(rowQ, `row question found: ${c.row}`);
    const t = result.tables.find((x): x is CrosstabTable => x.kind === 'crosstab' && x.row === rowQ.id);
    assert.ok(t, 'crosstab produced');
    assert.equal(t.base, c.n);
    // Compare by label: our order is the scale's, the oracle's is sorted.
    for (const [i, rl] of c.rowLabels.entries()) {
      for (const [j, cl] of c.columnLabels.entries()) {
        const r = t.rowLabels.indexOf(rl);
        const k = t.columnLabels.indexOf(cl);
        assert.ok(r >= 0 && k >= 0, `labels ${rl} / ${cl}`);
        assert.equal(t.counts[r]![k], c.counts[i]![j], `count ${rl} x ${cl}`);
        close(t.columnPercents[r]![k]!, c.columnPercents[i]![j]!, `column % ${rl} x ${cl}`);
      }
    }
    assert.ok(t.stats, 'stats computed');
    close(t.stats.chi2, c.chi2, 'chi2');
    assert.equal(t.stats.df, c.df);
    close(t.stats.p, c.p, 'p');
    close(t.stats.cramersV, c.cramersV, "Cramér's V");
    close(t.stats.lowExpected, c.lowExpectedShare, 'share of expected < 5');
  });
}
