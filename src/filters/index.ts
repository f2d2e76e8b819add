/** Every validity rule, by the name a spec uses for it. */
import type { FilterSpec, FilterRule } from '../spec/analysis.js';
import type { FilterEnv, FilterFactory, RowFilter } from './types.js';
import { attention } from './attention.js';
import { duplicates } from './duplicates.js';
import { expression } from './expression.js';
import { fieldwork } from './fieldwork.js';
import { required } from './required.js';
import { speeders } from './speeders.js';
import { straightlining } from './straightlining.js';
import { testEntries } from './test-entries.js';

export const FILTERS: Record<FilterRule, FilterFactory<never>> = {
  fieldwork,
  test: testEntries,
  required,
  duplicates,
  speeders,
  straightlining,
  attention,
  expression,
};

export function createFilter(spec: FilterSpec, env: FilterEnv): RowFilter {
  return (FILTERS[spec.rule] as FilterFactory<FilterSpec>)(spec, env);
}
