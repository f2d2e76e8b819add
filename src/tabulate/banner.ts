/**
 * Banners: a table book page. Every row question (each grid item on its own)
 * is counted by every answer of every column question, beside a total column;
 * percentages are of each column's base. Columns whose base has fewer
 * respondents than `minBase` are left blank (too few to publish). Disclosure control
 * (stats/suppress.ts) hides small cells afterwards, block by block.
 */
import type { BannerColumn, BannerSection, BannerTable } from '../spec/result.js';
import { itemRefParts } from '../spec/codebook.js';
import type { ChoiceCoder } from '../coding/coder.js';
import { ChoiceFrequency, type Net } from './frequency.js';
import { Crosstab, columnAnswers } from './crosstab.js';
import { DEFAULT_TABLE_STATS, type TableStatsOptions } from './options.js';
import { GridOrders } from './grid-order.js';
import { readsOneCheckbox } from '../codebook/multi.js';

interface Section {
  row: ChoiceCoder;
  item?: string;
  total: ChoiceFrequency | null;
  by: Crosstab[];
}

export class Banner {
  private readonly sections: Section[];
  /** The grids whose items are rows or columns here, when the banner counts them itself (no `grids` given). */
  private readonly ownGrids: GridOrders | null;
  constructor(
    rows: readonly { coder: ChoiceCoder; nets: Net[]; item?: string }[],
    private readonly columns: readonly ChoiceCoder[],
    private readonly opts: { total: boolean; minBase: number; label: string },
    private readonly stats: TableStatsOptions = DEFAULT_TABLE_STATS,
    /** The report's grid counts (grid-order.ts), counted by their owner over every kept row. */
    grids?: GridOrders,
  ) {
    const plain = { ...stats, letters: null };
    this.sections = rows.map((r) => ({
      row: r.coder,
      ...(r.item !== undefined ? { item: r.item } : {}),
      total: opts.total ? new ChoiceFrequency(r.coder, r.nets, {}, plain) : null,
      by: columns.map((c) => new Crosstab(r.coder, c, r.nets, plain)),
    }));
    // A grid item's rows (and columns) in its grid's order, as the grid's frequency table lists them.
    // Alone (no report's counts), a banner counts its grids among the rows it is given.
    const orders = grids ?? new GridOrders();
    this.ownGrids = grids ? null : orders;
    const columnCounts = columns.map((c) => orders.countsFor(c));
    for (const s of this.sections) {
      const rowCounts = orders.countsFor(s.row);
      if (rowCounts) s.total?.orderWith(rowCounts);
      s.by.forEach((x, j) => x.orderWith({ rows: rowCounts, columns: columnCounts[j] }));
    }
  }

  add(w: number): void {
    this.ownGrids?.add(w);
    for (const s of this.sections) {
      s.total?.add(w);
      for (const x of s.by) x.add(w);
    }
  }

  table(): BannerTable {
    const columns: BannerColumn[] = [];
    if (this.opts.total) columns.push({ question: null, group: 'Total', label: 'Total' });
    // One order per question in every block (each crosstab orders by its questions' own counts, the same in each).
    const columnOrders = this.columns.map((c, j) => this.sections[0]?.by[j]?.columnOrder() ?? columnAnswers(c).map((_, i) => i));
    this.columns.forEach((c, j) => {
      // A lone checkbox's columns are its box, ticked and not (crosstab.ts).
      const labels = columnAnswers(c);
      const oneBox = readsOneCheckbox(c.question);
      for (const k of columnOrders[j]!) columns.push({ question: c.question.id, group: c.question.label, label: labels[k]!, ...(oneBox ? { oneCheckbox: true as const } : {}) });
    });
    const sections = this.sections.map((s): BannerSection => {
      // Rows in the Total's order, which the banner shows first.
      const rows = s.total?.codeOrder() ?? s.by[0]?.rowOrder();
      const crosstabs = s.by.map((x, j) => x.table(undefined, { ...(rows ? { rows } : {}), columns: columnOrders[j]! }));
      const total = s.total?.table();
      const rowLabels = crosstabs[0]?.rowLabels ?? total?.rows.map((r) => r.label) ?? [];
      const bases: number[] = [];
      const unweighted: number[] = [];
      const counts: (number | null)[][] = rowLabels.map(() => []);
      const ns: (number | null)[][] = rowLabels.map(() => []);
      const push = (base: number, n: number, count: (r: number) => number, respondents: (r: number) => number) => {
        bases.push(base);
        unweighted.push(n);
        const blank = n < this.opts.minBase;
        rowLabels.forEach((_, r) => {
          counts[r]!.push(blank ? null : count(r));
          ns[r]!.push(blank ? null : respondents(r));
        });
      };
      if (total) {
        const byLabel = new Map(total.rows.map((r) => [r.label, r]));
        const row = (r: number) => byLabel.get(rowLabels[r]!);
        push(total.base, total.unweightedBase ?? total.base, (r) => row(r)?.count ?? 0, (r) => row(r)?.n ?? row(r)?.count ?? 0);
      }
      crosstabs.forEach((x) => {
        x.columnLabels.forEach((_, c) => push(x.columnBases[c]!, x.unweightedColumnBases?.[c] ?? x.columnBases[c]!, (r) => x.counts[r]![c]!, (r) => (x.unweightedCounts ?? x.counts)[r]![c]!));
      });
      const percents = counts.map((row) => row.map((x, c) => (x === null ? null : bases[c]! > 0 ? (100 * x) / bases[c]! : 0)));
      const q = s.row.question;
      const section: BannerSection = { question: s.item !== undefined ? itemRefParts(q.id)!.grid : q.id, label: q.label, type: s.row.kind === 'multi' ? 'multi' : q.type, rowLabels, counts, percents, bases, unweightedBases: unweighted };
      if (s.item !== undefined) {
        section.item = s.item;
        section.itemId = itemRefParts(q.id)!.item;
      }
      if (readsOneCheckbox(q)) section.oneCheckbox = true;
      const nets = crosstabs[0]?.netRows;
      if (nets && nets.length > 0) section.netRows = nets;
      // Disclosure control counts respondents, which weighted counts are not; kept only for it, so banners without it keep their shape.
      if (this.stats.weighted && this.stats.minCell !== undefined) section.unweightedCounts = ns;
      return section;
    });
    return { kind: 'banner', label: this.opts.label, columns, sections, minBase: this.opts.minBase };
  }
}
