import type { FilterFactory } from './types.js';
import { answered } from './answered.js';

/** Removes rows that leave any required question unanswered. */
export const required: FilterFactory<{ rule: 'required'; name?: string; questions: string[] }> = (spec, env) => {
  const questions = spec.questions.map((id, i) => env.question(id, `questions[${i}]`));
  return {
    name: spec.name ?? 'required',
    test(row) {
      const skipped = questions.filter((q) => !answered(q, row));
      return skipped.length === 0 ? null : `no answer to ${skipped.map((q) => q.id).join(', ')}`;
    },
  };
};
