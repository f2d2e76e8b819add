/**
 * Frequency tables for choice questions (single, multi-select, one grid item):
 * counts per answer, the base of respondents answering, nets, and for
 * multi-selects the number of answers given.
 */
import type { FrequencyRow, FrequencyTable } from '../spec/result.js';
import type { ChoiceCoder } from '../engine/coder.js';
import { chosenCodes } from './crosstab.js';
import { bump, percent } from './percent.js';

export interface Net {
  label: string;
  /** Option codes the net combines. */
  codes: number[];
}

export class ChoiceFrequency {
  private readonly counts: number[] = [];
  private readonly netCounts: number[];
  private readonly missingAnswers = new Map<string, number>();
  private answered = 0;
  private missing = 0;
  private responses = 0;
  constructor(
    private readonly coder: ChoiceCoder,
    private readonly nets: readonly Net[] = [],
    private readonly labels: { label?: string; item?: string } = {},
  ) {
    this.netCounts = nets.map(() => 0);
  }

  add(w: number): void {
    const codes = chosenCodes(this.coder);
    if (codes.length === 0) {
      this.missing += w;
      const m = (this.coder as { missingAnswer?: string | null }).missingAnswer ?? null;
      if (m !== null && this.coder.question.showMissing) this.missingAnswers.set(m, (this.missingAnswers.get(m) ?? 0) + w);
      return;
    }
    this.answered += w;
    this.responses += w * codes.length;
    for (const c of codes) bump(this.counts, c, w);
    // A respondent is in a net once, however many of its answers they chose.
    for (let n = 0; n < this.nets.length; n++) {
      if (codes.some((c) => this.nets[n]!.codes.includes(c))) this.netCounts[n]! += w;
    }
  }

  table(): FrequencyTable {
    const q = this.coder.question;
    const multi = this.coder.kind === 'multi';
    const row = (label: string, count: number): FrequencyRow =>
      multi ? { label, count, percent: percent(count, this.answered), percentOfResponses: percent(count, this.responses) } : { label, count, percent: percent(count, this.answered) };
    const rows = this.coder.options.labels.map((label, i) => row(label, this.counts[i] ?? 0));
    // Answers with no natural order are listed by how often they were given, on the final counts.
    if (q.order === 'count') rows.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    this.nets.forEach((n, i) => rows.push({ ...row(n.label, this.netCounts[i]!), net: true }));
    // Declared missing answers are shown outside the base, as shares of everyone asked.
    const everyone = this.answered + this.missing;
    for (const [label, count] of this.missingAnswers) rows.push({ label, count, percent: percent(count, everyone), missing: true });
    const t: FrequencyTable = { kind: 'frequency', question: this.labels.item ? q.id.split('.')[0]! : q.id, label: this.labels.label ?? q.label, type: multi ? 'multi' : q.type, base: this.answered, missing: this.missing, rows };
    if (this.labels.item) t.item = this.labels.item;
    if (multi) t.responses = this.responses;
    return t;
  }
}
