/** The sentences about a whole result that the terminal and Markdown both print under its heading. */
import type { AnalysisResult, DisclosureSummary, WeightsSummary } from '../../spec/result.js';
import { formatNumber } from '../sanitize.js';

type Escape = (s: string) => string;

/** The platform's metadata columns no table shows (a table asked for one shows it). */
export function metadataNote(result: AnalysisResult, esc: Escape): string | null {
  const shown = new Set(result.tables.flatMap((t) => ('question' in t ? [t.question] : [])));
  const ids = result.questions.filter((q) => q.metadata && !shown.has(q.id)).map((q) => esc(q.id));
  return ids.length > 0 ? `Platform metadata, not tabulated (a spec's rules and tables can use it): ${ids.join(', ')}` : null;
}

export function weightsNote(w: WeightsSummary, esc: Escape): string {
  const how = w.method === 'raking' || w.question === undefined ? 'Weighted (raking)' : `Weighted by '${esc(w.question)}'${w.method === 'column+raking' ? ', then raked' : ''}`;
  return `${how}: effective base ${formatNumber(w.effectiveBase, 1)}, design effect ${formatNumber(w.designEffect)}, weights ${formatNumber(w.min, 3)} to ${formatNumber(w.max, 3)}`;
}

export function disclosureNote(d: DisclosureSummary): string {
  return `Cells with fewer than ${d.minCell} respondents suppressed (*): ${d.primary}, plus ${d.complementary} so they cannot be recovered`;
}
