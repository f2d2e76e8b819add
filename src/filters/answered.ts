import type { Question } from '../spec/codebook.js';
import type { RowContext } from './types.js';
import { isBlank, normalizeCell } from '../codebook/values.js';

/** Whether the row answered a question (a declared missing code such as "Prefer not to say" is an answer). */
export function answered(q: Question, row: RowContext): boolean {
  if (q.type === 'pii') return !isBlank(normalizeCell(row.cells.get(q.columns[0]!)));
  const c = row.coders.get(q.id);
  if (!c) return false;
  switch (c.kind) {
    case 'single':
      return c.value >= 0 || ('missingAnswer' in c && c.missingAnswer !== null);
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
