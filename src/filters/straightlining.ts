import type { FilterFactory } from './types.js';

/** Removes respondents who gave the same answer to every item of a grid (at least `minItems` answered). */
export const straightlining: FilterFactory<{ rule: 'straightlining'; name?: string; grid: string; minItems?: number }> = (spec, env) => {
  const q = env.question(spec.grid, 'grid');
  if (q.type !== 'matrix') throw env.error('grid', `'${spec.grid}' is ${q.type}, not a grid (matrix) question`);
  const minItems = spec.minItems ?? q.items.length;
  return {
    name: spec.name ?? 'straightlining',
    test(row) {
      const c = row.coders.get(q.id);
      if (c?.kind !== 'matrix') return null;
      let first = -1;
      let n = 0;
      for (const v of c.values) {
        if (v < 0) continue;
        if (first < 0) first = v;
        else if (v !== first) return null;
        n++;
      }
      return n >= minItems && n >= 2 ? `same answer to all ${n} items of ${q.id}` : null;
    },
  };
};
