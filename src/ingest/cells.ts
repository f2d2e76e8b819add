/**
 * One record's fields where they lie. Reading a million rows of 27 fields as strings makes
 * 27 million strings, most of which only ever get compared with a handful of answer
 * labels; a view into the scanned text lets coders compare in place (`is`) and make a
 * string only for the fields they keep (`get`).
 *
 * A `Cells` handed to a handler is valid during that call only (the reader reuses it for
 * the next record): `toArray()` copies the fields to keep them.
 */
import type { Batch } from './batch.js';
import type { Dictionary } from './dictionary.js';

/** A record: each field a range of a text, or one of a few strings held apart (see `Batch`). */
export class Cells {
  private text = '';
  private meta: Int32Array = EMPTY_META;
  private extras: string[] = [];
  /** Position in `meta` of field 0's start. */
  private at = 0;
  /** Number of fields. */
  length = 0;
  /** The reading thread's numbers for choice columns (see dictionary.ts), if it sent any. */
  dictionary: Dictionary | null = null;
  private codes: Int32Array = EMPTY_META;
  private codeAt = 0;
  /**
   * When the reading thread kept a key per row (a leading `duplicates` rule, see
   * keys/first-seen.ts FirstSeen): the line of the first row with this row's key, 0 when
   * this row is the first or has none; -1 when it kept none.
   */
  seenBefore = -1;
  /** For `hold`: per width, the field starts that stand for `extras[i]`. */
  private held: Int32Array = EMPTY_META;

  /**
   * Fields already held as strings (header rows, samples, tests), made into a record of
   * the same shape as the reader's: the code that reads cells sees one kind of object.
   */
  static of(fields: readonly string[]): Cells {
    const cells = new Cells();
    cells.hold(fields);
    return cells;
  }

  /**
   * Points at fields held as strings, each one held apart (as the reader holds a field with
   * `""`): no text is made of them. The fields must not change while they are pointed at.
   */
  hold(fields: readonly string[]): void {
    const n = fields.length;
    if (this.held.length !== 2 + 2 * n) {
      this.held = new Int32Array(2 + 2 * n);
      for (let i = 0; i < n; i++) this.held[2 + 2 * i] = -1 - i;
    }
    this.text = '';
    this.meta = this.held;
    this.extras = fields as string[];
    this.at = 2;
    this.length = n;
    // Nothing of a record pointed at before: these fields were not numbered or keyed.
    this.dictionary = null;
    this.seenBefore = -1;
  }

  /** Points at the record whose fields start at `at` in the batch's meta. */
  point(batch: Batch, at: number, length: number): void {
    this.text = batch.text;
    this.meta = batch.meta;
    this.extras = batch.extras;
    this.at = at;
    this.length = length;
  }

  /** Uses the numbers sent with a batch; `codeAt` is the record's first number in `codes`. */
  numbered(dictionary: Dictionary, codes: Int32Array, codeAt: number): void {
    this.dictionary = dictionary;
    this.codes = codes;
    this.codeAt = codeAt;
  }

  /** The reading thread's number for field `i`, or -1: equal numbers are equal cells. */
  local(i: number): number {
    const d = this.dictionary;
    if (d === null || i >= d.slot.length || i >= this.length) return -1;
    const j = d.slot[i]!;
    return j < 0 ? -1 : this.codes[this.codeAt + j]!;
  }

  /** Field `i` as a string; '' past the end. */
  get(i: number): string {
    if (i >= this.length) return '';
    const d = this.dictionary;
    if (d !== null && i < d.slot.length) {
      const j = d.slot[i]!;
      if (j >= 0) {
        const c = this.codes[this.codeAt + j]!;
        if (c >= 0) return d.entries[j]![c]!;
      }
    }
    const a = this.meta[this.at + 2 * i]!;
    return a >= 0 ? this.text.slice(a, this.meta[this.at + 2 * i + 1]!) : this.extras[-1 - a]!;
  }

  /** The text the fields lie in: field `i` is `source.slice(start(i), end(i))` when `start(i) >= 0`. */
  get source(): string {
    return this.text;
  }

  /**
   * Where field `i` starts in `source`, or -1 when it is not a plain range of it (a field
   * with "" or relaxed quotes, numbered by the reading thread, or past the end): `get` it.
   */
  start(i: number): number {
    if (i >= this.length || this.local(i) >= 0) return -1;
    const a = this.meta[this.at + 2 * i]!;
    return a >= 0 ? a : -1;
  }

  /** Where field `i` ends in `source`: only when `start(i) >= 0`. */
  end(i: number): number {
    return this.meta[this.at + 2 * i + 1]!;
  }

  /** Length of field `i`; 0 past the end. */
  size(i: number): number {
    if (i >= this.length) return 0;
    const a = this.meta[this.at + 2 * i]!;
    return a >= 0 ? this.meta[this.at + 2 * i + 1]! - a : this.extras[-1 - a]!.length;
  }

  /** Whether field `i` is empty or only white space (spaces, a stray CR), read in place. */
  blank(i: number): boolean {
    return this.firstVisible(i) < 0;
  }

  /** The code of field `i`'s first character that is not white space, read in place, or -1 when it is blank. */
  firstVisible(i: number): number {
    if (i >= this.length) return -1;
    const a = this.meta[this.at + 2 * i]!;
    if (a < 0) {
      const t = this.extras[-1 - a]!.trimStart();
      return t === '' ? -1 : t.charCodeAt(0);
    }
    const b = this.meta[this.at + 2 * i + 1]!;
    for (let k = a; k < b; k++) {
      const c = this.text.charCodeAt(k);
      if (c === 32 || (c >= 9 && c <= 13) || c === 160) continue;
      if (c < 128 || this.text[k]!.trim() !== '') return c;
    }
    return -1;
  }

  /** A blank line: one empty field. The reader skips these; they are not records of the file's table. */
  isBlankLine(): boolean {
    return this.length === 1 && this.size(0) === 0;
  }

  /** Every field blank (",,,", or ",\r" from a stray CR): a row that carries no respondent. */
  allBlank(): boolean {
    for (let i = 0; i < this.length; i++) if (!this.blank(i)) return false;
    return true;
  }

  /** Whether field `i` is exactly `s`, without making a string of it. */
  is(i: number, s: string): boolean {
    if (i >= this.length) return s === '';
    const a = this.meta[this.at + 2 * i]!;
    if (a < 0) return this.extras[-1 - a] === s;
    return this.meta[this.at + 2 * i + 1]! - a === s.length && this.text.startsWith(s, a);
  }

  /** The fields as a new array of strings. */
  toArray(): string[] {
    // Exactly as long as the record (a growing array would hold room for 40 fields for 27).
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }
}

const EMPTY_META = new Int32Array(0);
