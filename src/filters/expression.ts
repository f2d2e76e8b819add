import type { FilterEnv, FilterFactory } from './types.js';
import { compile, truthy, type Compiled } from '../expr/compile.js';
import type { SurveyError } from '../errors/survey-error.js';

/** A rule's expression, its errors named by the spec's line and path, its names checked as questions and the answers it compares with as theirs. */
export function ruleExpression(source: string, env: FilterEnv, key: string): Compiled {
  let expr: Compiled;
  try {
    expr = compile(source);
  } catch (e) {
    throw env.error(key, (e as Error).message, (e as SurveyError).hint);
  }
  for (const n of expr.names) env.question(n, key, source);
  env.checkAnswers(expr, key);
  return expr;
}

/** Removes rows for which an expression is true: any rule a spec can state. */
export const expression: FilterFactory<{ rule: 'expression'; name?: string; remove: string }> = (spec, env) => {
  const expr = ruleExpression(spec.remove, env, 'remove');
  return {
    name: spec.name ?? 'expression',
    test: (row) => (truthy(expr.evaluate(row.values.resolve)) ? `matches ${spec.remove}` : null),
  };
};
