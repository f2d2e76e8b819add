/**
 * Numeric summaries in constant memory: exact moments always; the median and
 * histogram come from a table of distinct values, which survey numbers (ages,
 * ratings, durations) keep small. Past MAX_DISTINCT distinct values the
 * median is not reported rather than guessed.
 */
import type { NumericTable } from '../spec/result.js';
import type { NumericCoder } from '../engine/coder.js';

const MAX_DISTINCT = 200_000;

export class NumericSummary {
  /** Sum of weights (respondents when unweighted). */
  n = 0;
  private rows = 0;
  missing = 0;
  invalid = 0;
  private mean = 0;
  private m2 = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly values = new Map<number, number>();
  private overflow = false;
  constructor(private readonly coder: NumericCoder) {}

  add(w: number): void {
    const c = this.coder;
    if (c.invalid) {
      this.invalid += w;
      return;
    }
    const x = c.value;
    if (Number.isNaN(x)) {
      this.missing += w;
      return;
    }
    // Welford's update, weighted; stable for long streams.
    this.rows++;
    this.n += w;
    const delta = x - this.mean;
    this.mean += (w * delta) / this.n;
    this.m2 += w * delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (!this.overflow) {
      this.values.set(x, (this.values.get(x) ?? 0) + w);
      if (this.values.size > MAX_DISTINCT) {
        this.overflow = true;
        this.values.clear();
      }
    }
  }

  table(): NumericTable {
    const q = this.coder.question;
    const has = this.n > 0;
    const table: NumericTable = {
      kind: 'numeric',
      question: q.id,
      label: q.label,
      n: this.n,
      missing: this.missing,
      mean: has ? this.mean : null,
      // n/(n-1) * sum w (x - mean)^2 / sum w, as R's svyvar; the usual sample sd when unweighted.
      sd: this.rows > 1 && this.n > 0 ? Math.sqrt((this.m2 / this.n) * (this.rows / (this.rows - 1))) : null,
      median: has && !this.overflow ? this.median() : null,
      min: has ? this.min : null,
      max: has ? this.max : null,
      invalid: this.invalid,
    };
    if (has && !this.overflow) table.bins = this.bins();
    return table;
  }

  private sorted(): [number, number][] {
    return [...this.values].sort((a, b) => a[0] - b[0]);
  }

  private median(): number {
    const half = this.n / 2;
    let seen = 0;
    const sorted = this.sorted();
    for (let i = 0; i < sorted.length; i++) {
      const [x, c] = sorted[i]!;
      seen += c;
      if (seen > half) return x;
      // An even count splits between two values: average them.
      if (seen === half) return (x + sorted[i + 1]![0]) / 2;
    }
    return this.max;
  }

  /** Sturges' rule on "nice" bin edges, capped at 30 bins. */
  private bins(): { x0: number; x1: number; count: number }[] {
    const lo = this.min;
    const hi = this.max;
    if (lo === hi) return [{ x0: lo, x1: hi, count: this.n }];
    const target = Math.min(30, Math.ceil(Math.log2(this.n) + 1));
    const step = niceStep((hi - lo) / target);
    const start = Math.floor(lo / step) * step;
    const k = Math.max(1, Math.ceil((hi - start) / step + 1e-9));
    const counts = new Array<number>(k).fill(0);
    for (const [x, c] of this.values) counts[Math.min(k - 1, Math.floor((x - start) / step))]! += c;
    return counts.map((count, i) => ({ x0: round(start + i * step), x1: round(start + (i + 1) * step), count }));
  }
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}
