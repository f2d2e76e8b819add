/**
 * Crosstabs: counts of respondents by a row question and a column question.
 * Either side may be multi-select, in which case a respondent counts once in
 * every option they chose, and bases count respondents, not answers. A lone
 * checkbox across the top (readsOneCheckbox) splits respondents in two, ticked
 * or not, as a yes/no question would: a column each, so they are tested.
 */
import type { CrosstabTable } from '../spec/result.js';
import type { ChoiceCoder } from '../coding/coder.js';
import type { Net } from './frequency.js';
import { chiSquare } from '../stats/chisquare.js';
import { raoScott } from '../stats/rao-scott.js';
import { columnTests } from '../stats/column-tests.js';
import { kish } from '../stats/wilson.js';
import { percent } from './percent.js';
import { Sums, Total } from './sums.js';
import { answerOrder } from './order.js';
import { DEFAULT_TABLE_STATS, type TableStatsOptions } from './options.js';
import { chosenCodes, inBase } from './chosen.js';
import { NOT_TICKED, readsOneCheckbox } from '../codebook/multi.js';

const TICKED_CODE: readonly number[] = [0];
const NOT_TICKED_CODE: readonly number[] = [1];

/** A column question's answers as crosstabs show them: a lone checkbox's, ticked then not. */
export function columnAnswers(column: ChoiceCoder): readonly string[] {
  return readsOneCheckbox(column.question) ? [...column.options.labels, NOT_TICKED] : column.options.labels;
}

export class Crosstab {
  /** Per row (answers, then nets): sums by column. */
  private readonly cells: Sums[] = [];
  private readonly netCells: Sums[];
  private readonly netBases = new Sums();
  private readonly columnBases = new Sums();
  private readonly rowBases = new Sums();
  private readonly base = new Total();
  private readonly rowCodes: number[] = [];
  /**
   * Each answer's count among everyone answering its question, whether or not they answered the
   * other: answers listed by count are in the order of their frequency table, the same in every
   * crosstab. Kept only for such questions.
   */
  private readonly rowMargin: Sums | null;
  private readonly columnMargin: Sums | null;
  /** The column question is a lone checkbox: two columns, ticked (code 0) and not (code 1). */
  private readonly oneBoxColumn: boolean;
  constructor(
    private readonly row: ChoiceCoder,
    private readonly column: ChoiceCoder,
    private readonly nets: readonly Net[] = [],
    private readonly stats: TableStatsOptions = DEFAULT_TABLE_STATS,
  ) {
    this.netCells = nets.map(() => new Sums());
    this.rowMargin = row.question.order === 'count' ? new Sums() : null;
    this.columnMargin = column.question.order === 'count' ? new Sums() : null;
    this.oneBoxColumn = readsOneCheckbox(column.question);
  }

  add(w: number): void {
    const row = this.row;
    const column = this.column;
    if (this.rowMargin !== null) for (const r of chosenCodes(row)) this.rowMargin.add(r, w);
    if (this.columnMargin !== null) for (const c of chosenCodes(column)) this.columnMargin.add(c, w);
    if (row.kind === 'single' && column.kind === 'single' && this.nets.length === 0) {
      // One answer each side (most crosstabs): one cell, no lists.
      const r = row.value;
      const c = column.value;
      if (r < 0 || c < 0) return;
      this.base.add(w);
      this.columnBases.add(c, w);
      this.rowBases.add(r, w);
      while (this.cells.length <= r) this.cells.push(new Sums());
      this.cells[r]!.add(c, w);
      return;
    }
    if (!inBase(row) || !inBase(column)) return;
    const rows = chosenCodes(row);
    // Copy: chosenCodes reuses one buffer for both sides.
    const rowCodes = this.rowCodes;
    rowCodes.length = 0;
    for (const r of rows) rowCodes.push(r);
    // Everyone is in a lone checkbox's base (MultiCoder): a blank is the "not ticked" column.
    const cols = this.oneBoxColumn ? (chosenCodes(column).length > 0 ? TICKED_CODE : NOT_TICKED_CODE) : chosenCodes(column);
    this.base.add(w);
    for (const c of cols) this.columnBases.add(c, w);
    for (const r of rowCodes) {
      while (this.cells.length <= r) this.cells.push(new Sums());
      this.rowBases.add(r, w);
      for (const c of cols) this.cells[r]!.add(c, w);
    }
    for (let n = 0; n < this.nets.length; n++) {
      const members = this.nets[n]!.codes;
      if (!rowCodes.some((r) => members.includes(r))) continue;
      this.netBases.add(n, w);
      for (const c of cols) this.netCells[n]!.add(c, w);
    }
  }

  /** The counts each side's answers are listed by when listed by count: its margin, or a grid's (`orderWith`). */
  private rowCounts: (code: number) => number = (r) => this.rowMargin?.w[r] ?? 0;
  private columnCounts: (code: number) => number = (c) => this.columnMargin?.w[c] ?? 0;

  /**
   * Lists a side's answers by these counts instead of its margin: a grid item's by its grid's
   * (tabulate/grid-order.ts), as the grid's frequency tables list them.
   */
  orderWith(counts: { rows?: ((code: number) => number) | undefined; columns?: ((code: number) => number) | undefined }): void {
    if (counts.rows) this.rowCounts = counts.rows;
    if (counts.columns) this.columnCounts = counts.columns;
  }

  /** Row answer codes in their question's order, as its frequency table lists them (by count, for answers of no natural order). */
  rowOrder(): number[] {
    return answerOrder(this.row.question, this.row.options.labels, this.rowCounts);
  }

  /** Column answer codes in their question's order (see rowOrder). */
  columnOrder(): number[] {
    if (this.oneBoxColumn) return [0, 1];
    return answerOrder(this.column.question, this.column.options.labels, this.columnCounts);
  }

  /**
   * Whether a respondent can be in several rows (or columns): a multi-select side showing more than
   * one answer. One that shows a single answer (an export that kept one, ticked by all who answered)
   * counts each respondent once, as a single choice would; a lone checkbox column splits in two.
   */
  private rowOverlaps(answers: number): boolean {
    return this.row.kind === 'multi' && answers > 1;
  }

  private columnOverlaps(columns: number): boolean {
    return this.column.kind === 'multi' && !this.oneBoxColumn && columns > 1;
  }

  /** A lone checkbox down the side: its one row is the ticked share; not ticked is the rest of each column. */
  private oneBoxRow(): boolean {
    return readsOneCheckbox(this.row.question);
  }

  /**
   * The test of independence, on the answer rows' sums by column. A respondent in several cells
   * breaks its assumption, and nets repeat their members: a table of overlapping answers gets none,
   * but for one checkbox down the side ("Macy's Parade", based on everyone), which splits each column
   * in two, ticked or not: that 2-row table is tested, as a yes/no question's would be.
   */
  private test(w: number[][], w2: number[][], columnOrder: readonly number[], multi: boolean): CrosstabTable['stats'] {
    const oneBox = this.oneBoxRow() && !this.columnOverlaps(columnOrder.length) && this.nets.length === 0 && w.length === 1;
    if (multi && !oneBox) return null;
    if (oneBox) {
      const rest = (ticked: readonly number[], bases: readonly number[]) => columnOrder.map((c, i) => Math.max(0, (bases[c] ?? 0) - ticked[i]!));
      w = [w[0]!, rest(w[0]!, this.columnBases.w)];
      w2 = [w2[0]!, rest(w2[0]!, this.columnBases.w2)];
    }
    return this.stats.weighted ? raoScott({ w, w2, n: this.base.n }, this.stats.raoScott) : chiSquare(w);
  }

  /** `order`: the codes of each side in the order to show them, when tables shown together must share one (a banner's). */
  table(label?: string, order: { rows?: readonly number[]; columns?: readonly number[] } = {}): CrosstabTable {
    const rowOrder = order.rows ?? this.rowOrder();
    const columnOrder = order.columns ?? this.columnOrder();
    const answers = rowOrder.map((r) => this.row.options.labels[r]!);
    const columnAnswerLabels = columnAnswers(this.column);
    const columnLabels = columnOrder.map((c) => columnAnswerLabels[c]!);
    const rowSums = [...rowOrder.map((r) => this.cells[r]), ...this.netCells];
    const grid = (key: 'w' | 'w2' | 'n') => rowSums.map((sums) => columnOrder.map((c) => sums?.[key][c] ?? 0));
    const counts = grid('w');
    const byColumn = (sums: readonly number[]) => columnOrder.map((c) => sums[c] ?? 0);
    const columnBases = byColumn(this.columnBases.w);
    const rowBases = [...rowOrder.map((r) => this.rowBases.w[r] ?? 0), ...this.nets.map((_, n) => this.netBases.w[n] ?? 0)];
    const multi = this.rowOverlaps(answers.length) || this.columnOverlaps(columnLabels.length);
    const rq = this.row.question;
    const cq = this.column.question;
    const base = this.base.w;
    const answerRows = answers.length;
    const table: CrosstabTable = {
      kind: 'crosstab',
      row: rq.id,
      column: cq.id,
      label: label ?? `${rq.label} by ${cq.label}`,
      rowLabels: [...answers, ...this.nets.map((n) => n.label)],
      columnLabels,
      counts,
      columnPercents: counts.map((r) => r.map((x, c) => percent(x, columnBases[c]!))),
      rowPercents: counts.map((r, i) => r.map((x) => percent(x, rowBases[i]!))),
      totalPercents: counts.map((r) => r.map((x) => percent(x, base))),
      columnBases,
      rowBases,
      base,
      stats: this.test(counts.slice(0, answerRows), grid('w2').slice(0, answerRows), columnOrder, multi),
    };
    table.unweightedBase = this.base.n;
    table.unweightedColumnBases = byColumn(this.columnBases.n);
    if (this.stats.weighted) {
      table.unweightedCounts = grid('n');
      table.effectiveBase = kish(this.base.w, this.base.w2);
      table.effectiveColumnBases = columnOrder.map((c) => kish(this.columnBases.w[c] ?? 0, this.columnBases.w2[c] ?? 0));
    }
    if (this.stats.letters) {
      const bases = this.stats.weighted ? table.effectiveColumnBases! : table.unweightedColumnBases;
      const shares = counts.map((r) => r.map((x, c) => (columnBases[c]! > 0 ? x / columnBases[c]! : 0)));
      const letters = columnTests(shares, bases, this.stats.letters);
      table.letters = { columns: letters.columns, tested: letters.tested, cells: letters.cells, ...this.stats.letters, overlap: this.columnOverlaps(columnLabels.length) };
    }
    if (multi) table.multi = true;
    if (this.oneBoxRow()) table.oneCheckbox = true;
    if (this.oneBoxColumn) table.oneCheckboxColumn = true;
    if (this.nets.length > 0) table.netRows = this.nets.map((_, i) => answerRows + i);
    return table;
  }
}
