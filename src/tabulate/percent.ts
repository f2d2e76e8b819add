/** Percent of a base, 0-100, unrounded; 0 when the base is empty. Rounding is the renderers' job. */
export function percent(count: number, base: number): number {
  return base > 0 ? (100 * count) / base : 0;
}

/** Adds `w` at index `i` of a growable count array. */
export function bump(counts: number[], i: number, w: number): void {
  while (counts.length <= i) counts.push(0);
  counts[i]! += w;
}
