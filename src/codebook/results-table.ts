/**
 * A table of published results (a crosstab with "37%" in its cells, as FiveThirtyEight's
 * masculinity-survey.csv is) reads as a CSV like any other, and would be tabulated as if each of
 * its lines were a respondent: percentages of percentages, with nothing to say they mean nothing.
 * Respondents' answers are seldom percentages in most columns, so such a file is told by its cells.
 * Pure: the sample's rows in, a finding or null out.
 */

/** "37%", "4.5 %", "-2%", "12,5%": a cell that is a percentage and nothing else. */
const PERCENT_CELL = /^-?\d{1,3}(?:[.,]\d+)?\s?%$/;

/** Rows looked at: a table of results is short, and its first lines show what it is. */
const ROWS_LOOKED_AT = 2_000;
/** A column is one of percentages when this share of its non-blank cells are. */
const PERCENT_SHARE = 0.8;
/** Cells a column needs for its share to count: a few percentages may be answers. */
const MIN_CELLS = 5;
/** Percentage columns needed: one or two may be questions answered in percent ("What share of ...?"). */
const MIN_COLUMNS = 3;

export interface ResultsTable {
  /** Columns whose cells are percentages. */
  percentColumns: number;
  /** Columns holding anything in the rows looked at. */
  filledColumns: number;
  /** A percentage cell, as the message shows it. */
  example: string;
}

/**
 * The sample reads as a table of results when at least half its filled columns, and three or
 * more, hold percentages in four cells of five or more.
 */
export function looksLikeResultsTable(rows: readonly (readonly string[])[]): ResultsTable | null {
  const filled: number[] = [];
  const percent: number[] = [];
  let example = '';
  const n = Math.min(rows.length, ROWS_LOOKED_AT);
  for (let r = 0; r < n; r++) {
    const row = rows[r]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!.trim();
      if (cell === '') continue;
      filled[c] = (filled[c] ?? 0) + 1;
      if (PERCENT_CELL.test(cell)) {
        percent[c] = (percent[c] ?? 0) + 1;
        if (example === '') example = cell;
      }
    }
  }
  let filledColumns = 0;
  let percentColumns = 0;
  for (let c = 0; c < filled.length; c++) {
    const f = filled[c] ?? 0;
    if (f === 0) continue;
    filledColumns++;
    if (f >= MIN_CELLS && (percent[c] ?? 0) >= PERCENT_SHARE * f) percentColumns++;
  }
  if (percentColumns < MIN_COLUMNS || percentColumns * 2 < filledColumns) return null;
  return { percentColumns, filledColumns, example };
}
