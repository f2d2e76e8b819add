/**
 * Wilson score interval for a proportion p on a base of m respondents; with
 * weights, m is the effective base (Kish), so the interval widens with the
 * design effect. Returns proportions (0-1).
 */
export function wilson(p: number, m: number, z: number): [number, number] {
  if (!(m > 0)) return [NaN, NaN];
  const z2 = z * z;
  const denom = 1 + z2 / m;
  const centre = (p + z2 / (2 * m)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / m + z2 / (4 * m * m));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Kish's effective sample size: (sum w)^2 / sum w^2. */
export function kish(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}
