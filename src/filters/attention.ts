import type { FilterFactory } from './types.js';
import { closest } from '../errors/suggest.js';
import { answersShown, messages } from '../errors/messages.js';

/**
 * Removes respondents who fail an attention check (any answer but the expected one, or none).
 * An expected answer that nearly is one of the question's ("blue" for "Blue") is a spec error: it
 * would remove every respondent. One like none of them may first come after the sample.
 */
export const attention: FilterFactory<{ rule: 'attention'; name?: string; question: string; answer: string | number | (string | number)[] }> = (spec, env) => {
  const q = env.question(spec.question, 'question');
  const answers = (Array.isArray(spec.answer) ? spec.answer : [spec.answer]).map(String);
  if (q.type === 'numeric') {
    const expected = new Set(answers.map((a, i) => {
      const n = Number(String(a).trim());
      if (String(a).trim() === '' || !Number.isFinite(n)) throw env.error(Array.isArray(spec.answer) ? `answer[${i}]` : 'answer', `'${q.id}' holds numbers; '${a}' is not one`);
      return n;
    }));
    return { name: spec.name ?? 'attention', test: (row) => (expected.has(row.values.resolve(q.id) as number) ? null : `attention check ${q.id} failed`) };
  }
  // A check inside a grid ("select Agree on this row") names its item: grid.item.
  const item = q.type === 'matrix' && spec.question.includes('.');
  if (q.type !== 'single' && !item) {
    const hint = q.type === 'matrix' ? `name the grid's item: ${q.id}.${q.items[0]?.id ?? 'item'}` : undefined;
    throw env.error('question', `'${q.id}' is ${q.type}; an attention check needs a single-choice question, a grid's item or a numeric question`, hint);
  }
  const id = item ? spec.question : q.id;
  // A question whose case is folded shows one spelling of each answer, whichever was most common.
  const fold = q.foldCase === true ? (x: string) => x.toLowerCase() : (x: string) => x;
  const known = new Set(q.options.map(fold));
  answers.forEach((a, i) => {
    if (known.has(fold(a))) return;
    // One that is nearly an answer is a slip ("blue" for "Blue"); one like none may first come after the sample.
    const near = closest(a, q.options);
    if (near !== undefined) {
      throw env.error(Array.isArray(spec.answer) ? `answer[${i}]` : 'answer', messages.notAnAnswer(a, id, near, [answersShown(id, q.options)]));
    }
  });
  const expected = new Set(answers.map(fold));
  return {
    name: spec.name ?? 'attention',
    test(row) {
      const v = row.values.resolve(id);
      return typeof v === 'string' && expected.has(fold(v)) ? null : `attention check ${id} failed`;
    },
  };
};
