/**
 * The CSV tokenizer: text chunks in, records (fields and the line each starts on) out.
 *
 * It reads what csv-parse reads with `relax_quotes`, `relax_column_count` and
 * `skip_empty_lines: false`, record for record and line for line, about ten times
 * faster (see the README's dependency table for the measurements):
 * - the record delimiter is the first line ending found outside quotes (CRLF, LF or
 *   CR); other line endings outside quotes are ordinary characters of a field;
 * - a field that starts with `"` is quoted: `""` inside is one `"`, and it may hold
 *   delimiters and line breaks; a quote anywhere else is an ordinary character;
 * - a closing quote followed by something other than a delimiter or a record delimiter
 *   does not close the field: the field keeps its opening quote and the text after it
 *   (csv-parse's relax_quotes);
 * - a quote still open at the end of the input is an error naming the line the record starts on;
 * - lines are physical lines: CRLF, LF and a lone CR each end one.
 *
 * It allocates the fields' strings and one array per record, nothing per character;
 * a record cut by the end of a chunk is carried over and scanned again with the next one.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

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
  ) {
    super(code === 'QUOTE_NOT_CLOSED' ? `quote not closed in the record starting on line ${line}` : `record starting on line ${line} is too long`);
  }
}

/** Receives each record; the array is the caller's to keep. */
export type RecordSink = (fields: string[], line: number) => void;

export class CsvScanner {
  private readonly delim: number;
  private eol: Eol = Eol.Unknown;
  private tail = '';
  /** Line of the next record's first character. */
  private line: number;
  // Next LF / CR at or after a position of the current chunk (memoised: positions only grow).
  private nl = -1;
  private cr = -1;
  private d = -1;
  private readonly delimiter: string;
  private text = '';

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

  /** Scans a chunk; complete records go to `sink`, a cut one waits for the next chunk. */
  push(chunk: string, sink: RecordSink): void {
    this.scan(this.tail.length > 0 ? this.tail + chunk : chunk, false, sink);
  }

  /** The end of the input: the record in progress, if any, is complete (or its quote was never closed). */
  end(sink: RecordSink): void {
    const rest = this.tail;
    this.tail = '';
    if (rest.length > 0) this.scan(rest, true, sink);
  }

  private scan(s: string, final: boolean, sink: RecordSink): void {
    this.text = s;
    this.nl = -1;
    this.cr = -1;
    this.d = -1;
    const n = s.length;
    const D = this.delim;
    let p = 0;
    let recStart = 0;
    let cut = false;
    records: while (p < n) {
      recStart = p;
      let breaks = 0;
      const fields: string[] = [];
      // One field per iteration; `p` is at the field's first character.
      for (;;) {
        if (p >= n) {
          if (!final) {
              cut = true;
              break records;
            }
          fields.push('');
          sink(fields, this.line);
          this.line += breaks;
          p = n;
          break records;
        }
        let c = s.charCodeAt(p);
        let prefix = '';
        let start = p;
        if (c === QUOTE) {
          const q0 = p + 1;
          let k = q0;
          let escaped = false;
          let close = -1;
          let next = -1;
          for (;;) {
            const j = s.indexOf('"', k);
            if (j === -1) {
              if (!final) {
              cut = true;
              break records;
            }
              throw new ScanError('QUOTE_NOT_CLOSED', this.line);
            }
            if (j + 1 >= n) {
              if (!final) {
              cut = true;
              break records;
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
          let content = s.slice(q0, close);
          if (escaped) content = content.replaceAll('""', '"');
          if (next === -1) {
            fields.push(content);
            sink(fields, this.line);
            this.line += breaks;
            p = n;
            break records;
          }
          if (next === D) {
            fields.push(content);
            p = close + 2;
            continue;
          }
          if (next === LF || next === CR) {
            const len = this.eolAt(close + 1, next, final);
            if (len < 0) {
              cut = true;
              break records;
            }
            if (len > 0) {
              fields.push(content);
              sink(fields, this.line);
              this.line += breaks + 1;
              p = close + 1 + len;
              continue records;
            }
          }
          // Not a closing quote after all (relax_quotes): the field keeps its opening quote
          // and goes on unquoted after the quote.
          prefix = `"${content}"`;
          start = close + 1;
          c = s.charCodeAt(start);
        }
        // Unquoted (or the rest of a relaxed quoted field): up to a delimiter or a record delimiter.
        // The next delimiter, LF and CR are found with indexOf and remembered: positions only grow.
        let i = start;
        for (;;) {
          if (this.d < i) this.d = indexOr(s, this.delimiter, i);
          if (this.nl < i) this.nl = indexOr(s, '\n', i);
          if (this.cr < i) this.cr = indexOr(s, '\r', i);
          const e = this.d < this.nl ? (this.d < this.cr ? this.d : this.cr) : this.nl < this.cr ? this.nl : this.cr;
          if (e >= n) {
            if (!final) {
              cut = true;
              break records;
            }
            fields.push(prefix + s.slice(start, n));
            sink(fields, this.line);
            this.line += breaks;
            p = n;
            break records;
          }
          if (e === this.d) {
            fields.push(prefix.length > 0 ? prefix + s.slice(start, e) : s.slice(start, e));
            p = e + 1;
            break;
          }
          c = s.charCodeAt(e);
          const len = this.eolAt(e, c, final);
          if (len < 0) {
            cut = true;
            break records;
          }
          if (len > 0) {
            fields.push(prefix.length > 0 ? prefix + s.slice(start, e) : s.slice(start, e));
            sink(fields, this.line);
            this.line += breaks + 1;
            p = e + len;
            continue records;
          }
          // A line ending that is not the record delimiter: part of the field, but still a line.
          if (c === LF || e + 1 >= n || s.charCodeAt(e + 1) !== LF) breaks++;
          i = e + 1;
        }
      }
    }
    // A record cut by the end of the chunk waits for the next one, scanned again from its start.
    this.tail = cut ? s.slice(recStart) : '';
    if (this.tail.length > this.maxRecordChars) throw new ScanError('RECORD_TOO_LONG', this.line);
    this.text = '';
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
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}
