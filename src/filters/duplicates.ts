import type { FilterFactory, RowContext, RowFilter } from './types.js';
import type { Question } from '../spec/codebook.js';
import { KeyLines } from '../keys/key-set.js';
import { FirstSeen } from '../keys/first-seen.js';
import { keyOf, type KeySpec, type Normalize } from '../keys/key.js';

interface Key extends KeySpec {
  question: Question;
  /** Normalised value -> line of the submission kept (first) or last seen (keep: last). */
  seen: KeyLines;
}

type DuplicatesSpec = { rule: 'duplicates'; name?: string; keys: { question: string; normalize?: Normalize; countryCode?: string }[]; keep?: 'first' | 'last' };

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
