/**
 * The order a grid item's answers are listed in when they have no order of their own (`order:
 * count`): by the whole grid's counts, every item's answers added up, not by the item's own. So
 * the items of one grid list their answers alike in every table that shows one (frequency table,
 * crosstab, banner) and read answer against answer; by its own counts each item would put its
 * second answer where another item puts its fourth.
 */
import { MatrixItemView, type ChoiceCoder, type MatrixCoder } from '../coding/coder.js';

/** A grid's counts of each answer over all its items, among the rows a table counts. */
export class GridCounts {
  private readonly w: number[] = [];
  constructor(private readonly grid: MatrixCoder) {}

  add(w: number): void {
    const values = this.grid.values;
    for (let i = 0; i < values.length; i++) {
      const code = values[i]!;
      if (code < 0) continue;
      while (this.w.length <= code) this.w.push(0);
      this.w[code]! += w;
    }
  }

  readonly countOf = (code: number): number => this.w[code] ?? 0;
}

/**
 * The grid counts a table showing `coder` lists its answers by: one per grid in `counts` (shared
 * by the items of one grid the table shows, and counted by the table), undefined when `coder` is
 * no grid item or its answers keep their own order (no counting needed).
 */
export function gridCountsFor(coder: ChoiceCoder, counts: Map<MatrixCoder, GridCounts>): ((code: number) => number) | undefined {
  if (!(coder instanceof MatrixItemView) || coder.question.order !== 'count') return undefined;
  let g = counts.get(coder.matrix);
  if (g === undefined) counts.set(coder.matrix, (g = new GridCounts(coder.matrix)));
  return g.countOf;
}
