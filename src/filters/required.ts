import type { FilterFactory } from './types.js';
import { answered, answeredBy } from './answered.js';
import type { Coder } from '../coding/coder.js';

/** Removes rows that leave any required question unanswered. */
export const required: FilterFactory<{ rule: 'required'; name?: string; questions: string[] }> = (spec, env) => {
  const questions = spec.questions.map((id, i) => env.question(id, `questions[${i}]`));
  // The coders are the same for every row: looked up on the first.
  let coders: (Coder | undefined)[] | null = null;
  return {
    name: spec.name ?? 'required',
    test(row) {
      coders ??= questions.map((q) => row.coders.get(q.id));
      // Most rows answer everything: the list of skipped questions is only made for the others.
      let all = true;
      for (let i = 0; i < questions.length && all; i++) all = answeredBy(coders[i], questions[i]!, row);
      if (all) return null;
      const skipped = questions.filter((q) => !answered(q, row));
      return `no answer to ${skipped.map((q) => q.id).join(', ')}`;
    },
  };
};
