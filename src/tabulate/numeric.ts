/**
 * Numeric summaries in constant memory: exact moments always; the median and
 * histogram come from a table of distinct values, which survey numbers (ages,
 * ratings, durations) keep small. Past MAX_DISTINCT distinct values the
 * median is not reported rather than guessed.
 */
import type { NumericTable } from '../spec/result.js';
import type { NumericCoder } from '../coding/coder.js';

const MAX_DISTINCT = 200_000;

export class NumericSummary {
  /** Sum of weights (respondents when unweighted). */
  n = 0;
  /** Rows counted with a weight above 0 (R's `sum(weights != 0)`): the n of the sd's n/(n-1). */
  private rows = 0;
  missing = 0;
  invalid = 0;
  private mean = 0;
  /** The sum of squared deviations divided by scale², so that it stays finite for any doubles. */
  private m2 = 0;
  /**
   * A power of two at least the largest |value| once values pass 2^256 (1 until then): deviations
   * and their squares are taken of values divided by it, which is exact, so that numbers near the
   * largest double (1.8e308) give a mean and an sd, not NaN and Infinity.
   */
  private scale = 1;
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
    // A row of weight 0 (a blank weight, or one raking left at 0) is out of the estimate, as in R's
    // survey: svyvar's n/(n-1) counts the rows of non-zero weight, and svyquantile drops zero
    // weights, so such a row sets neither min nor max nor a bin (and its value would otherwise
    // split a median between its neighbours). It would also divide 0 by n = 0 in the mean.
    if (w === 0) return;
    // Welford's update, weighted; stable for long streams. With the scale at 1 (every value under
    // 2^256 so far) these are the plain updates, to the last bit.
    this.rescale(x);
    const s = this.scale;
    this.rows++;
    this.n += w;
    const delta = x / s - this.mean / s;
    this.mean = (this.mean / s + (w * delta) / this.n) * s;
    this.m2 += w * delta * (x / s - this.mean / s);
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
      // n/(n-1) * sum w (x - mean)^2 / sum w with n the rows of weight above 0, as R's svyvar
      // (tests/oracles/survey_stats.R, zeroWeights); the usual sample sd when unweighted.
      sd: this.rows > 1 ? this.sd() : null,
      median: null,
      min: has ? this.min : null,
      max: has ? this.max : null,
      invalid: this.invalid,
    };
    if (has && !this.overflow) {
      // Sorted once, for the median and the bins both.
      const sorted = this.sorted();
      table.median = this.median(sorted);
      table.bins = this.bins(sorted);
    }
    return table;
  }

  /** Raises the scale to a power of two at least |x| once |x| passes 2^256, and m2 with it. */
  private rescale(x: number): void {
    const a = Math.abs(x);
    if (a <= this.scale || a <= SCALE_FROM) return;
    // 2^1023 at most: 2^1024 is Infinity. |x| / 2^1023 is under 2, which is room enough.
    const next = Math.min(2 ** Math.ceil(Math.log2(a)), 2 ** 1023);
    if (next <= this.scale) return;
    const ratio = next / this.scale;
    // Divided twice: ratio² may not be a double.
    this.m2 = this.m2 / ratio / ratio;
    this.scale = next;
  }

  /**
   * The sd, or null when it is larger than the largest double (values near +1.8e308 and
   * -1.8e308 both): no number to print.
   */
  private sd(): number | null {
    const sd = Math.sqrt((this.m2 / this.n) * (this.rows / (this.rows - 1))) * this.scale;
    return Number.isFinite(sd) ? sd : null;
  }

  private sorted(): [number, number][] {
    return [...this.values].sort((a, b) => a[0] - b[0]);
  }

  private median(sorted: readonly [number, number][]): number {
    const half = this.n / 2;
    let seen = 0;
    for (let i = 0; i < sorted.length; i++) {
      const [x, c] = sorted[i]!;
      seen += c;
      if (seen > half) return x;
      // An even count splits between two values: average them, halved first so that two values
      // near the largest double do not sum to Infinity (halving is exact, so it is the same mean).
      if (seen === half) return x / 2 + sorted[i + 1]![0] / 2;
    }
    return this.max;
  }

  /**
   * Bins of one "nice" width (1, 2 or 5 times a power of ten) that starts on a multiple of it. The
   * width is the narrower of Sturges' and Freedman–Diaconis' (numpy's 'auto'): Sturges' alone
   * lumps a skewed column (weights, incomes) into a bar or two, and Freedman–Diaconis' follows its
   * spread where the answers are. Whole numbers get bins at least 1 wide, which no gap splits.
   */
  private bins(sorted: readonly [number, number][]): { x0: number; x1: number; count: number }[] {
    const lo = this.min;
    const hi = this.max;
    if (lo === hi) return [{ x0: lo, x1: hi, count: this.n }];
    const sturges = (hi - lo) / Math.ceil(Math.log2(this.rows) + 1);
    const iqr = this.quantile(sorted, 0.75) - this.quantile(sorted, 0.25);
    const fd = (2 * iqr) / Math.cbrt(this.rows);
    const whole = sorted.every(([x]) => Number.isInteger(x));
    let step = niceStep(Math.max(fd > 0 ? Math.min(sturges, fd) : sturges, whole ? 1 : 0));
    const start = (s: number) => Math.floor(lo / s) * s;
    const binsOf = (s: number) => Math.max(1, Math.ceil((hi - start(s)) / s + 1e-9));
    while (binsOf(step) > MAX_BINS) step = nextNice(step);
    const first = start(step);
    const k = binsOf(step);
    // Numbers near the largest a double holds (1e308): their range or the last edge overflows, and
    // there is no nice width to count them by (new Array(NaN) threw, exit 70). One bin holds them.
    if (!Number.isFinite(first + k * step)) return [{ x0: lo, x1: hi, count: this.n }];
    const counts = new Array<number>(k).fill(0);
    for (const [x, c] of sorted) counts[Math.min(k - 1, Math.floor((x - first) / step))]! += c;
    return counts.map((count, i) => ({ x0: round(first + i * step), x1: round(first + (i + 1) * step), count }));
  }

  /** The weighted `p`-quantile: the first value whose cumulative weight reaches `p` of the total. */
  private quantile(sorted: readonly [number, number][], p: number): number {
    let seen = 0;
    for (const [x, c] of sorted) {
      seen += c;
      if (seen >= p * this.n) return x;
    }
    return this.max;
  }
}

/** Values up to this size are summed as they are; past it, divided by a scale (see `scale`). */
const SCALE_FROM = 2 ** 256;

/** More bins than this are slivers on a chart a few hundred pixels wide. */
const MAX_BINS = 50;

/** `raw` rounded to the nearest 1, 2 or 5 times a power of ten (on a log scale, as d3's ticks). */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f < Math.SQRT2 ? 1 : f < Math.sqrt(10) ? 2 : f < Math.sqrt(50) ? 5 : 10) * p;
}

/** The nice width after `step` (0.2 -> 0.5 -> 1). */
function nextNice(step: number): number {
  const p = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const f = Math.round(step / p);
  return (f < 2 ? 2 : f < 5 ? 5 : 10) * p;
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}
