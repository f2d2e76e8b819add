/** Free-text and date questions: how many answered, how varied, and for dates the range. */
import type { TextTable } from '../spec/result.js';
import type { TextCoder } from '../coding/coder.js';
import { formatDateTime, own } from '../codebook/values.js';
import { hasZone, toWallClock } from '../codebook/timezone.js';

const MAX_TRACKED = 100_000;

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
  /** `timezone`: the study's, in which a timestamp written with a zone (an instant) is shown; UTC, marked Z, without one. */
  constructor(
    private readonly coder: TextCoder,
    private readonly timezone?: string,
  ) {
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
        this.minZoned = hasZone(c.answer);
      }
      if (t > this.max) {
        this.max = t;
        this.maxZoned = hasZone(c.answer);
      }
    }
  }
  private instant(ms: number): string {
    if (this.timezone === undefined || this.timezone === 'UTC') return `${formatDateTime(ms)}Z`;
    const wall = toWallClock(ms, this.timezone);
    const minutes = Math.round((wall - ms) / 60_000);
    const abs = Math.abs(minutes);
    return `${new Date(wall).toISOString().slice(0, 19)}${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }

  table(): TextTable {
    const q = this.coder.question;
    const t: TextTable = { kind: 'text', question: q.id, label: q.label, type: q.type === 'date' ? 'date' : 'text', n: this.n, missing: this.missing, distinct: this.seen.size };
    if (this.capped) t.distinctCapped = true;
    if (Number.isFinite(this.min)) {
      // A wall-clock reading stays as written; an instant is shown in the study's zone with its
      // offset, or in UTC marked Z: never passed off as a local time.
      t.min = this.minZoned ? this.instant(this.min) : formatDateTime(this.min);
      t.max = this.maxZoned ? this.instant(this.max) : formatDateTime(this.max);
    }
    return t;
  }
}
