import type { BannerTable, CrosstabTable, FrequencyTable } from '../../spec/result.js';
import { NOT_TICKED } from '../../codebook/multi.js';

/**
 * A multi-select of one checkbox (the only column it kept) cannot tell a skipped question from a
 * box left unticked: every respondent is its base, which every output says.
 */
export function isOneCheckbox(t: FrequencyTable): boolean {
  return t.oneCheckbox === true;
}

/**
 * A crosstab or banner with a lone checkbox on either side: down the side its row is a share of
 * everyone, across the top its `Not ticked` column holds every blank. Either way a reader would take
 * the blanks for people who saw the box and left it, so the table carries the frequency table's note.
 */
export function showsOneCheckbox(t: CrosstabTable | BannerTable): boolean {
  if (t.kind === 'crosstab') return t.oneCheckbox === true || t.oneCheckboxColumn === true;
  return t.sections.some((s) => s.oneCheckbox === true) || t.columns.some((c) => c.oneCheckbox === true);
}

/** What a lone checkbox's counts mean, in every table that shows one: the one source of these words. */
export const ONE_CHECKBOX = `one checkbox, which cannot tell a blank from a skip: everyone is in the base, and "${NOT_TICKED}" counts everyone who left the box blank, including anyone who was never shown it`;
/** ONE_CHECKBOX as a line of its own (a chart's note), and as a sentence. */
export const ONE_CHECKBOX_LINE = `${ONE_CHECKBOX.charAt(0).toUpperCase()}${ONE_CHECKBOX.slice(1)}`;
export const ONE_CHECKBOX_NOTE = `${ONE_CHECKBOX_LINE}.`;

/**
 * A crosstab row's Total column: the share of all respondents answering both who are in the row,
 * 0-100; null when disclosure control hid the row's base (fewer respondents than the minimum).
 */
export function totalPercent(t: CrosstabTable, r: number): number | null {
  const n = t.rowBases[r];
  if (n === null) return null;
  return t.base > 0 ? (100 * (n ?? 0)) / t.base : 0;
}

/** A weighted crosstab: its bases are weighted sums, shown apart from the respondents behind them. */
export function isWeighted(t: CrosstabTable): boolean {
  const n = t.unweightedColumnBases;
  return n !== undefined && t.unweightedBase !== undefined && n.some((x, c) => Math.abs(x - (t.columnBases[c] ?? 0)) > 1e-9);
}
