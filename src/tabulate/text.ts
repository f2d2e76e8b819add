/** Free-text and date questions: how many answered, how varied, and for dates the range. */
import type { TextTable } from '../spec/result.js';
import type { TextCoder } from '../engine/coder.js';
import { formatDateTime, own } from '../codebook/values.js';

const MAX_TRACKED = 100_000;

export class TextSummary {
  n = 0;
  missing = 0;
  private readonly seen = new Set<string>();
  /** An answer not tracked was met: the set is full, and its size a floor. */
  private capped = false;
  private min = Infinity;
  private max = -Infinity;
  private readonly dates: boolean;
  constructor(private readonly coder: TextCoder) {
    this.dates = coder.question.type === 'date';
  }
  /** Counts respondents whatever their weight: how many wrote an answer describes the data, it estimates nothing. */
  add(_weight: number): void {
    const c = this.coder;
    if (c.blank) {
      this.missing++;
      return;
    }
    this.n++;
    // Distinct answers are counted exactly up to a cap; past it the count is a floor (an
    // answer not in the full set may repeat one that was not tracked either).
    if (!this.capped && !this.seen.has(c.answer)) {
      // A copy, so that the set does not keep the chunk of the file the answer was cut from.
      if (this.seen.size < MAX_TRACKED) this.seen.add(own(c.answer));
      else this.capped = true;
    }
    if (this.dates) {
      const t = c.time;
      if (t < this.min) this.min = t;
      if (t > this.max) this.max = t;
    }
  }
  table(): TextTable {
    const q = this.coder.question;
    const t: TextTable = { kind: 'text', question: q.id, label: q.label, type: q.type === 'date' ? 'date' : 'text', n: this.n, missing: this.missing, distinct: this.seen.size };
    if (this.capped) t.distinctCapped = true;
    if (Number.isFinite(this.min)) {
      t.min = formatDateTime(this.min);
      t.max = formatDateTime(this.max);
    }
    return t;
  }
}
