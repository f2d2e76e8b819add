/** Tail probabilities, from @stdlib's special functions (accurate far into the tails). */
import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** P(X > x) for X ~ chi-square(df). */
export function chiSquareUpper(x: number, df: number): number {
  return gammainc(x / 2, df / 2, true, true);
}

/** P(X > f) for X ~ F(d1, d2); d1 and d2 may be fractional (Rao-Scott). */
export function fUpper(f: number, d1: number, d2: number): number {
  return betainc(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, true, false);
}

/** Two-sided p-value of a standard normal z. */
export function normalTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** The z for a two-sided confidence level: 1.959964 for 0.95. */
export function zFor(level: number): number {
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}
