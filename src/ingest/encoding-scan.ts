/** Whole-file scans of an export's bytes, for when its start did not tell its encoding right. */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { SingleByteEvidence, type Encoding } from './detect.js';
import { completeLength } from './decode.js';
import { CsvScanner, ScanError } from './scan.js';

/** Where a byte lies as the CSV reader numbers it: the line its record starts on, and its field in that record. */
export interface RecordPlace {
  line: number;
  /** 1-based; absent when the record could not be followed (longer than the reader takes). */
  field?: number;
}

/** How the reader is reading the file: from byte `start` (past a BOM or a `sep=` line), which is on line `firstLine`. */
export interface ScanFrom {
  start: number;
  firstLine: number;
  delimiter: string;
}

/**
 * The place of the file's first byte that is not UTF-8, or null. The text before it goes
 * through the reader's own tokenizer, so that quotes, delimiters and line endings count as
 * they do when the file is read: the place is the record's line and the field holding the byte.
 */
export async function firstNonUtf8Place(file: string, from: ScanFrom): Promise<RecordPlace | null> {
  const scanner = new CsvScanner(from.delimiter, from.firstLine);
  let carry = Buffer.alloc(0);
  let first = true;
  const text = (bytes: Buffer): string => {
    let t = bytes.toString('utf8');
    // As the reader does, a byte-order mark at the very start is not text.
    if (first && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    if (t.length > 0) first = false;
    return t;
  };
  try {
    for await (const chunk of createReadStream(file, { start: from.start, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeLength(bytes);
      carry = Buffer.from(bytes.subarray(cut));
      bytes = bytes.subarray(0, cut);
      const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
      if (bad < 0) {
        scanner.push(text(bytes));
        continue;
      }
      return placeAfter(scanner, text(bytes.subarray(0, bad)));
    }
    // A character cut short by the end of the file.
    return carry.length > 0 ? placeAfter(scanner, '') : null;
  } catch (e) {
    if (e instanceof ScanError) return { line: e.line };
    throw e;
  }
}

/** The place of the character that would follow `before`, the last text the scanner is given. */
function placeAfter(scanner: CsvScanner, before: string): RecordPlace {
  try {
    // A stand-in for the bad byte (neither a quote, a delimiter nor a line ending): the last
    // record then ends with the field that holds it.
    scanner.push(`${before}\u0000`);
    const batch = scanner.end();
    let m = 0;
    let place: RecordPlace = { line: scanner.currentLine, field: 1 };
    for (let r = 0; r < batch.records; r++) {
      const n = batch.meta[m + 1]!;
      place = { line: batch.meta[m]!, field: n };
      m += 2 + 2 * n;
    }
    return place;
  } catch (e) {
    // Inside a quoted field that the file never closes: that field.
    if (e instanceof ScanError) return e.field !== undefined ? { line: e.line, field: e.field } : { line: e.line };
    throw e;
  }
}

/** Index of the first byte of the first sequence that is not UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), or -1. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
    else if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < lo || d > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/** Windows-1252 or Mac OS Roman, by the whole file: its first such byte may lie far from most of them. */
export async function singleByteEncodingOf(file: string): Promise<Encoding> {
  const evidence = new SingleByteEvidence();
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) evidence.add(chunk);
  return evidence.encoding;
}
