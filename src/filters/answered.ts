import type { Question } from '../spec/codebook.js';
import type { RowContext } from './types.js';
import type { Coder } from '../coding/coder.js';
import { isBlank, normalizeCell } from '../codebook/values.js';

/** Whether the row answered a question (a declared missing code such as "Prefer not to say" is an answer). */
export function answered(q: Question, row: RowContext): boolean {
  return answeredBy(q.type === 'pii' ? undefined : row.coders.get(q.id), q, row);
}

/** `answered`, given the question's coder (looked up once by a rule that asks for every row). */
export function answeredBy(c: Coder | undefined, q: Question, row: RowContext): boolean {
  if (q.type === 'pii') return !isBlank(normalizeCell(row.cells.get(q.columns[0]!)));
  if (!c) return false;
  switch (c.kind) {
    case 'single':
      return c.value >= 0 || c.missingAnswer !== null;
    case 'multi':
      return c.answered;
    case 'matrix':
      return c.values.every((v) => v >= 0);
    case 'numeric':
      return !Number.isNaN(c.value) || c.invalid;
    case 'text':
      return c.answer !== '';
  }
}
