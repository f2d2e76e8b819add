import type { FilterFactory } from './types.js';
import type { FilterSpec } from '../spec/analysis.js';
import { truthy } from '../expr/compile.js';
import { ruleExpression } from './expression.js';

/** Removes the team's test submissions, recognised by an expression (`lower(name) startsWith "test"`). */
export const testEntries: FilterFactory<Extract<FilterSpec, { rule: 'test' }>> = (spec, env) => {
  // remove:, as rule: expression has it; when:, the key this rule first took, is read the same (errors name the key written).
  const expr = spec.remove !== undefined ? ruleExpression(spec.remove, env, 'remove') : ruleExpression(spec.when, env, 'when');
  return {
    name: spec.name ?? 'test',
    test: (row) => (truthy(expr.evaluate(row.values.resolve)) ? 'test entry' : null),
  };
};
