import type { CrosstabTable } from '../../spec/result.js';

/** A crosstab row's Total column: the share of all respondents answering both who are in the row, 0-100. */
export function totalPercent(t: CrosstabTable, r: number): number {
  return t.base > 0 ? (100 * (t.rowBases[r] ?? 0)) / t.base : 0;
}
