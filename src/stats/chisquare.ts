/** Pearson's chi-square test of independence (no continuity correction) and Cramér's V. */
import { chiSquareUpper } from './distributions.js';
import type { CrosstabStats } from '../spec/result.js';

/**
 * Tests a table of counts; rows and columns with a zero total are left out
 * (they carry no information and would make expected counts zero).
 * Returns null when fewer than two rows or columns remain.
 */
export function chiSquare(counts: readonly (readonly number[])[]): CrosstabStats | null {
  const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const nCols = Math.max(0, ...counts.map((r) => r.length));
  const colTotals = Array.from({ length: nCols }, (_, c) => counts.reduce((s, r) => s + (r[c] ?? 0), 0));
  const rows = rowTotals.map((t, i) => (t > 0 ? i : -1)).filter((i) => i >= 0);
  const cols = colTotals.map((t, i) => (t > 0 ? i : -1)).filter((i) => i >= 0);
  if (rows.length < 2 || cols.length < 2) return null;
  const n = rows.reduce((s, r) => s + rowTotals[r]!, 0);
  let chi2 = 0;
  let low = 0;
  for (const r of rows) {
    for (const c of cols) {
      const expected = (rowTotals[r]! * colTotals[c]!) / n;
      const d = (counts[r]![c] ?? 0) - expected;
      chi2 += (d * d) / expected;
      if (expected < 5) low++;
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  // The upper regularised incomplete gamma keeps tiny p-values exact (1 - cdf would round to 0).
  const p = chiSquareUpper(chi2, df);
  const cramersV = Math.sqrt(chi2 / (n * (Math.min(rows.length, cols.length) - 1)));
  return { chi2, df, p, cramersV, lowExpected: low / (rows.length * cols.length), method: 'pearson' };
}
