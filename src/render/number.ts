/**
 * Numbers as every output shows them, rounded one way: half away from zero (half-up for the
 * percentages and counts shown), with a small tolerance so that 12.5 stored as 12.4999999 still
 * rounds up. Tables, charts and report.html print a value alike.
 */

/** Rounds half away from zero: -2.5 is -3, as 2.5 is 3. */
export function roundHalfUp(value: number, decimals = 0): number {
  // From 2^52 on every double is a whole number: nothing to round, and scaling 1e308 by 10 would
  // print as Infinity.
  if (!(Math.abs(value) < 2 ** 52) && decimals >= 0) return value;
  const f = 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const rounded = Math.floor(scaled + 0.5 + 1e-9) / f;
  return value < 0 ? -rounded : rounded;
}

/** `1,234`: a count with thousands separators, independent of the process locale. */
export function formatCount(value: number): string {
  const r = roundHalfUp(value, 2);
  return group(r, Number.isInteger(r) ? 0 : 2);
}

/** Thousands separated by commas, independent of the process locale. */
export function group(value: number, decimals: number): string {
  const [int = '0', frac] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 ? '-' : '';
  return `${sign}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}
