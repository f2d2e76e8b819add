/** The sentences about a whole result that the terminal and Markdown both print under its heading, and where a table's filter goes under its own. */
import type { AnalysisResult, DisclosureSummary, WeightsSummary } from '../../spec/result.js';
import { formatNumber } from '../sanitize.js';

type Escape = (s: string) => string;

/**
 * A net's row label, said to be one ("Pink inside (net)") in every table that shows it: in a
 * crosstab or banner, as in a frequency table, a net read as an answer would seem to be one
 * more answer, its share counted twice.
 */
export function netLabel(label: string, net: boolean): string {
  return net && !/\(net\)$/i.test(label) ? `${label} (net)` : label;
}

/**
 * A table's filter said under its heading: `line` goes after the heading (text up to the first
 * `sep`: a line in the terminal, a paragraph in Markdown), so the table of some rows never passes for all.
 */
export function underHeading(text: string, line: string, sep: '\n' | '\n\n'): string {
  const cut = text.indexOf(sep);
  return cut < 0 ? `${text}${sep}${line}` : `${text.slice(0, cut)}${sep}${line}${text.slice(cut)}`;
}

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
