/**
 * Dictionary coding of choice columns on the reading thread. Choice answers repeat: a
 * million rows of a five-answer question hold five distinct cells. The reading thread
 * gives each distinct cell of the chosen columns a number (in order of first appearance)
 * and sends the numbers with a batch, and each new cell once; the main thread then codes
 * a cell by reading a number instead of cutting and comparing a string. Numbering costs
 * the reading thread about what it saves the main thread, so it numbers only the batches
 * it has time for (scan-worker.ts): which batches carry numbers depends on timing, the
 * codes never do. Exact: equal numbers are equal cells, and a column
 * with more distinct cells than `MAX_ENTRIES` is sent as text from then on (number -1).
 */
import type { Batch } from './batch.js';

/** Distinct cells numbered per column; more are left to the text. */
export const MAX_ENTRIES = 1 << 16;

/** What a batch carries besides its records: per record and coded column, the cell's number. */
export interface BatchCodes {
  /** `records x columns.length` numbers, -1 for a cell not numbered. */
  codes: Int32Array;
  /** Per coded column, the cells numbered first in this batch, in number order. */
  added: string[][];
}

/** The reading thread's side. */
export class DictionaryEncoder {
  private readonly maps: Map<string, number>[];
  constructor(private readonly columns: readonly number[]) {
    this.maps = columns.map(() => new Map());
  }

  encode(batch: Batch): BatchCodes {
    const { text, meta, extras } = batch;
    const k = this.columns.length;
    const codes = new Int32Array(batch.records * k);
    const added: string[][] = this.columns.map(() => []);
    let m = 0;
    for (let r = 0; r < batch.records; r++) {
      const n = meta[m + 1]!;
      const at = m + 2;
      for (let j = 0; j < k; j++) {
        const col = this.columns[j]!;
        let s = '';
        if (col < n) {
          const a = meta[at + 2 * col]!;
          s = a >= 0 ? text.slice(a, meta[at + 2 * col + 1]!) : extras[-1 - a]!;
        }
        const map = this.maps[j]!;
        let c = map.get(s);
        if (c === undefined) {
          if (map.size < MAX_ENTRIES) {
            c = map.size;
            // A copy that does not keep the batch's text alive in the map.
            const own = s.length < 13 ? s : (' ' + s).slice(1);
            map.set(own, c);
            added[j]!.push(own);
          } else c = -1;
        }
        codes[r * k + j] = c;
      }
      m = at + 2 * n;
    }
    return { codes, added };
  }
}

/**
 * Columns to number that are known only once reading has begun (`survey analyze` learns its
 * questions from the first rows): `set` once; the reading thread numbers from its next batch on.
 */
export class LateColumns {
  private columns: readonly number[] | null = null;
  private listener: ((columns: readonly number[]) => void) | null = null;
  set(columns: readonly number[]): void {
    if (this.columns !== null) return;
    this.columns = columns;
    this.listener?.(columns);
  }
  /** Calls `f` once the columns are known (at once if they are). */
  onSet(f: (columns: readonly number[]) => void): void {
    this.listener = f;
    if (this.columns !== null) f(this.columns);
  }
}

/** The main thread's side: the cells numbered so far, and which column is which. */
export class Dictionary {
  /** Column -> its place among the coded columns, or -1. */
  readonly slot: Int32Array;
  /** Per coded column, the cell of each number. */
  readonly entries: string[][];
  constructor(readonly columns: readonly number[]) {
    const width = columns.length > 0 ? Math.max(...columns) + 1 : 0;
    this.slot = new Int32Array(width).fill(-1);
    columns.forEach((c, j) => (this.slot[c] = j));
    this.entries = columns.map(() => []);
  }

  /** Takes a batch's new cells: call before its records are read. */
  append(added: readonly (readonly string[])[]): void {
    for (let j = 0; j < added.length; j++) {
      const a = added[j]!;
      for (let i = 0; i < a.length; i++) this.entries[j]!.push(a[i]!);
    }
  }
}
