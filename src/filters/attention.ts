import type { FilterFactory } from './types.js';
import { didYouMean } from '../engine/resolve.js';

/**
 * Removes respondents who fail an attention check (any answer but the expected one, or none).
 * The expected answer must be one of the question's: a misspelt one ("blue" for "Blue") would
 * remove every respondent.
 */
export const attention: FilterFactory<{ rule: 'attention'; name?: string; question: string; answer: string | string[] }> = (spec, env) => {
  const q = env.question(spec.question, 'question');
  const answers = Array.isArray(spec.answer) ? spec.answer : [spec.answer];
  if (q.type === 'numeric') {
    const expected = new Set(answers.map((a, i) => {
      const n = Number(String(a).trim());
      if (String(a).trim() === '' || !Number.isFinite(n)) throw env.error(Array.isArray(spec.answer) ? `answer[${i}]` : 'answer', `'${q.id}' holds numbers; '${a}' is not one`);
      return n;
    }));
    return { name: spec.name ?? 'attention', test: (row) => (expected.has(row.values.resolve(q.id) as number) ? null : `attention check ${q.id} failed`) };
  }
  if (q.type !== 'single') throw env.error('question', `'${q.id}' is ${q.type}; an attention check needs a single-choice question (or a numeric one)`);
  answers.forEach((a, i) => {
    if (q.options.length > 0 && !q.options.includes(a)) {
      throw env.error(Array.isArray(spec.answer) ? `answer[${i}]` : 'answer', `'${a}' is not an answer of '${q.id}'${didYouMean(a, q.options)} (answers: ${q.options.slice(0, 6).join(', ')}${q.options.length > 6 ? ', ...' : ''})`);
    }
  });
  const expected = new Set(answers);
  return {
    name: spec.name ?? 'attention',
    test(row) {
      const v = row.values.resolve(q.id);
      return typeof v === 'string' && expected.has(v) ? null : `attention check ${q.id} failed`;
    },
  };
};
