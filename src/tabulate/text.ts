/** Free-text and date questions: how many answered, how varied, and for dates the range. */
import type { TextTable } from '../spec/result.js';
import type { TextCoder } from '../engine/coder.js';
import { formatDateTime, own } from '../codebook/values.js';

const MAX_TRACKED = 100_000;
/** A time written with its zone (ISO `Z` or `+05:30`, Google Forms' `GMT+5:30`): an instant, kept as UTC. */
const ZONED = /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)$/i;

export class TextSummary {
  n = 0;
  missing = 0;
  private readonly seen = new Set<string>();
  /** An answer not tracked was met: the set is full, and its size a floor. */
  private capped = false;
  private min = Infinity;
  private max = -Infinity;
  /** Whether the earliest and latest were written with a zone: shown in UTC, they are marked Z. */
  private minZoned = false;
  private maxZoned = false;
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
      if (t < this.min) {
        this.min = t;
        this.minZoned = ZONED.test(c.answer);
      }
      if (t > this.max) {
        this.max = t;
        this.maxZoned = ZONED.test(c.answer);
      }
    }
  }
  table(): TextTable {
    const q = this.coder.question;
    const t: TextTable = { kind: 'text', question: q.id, label: q.label, type: q.type === 'date' ? 'date' : 'text', n: this.n, missing: this.missing, distinct: this.seen.size };
    if (this.capped) t.distinctCapped = true;
    if (Number.isFinite(this.min)) {
      // A wall-clock reading stays as written; an instant is said to be UTC, not passed off as local time.
      t.min = formatDateTime(this.min) + (this.minZoned ? 'Z' : '');
      t.max = formatDateTime(this.max) + (this.maxZoned ? 'Z' : '');
    }
    return t;
  }
}
