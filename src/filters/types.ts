/** Validity rules: each decides, row by row, whether a respondent is removed, and says why. */
import type { Codebook, Question } from '../spec/codebook.js';
import type { FilterSpec } from '../spec/analysis.js';
import type { Coder } from '../coding/coder.js';
import type { RowValues } from '../coding/row-values.js';
import type { Cells } from '../ingest/cells.js';
import type { KeySpec } from '../keys/key.js';
import type { Compiled } from '../expr/compile.js';

/** What a rule sees of the current row: coded answers, raw cells and the line. */
export interface RowContext {
  /** The row's raw cells, valid while the row is current. */
  readonly cells: Cells;
  readonly line: number;
  readonly values: RowValues;
  readonly coders: ReadonlyMap<string, Coder>;
}

export interface RowFilter {
  /** The name shown in the funnel. */
  readonly name: string;
  /** Sees every row that reaches this rule in a first pass, when the rule needs the whole file (medians, last submissions). */
  prepare?(row: RowContext): void;
  /** Forgets state built by `test` (a first pass runs the tests of earlier rules too). */
  reset?(): void;
  /** Why the row is removed, or null to keep it. A kept row may update the rule's state (first submissions). */
  test(row: RowContext): string | null;
  /** Removals of one kind the funnel counts apart, by their reason ("end before they start" of a speeders rule). */
  readonly apart?: { label: string; matches(reason: string): boolean };
  /**
   * A key whose first-seen line per row is the rule's whole test (a one-key `keep: first`
   * duplicates rule): when the rule comes first, the reading thread may keep it and hand the
   * answer over in `Cells.seenBefore`.
   */
  readonly firstSeen?: KeySpec;
}

/** What building a rule may consult; `question` throws a spec error naming the path when an id is unknown. */
export interface FilterEnv {
  codebook: Codebook;
  /** Time zone of timestamps without one. */
  timezone: string;
  /** `expression`: the source the id was read from, so that an unquoted answer (`gender == Male`) is told as one. */
  question(id: string, key: string, expression?: string): Question;
  /** The export's header text of a column (as written, whatever label the spec gives the question). */
  header(column: number): string;
  error(key: string, message: string, hint?: string): Error;
  /**
   * Checks the answers an expression at `key` compares questions with: now, against the sample's
   * (a slip of one is an error), and once every row is read (one no row holds is).
   */
  checkAnswers(expr: Compiled, key: string): void;
}

export type FilterFactory<S extends FilterSpec = FilterSpec> = (spec: S, env: FilterEnv) => RowFilter;
