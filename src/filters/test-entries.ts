import type { FilterFactory } from './types.js';
import { compile, truthy } from '../expr/compile.js';

/** Removes the team's test submissions, recognised by an expression (`lower(name) startsWith "test"`). */
export const testEntries: FilterFactory<{ rule: 'test'; name?: string; when: string }> = (spec, env) => {
  const expr = compile(spec.when);
  for (const n of expr.names) env.question(n, 'when');
  return {
    name: spec.name ?? 'test',
    test: (row) => (truthy(expr.evaluate(row.values.resolve)) ? 'test entry' : null),
  };
};
