/**
 * Rao-Scott corrected chi-square test of independence for a weighted r x c table,
 * as R's survey::svychisq for a one-stage design with weights (no strata or
 * clusters). Everything comes from per-cell sums of w and w^2 plus the count
 * of respondents, which the streaming tabulation keeps:
 *
 *   p   = weighted cell proportions;  V = n/(n-1) * sum_i z_i z_i',  z_i = w_i (e_i - p) / W
 *   X2  = n * sum (p_ij - p_i+ p_+j)^2 / (p_i+ p_+j)
 *   D   = (C' P^-1 C)^-1 C' P^-1 (n V) P^-1 C     (C: interaction contrasts, P = diag(p))
 *   second order: F = X2 / tr D on d0 = (tr D)^2 / tr D^2 and d0 (n-1) df
 *   first order:  X2 / mean eigenvalue of D on (r-1)(c-1) df
 */
import type { CrosstabStats } from '../spec/result.js';
import { chiSquareUpper, fUpper } from './distributions.js';
import { multiply, solve, trace, transpose, zeros, type Matrix } from './linalg.js';

export interface WeightedCells {
  /** sum of w per cell [r][c] */
  w: number[][];
  /** sum of w^2 per cell [r][c] */
  w2: number[][];
  /** respondents in the table */
  n: number;
}

export function raoScott(cells: WeightedCells, order: 1 | 2): CrosstabStats | null {
  // Rows and columns with no weight carry no information (R drops empty levels too).
  const rows = cells.w.map((r, i) => (r.reduce((s, x) => s + x, 0) > 0 ? i : -1)).filter((i) => i >= 0);
  const nc0 = Math.max(0, ...cells.w.map((r) => r.length));
  const cols = Array.from({ length: nc0 }, (_, j) => j).filter((j) => cells.w.reduce((s, r) => s + (r[j] ?? 0), 0) > 0);
  const r = rows.length;
  const c = cols.length;
  const n = cells.n;
  if (r < 2 || c < 2 || n < 2) return null;
  const W = rows.reduce((s, i) => s + cols.reduce((t, j) => t + (cells.w[i]![j] ?? 0), 0), 0);
  const S2 = rows.reduce((s, i) => s + cols.reduce((t, j) => t + (cells.w2[i]![j] ?? 0), 0), 0);
  // Cell vector with rows varying fastest, as R lays it out.
  const k = r * c;
  const p = new Array<number>(k);
  const s2 = new Array<number>(k);
  for (let jj = 0; jj < c; jj++) {
    for (let ii = 0; ii < r; ii++) {
      p[ii + jj * r] = (cells.w[rows[ii]!]![cols[jj]!] ?? 0) / W;
      s2[ii + jj * r] = cells.w2[rows[ii]!]![cols[jj]!] ?? 0;
    }
  }
  const rowP = Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => p[i + j * r]!).reduce((a, b) => a + b, 0));
  const colP = Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => p[i + j * r]!).reduce((a, b) => a + b, 0));
  let x2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = rowP[i]! * colP[j]!;
      const d = p[i + j * r]! - e;
      x2 += (d * d) / e;
    }
  }
  x2 *= n;
  // n V, from the sums: sum_i z_ik z_il = (d_kl S2_k - p_l S2_k - p_k S2_l + p_k p_l S2) / W^2.
  const nV = zeros(k, k);
  const scale = (n * n) / (n - 1) / (W * W);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      nV[a]![b] = scale * ((a === b ? s2[a]! : 0) - p[b]! * s2[a]! - p[a]! * s2[b]! + p[a]! * p[b]! * S2);
    }
  }
  // Interaction contrasts E_11 - E_i1 - E_1j + E_ij (i, j >= 2): any basis gives the same traces.
  const df = (r - 1) * (c - 1);
  const C: Matrix = zeros(k, df);
  let col = 0;
  for (let j = 1; j < c; j++) {
    for (let i = 1; i < r; i++) {
      C[0]![col] = 1;
      C[i]![col] = -1;
      C[j * r]![col] = -1;
      C[i + j * r]![col] = 1;
      col++;
    }
  }
  const invP = p.map((x) => (x > 0 ? 1 / x : 0));
  const PinvC = C.map((row, a) => row.map((x) => x * invP[a]!));
  const Ct = transpose(C);
  const denom = multiply(Ct, PinvC);
  const numer = multiply(transpose(PinvC), multiply(nV, PinvC));
  const delta = solve(denom, numer);
  if (!delta) return null;
  const tr = trace(delta);
  const tr2 = trace(multiply(delta, delta));
  const cramersV = Math.sqrt(x2 / (n * (Math.min(r, c) - 1)));
  if (order === 2) {
    const d0 = (tr * tr) / tr2;
    const f = x2 / tr;
    return { chi2: x2, df, p: fUpper(f, d0, d0 * (n - 1)), cramersV, lowExpected: 0, method: 'rao-scott-2', f, ndf: d0, ddf: d0 * (n - 1) };
  }
  const adjusted = x2 / (tr / df);
  return { chi2: x2, df, p: chiSquareUpper(adjusted, df), cramersV, lowExpected: 0, method: 'rao-scott-1', adjustedChi2: adjusted };
}
