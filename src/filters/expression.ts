import type { FilterFactory } from './types.js';
import { compile, truthy } from '../expr/compile.js';

/** Removes rows for which an expression is true: any rule a spec can state. */
export const expression: FilterFactory<{ rule: 'expression'; name?: string; remove: string }> = (spec, env) => {
  const expr = compile(spec.remove);
  for (const n of expr.names) env.question(n, 'remove');
  return {
    name: spec.name ?? 'expression',
    test: (row) => (truthy(expr.evaluate(row.values.resolve)) ? `matches ${spec.remove}` : null),
  };
};
