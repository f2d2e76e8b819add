/**
 * The keys of respondents (e-mails, phone numbers, any text) a `duplicates` rule compares, as
 * both the rule (filters/duplicates.ts) and the reading thread (ingest/scan-worker.ts) make
 * them: below both, so that neither imports the other.
 */
import { isBlank, normalizeCell } from '../codebook/values.js';

export type Normalize = 'email' | 'phone' | 'text';

/** What a key is made of: a column's cell, normalised. */
export interface KeySpec {
  column: number;
  normalize: Normalize;
  countryCode?: string | undefined;
}

/** What a key is read from: a record's cells (ingest/cells.ts `Cells`). */
export interface KeyCells {
  /** The text the fields lie in (see `start`). */
  readonly source: string;
  get(i: number): string;
  /** Where field `i` starts in `source`, or -1 when it is not a plain range of it. */
  start(i: number): number;
  end(i: number): number;
  size(i: number): number;
}

export function keyOf(k: KeySpec, cells: KeyCells): string | null {
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
