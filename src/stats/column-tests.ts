/**
 * Column-proportion tests with letters, as SPSS Custom Tables shows them: in each
 * row, every pair of columns is compared with a pooled two-proportion z-test; the
 * column with the larger share gets the other column's letter, upper case at
 * `alpha`, lower case at the looser `alphaLower`. p-values are adjusted within
 * the row (Bonferroni, or Benjamini-Hochberg). Columns whose base is under
 * `minBase` are not tested. With weights, bases are effective (Kish) bases.
 */
import { normalTwoSided } from './distributions.js';

export interface LetterOptions {
  /** __Default value:__ 0.05 */
  alpha: number;
  /** A looser level shown in lower case. __Default value:__ 0.10 */
  alphaLower: number | null;
  /** __Default value:__ bonferroni */
  adjust: 'bonferroni' | 'bh' | 'none';
  /** Columns with a smaller base are not tested. __Default value:__ 30 */
  minBase: number;
}

export const DEFAULT_LETTERS: LetterOptions = { alpha: 0.05, alphaLower: 0.1, adjust: 'bonferroni', minBase: 30 };

export interface Letters {
  /** A, B, C ... per column (AA, AB ... past Z). */
  columns: string[];
  /** Whether each column was tested (its base reached minBase). */
  tested: boolean[];
  /** Per cell [row][column]: letters of the columns this one is significantly higher than. */
  cells: string[][];
}

export function columnLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : columnLetter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

/** `shares[r][c]`: proportion (0-1) of column c's base in row r; `bases[c]`: the (effective) base. */
export function columnTests(shares: readonly (readonly number[])[], bases: readonly number[], opts: LetterOptions): Letters {
  const columns = bases.map((_, i) => columnLetter(i));
  const tested = bases.map((b) => b >= opts.minBase);
  const cells = shares.map((row) => {
    const pairs: { a: number; b: number; p: number }[] = [];
    for (let a = 0; a < row.length; a++) {
      for (let b = a + 1; b < row.length; b++) {
        if (!tested[a] || !tested[b]) continue;
        const pa = row[a]!;
        const pb = row[b]!;
        const ma = bases[a]!;
        const mb = bases[b]!;
        const pooled = (pa * ma + pb * mb) / (ma + mb);
        const se = Math.sqrt(pooled * (1 - pooled) * (1 / ma + 1 / mb));
        if (!(se > 0)) continue;
        pairs.push({ a, b, p: normalTwoSided((pa - pb) / se) });
      }
    }
    const adjusted = adjust(pairs.map((x) => x.p), opts.adjust);
    const upper = row.map(() => [] as string[]);
    const lower = row.map(() => [] as string[]);
    pairs.forEach((pair, k) => {
      const p = adjusted[k]!;
      const [hi, lo] = row[pair.a]! > row[pair.b]! ? [pair.a, pair.b] : [pair.b, pair.a];
      if (p < opts.alpha) upper[hi]!.push(columns[lo]!);
      else if (opts.alphaLower !== null && p < opts.alphaLower) lower[hi]!.push(columns[lo]!.toLowerCase());
    });
    return row.map((_, c) => [...upper[c]!.sort(), ...lower[c]!.sort()].join(''));
  });
  return { columns, tested, cells };
}

/** Adjusts a family of p-values: Bonferroni (p * m) or Benjamini-Hochberg step-up. */
export function adjust(ps: readonly number[], method: LetterOptions['adjust']): number[] {
  const m = ps.length;
  if (method === 'none' || m === 0) return [...ps];
  if (method === 'bonferroni') return ps.map((p) => Math.min(1, p * m));
  const order = ps.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const out = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = order[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    out[i] = running;
  }
  return out;
}
