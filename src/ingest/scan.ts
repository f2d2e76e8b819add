/**
 * The CSV tokenizer: text chunks in, records (fields and the line each starts on) out.
 *
 * It reads what csv-parse reads with `relax_quotes`, `relax_column_count` and
 * `skip_empty_lines: false`, record for record (tests/unit/ingest/scan.test.ts compares
 * them), several times faster (see the README's dependency table for the measurements):
 * - the record delimiter is the first line ending found outside quotes (CRLF, LF or
 *   CR); other line endings outside quotes are ordinary characters of a field;
 * - a field that starts with `"` is quoted: `""` inside is one `"`, and it may hold
 *   delimiters and line breaks; a quote anywhere else is an ordinary character;
 * - a closing quote followed by something other than a delimiter or a record delimiter
 *   does not close the field: the field keeps both quotes and the text after them
 *   (csv-parse's relax_quotes);
 * - a quote still open at the end of the input is an error naming the line the record starts on;
 * - lines are physical lines: CRLF, LF and a lone CR each end one.
 *
 * A chunk gives a `Batch`: the text scanned and, per record, its line and each field's
 * start and end in that text (numbers in one Int32Array; the few fields that are not a
 * plain range of the text, those with "" or relaxed quotes, come as strings). Turning
 * ranges into strings is left to `forEachRecord`, so that a worker thread can scan and the
 * main thread slice (src/ingest/scan-worker.ts). A record cut by the end of a chunk is
 * carried over and scanned again with the next one.
 */

import { Cells } from './cells.js';
import type { Dictionary } from './dictionary.js';
import type { Batch } from './batch.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;
const NONE = Number.MAX_SAFE_INTEGER;

/** Record delimiters once discovered. */
const enum Eol {
  Unknown = 0,
  Lf = 1,
  CrLf = 2,
  Cr = 3,
}

export class ScanError extends Error {
  constructor(
    readonly code: 'QUOTE_NOT_CLOSED' | 'RECORD_TOO_LONG',
    /** 1-based line on which the bad record starts. */
    readonly line: number,
    /** 1-based field of the record whose quote is never closed. */
    readonly field?: number,
  ) {
    super(code === 'QUOTE_NOT_CLOSED' ? `quote not closed in the record starting on line ${line}` : `record starting on line ${line} is too long`);
  }
}

/** Receives each record; the array is the caller's to keep. */
export type RecordSink = (fields: string[], line: number) => void;

/** Calls `sink` with each record of a batch, its fields as strings. */
export function forEachRecord(batch: Batch, sink: RecordSink): void {
  forEachCells(batch, (cells, line) => sink(cells.toArray(), line));
}

/**
 * Calls `sink` with each record of a batch as a view of its fields (one view, moved from
 * record to record), with the reading thread's numbers for choice columns when it sent them.
 */
export function forEachCells(batch: Batch, sink: (cells: Cells, line: number) => void, numbers?: { dictionary: Dictionary; codes: Int32Array }, seenBefore?: Int32Array): void {
  const meta = batch.meta;
  const cells = new Cells();
  const k = numbers?.dictionary.columns.length ?? 0;
  let m = 0;
  for (let r = 0; r < batch.records; r++) {
    const line = meta[m]!;
    const n = meta[m + 1]!;
    cells.point(batch, m + 2, n);
    if (numbers) cells.numbered(numbers.dictionary, numbers.codes, r * k);
    if (seenBefore) cells.seenBefore = seenBefore[r]!;
    m += 2 + 2 * n;
    sink(cells, line);
  }
}

export class CsvScanner {
  private readonly delim: number;
  private readonly delimiter: string;
  private eol: Eol = Eol.Unknown;
  private tail = '';
  /** Line of the next record's first character. */
  private line: number;
  // The current chunk's text, and the next delimiter, LF and CR at or after a position
  // in it (found with indexOf and remembered: positions only grow).
  private text = '';
  private d = -1;
  private nl = -1;
  private cr = -1;
  // The batch being filled.
  private meta = new Int32Array(1024);
  private m = 0;
  private extras: string[] = [];

  constructor(delimiter: string, firstLine = 1, private readonly maxRecordChars = 64 << 20) {
    if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delim = delimiter.charCodeAt(0);
    this.delimiter = delimiter;
    this.line = firstLine;
  }

  /** The line the record in progress (or the next one) starts on. */
  get currentLine(): number {
    return this.line;
  }

  /** Scans a chunk: the records it completes; a record it cuts waits for the next chunk. */
  push(chunk: string): Batch {
    return this.scan(this.tail.length > 0 ? this.tail + chunk : chunk, false);
  }

  /** The end of the input: the record in progress, if any, is complete (or its quote was never closed). */
  end(): Batch {
    const rest = this.tail;
    this.tail = '';
    return this.scan(rest, true);
  }

  private scan(s: string, final: boolean): Batch {
    this.text = s;
    this.nl = -1;
    this.cr = -1;
    this.d = -1;
    // Room for a field every 8 characters; the array grows when there are more.
    this.meta = new Int32Array(Math.max(256, s.length >> 3));
    this.m = 0;
    this.extras = [];
    const n = s.length;
    const D = this.delim;
    let records = 0;
    let p = 0;
    let recStart = 0;
    let recMeta = 0;
    let cut = false;
    rec: while (p < n) {
      recStart = p;
      recMeta = this.m;
      this.reserve(2);
      this.meta[this.m] = this.line;
      this.m += 2;
      let fields = 0;
      let breaks = 0;
      // One field per iteration; `p` is at the field's first character.
      for (;;) {
        if (p >= n) {
          if (!final) {
            cut = true;
            break rec;
          }
          this.range(p, p);
          fields++;
          p = n;
          break;
        }
        let start = p;
        let prefix = '';
        if (s.charCodeAt(p) === QUOTE) {
          const q0 = p + 1;
          let k = q0;
          let escaped = false;
          let close: number;
          let next: number;
          for (;;) {
            const j = s.indexOf('"', k);
            if (j === -1) {
              if (!final) {
                cut = true;
                break rec;
              }
              throw new ScanError('QUOTE_NOT_CLOSED', this.line, fields + 1);
            }
            if (j + 1 >= n) {
              if (!final) {
                cut = true;
                break rec;
              }
              close = j;
              next = -1;
              break;
            }
            const nc = s.charCodeAt(j + 1);
            if (nc === QUOTE) {
              escaped = true;
              k = j + 2;
              continue;
            }
            close = j;
            next = nc;
            break;
          }
          breaks += this.breaksIn(q0, close);
          let len = 0;
          if (next === -1 || next === D || ((next === LF || next === CR) && (len = this.eolAt(close + 1, next, final)) !== 0)) {
            if (len < 0) {
              cut = true;
              break rec;
            }
            if (escaped) this.special(s.slice(q0, close).replaceAll('""', '"'));
            else this.range(q0, close);
            fields++;
            if (next === D) {
              p = close + 2;
              continue;
            }
            p = next === -1 ? n : close + 1 + len;
            if (len > 0) breaks++;
            break;
          }
          // Not a closing quote after all (relax_quotes): the field keeps both quotes and
          // goes on unquoted after them.
          prefix = `"${escaped ? s.slice(q0, close).replaceAll('""', '"') : s.slice(q0, close)}"`;
          start = close + 1;
        }
        // Unquoted (or the rest of a relaxed quoted field): up to a delimiter or a record delimiter.
        let i = start;
        let ended = false;
        for (;;) {
          if (this.d < i) this.d = indexOr(s, this.delimiter, i);
          if (this.nl < i) this.nl = indexOr(s, '\n', i);
          if (this.cr < i) this.cr = indexOr(s, '\r', i);
          const e = this.d < this.nl ? (this.d < this.cr ? this.d : this.cr) : this.nl < this.cr ? this.nl : this.cr;
          if (e >= n) {
            if (!final) {
              cut = true;
              break rec;
            }
            this.field(prefix, start, n);
            fields++;
            p = n;
            ended = true;
            break;
          }
          if (e === this.d) {
            this.field(prefix, start, e);
            fields++;
            p = e + 1;
            break;
          }
          const c = s.charCodeAt(e);
          const len = this.eolAt(e, c, final);
          if (len < 0) {
            cut = true;
            break rec;
          }
          if (len > 0) {
            this.field(prefix, start, e);
            fields++;
            breaks++;
            p = e + len;
            ended = true;
            break;
          }
          // A line ending that is not the record delimiter: part of the field, but still a line.
          if (c === LF || e + 1 >= n || s.charCodeAt(e + 1) !== LF) breaks++;
          i = e + 1;
        }
        if (ended) break;
      }
      this.meta[recMeta + 1] = fields;
      this.line += breaks;
      records++;
    }
    if (cut) {
      // The record cut by the end of the chunk waits for the next one, scanned again from its start.
      this.m = recMeta;
      this.extras.length = this.extrasAt(recMeta);
      this.tail = s.slice(recStart);
      if (this.tail.length > this.maxRecordChars) throw new ScanError('RECORD_TOO_LONG', this.line);
    } else this.tail = '';
    const batch: Batch = { text: s, meta: this.meta.subarray(0, this.m), records, extras: this.extras };
    this.text = '';
    return batch;
  }

  /** How many extras the records before meta position `m` use. */
  private extrasAt(m: number): number {
    let count = 0;
    let i = 0;
    while (i < m) {
      const n = this.meta[i + 1]!;
      for (let f = 0; f < n; f++) if (this.meta[i + 2 + 2 * f]! < 0) count++;
      i += 2 + 2 * n;
    }
    return count;
  }

  private reserve(k: number): void {
    if (this.m + k <= this.meta.length) return;
    const next = new Int32Array(Math.max(this.meta.length * 2, this.m + k));
    next.set(this.meta.subarray(0, this.m));
    this.meta = next;
  }

  private range(a: number, b: number): void {
    this.reserve(2);
    this.meta[this.m++] = a;
    this.meta[this.m++] = b;
  }

  private special(value: string): void {
    this.extras.push(value);
    this.range(-this.extras.length, 0);
  }

  private field(prefix: string, a: number, b: number): void {
    if (prefix.length > 0) this.special(prefix + this.text.slice(a, b));
    else this.range(a, b);
  }

  /**
   * Length of the record delimiter at `i` (whose character is `c`, CR or LF): 1 or 2,
   * 0 when this line ending is not the file's record delimiter, -1 when more input is needed to tell.
   */
  private eolAt(i: number, c: number, final: boolean): number {
    const s = this.text;
    switch (this.eol) {
      case Eol.Lf:
        return c === LF ? 1 : 0;
      case Eol.Cr:
        return c === CR ? 1 : 0;
      case Eol.CrLf:
        if (c !== CR) return 0;
        if (i + 1 >= s.length) return final ? 0 : -1;
        return s.charCodeAt(i + 1) === LF ? 2 : 0;
      case Eol.Unknown:
        if (c === LF) {
          this.eol = Eol.Lf;
          return 1;
        }
        if (i + 1 >= s.length && !final) return -1;
        if (s.charCodeAt(i + 1) === LF) {
          this.eol = Eol.CrLf;
          return 2;
        }
        this.eol = Eol.Cr;
        return 1;
    }
  }

  /** Line breaks in s[a, b): each LF, and each CR not followed by LF. */
  private breaksIn(a: number, b: number): number {
    const s = this.text;
    let count = 0;
    if (this.nl < a) this.nl = indexOr(s, '\n', a);
    while (this.nl < b) {
      count++;
      this.nl = indexOr(s, '\n', this.nl + 1);
    }
    if (this.cr < a) this.cr = indexOr(s, '\r', a);
    while (this.cr < b) {
      if (s.charCodeAt(this.cr + 1) !== LF) count++;
      this.cr = indexOr(s, '\r', this.cr + 1);
    }
    return count;
  }
}

function indexOr(s: string, ch: string, from: number): number {
  const i = s.indexOf(ch, from);
  return i === -1 ? NONE : i;
}
