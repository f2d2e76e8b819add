/**
 * The tabulation stage: given a codebook and a plan of tables, code each row and
 * feed every table's accumulator. Memory depends on the number of distinct
 * answers, never on rows.
 */
import { findRef, itemRefParts, type Codebook, type Question } from '../spec/codebook.js';
import type { Table } from '../spec/result.js';
import type { Evaluator } from '../expr/compile.js';
import { truthy } from '../expr/compile.js';
import { Crosstab } from '../tabulate/crosstab.js';
import { ChoiceFrequency, type Net } from '../tabulate/frequency.js';
import { Banner } from '../tabulate/banner.js';
import { NumericSummary } from '../tabulate/numeric.js';
import { TextSummary } from '../tabulate/text.js';
import { BandCoder, createCoder, MatrixItemView, type ChoiceCoder, type Coder, type CodingOptions } from '../coding/coder.js';
import { GridOrders } from '../tabulate/grid-order.js';
import { RowValues } from '../coding/row-values.js';
import type { Cells } from '../ingest/cells.js';
import { SurveyError } from '../errors/survey-error.js';
import { DEFAULT_TABLE_STATS, type TableStatsOptions } from '../tabulate/options.js';
import { Total } from '../tabulate/sums.js';
import { messages } from '../errors/messages.js';

/** A table to make; `filter` keeps the rows it holds for, `where` is its text, carried to the table. */
export type PlannedTable = ({ kind: 'frequency'; question: string } | { kind: 'crosstab'; row: string; column: string } | { kind: 'banner'; rows: string[]; columns: string[]; total: boolean; minBase: number }) & {
  id?: string;
  title?: string;
  filter?: Evaluator;
  where?: string;
};

export interface TabulationPlan {
  /** Tables to make; `all` is a frequency table (or summary) for every question. */
  tables: PlannedTable[] | 'all';
  /** Question ids to crosstab every choice question by (after `tables`). */
  by: readonly string[];
  /** A numeric question holding weights. */
  weight?: string;
  /** Intervals, tests and letters. __Default value:__ unweighted, 95%, no letters */
  stats?: TableStatsOptions;
  /** The study's time zone (a spec's `input.timezone`): timestamps written with a zone are summarised in it. */
  timezone?: string;
}

interface Accumulator {
  add(w: number): void;
  tables(): Table[];
  filter?: Evaluator | undefined;
}

export class Tabulation {
  /** Coders in codebook order; derived questions after their sources. */
  readonly coders = new Map<string, Coder>();
  readonly values: RowValues;
  private readonly accumulators: Accumulator[] = [];
  /**
   * The counts grid items' answers are listed by, one per grid for every table (tabulate/grid-order.ts):
   * counted over every kept row, before any table's filter, so that a filtered table keeps the grid's order.
   */
  private readonly grids = new GridOrders();
  private readonly weight: Coder | undefined;
  private readonly stats: TableStatsOptions;
  /** Extra factor on each row's weight (raking); null for none. */
  private adjust: (() => number) | null = null;
  /** Rows with a missing or invalid weight, counted with weight 0. */
  unweighted = 0;
  /**
   * Of them, why: a blank weight is common (a case the weighting left out), one that is no number
   * says the column is not the weight, or is broken; the warning tells them apart.
   */
  readonly noWeight = { blank: 0, notNumber: 0 };
  /**
   * Counted rows whose weight is below 0, with the first one's weight and line (as given to
   * `count`): no sampling weight, so the run is refused once the reading is done (`negativeWeightsError`).
   */
  readonly negative = { rows: 0, first: NaN, line: 0 };
  /** The weights of counted rows, for the weighting summary. */
  readonly weights = new Total();
  minWeight = Infinity;
  maxWeight = -Infinity;

  private readonly timezone: string | undefined;
  constructor(readonly codebook: Codebook, plan: TabulationPlan, options: CodingOptions) {
    this.timezone = plan.timezone;
    for (const q of codebook.questions) {
      const coder = createCoder(q, options, (id) => this.coders.get(id));
      if (coder) this.coders.set(q.id, coder);
    }
    this.values = new RowValues(codebook, this.coders);
    this.active = [...this.coders.values()];
    this.bands = this.active.filter((c): c is BandCoder => c instanceof BandCoder);
    this.stats = plan.stats ?? DEFAULT_TABLE_STATS;
    if (plan.weight !== undefined) {
      this.weight = this.coders.get(plan.weight);
      this.planned.add(plan.weight);
      if (this.weight?.kind !== 'numeric') throw new SurveyError('SURVEY_OPTION_INVALID', `weight: '${plan.weight}' is not a numeric question`);
    }
    // The platform's metadata (Status, Progress) is no finding: tabulated only when a table asks.
    const planned = plan.tables === 'all' ? codebook.questions.filter((q) => this.coders.has(q.id) && !q.metadata).map((q): PlannedTable => ({ kind: 'frequency', question: q.id })) : plan.tables;
    for (const t of planned) this.accumulators.push(...this.accumulatorsFor(t));
    for (const byId of plan.by) {
      const column = this.singleView(byId, '--by');
      for (const q of codebook.questions) {
        if (q.id === byId || q.metadata) continue;
        for (const row of this.choiceViews(q.id)) {
          // A grid's other items are crossed by one of its items; the item itself is not.
          if (row.question.id !== byId) this.accumulators.push(crosstabAcc(row, column, netsOf(row), undefined, this.stats, this.grids));
        }
      }
    }
  }

  /** The coders `read` runs: all of them unless `codeOnly` said otherwise. */
  private active: Coder[] = [];
  /** Derived bands among them, which count the rows whose number falls in no band. */
  private bands: BandCoder[] = [];
  /** Questions the planned tables and the weight read. */
  private readonly planned = new Set<string>();

  /**
   * Codes only the questions the tables and weight use, these ones (what rules and
   * filters read) and the questions they are derived from, from now on: the others are
   * not read, and their answers seen past the sample are not added to their options.
   * For pipelines that know every question their rules use.
   */
  codeOnly(ids: Iterable<string>): void {
    const wanted = new Set<string>();
    const want = (id: string): void => {
      const qid = findRef(this.codebook.questions, id)?.question.id ?? id;
      if (wanted.has(qid)) return;
      wanted.add(qid);
      const from = this.codebook.questions.find((q) => q.id === qid)?.derived?.from;
      if (from !== undefined) want(from);
    };
    for (const id of this.planned) want(id);
    for (const id of ids) want(id);
    this.active = [...this.coders].filter(([id]) => wanted.has(id)).map(([, c]) => c);
    this.bands = this.active.filter((c): c is BandCoder => c instanceof BandCoder);
  }

  /** Whether question `id` is coded row by row (every question unless `codeOnly` left it out). */
  codes(id: string): boolean {
    const coder = this.coders.get(id);
    return coder !== undefined && this.active.includes(coder);
  }

  /** Columns whose cells are answers from a list (choice questions and grids): they repeat. */
  choiceColumns(): number[] {
    const columns: number[] = [];
    for (const c of this.active) {
      if (c.kind === 'numeric' || c.kind === 'text' || (c.kind === 'single' && c.question.derived)) continue;
      const q = c.question;
      if (q.layout?.kind === 'columns' || q.type === 'matrix') columns.push(...q.items.map((i) => i.column));
      else columns.push(...q.columns);
    }
    // Two questions may read one column (a spec's recoded copy): it is numbered once.
    return [...new Set(columns)];
  }

  /** Codes one respondent's row. Call before `filter`-dependent decisions and `count`. */
  read(cells: Cells): void {
    const active = this.active;
    for (let i = 0; i < active.length; i++) active[i]!.read(cells);
    this.values.setRow(cells);
  }

  /** The design weight of the row read last (1 without a weight question; 0 when missing, or negative: refused once read). */
  designWeight(): number {
    if (this.weight?.kind !== 'numeric') return 1;
    const w = this.weight.value;
    return w >= 0 ? w : 0;
  }

  /** Multiplies every row's weight by `factor()` (raking), evaluated on the row read last. */
  setAdjustment(factor: () => number): void {
    this.adjust = factor;
  }

  /** The weight the row read last counts with: its design weight, raked. */
  rowWeight(): number {
    const w = this.designWeight();
    return this.adjust ? w * this.adjust() : w;
  }

  /** Whether the row read last has a weight below 0. */
  weightIsNegative(): boolean {
    return this.weight?.kind === 'numeric' && this.weight.value < 0;
  }

  /** The weight column's number in the row read last (NaN when blank, not a number, or unweighted). */
  rowWeightValue(): number {
    return this.weight?.kind === 'numeric' ? this.weight.value : NaN;
  }

  /**
   * The error for counted rows with a negative weight (`rows` of them, the first `first` at `line`
   * of `file`), naming the weight's column: R's survey would use such a weight as it is, Stata
   * refuses it; counting it as 0 would change every estimate without a word.
   */
  negativeWeightsError(file: string, rows = this.negative.rows, first = this.negative.first, line = this.negative.line): SurveyError {
    const q = this.weight!.question;
    const column = q.columns[0]! + 1;
    return new SurveyError('SURVEY_WEIGHT_NEGATIVE', messages.weightNegative(q.id, rows, first), { location: { file, line, column }, hint: messages.weightNegativeHint() });
  }

  /** Counts the row read last (read from `line` of the file, named in errors) in every table whose base includes it. */
  count(line = 0): void {
    if (this.weight?.kind === 'numeric' && !(this.weight.value >= 0)) {
      const v = this.weight.value;
      if (v < 0) {
        if (this.negative.rows++ === 0) {
          this.negative.first = v;
          this.negative.line = line;
        }
      } else {
        this.unweighted++;
        if (this.weight.invalid) this.noWeight.notNumber++;
        else this.noWeight.blank++;
      }
    }
    const w = this.rowWeight();
    for (const b of this.bands) b.countOutside();
    this.weights.add(w);
    if (w < this.minWeight) this.minWeight = w;
    if (w > this.maxWeight) this.maxWeight = w;
    this.grids.add(w);
    for (const a of this.accumulators) {
      if (a.filter && !truthy(a.filter(this.values.resolve))) continue;
      a.add(w);
    }
  }

  add(cells: Cells, line = 0): void {
    this.read(cells);
    this.count(line);
  }

  tables(): Table[] {
    this.settleLabels();
    return this.accumulators.flatMap((a) => a.tables());
  }

  /** Counting is done: case-folded answers take the spelling they are shown by. */
  private settleLabels(): void {
    for (const c of this.coders.values()) if ('options' in c) c.options.settleLabels();
  }

  /** The questions with the answers actually seen appended to their options. */
  questions(): Question[] {
    this.settleLabels();
    return this.codebook.questions.map((q) => {
      const coder = this.coders.get(q.id);
      if (!coder || !('options' in coder) || q.layout?.kind === 'columns') return q;
      return { ...q, options: [...coder.options.labels] };
    });
  }

  private accumulatorsFor(t: PlannedTable): Accumulator[] {
    // A grid item keeps its item after the title, as after the question: `Title | Item`.
    const titled = (x: Table) => (x.kind === 'frequency' && x.item !== undefined ? `${t.title} | ${x.item}` : t.title);
    const tag = (tables: Table[]) => tables.map((x) => ({ ...x, ...(t.id ? { id: t.id } : {}), ...(t.title ? { label: titled(x) } : {}), ...(t.where !== undefined ? { filter: t.where } : {}) }));
    if (t.kind === 'banner') {
      const rows = t.rows.flatMap((id) =>
        this.choiceViews(id).map((coder) => {
          const q = findRef(this.codebook.questions, id)?.question;
          const item = q?.type === 'matrix' ? q.items.find((it) => `${q.id}.${it.id}` === coder.question.id)?.label : undefined;
          return { coder, nets: netsOf(coder), ...(item !== undefined ? { item } : {}) };
        }),
      );
      const columns = t.columns.map((c) => this.singleView(c, 'banner column'));
      const banner = new Banner(rows, columns, { total: t.total, minBase: t.minBase, label: t.title ?? 'Banner' }, this.stats, this.grids);
      return [{ add: (w) => banner.add(w), tables: () => tag([banner.table()]), filter: t.filter }];
    }
    if (t.kind === 'crosstab') {
      const row = this.choiceViews(t.row);
      if (row.length !== 1) throw new SurveyError('SURVEY_OPTION_INVALID', messages.notCategorical(t.row, this.typeOf(t.row)));
      const acc = crosstabAcc(row[0]!, this.singleView(t.column, 'column'), netsOf(row[0]!), t.filter, this.stats, this.grids);
      return [{ ...acc, tables: () => tag(acc.tables()) }];
    }
    // A grid's item (`grid.item`) is one table of the grid's.
    const { qid, item: itemId } = this.parseRef(t.question);
    const coder = this.coders.get(qid);
    this.planned.add(qid);
    if (!coder || (itemId !== undefined && (coder.kind !== 'matrix' || !coder.question.items.some((it) => it.id === itemId)))) throw new SurveyError('SURVEY_QUESTION_UNKNOWN', messages.unknownQuestion(t.question));
    const make = (): Accumulator[] => {
      switch (coder.kind) {
        case 'single':
        case 'multi': {
          const f = new ChoiceFrequency(coder, netsOf(coder), {}, this.stats);
          return [{ add: (w) => f.add(w), tables: () => [f.table()] }];
        }
        case 'matrix': {
          const items = coder.question.items.flatMap((item, i) => {
            if (itemId !== undefined && item.id !== itemId) return [];
            const view = new MatrixItemView(coder, i);
            const f = new ChoiceFrequency(view, [], { label: view.question.label, item: item.label }, this.stats);
            // Answers listed by count are listed by the grid's counts, all items alike, so that
            // its items read answer against answer (in a table, a row each, and in one chart),
            // and as every other table showing one of them lists them, whatever this one's filter.
            const counts = this.grids.countsFor(view);
            if (counts) f.orderWith(counts);
            return [f];
          });
          return items.map((f) => ({ add: (w: number) => f.add(w), tables: () => [f.table()] }));
        }
        case 'numeric': {
          const f = new NumericSummary(coder);
          return [{ add: (w) => f.add(w), tables: () => [f.table()] }];
        }
        case 'text': {
          const f = new TextSummary(coder, this.timezone);
          return [{ add: (w) => f.add(w), tables: () => [f.table()] }];
        }
      }
    };
    return make().map((a) => ({ add: a.add, tables: () => tag(a.tables()), filter: t.filter }));
  }

  /** A question id, or `grid.item`: an id may hold a dot itself (Q1.2, from Q1.2_1), so it is looked up whole first. */
  private parseRef(id: string): { qid: string; item?: string } {
    const parts = itemRefParts(id);
    return this.coders.has(id) || parts === null ? { qid: id } : { qid: parts.grid, item: parts.item };
  }

  /** The choice questions an id offers to crosstabs: itself, or each grid item. */
  private choiceViews(id: string): ChoiceCoder[] {
    const { qid, item } = this.parseRef(id);
    const coder = this.coders.get(qid);
    this.planned.add(qid);
    if (!coder) return [];
    if (coder.kind === 'single' || coder.kind === 'multi') return [coder];
    if (coder.kind === 'matrix') {
      const views = coder.question.items.map((_, i) => new MatrixItemView(coder, i));
      return item === undefined ? views : views.filter((v) => v.question.id === id);
    }
    return [];
  }

  private singleView(id: string, what: string): ChoiceCoder {
    const views = this.choiceViews(id);
    if (views.length !== 1) {
      // A grid splits by one of its items: name the first as an example.
      const grid = this.codebook.questions.find((q) => q.id === id && q.type === 'matrix');
      const hint = grid?.items[0] ? `name one of its items, e.g. ${grid.id}.${grid.items[0].id}` : undefined;
      throw new SurveyError('SURVEY_OPTION_INVALID', `${what}: ${messages.notCategorical(id, this.typeOf(id))}`, hint ? { hint } : {});
    }
    return views[0]!;
  }

  private typeOf(id: string): string {
    return findRef(this.codebook.questions, id)?.question.type ?? 'unknown';
  }
}

/** `grids`: the report's grid counts a grid item's answers are listed by (tabulate/grid-order.ts); their owner counts them. */
function crosstabAcc(row: ChoiceCoder, column: ChoiceCoder, nets: Net[], filter: Evaluator | undefined, stats: TableStatsOptions, grids: GridOrders): Accumulator {
  const x = new Crosstab(row, column, nets, stats);
  x.orderWith({ rows: grids.countsFor(row), columns: grids.countsFor(column) });
  return { add: (w) => x.add(w), tables: () => [x.table()], filter };
}

/** The question's nets as option codes. */
function netsOf(coder: ChoiceCoder): Net[] {
  return (coder.question.nets ?? []).map((n) => ({ label: n.label, codes: n.answers.map((a) => coder.options.find(a)).filter((c) => c >= 0) }));
}
