/** The order a question's answers are shown in, the same in every table that shows them. */
import type { Question } from '../spec/codebook.js';
import { isNonSubstantive, listedLast } from '../codebook/scales.js';

/**
 * Answer codes in display order. Answers with no natural order (`order: 'count'`) are listed by
 * how often they were given, on the final counts; "Other" and "Don't know" stay last whatever
 * their counts, "None" just before them, and ties go by label. Otherwise, the options' order.
 */
export function answerOrder(question: Question, labels: readonly string[], countOf: (code: number) => number): number[] {
  const codes = labels.map((_, i) => i);
  if (question.order !== 'count') return codes;
  const last = labels.map((l) => [Number(isNonSubstantive(l)), Number(listedLast(l))] as const);
  return codes.sort((a, b) => last[a]![0] - last[b]![0] || last[a]![1] - last[b]![1] || countOf(b) - countOf(a) || (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : 0));
}
