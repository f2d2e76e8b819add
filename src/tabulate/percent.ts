/** Percent of a base, 0-100, unrounded; 0 when the base is empty. Rounding is the renderers' job. */
export function percent(count: number, base: number): number {
  return base > 0 ? (100 * count) / base : 0;
}

