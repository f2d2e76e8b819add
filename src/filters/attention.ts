import type { FilterFactory } from './types.js';

/** Removes respondents who fail an attention check (any answer but the expected one, or none). */
export const attention: FilterFactory<{ rule: 'attention'; name?: string; question: string; answer: string | string[] }> = (spec, env) => {
  const q = env.question(spec.question, 'question');
  const expected = new Set(Array.isArray(spec.answer) ? spec.answer : [spec.answer]);
  return {
    name: spec.name ?? 'attention',
    test(row) {
      const v = row.values.resolve(q.id);
      return typeof v === 'string' && expected.has(v) ? null : `attention check ${q.id} failed`;
    },
  };
};
