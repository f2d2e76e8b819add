/**
 * Crosstabs: counts of respondents by a row question and a column question.
 * Either side may be multi-select, in which case a respondent counts once in
 * every option they chose, and bases count respondents, not answers.
 */
import type { CrosstabTable } from '../spec/result.js';
import type { ChoiceCoder } from '../engine/coder.js';
import type { Net } from './frequency.js';
import { chiSquare } from '../stats/chisquare.js';
import { bump, percent } from './percent.js';

const ONE: number[] = [0];

/** The option codes the current row chose (empty when unanswered); never allocates. */
export function chosenCodes(c: ChoiceCoder): readonly number[] {
  if (c.kind === 'multi') return c.answered ? c.chosen : [];
  if (c.value < 0) return [];
  ONE[0] = c.value;
  return ONE;
}

export class Crosstab {
  private readonly counts: number[][] = [];
  private readonly columnBases: number[] = [];
  private readonly rowBases: number[] = [];
  private base = 0;
  private readonly netCounts: number[][];
  private readonly netBases: number[];
  constructor(
    private readonly row: ChoiceCoder,
    private readonly column: ChoiceCoder,
    private readonly nets: readonly Net[] = [],
  ) {
    this.netCounts = nets.map(() => []);
    this.netBases = nets.map(() => 0);
  }

  add(w: number): void {
    const rows = chosenCodes(this.row);
    if (rows.length === 0) return;
    // Copy: chosenCodes may reuse its buffer for the column side.
    const r0 = rows.length === 1 ? rows[0]! : -1;
    const rowCodes = r0 >= 0 ? null : [...rows];
    const cols = chosenCodes(this.column);
    if (cols.length === 0) return;
    this.base += w;
    for (const c of cols) bump(this.columnBases, c, w);
    const each = (r: number) => {
      while (this.counts.length <= r) this.counts.push([]);
      bump(this.rowBases, r, w);
      for (const c of cols) bump(this.counts[r]!, c, w);
    };
    if (rowCodes === null) each(r0);
    else for (const r of rowCodes) each(r);
    for (let n = 0; n < this.nets.length; n++) {
      const members = this.nets[n]!.codes;
      if (rowCodes === null ? members.includes(r0) : rowCodes.some((r) => members.includes(r))) {
        this.netBases[n]! += w;
        for (const c of cols) bump(this.netCounts[n]!, c, w);
      }
    }
  }

  table(label?: string): CrosstabTable {
    const answers = [...this.row.options.labels];
    const columnLabels = [...this.column.options.labels];
    const answerCounts = answers.map((_, r) => columnLabels.map((_, c) => this.counts[r]?.[c] ?? 0));
    const rowLabels = [...answers, ...this.nets.map((n) => n.label)];
    const counts = [...answerCounts, ...this.netCounts.map((nc) => columnLabels.map((_, c) => nc[c] ?? 0))];
    const columnBases = columnLabels.map((_, c) => this.columnBases[c] ?? 0);
    const rowBases = [...answers.map((_, r) => this.rowBases[r] ?? 0), ...this.netBases];
    const multi = this.row.kind === 'multi' || this.column.kind === 'multi';
    const rq = this.row.question;
    const cq = this.column.question;
    const table: CrosstabTable = {
      kind: 'crosstab',
      row: rq.id,
      column: cq.id,
      label: label ?? `${rq.label} by ${cq.label}`,
      rowLabels,
      columnLabels,
      counts,
      columnPercents: counts.map((r) => r.map((x, c) => percent(x, columnBases[c]!))),
      rowPercents: counts.map((r, i) => r.map((x) => percent(x, rowBases[i]!))),
      totalPercents: counts.map((r) => r.map((x) => percent(x, this.base))),
      columnBases,
      rowBases,
      base: this.base,
      // A respondent in several cells breaks the test's independence assumption.
      // Nets repeat their members' counts: the test sees the answers only.
      stats: multi ? null : chiSquare(answerCounts),
    };
    if (multi) table.multi = true;
    if (this.nets.length > 0) table.netRows = this.nets.map((_, i) => answers.length + i);
    return table;
  }
}
