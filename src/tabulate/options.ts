/** How tables are tested and estimated; fully defaulted at the boundary (spec or flags). */
import type { LetterOptions } from '../stats/column-tests.js';

export interface TableStatsOptions {
  /** Rows are weighted: bases are weighted, intervals use effective bases, crosstabs use Rao-Scott. */
  weighted: boolean;
  /** Confidence level of intervals. __Default value:__ 0.95 */
  confidence: number;
  /** Rao-Scott order for weighted crosstabs. __Default value:__ 2 (the F test, as R's svychisq) */
  raoScott: 1 | 2;
  /** Column-proportion letters in crosstabs, or null for none. */
  letters: LetterOptions | null;
  /** Disclosure control's minimum cell (statistics.minCell, --min-cell), when it applies: weighted banners then keep respondents per cell for it. */
  minCell?: number;
}

export const DEFAULT_TABLE_STATS: TableStatsOptions = { weighted: false, confidence: 0.95, raoScott: 2, letters: null };
