import type { FilterFactory, RowContext, RowFilter } from './types.js';
import type { Question } from '../spec/codebook.js';
import type { Cells } from '../ingest/cells.js';
import { isBlank, normalizeCell } from '../codebook/values.js';
import { KeyLines, keyHash } from './key-set.js';

type Normalize = 'email' | 'phone' | 'text';

/** What a key is made of: a column's cell, normalised. */
export interface KeySpec {
  column: number;
  normalize: Normalize;
  countryCode?: string | undefined;
}

interface Key extends KeySpec {
  question: Question;
  /** Normalised value -> line of the submission kept (first) or last seen (keep: last). */
  seen: KeyLines;
}

type DuplicatesSpec = { rule: 'duplicates'; name?: string; keys: { question: string; normalize?: Normalize; countryCode?: string }[]; keep?: 'first' | 'last' };

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
  check(cells: Cells, line: number): number | undefined {
    const len = this.fold(cells, this.seen.room(cells.size(this.key.column)), 0);
    if (len > 0) return this.seen.getOrAddWritten(len, line);
    const v = keyOf(this.key, cells);
    return v === null ? undefined : this.seen.getOrAdd(v, line);
  }

  /**
   * The row's key written as bytes to `out` from `at` without making a string (see
   * foldPlainAscii), with room for the cell's length; -1 when `keyOf` must make it.
   */
  private fold(cells: Cells, out: Uint8Array, at: number): number {
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
  stage(cells: Cells, line: number): void {
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

/**
 * Removes repeated submissions of one person: a row is a duplicate when ANY key
 * (e-mail, phone...) equals that of a kept row. With `keep: first` (the default)
 * the first submission stays; with `keep: last` a first pass finds each key's last line.
 * Reasons name the line of the kept row, never the personal data itself.
 */
export const duplicates: FilterFactory<DuplicatesSpec> = (spec, env) => {
  const keys: Key[] = spec.keys.map((k, i) => {
    const question = env.question(k.question, `keys[${i}].question`);
    return { question, column: question.columns[0]!, normalize: k.normalize ?? 'text', countryCode: k.countryCode, seen: new KeyLines() };
  });
  const keep = spec.keep ?? 'first';
  const first = keep === 'first' && keys.length === 1 ? new FirstSeen(keys[0]!, keys[0]!.seen) : null;
  // The row's key values, reused from row to row.
  const vs: (string | null)[] = keys.map(() => null);
  const values = (row: RowContext) => {
    for (let i = 0; i < keys.length; i++) vs[i] = keyOf(keys[i]!, row.cells);
    return vs;
  };
  const filter: RowFilter = {
    name: spec.name ?? 'duplicates',
    test(row: RowContext): string | null {
      if (first !== null) {
        // Answered by the reading thread when it kept the keys (0: the first of its key, or none).
        const pre = row.cells.seenBefore;
        const line = pre >= 0 ? (pre === 0 ? undefined : pre) : first.check(row.cells, row.line);
        return line === undefined ? null : `same ${label(keys[0]!)} as line ${line}`;
      }
      values(row);
      for (let i = 0; i < keys.length; i++) {
        const v = vs[i];
        if (v === null || v === undefined) continue;
        const line = keys[i]!.seen.get(v);
        if (keep === 'first' && line !== undefined) return `same ${label(keys[i]!)} as line ${line}`;
        if (keep === 'last' && line !== undefined && line > row.line) return `same ${label(keys[i]!)} as line ${line} (kept: the last)`;
      }
      if (keep === 'first') for (let i = 0; i < keys.length; i++) if (vs[i] !== null) keys[i]!.seen.set(vs[i]!, row.line);
      return null;
    },
    reset() {
      if (keep === 'first') for (const k of keys) k.seen.clear();
    },
    ...(first !== null ? { firstSeen: { column: keys[0]!.column, normalize: keys[0]!.normalize, countryCode: keys[0]!.countryCode } } : {}),
  };
  if (keep === 'last') {
    return {
      ...filter,
      prepare(row: RowContext) {
        values(row);
        for (let i = 0; i < keys.length; i++) if (vs[i] !== null) keys[i]!.seen.set(vs[i]!, row.line);
      },
    };
  }
  return filter;
};

function label(k: Key): string {
  return k.normalize === 'email' ? 'e-mail' : k.normalize === 'phone' ? 'phone number' : k.question.id;
}

function keyOf(k: KeySpec, cells: Cells): string | null {
  const raw = normalizeCell(cells.get(k.column));
  if (isBlank(raw)) return null;
  switch (k.normalize) {
    case 'email':
      return raw.toLowerCase();
    case 'phone':
      return normalizePhone(raw, k.countryCode);
    case 'text':
      return raw.toLowerCase();
  }
}

/**
 * The key `keyOf` makes for e-mail and text keys (`normalizeCell(raw).toLowerCase()`) of
 * the cell `text.slice(from, to)`, written to `out` as bytes, when the cell is plain
 * printable ASCII that normalizing leaves as it is (no white space at the ends or doubled)
 * and is not a blank marker ("-", "--"), from `out[at]` on; otherwise -1, and the caller
 * takes the general way.
 * The cell is read where it lies, so that no string is made for it.
 */
export function foldPlainAscii(text: string, from: number, to: number, out: Uint8Array, at = 0): number {
  const n = to - from;
  if (n <= 2) return -1;
  let space = true;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(from + i);
    if (c > 32 && c < 127) {
      space = false;
      if (c >= 65 && c <= 90) c += 32;
    } else if (c === 32 && !space) space = true;
    else return -1;
    out[at + i] = c;
  }
  return space ? -1 : n;
}

/**
 * Digits only, without trunk or international prefixes (0, 00) and without the
 * country code when the number is that long: "+91 98123 45678", "098123 45678"
 * and "9812345678" are one number. Fewer than 6 digits is not a phone number.
 */
export function normalizePhone(raw: string, countryCode?: string): string | null {
  let d = raw.replace(/\D/g, '').replace(/^0+/, '');
  if (countryCode && d.length > 10 && d.startsWith(countryCode) && d.length - countryCode.length >= 8) d = d.slice(countryCode.length);
  return d.length >= 6 ? d : null;
}
