import type { FilterFactory } from './types.js';
import { truthy } from '../expr/compile.js';
import { ruleExpression } from './expression.js';

/** Removes the team's test submissions, recognised by an expression (`lower(name) startsWith "test"`). */
export const testEntries: FilterFactory<{ rule: 'test'; name?: string; when: string }> = (spec, env) => {
  const expr = ruleExpression(spec.when, env, 'when');
  return {
    name: spec.name ?? 'test',
    test: (row) => (truthy(expr.evaluate(row.values.resolve)) ? 'test entry' : null),
  };
};
