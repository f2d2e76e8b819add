/** Grids shown as one table (terminal, Markdown): which item tables go together, and their title. */
import type { FrequencyTable, Table } from '../../spec/result.js';

/**
 * The items of one grid that follow each other from `i`, from one table of the spec (one id, one
 * filter), asked on the same answers (single choice, no nets or answers outside the base): shown as one
 * table, an item a row. Fewer than two: none.
 */
export function gridRun(tables: readonly Table[], i: number): FrequencyTable[] {
  const first = tables[i];
  const plain = (t: FrequencyTable) => t.item !== undefined && t.type !== 'multi' && t.rows.every((r) => !r.net && !r.missing);
  if (first?.kind !== 'frequency' || !plain(first)) return [];
  const answers = first.rows.map((r) => r.label).join('\u0000');
  const run = [first];
  for (let k = i + 1; k < tables.length; k++) {
    const t = tables[k]!;
    if (t.kind !== 'frequency' || t.question !== first.question || t.id !== first.id || t.filter !== first.filter || !plain(t) || t.rows.map((r) => r.label).join('\u0000') !== answers) break;
    run.push(t);
  }
  return run.length >= 2 ? run : [];
}
