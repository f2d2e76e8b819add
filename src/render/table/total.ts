import type { CrosstabTable } from '../../spec/result.js';

/**
 * A crosstab row's Total column: the share of all respondents answering both who are in the row,
 * 0-100; null when disclosure control hid the row's base (fewer respondents than the minimum).
 */
export function totalPercent(t: CrosstabTable, r: number): number | null {
  const n = t.rowBases[r];
  if (n === null) return null;
  return t.base > 0 ? (100 * (n ?? 0)) / t.base : 0;
}

/** A weighted crosstab: its bases are weighted sums, shown apart from the respondents behind them. */
export function isWeighted(t: CrosstabTable): boolean {
  const n = t.unweightedColumnBases;
  return n !== undefined && t.unweightedBase !== undefined && n.some((x, c) => Math.abs(x - (t.columnBases[c] ?? 0)) > 1e-9);
}
