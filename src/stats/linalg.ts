/** The little linear algebra the Rao-Scott correction needs: dense square matrices of a few dozen rows. */

export type Matrix = number[][];

export function zeros(rows: number, cols: number): Matrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const k = b.length;
  const out = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const oi = out[i]!;
    for (let t = 0; t < k; t++) {
      const x = ai[t]!;
      if (x === 0) continue;
      const bt = b[t]!;
      for (let j = 0; j < m; j++) oi[j]! += x * bt[j]!;
    }
  }
  return out;
}

export function transpose(a: Matrix): Matrix {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a[i]![j]!));
}

/** Solves A X = B by Gaussian elimination with partial pivoting; null if A is singular. */
export function solve(a: Matrix, b: Matrix): Matrix | null {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const A = a.map((r) => [...r]);
  const B = b.map((r) => [...r]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r]![col]!) > Math.abs(A[pivot]![col]!)) pivot = r;
    if (Math.abs(A[pivot]![col]!) < 1e-300) return null;
    [A[col], A[pivot]] = [A[pivot]!, A[col]!];
    [B[col], B[pivot]] = [B[pivot]!, B[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = A[r]![col]! / A[col]![col]!;
      if (f === 0) continue;
      for (let c = col; c < n; c++) A[r]![c]! -= f * A[col]![c]!;
      for (let c = 0; c < m; c++) B[r]![c]! -= f * B[col]![c]!;
    }
  }
  return B.map((row, i) => row.map((x) => x / A[i]![i]!));
}

export function trace(a: Matrix): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i]![i]!;
  return t;
}
