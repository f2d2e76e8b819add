/**
 * The order a grid item's answers are listed in when they have no order of their own (`order:
 * count`): by the whole grid's counts, every item's answers added up, not by the item's own. So
 * the items of one grid list their answers alike in every table that shows one (frequency table,
 * crosstab, banner) and read answer against answer; by its own counts each item would put its
 * second answer where another item puts its fourth.
 *
 * One count per grid for the whole report, over every row it keeps, whatever a table's
 * `filter:` keeps: counted among a table's own rows, a filtered crosstab listed a grid's answers
 * in another order than the grid's frequency table, where a reader compares them line by line.
 * The same counts for every table also keep weighted near-ties from falling one way in one table
 * and the other way in the next (sums added in another order can differ in their last bit).
 */
import { MatrixItemView, type ChoiceCoder, type MatrixCoder } from '../coding/coder.js';

/** A grid's counts of each answer over all its items, among the rows it is given. */
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
 * The grids whose items some table lists by count, one count each, shared by every table that
 * shows one of their items. Its owner adds every row the tables may count, before any table's
 * filter, so that the order is the grid's and not a table's.
 */
export class GridOrders {
  private readonly grids = new Map<MatrixCoder, GridCounts>();

  /**
   * The counts a table showing `coder` lists its answers by: its grid's, undefined when `coder`
   * is no grid item or its answers keep their own order (no counting needed).
   */
  countsFor(coder: ChoiceCoder): ((code: number) => number) | undefined {
    if (!(coder instanceof MatrixItemView) || coder.question.order !== 'count') return undefined;
    let g = this.grids.get(coder.matrix);
    if (g === undefined) this.grids.set(coder.matrix, (g = new GridCounts(coder.matrix)));
    return g.countOf;
  }

  /** Counts the row read last in every grid asked for (none asked: nothing to do). */
  add(w: number): void {
    for (const g of this.grids.values()) g.add(w);
  }
}
