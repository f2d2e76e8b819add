import type { FilterFactory, RowContext } from './types.js';
import type { Question } from '../spec/codebook.js';
import { isBlank, normalizeCell } from '../codebook/values.js';
import { KeyLines } from './key-set.js';

type Normalize = 'email' | 'phone' | 'text';

interface Key {
  question: Question;
  normalize: Normalize;
  countryCode: string | undefined;
  /** Normalised value -> line of the submission kept (first) or last seen (keep: last). */
  seen: KeyLines;
}

/**
 * Removes repeated submissions of one person: a row is a duplicate when ANY key
 * (e-mail, phone...) equals that of a kept row. With `keep: first` (the default)
 * the first submission stays; with `keep: last` a first pass finds each key's last line.
 * Reasons name the line of the kept row, never the personal data itself.
 */
export const duplicates: FilterFactory<{ rule: 'duplicates'; name?: string; keys: { question: string; normalize?: Normalize; countryCode?: string }[]; keep?: 'first' | 'last' }> = (spec, env) => {
  const keys: Key[] = spec.keys.map((k, i) => ({ question: env.question(k.question, `keys[${i}].question`), normalize: k.normalize ?? 'text', countryCode: k.countryCode, seen: new KeyLines() }));
  const keep = spec.keep ?? 'first';
  // The row's key values, reused from row to row.
  const vs: (string | null)[] = keys.map(() => null);
  const values = (row: RowContext) => {
    for (let i = 0; i < keys.length; i++) vs[i] = keyValue(keys[i]!, row);
    return vs;
  };
  const filter = {
    name: spec.name ?? 'duplicates',
    test(row: RowContext): string | null {
      if (keep === 'first' && keys.length === 1) {
        // One key: look it up and remember it in one step; plain ASCII without making the key string.
        const k = keys[0]!;
        let line: number | undefined;
        const raw = k.normalize === 'phone' ? '' : row.cells.get(k.question.columns[0]!);
        const len = k.normalize === 'phone' ? -1 : foldPlainAscii(raw, k.seen.room(raw.length));
        if (len > 0) line = k.seen.getOrAddWritten(len, row.line);
        else {
          const v = keyValue(k, row);
          line = v === null ? undefined : k.seen.getOrAdd(v, row.line);
        }
        return line === undefined ? null : `same ${label(k)} as line ${line}`;
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

function keyValue(k: Key, row: RowContext): string | null {
  const raw = normalizeCell(row.cells.get(k.question.columns[0]!));
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
 * The key `keyValue` makes for e-mail and text keys (`normalizeCell(raw).toLowerCase()`),
 * written to `out` as bytes, when `raw` is plain printable ASCII that normalizing leaves as
 * it is (no white space at the ends or doubled) and is not a blank marker ("-", "--");
 * otherwise -1, and the caller takes the general way.
 */
export function foldPlainAscii(raw: string, out: Uint8Array): number {
  const n = raw.length;
  if (n <= 2) return -1;
  let space = true;
  for (let i = 0; i < n; i++) {
    let c = raw.charCodeAt(i);
    if (c > 32 && c < 127) {
      space = false;
      if (c >= 65 && c <= 90) c += 32;
    } else if (c === 32 && !space) space = true;
    else return -1;
    out[i] = c;
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
