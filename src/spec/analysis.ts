/**
 * The study spec (`survey.yaml`): the codebook overrides, validity filters,
 * nets, derived questions and tables of a report. Validated by
 * schema/survey-spec.schema.json; these types mirror it.
 */
import type { Band, QuestionType } from './codebook.js';

export type ColumnRef = string | number;

export interface QuestionSpec {
  id: string;
  /** The column (first-row header or 1-based number); the inferred question holding it is overridden. */
  column?: ColumnRef;
  label?: string;
  type?: QuestionType;
  /** One column per option or per grid item. */
  items?: { id?: string; label?: string; column: ColumnRef }[];
  layout?: 'columns' | 'joined';
  separator?: string;
  /** Answer order; answers not listed follow in their inferred order. */
  options?: string[];
  /** Raw answer -> answer label (matched ignoring case and surrounding space); each key must be an answer in the data. */
  recode?: Record<string, string>;
  /** Answers that differ only in case are one answer, spelled as the spec lists it, else as written as a name ("Jaipur" over "jaipur"). */
  foldCase?: boolean;
  /** Answers that mean "no answer": excluded from the base; each must be an answer of the question in the data. */
  missing?: string[];
  /** Show missing answers as rows (outside the base) instead of only counting them. __Default value:__ false */
  showMissing?: boolean;
  /** Named groups of answers shown beside them. */
  nets?: Record<string, string[]>;
  reason?: string;
  /** The answer scale init recognised (one of `SCALE_NAMES`): how charts draw the answers. */
  scale?: string;
  /** Slashed dates: `dmy` reads 05/01/2021 as 5 January (UK, Europe, India), `mdy` as May 1 (US); dotted dates are day-first either way. __Default value:__ as inferred */
  dateOrder?: 'mdy' | 'dmy';
}

export interface DeriveSpec {
  id: string;
  label?: string;
  /** A numeric question to band. */
  from: string;
  /** In order; a value is in the first band that holds it. `below` for decimals: `{ below: 1 }`, then `{ min: 1 }`. */
  bands: Band[];
}

export type FilterSpec =
  | { rule: 'fieldwork'; name?: string; question: string; from: string; to: string; timezone?: string }
  /** `remove:` as in rule: expression; `when:`, its first name, is still read (the schema takes one of the two). */
  | ({ rule: 'test'; name?: string } & ({ remove: string; when?: undefined } | { when: string; remove?: undefined }))
  | { rule: 'required'; name?: string; questions: string[] }
  | { rule: 'duplicates'; name?: string; keys: { question: string; normalize?: 'email' | 'phone' | 'text'; countryCode?: string }[]; keep?: 'first' | 'last' }
  | { rule: 'speeders'; name?: string; duration?: string; start?: string; end?: string; minSeconds?: number; fractionOfMedian?: number }
  | { rule: 'straightlining'; name?: string; grid: string; minItems?: number }
  | { rule: 'attention'; name?: string; question: string; answer: string | number | (string | number)[] }
  | { rule: 'expression'; name?: string; remove: string };

export type FilterRule = FilterSpec['rule'];

export interface ChartSpec {
  type?: 'bar' | 'donut' | 'stacked' | 'grouped' | 'heatmap' | 'likert' | 'histogram';
  percentBase?: 'respondents' | 'responses';
  /** This chart's source line instead of the spec's `source`; false for none. */
  source?: string | false;
  config?: Record<string, unknown>;
}

export interface TableSpec {
  id?: string;
  type: 'frequency' | 'crosstab' | 'banner';
  /** frequency */
  question?: string;
  /** crosstab and banner */
  row?: string;
  column?: string;
  columns?: string[];
  /** banner: several row questions stacked (each grid item on its own). */
  rows?: string[];
  /** banner: a total column first. __Default value:__ true */
  total?: boolean;
  /** banner: columns with fewer respondents are left blank. __Default value:__ 0 */
  minBase?: number;
  title?: string;
  /** An expression choosing the respondents this table is about (its base). */
  filter?: string;
  /** Words for the base in subtitles, e.g. "valid respondents". */
  baseLabel?: string;
  chart?: ChartSpec | false;
}

/**
 * A chart drawn from several tables (top-level `charts`). `profile`: one panel of bars per
 * frequency table on a shared percent axis (a respondent profile); written to charts/<id>.svg.
 */
export interface ConsolidatedChartSpec {
  /** File name stem (charts/<id>.svg); must differ from every table id. */
  id: string;
  type: 'profile';
  /** Ids of frequency tables in `tables`, in panel order. */
  tables: string[];
  title?: string;
  /** Words for the base in the subtitle, e.g. "valid respondents". */
  baseLabel?: string;
  /** This chart's source line instead of the spec's `source`; false for none. */
  source?: string | false;
  config?: Record<string, unknown>;
}

export interface StudySpec {
  version: 1;
  title?: string;
  /** Printed as written under every chart ("Source: ..."), so that a chart copied out of the report keeps where it came from. */
  source?: string;
  input?: { file?: string; encoding?: string; delimiter?: string; headerRows?: number; sheet?: string; timezone?: string };
  questions?: QuestionSpec[];
  derive?: DeriveSpec[];
  filters?: FilterSpec[];
  /** A numeric question holding each respondent's weight (shorthand for weighting.weight). */
  weight?: string;
  weighting?: WeightingSpec;
  /** Answers that mean "no answer" in every question (e.g. NA for skipped questions): excluded from bases. */
  missing?: string[];
  statistics?: StatisticsSpec;
  tables?: TableSpec[];
  /** Charts drawn from several tables. */
  charts?: ConsolidatedChartSpec[];
}

/** Weights: a design weight column, raking to target margins, trimming. */
export interface WeightingSpec {
  /** A numeric question with design weights to start from. __Default value:__ 1 for everyone */
  weight?: string;
  /** Target margins per question: answer -> share (summing to 1), percentage (summing to 100) or population count (one total for every question). */
  rake?: Record<string, Record<string, number>>;
  /** __Default value:__ 100 */
  maxIterations?: number;
  /** __Default value:__ 1e-10 (relative to the total weight) */
  tolerance?: number;
  /** Bounds relative to the mean weight; trimmed weights are raked again. */
  trim?: { lower: number; upper: number };
}

/** Inference and disclosure control. */
export interface StatisticsSpec {
  /** __Default value:__ 0.95 */
  confidence?: number;
  /** Rao-Scott order for weighted crosstabs. __Default value:__ 2 */
  raoScott?: 1 | 2;
  /** Column-proportion letters in crosstabs. __Default value:__ false */
  letters?: boolean | { alpha?: number; alphaLower?: number | null; adjust?: 'bonferroni' | 'bh' | 'none'; minBase?: number };
  /** Published cells with fewer respondents are suppressed (with complementary suppression). */
  minCell?: number;
}
