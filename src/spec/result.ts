/**
 * The JSON result of `survey analyze` and `survey report`. This is a public contract
 * (schema/analysis-result.schema.json): keys may be added, never renamed.
 */
import type { QuestionType } from './codebook.js';

export interface InputInfo {
  file: string;
  /** Respondents (data rows), not lines. */
  rows: number;
  encoding: string;
  /** '' for an .xlsx workbook. */
  delimiter: string;
  headerRows: number;
  /** Present when the export is an Excel workbook. */
  format?: 'xlsx';
  /** The workbook's worksheet that was read (its tab name), with `format`. */
  sheet?: string;
}

export interface QuestionInfo {
  id: string;
  label: string;
  type: QuestionType;
  options: string[];
  items: string[];
  /** A column the platform adds about the response (Status, Progress): not tabulated unless a table asks. */
  metadata?: true;
}

export interface FrequencyRow {
  label: string;
  /** null only when suppressed by disclosure control. */
  count: number | null;
  /** 0-100, of those answering (for multi-select: of respondents answering). Unrounded; null only when suppressed. */
  percent: number | null;
  /** Multi-select only: 0-100 of all answers given; null only when suppressed. */
  percentOfResponses?: number | null;
  /** A net (a named group of answers), shown beside the answers it combines. */
  net?: boolean;
  /** A net's member answers. */
  members?: string[];
  /** A declared missing answer shown outside the base; percent is of everyone asked. */
  missing?: boolean;
  /** Weighted tables: respondents (unweighted) behind `count`. */
  n?: number;
  /** Confidence interval of `percent`, 0-100 (method in the table's `ciMethod`). */
  ci?: [number, number];
  /** Hidden by disclosure control (fewer respondents than the minimum cell size): count and percentages are null. */
  suppressed?: boolean;
}

export interface FrequencyTable {
  /** The spec's table filter, as written: only rows where it holds are in the table. */
  filter?: string;
  kind: 'frequency';
  /** The spec's table id, when the table comes from a spec. */
  id?: string;
  question: string;
  /** The question text, or `question | item` for a grid item. */
  label: string;
  /** The item label, for a grid item. */
  item?: string;
  /** The item's id, for a grid item: `question.itemId` names it in a spec and in `--by`. */
  itemId?: string;
  type: QuestionType;
  /** Respondents answering. */
  base: number;
  /** Respondents not answering. */
  missing: number;
  /** Multi-select: total answers given (the base of percentOfResponses). */
  responses?: number;
  /** Respondents answering, unweighted (equals base when unweighted). */
  unweightedBase?: number;
  /** A rating scale's mean answer (1-5, 0-10, ranks; weighted when the counts are), answers off the scale left out; absent when any answer is hidden. */
  mean?: number;
  /** A multi-select of one checkbox column: a blank is read as not ticked, so every respondent is in its base. */
  oneCheckbox?: true;
  /** Kish effective base (sum w)^2 / sum w^2 (equals base when unweighted). */
  effectiveBase?: number;
  /** How `ci` was computed, e.g. "wilson 95% on the effective base". */
  ciMethod?: string;
  rows: FrequencyRow[];
}

export interface NumericTable {
  /** The spec's table filter, as written: only rows where it holds are in the table. */
  filter?: string;
  kind: 'numeric';
  /** The spec's table id, when the table comes from a spec. */
  id?: string;
  question: string;
  label: string;
  n: number;
  missing: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
  /** Answers that were not numbers; they are excluded from n. */
  invalid: number;
  /** Histogram bins over [min, max], for charts. */
  bins?: { x0: number; x1: number; count: number }[];
}

export interface TextTable {
  /** The spec's table filter, as written: only rows where it holds are in the table. */
  filter?: string;
  kind: 'text';
  /** The spec's table id, when the table comes from a spec. */
  id?: string;
  question: string;
  label: string;
  type: 'text' | 'date';
  /** Respondents who answered, unweighted even in a weighted report (a description of the data, not an estimate). */
  n: number;
  /** Respondents who did not. */
  missing: number;
  /** Distinct answers; with `distinctCapped`, at least this many. */
  distinct: number;
  /** More distinct answers than are tracked (100,000): `distinct` is a floor. */
  distinctCapped?: boolean;
  /** Dates only: earliest and latest, ISO 8601. */
  min?: string;
  max?: string;
}

export interface CrosstabStats {
  chi2: number;
  df: number;
  p: number;
  cramersV: number;
  /** Share of expected counts under 5 (a warning is raised above 0.2). */
  lowExpected: number;
  /** `pearson` (unweighted), `rao-scott-2` (weighted, F test; the default) or `rao-scott-1`. */
  method?: 'pearson' | 'rao-scott-1' | 'rao-scott-2';
  /** Rao-Scott second order: the F statistic and its (fractional) degrees of freedom. */
  f?: number;
  ndf?: number;
  ddf?: number;
  /** Rao-Scott first order: X2 divided by the mean design effect. */
  adjustedChi2?: number;
}

export interface CrosstabTable {
  /** The spec's table filter, as written: only rows where it holds are in the table. */
  filter?: string;
  kind: 'crosstab';
  /** The spec's table id, when the table comes from a spec. */
  id?: string;
  /** Row question id. */
  row: string;
  /** Column question id. */
  column: string;
  label: string;
  rowLabels: string[];
  columnLabels: string[];
  /** counts[r][c]; a cell is null only when disclosure control hid it (see `suppressed`). */
  counts: (number | null)[][];
  /** Per column: share of the column base, 0-100; null where hidden. */
  columnPercents: (number | null)[][];
  /** Per row: share of the row base, 0-100; null where hidden. */
  rowPercents: (number | null)[][];
  totalPercents: (number | null)[][];
  /** Column bases (respondents answering both questions in each column). */
  columnBases: number[];
  /** Respondents in each row (the Total column); null only when disclosure control hid a row of fewer than the minimum. */
  rowBases: (number | null)[];
  /** Respondents answering both questions. */
  base: number;
  /** Rows that are nets (named groups of answers). */
  netRows?: number[];
  /**
   * Respondents may appear in several rows (or columns): a multi-select side with more than one
   * answer. Not set for one whose export kept a single answer, nor for a lone checkbox.
   */
  multi?: boolean;
  /** The row question is a lone checkbox: its row is each column's ticked share; the rest of the column did not tick it. */
  oneCheckbox?: true;
  /** The column question is a lone checkbox: its columns are the box, ticked, and "Not ticked" (every blank, those not asked too). */
  oneCheckboxColumn?: true;
  stats: CrosstabStats | null;
  /** Respondents answering both, unweighted. */
  unweightedBase?: number;
  /** Respondents in each column, unweighted. */
  unweightedColumnBases?: number[];
  /** Weighted tables: respondents (unweighted) per cell; null where disclosure control hid the cell. */
  unweightedCounts?: (number | null)[][];
  /** Weighted tables: Kish effective base of the table, (sum w)^2 / sum w^2 over respondents answering both. */
  effectiveBase?: number;
  /** Weighted tables: Kish effective base of each column (the bases of the column tests). */
  effectiveColumnBases?: number[];
  /** Column-proportion tests: per cell, the letters of the columns it is significantly higher than (upper case at alpha, lower case at alphaLower). */
  letters?: {
    columns: string[];
    tested: boolean[];
    cells: string[][];
    alpha: number;
    alphaLower: number | null;
    adjust: 'bonferroni' | 'bh' | 'none';
    minBase: number;
    /** The column question is multi-select: columns share respondents, and the tests treat them as independent samples. */
    overlap: boolean;
  };
  /** Cells hidden by disclosure control: counts and percentages there are null. */
  suppressed?: boolean[][];
}

/** One column of a banner: the total, or one answer of a banner question. */
export interface BannerColumn {
  /** The banner question's id; null for the total column. */
  question: string | null;
  /** The banner question's text (the column group's heading), or "Total". */
  group: string;
  /** The answer this column holds, or "Total". */
  label: string;
  /** The banner question is a lone checkbox: its columns are the box, ticked, and "Not ticked" (every blank, those not asked too). */
  oneCheckbox?: true;
}

/** One row question (or grid item) of a banner: its answers by every banner column. */
export interface BannerSection {
  question: string;
  /** The question text, or `question | item` for a grid item. */
  label: string;
  /** The item label, for a grid item. */
  item?: string;
  /** The item's id, for a grid item: `question.itemId` names it in a spec. */
  itemId?: string;
  type: QuestionType;
  rowLabels: string[];
  /** The row question is a lone checkbox: a blank is read as not ticked, so everyone is in its base. */
  oneCheckbox?: true;
  /** counts[row][column]: weighted counts; null where the column's base is under minBase, or where disclosure control hid the cell (see `suppressed`). */
  counts: (number | null)[][];
  /** percents[row][column]: share of the column's base (0-100); null where the base is under minBase, or where hidden. */
  percents: (number | null)[][];
  /** Respondents answering the row question in each column (weighted). */
  bases: number[];
  unweightedBases: number[];
  /** Rows that are nets. */
  netRows?: number[];
  /** Weighted banners under disclosure control: respondents (unweighted) per cell, which the rule counts; null where counts is. */
  unweightedCounts?: (number | null)[][];
  /** Cells hidden by disclosure control (present when any is): counts and percentages there are null. */
  suppressed?: boolean[][];
}

/**
 * A banner (a table book page): several row questions, each by the answers of
 * several column questions side by side, with a total column.
 */
export interface BannerTable {
  /** The spec's table filter, as written: only rows where it holds are in the table. */
  filter?: string;
  kind: 'banner';
  id?: string;
  label: string;
  columns: BannerColumn[];
  sections: BannerSection[];
  /** Columns with fewer respondents (unweighted) than this are left blank. */
  minBase: number;
}

export type Table = FrequencyTable | NumericTable | TextTable | CrosstabTable | BannerTable;

export interface Withheld {
  column: string;
  kind: string;
  reason: string;
}

export interface Diagnostic {
  level: 'warning' | 'info';
  code: string;
  message: string;
  /** Where in the spec the warning points, when it is about a line of it. */
  location?: { file: string; line?: number };
}

export interface AnalysisResult {
  input: InputInfo;
  questions: QuestionInfo[];
  tables: Table[];
  /** Columns withheld as personal data: never tabulated, printed or charted. */
  withheld: Withheld[];
  diagnostics: Diagnostic[];
  /** A spec's title. */
  title?: string;
  /** Each validity rule in order (the first entry is the rows read); a report's always, analyze's with --where. */
  funnel?: FunnelStep[];
  /** Present when rows are weighted: how, and what it costs in precision. */
  weights?: WeightsSummary;
  /** Present when small cells are suppressed (statistics.minCell). */
  disclosure?: DisclosureSummary;
}

export interface FunnelStep {
  rule: string;
  removed: number;
  remaining: number;
  /** Of `removed`, those of a kind the rule counts apart (speeders' rows that end before they start). */
  apart?: { label: string; removed: number };
}

export interface WeightsSummary {
  /** `column` (a weight question), `raking`, or `column+raking`. */
  method: 'column' | 'raking' | 'column+raking';
  /** The design weight question, if any. */
  question?: string;
  n: number;
  sum: number;
  mean: number;
  min: number;
  max: number;
  /** Kish effective sample size (sum w)^2 / sum w^2. */
  effectiveBase: number;
  /** n / effective base. */
  designEffect: number;
  /** effective base / n. */
  efficiency: number;
  raking?: {
    variables: string[];
    iterations: number;
    converged: boolean;
    tolerance: number;
    maxIterations: number;
    rounds: number;
    /** Largest distance of a weighted margin from its target (share of the total weight). */
    marginError: number;
    trim?: { lower: number; upper: number };
    trimmedCells: number;
    /** Kept rows lacking an answer to a raking variable: their weights were not adjusted. */
    unraked: number;
  };
}

export interface DisclosureSummary {
  minCell: number;
  /** Cells hidden because they were small. */
  primary: number;
  /** Cells hidden so that the small ones cannot be recovered from totals. */
  complementary: number;
  /** Tables with at least one hidden cell. */
  tables: number;
}

