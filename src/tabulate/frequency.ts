/**
 * Frequency tables: accumulate answer counts row by row, then turn them into
 * tables with percentages of those answering.
 */
import type { Question } from '../spec/codebook.js';
import type { FrequencyRow, FrequencyTable } from '../spec/result.js';
import type { MatrixCoder, MultiCoder, SingleCoder } from '../engine/coder.js';
import { bump, percent } from './percent.js';

export class SingleFrequency {
  readonly counts: number[] = [];
  missing = 0;
  constructor(private readonly coder: SingleCoder) {}
  add(w: number): void {
    const v = this.coder.value;
    if (v < 0) this.missing += w;
    else bump(this.counts, v, w);
  }
  table(): FrequencyTable {
    return frequencyTable(this.coder.question, this.coder.options.labels, this.counts, this.missing);
  }
}

export class MultiFrequency {
  readonly counts: number[] = [];
  answered = 0;
  missing = 0;
  responses = 0;
  constructor(private readonly coder: MultiCoder) {}
  add(w: number): void {
    const c = this.coder;
    if (!c.answered) {
      this.missing += w;
      return;
    }
    this.answered += w;
    for (const code of c.chosen) bump(this.counts, code, w);
    this.responses += w * c.chosen.length;
  }
  table(): FrequencyTable {
    const q = this.coder.question;
    const labels = this.coder.options.labels;
    const rows: FrequencyRow[] = labels.map((label, i) => {
      const count = this.counts[i] ?? 0;
      return { label, count, percent: percent(count, this.answered), percentOfResponses: percent(count, this.responses) };
    });
    return { kind: 'frequency', question: q.id, label: q.label, type: 'multi', base: this.answered, missing: this.missing, responses: this.responses, rows };
  }
}

export class MatrixFrequency {
  private readonly counts: number[][];
  private readonly missing: number[];
  constructor(private readonly coder: MatrixCoder) {
    this.counts = coder.question.items.map(() => []);
    this.missing = coder.question.items.map(() => 0);
  }
  add(w: number): void {
    const values = this.coder.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < 0) this.missing[i]! += w;
      else bump(this.counts[i]!, v, w);
    }
  }
  tables(): FrequencyTable[] {
    const q = this.coder.question;
    return q.items.map((item, i) => ({
      ...frequencyTable(q, this.coder.options.labels, this.counts[i]!, this.missing[i]!),
      label: `${q.label} | ${item.label}`,
      item: item.label,
    }));
  }
}

function frequencyTable(q: Question, labels: readonly string[], counts: readonly number[], missing: number): FrequencyTable {
  let base = 0;
  for (const c of counts) base += c;
  const rows = labels.map((label, i) => ({ label, count: counts[i] ?? 0, percent: percent(counts[i] ?? 0, base) }));
  return { kind: 'frequency', question: q.id, label: q.label, type: q.type, base, missing, rows };
}
