/**
 * All tables as one tidy CSV: a row per answer (and per crosstab cell). `row_type` tells an
 * answer from a net (which repeats the answers it combines) and from a missing answer shown
 * outside the base, so that summing a question's percentages over its answers gives 100, not
 * 100 plus every net.
 */
import type { AnalysisResult, FunnelStep, Table } from '../../spec/result.js';
import { csvCell } from '../sanitize.js';

// Columns are added at the end, never moved: scripts read them by position too.
const HEADER = ['kind', 'question', 'label', 'answer', 'column', 'count', 'percent', 'percent_of_responses', 'base', 'row_type'];

export function renderCsv(result: AnalysisResult): string {
  return tablesCsv(result.tables);
}

export function tablesCsv(tables: readonly Table[]): string {
  const lines = [HEADER.join(',')];
  for (const t of tables) for (const row of rowsOf(t)) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The funnel as CSV: each rule with the rows it removed and the rows left, then those of its
 * removed rows it counts apart (speeders' rows that end before they start), as JSON's `apart`.
 */
export function funnelCsv(steps: readonly FunnelStep[]): string {
  const rows = steps.map((s) => [csvCell(s.rule), s.removed, s.remaining, s.apart ? csvCell(s.apart.label) : '', s.apart?.removed ?? ''].join(','));
  return `${['rule,removed,remaining,apart,apart_removed', ...rows].join('\r\n')}\r\n`;
}

type Cell = string | number | null;

function rowsOf(t: Table): Cell[][] {
  switch (t.kind) {
    case 'frequency':
      // A grid item is named as a spec names it, grid.item by id; its label is already `Title | Item`.
      return t.rows.map((r) => ['frequency', t.itemId !== undefined ? `${t.question}.${t.itemId}` : t.question, t.label, r.label, null, r.count, r.percent, r.percentOfResponses ?? null, t.base, r.net ? 'net' : r.missing ? 'missing' : 'answer']);
    case 'numeric':
      return (['n', 'mean', 'sd', 'median', 'min', 'max'] as const).map((k) => ['numeric', t.question, t.label, k, null, t[k], null, null, t.n, 'statistic']);
    case 'text':
      return [['text', t.question, t.label, 'answered', null, t.n, null, null, t.n + t.missing, 'statistic']];
    case 'banner':
      return t.sections.flatMap((s) =>
        s.rowLabels.flatMap((rl, r) =>
          t.columns.map((col, c) => ['banner', s.itemId !== undefined ? `${s.question}.${s.itemId}` : s.question, s.label, rl, col.question === null ? 'Total' : `${col.group}: ${col.label}`, s.counts[r]![c]!, s.percents[r]![c]!, null, s.bases[c]!, s.netRows?.includes(r) ? 'net' : 'answer'] as Cell[]),
        ),
      );
    case 'crosstab':
      return t.rowLabels.flatMap((rl, r) => t.columnLabels.map((cl, c) => ['crosstab', `${t.row} x ${t.column}`, t.label, rl, cl, t.counts[r]![c]!, t.columnPercents[r]![c]!, null, t.columnBases[c]!, t.netRows?.includes(r) ? 'net' : 'answer'] as Cell[]));
  }
}
