/**
 * Raking (iterative proportional fitting) on cells: respondents with the same
 * categories on every raking variable share one adjustment factor, so raking
 * runs on the few cells of their cross-classification, not on rows.
 * Optional trimming caps weights to bounds (relative to the mean weight) and
 * rakes again, alternating until the weights are inside the bounds.
 */

export interface RakeCell {
  /** Category code on each raking variable. */
  categories: number[];
  /** Sum of design weights of the cell's respondents. */
  w: number;
  /** Respondents in the cell. */
  n: number;
}

export interface RakeOptions {
  /** Per variable, the target total of each category (indexed by code). */
  targets: number[][];
  /** __Default value:__ 100 */
  maxIterations: number;
  /** Stop when no cell total moves by more than tolerance x the total weight. __Default value:__ 1e-10 */
  tolerance: number;
  /** Bounds on weights relative to the mean weight, e.g. [0.3, 3]; trimmed weights are raked again. */
  trim?: { lower: number; upper: number } | undefined;
}

export interface RakeResult {
  /** Factor per cell: raked weight = design weight x factor. */
  factors: number[];
  iterations: number;
  converged: boolean;
  /** Raking/trimming rounds run (1 without trimming). */
  rounds: number;
  /** Cells whose weights were capped in the last trimming round. */
  trimmedCells: number;
  /** Target categories no respondent falls in (raking cannot reach them). */
  emptyTargets: { variable: number; category: number }[];
  /** Largest distance of a weighted margin from its target, as a share of the total weight. */
  marginError: number;
}

export function rakeCells(cells: readonly RakeCell[], opts: RakeOptions): RakeResult {
  const factors = cells.map(() => 1);
  const emptyTargets: RakeResult['emptyTargets'] = [];
  opts.targets.forEach((t, v) =>
    t.forEach((target, c) => {
      if (target > 0 && !cells.some((cell) => cell.categories[v] === c && cell.w > 0)) emptyTargets.push({ variable: v, category: c });
    }),
  );
  const total = cells.reduce((s, c) => s + c.w, 0);
  let iterations = 0;
  let converged = false;
  let rounds = 0;
  let trimmedCells = 0;
  const maxRounds = opts.trim ? 50 : 1;
  while (rounds < maxRounds) {
    rounds++;
    const r = ipf(cells, factors, opts, total);
    iterations += r.iterations;
    converged = r.converged;
    if (!opts.trim) break;
    trimmedCells = trim(cells, factors, opts.trim);
    if (trimmedCells === 0) break;
  }
  // Trimming that never settles leaves weights in bounds but margins off target.
  if (trimmedCells > 0) converged = false;
  return { factors, iterations, converged, rounds, trimmedCells, emptyTargets, marginError: marginError(cells, factors, opts.targets) };
}

function marginError(cells: readonly RakeCell[], factors: readonly number[], targets: readonly (readonly number[])[]): number {
  const total = cells.reduce((s, c, i) => s + c.w * factors[i]!, 0);
  let worst = 0;
  targets.forEach((t, v) => {
    const sums = t.map(() => 0);
    cells.forEach((c, i) => (sums[c.categories[v]!]! += c.w * factors[i]!));
    const targetTotal = t.reduce((a, b) => a + b, 0);
    t.forEach((target, k) => (worst = Math.max(worst, Math.abs(sums[k]! / total - target / targetTotal))));
  });
  return worst;
}

function ipf(cells: readonly RakeCell[], factors: number[], opts: RakeOptions, total: number): { iterations: number; converged: boolean } {
  let previous = cells.map((c, i) => c.w * factors[i]!);
  for (let it = 1; it <= opts.maxIterations; it++) {
    opts.targets.forEach((targets, v) => {
      const sums = targets.map(() => 0);
      cells.forEach((c, i) => (sums[c.categories[v]!]! += c.w * factors[i]!));
      cells.forEach((c, i) => {
        const s = sums[c.categories[v]!]!;
        if (s > 0) factors[i]! *= targets[c.categories[v]!]! / s;
      });
    });
    const current = cells.map((c, i) => c.w * factors[i]!);
    let change = 0;
    for (let i = 0; i < current.length; i++) change = Math.max(change, Math.abs(current[i]! - previous[i]!));
    previous = current;
    if (change < opts.tolerance * total) return { iterations: it, converged: true };
  }
  return { iterations: opts.maxIterations, converged: false };
}

/** Caps per-respondent weights to [lower, upper] x mean weight; returns how many cells were capped. */
function trim(cells: readonly RakeCell[], factors: number[], bounds: { lower: number; upper: number }): number {
  const n = cells.reduce((s, c) => s + c.n, 0);
  const total = cells.reduce((s, c, i) => s + c.w * factors[i]!, 0);
  const mean = total / n;
  let capped = 0;
  cells.forEach((c, i) => {
    if (c.n === 0) return;
    const perRow = (c.w * factors[i]!) / c.n;
    const bounded = Math.min(Math.max(perRow, bounds.lower * mean), bounds.upper * mean);
    // A relative tolerance keeps rounding from reopening a cell that is at its bound.
    if (Math.abs(bounded - perRow) > 1e-9 * mean) {
      factors[i]! *= bounded / perRow;
      capped++;
    }
  });
  return capped;
}
