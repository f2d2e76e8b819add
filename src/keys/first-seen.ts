import { KeyLines, keyHash } from './key-set.js';
import { foldPlainAscii, keyOf, type KeyCells, type KeySpec } from './key.js';

/**
 * The first line each key was seen on: the whole state of a one-key `keep: first` rule. The
 * reading thread keeps one too when the rule comes first (it sees the same rows, in order),
 * and sends each row's answer with the batch (`Cells.seenBefore`).
 */
export class FirstSeen {
  constructor(
    private readonly key: KeySpec,
    private readonly seen = new KeyLines(),
  ) {}

  /** Keys so far. */
  get size(): number {
    return this.seen.size;
  }

  /** Expects about `keys` more distinct keys (see KeyLines.reserve). */
  expect(keys: number): void {
    this.seen.reserve(this.seen.size + keys);
  }

  /** The line of the first row with this row's key; undefined when this row is the first (it is remembered) or has no key. */
  check(cells: KeyCells, line: number): number | undefined {
    const len = this.fold(cells, this.seen.room(cells.size(this.key.column)), 0);
    if (len > 0) return this.seen.getOrAddWritten(len, line);
    const v = keyOf(this.key, cells);
    return v === null ? undefined : this.seen.getOrAdd(v, line);
  }

  /**
   * The row's key written as bytes to `out` from `at` without making a string (see
   * foldPlainAscii), with room for the cell's length; -1 when `keyOf` must make it.
   */
  private fold(cells: KeyCells, out: Uint8Array, at: number): number {
    if (this.key.normalize === 'phone') return -1;
    const a = cells.start(this.key.column);
    return a < 0 ? -1 : foldPlainAscii(cells.source, a, cells.end(this.key.column), out, at);
  }

  // Rows staged for `flush`: line, and where the key's bytes are in `bytes` (or, length -1,
  // the key `keyOf` made in `keys`).
  private staged = 0;
  private lines = new Int32Array(1024);
  private from = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private hashes = new Uint32Array(1024);
  private keys: (string | null)[] = [];
  private bytes = Buffer.allocUnsafe(1 << 16);
  private stagedBytes = 0;

  /**
   * `check` for many rows at once (the reading thread's batches): `stage` each row, then
   * `flush` answers them in order, as `check` would have. Reading the key set's slots for
   * all the staged rows first (KeyLines.warm) makes their cache misses overlap.
   */
  stage(cells: KeyCells, line: number): void {
    const j = this.staged++;
    if (j === this.lines.length) this.growStaging();
    this.lines[j] = line;
    const room = this.stagedBytes + cells.size(this.key.column);
    if (room > this.bytes.length) this.bytes = Buffer.concat([this.bytes.subarray(0, this.stagedBytes)], 2 * room);
    const len = this.fold(cells, this.bytes, this.stagedBytes);
    if (len > 0) {
      this.from[j] = this.stagedBytes;
      this.lengths[j] = len;
      this.hashes[j] = keyHash(this.bytes, this.stagedBytes, this.stagedBytes + len);
      this.stagedBytes += len;
      this.keys.push(null);
    } else {
      this.lengths[j] = -1;
      this.keys.push(keyOf(this.key, cells));
    }
  }

  /** Answers the staged rows in order (see `check`): `answer(j, line)` for the j-th staged row. */
  flush(answer: (j: number, line: number | undefined) => void): void {
    const n = this.staged;
    this.seen.warm(this.hashes, n);
    for (let j = 0; j < n; j++) {
      const len = this.lengths[j]!;
      if (len >= 0) answer(j, this.seen.getOrAddBytes(this.bytes, this.from[j]!, len, this.hashes[j]!, this.lines[j]!));
      else {
        const v = this.keys[j]!;
        answer(j, v === null ? undefined : this.seen.getOrAdd(v, this.lines[j]!));
      }
    }
    this.staged = 0;
    this.stagedBytes = 0;
    this.keys.length = 0;
  }

  private growStaging(): void {
    const grow = <T extends Int32Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.lines = grow(this.lines);
    this.from = grow(this.from);
    this.lengths = grow(this.lengths);
    this.hashes = grow(this.hashes);
  }
}
