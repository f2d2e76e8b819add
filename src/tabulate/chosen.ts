/**
 * What the current row answered to a choice question, as tables count it (frequency.ts,
 * crosstab.ts).
 */
import type { ChoiceCoder } from '../coding/coder.js';

const ONE: number[] = [0];

/** The option codes the current row chose (empty when unanswered); never allocates. */
export function chosenCodes(c: ChoiceCoder): readonly number[] {
  if (c.kind === 'multi') return c.answered ? c.chosen : [];
  if (c.value < 0) return [];
  ONE[0] = c.value;
  return ONE;
}

/**
 * Whether the current row is in the base: answered on the question's own answers (a declared
 * missing answer is outside it, unlike filters/answered.ts, where it counts as an answer); a
 * multi-select answered with nothing chosen (every option "Not selected") is in, with no answer counted.
 */
export function inBase(c: ChoiceCoder): boolean {
  return c.kind === 'multi' ? c.answered : c.value >= 0;
}
