/**
 * The codebook: what each question is and how its answers are coded.
 * Inferred by `codebook/infer.ts`, overridden by a spec, printed by `survey init`.
 */

/** __Values:__ single choice, multi-select, grid of items, number, date/time, free text, personal data (withheld). */
export type QuestionType = 'single' | 'multi' | 'matrix' | 'numeric' | 'date' | 'text' | 'pii';

/** The order of a slashed date's parts: month first (US) or day first (UK, Europe, India). */
export type DateOrder = 'mdy' | 'dmy';

/** Kinds of personal data that are withheld from every output. */
export type PiiKind = 'email' | 'phone' | 'ip' | 'name' | 'id' | 'address' | 'location';

/** How a multi-select question is laid out in the export. */
export type MultiLayout =
  /** One cell holds every chosen option, joined by `separator`. */
  | { kind: 'joined'; separator: string }
  /** One column per option; the cell holds the option (or a marker) when chosen. */
  | { kind: 'columns' };

export interface Item {
  /** Item id, unique within its question. */
  id: string;
  /** Item text as shown to respondents. */
  label: string;
  /** 0-based index of the source column. */
  column: number;
}

export interface Question {
  /** Unique, stable id used in specs, `--by` and JSON. */
  id: string;
  /** Question text. */
  label: string;
  type: QuestionType;
  /** 0-based source columns, in order. */
  columns: number[];
  /** Answer labels in display order (single, multi, matrix). */
  options: string[];
  /** Grid items (matrix), or the option column each multi-select option comes from. */
  items: Item[];
  /** Present for multi-select questions. */
  layout?: MultiLayout;
  /** Name of the recognised answer scale that set the order, if any. */
  scale?: string;
  /** `count`: answers are listed by how often they were given (re-sorted on the final counts). __Default value:__ fixed */
  order?: 'fixed' | 'count';
  /** Present for `pii`: what kind of personal data, and why the column was withheld. */
  pii?: { kind: PiiKind; reason: string };
  /** A column the platform adds about the response (Status, Progress, seed): not tabulated unless a table asks for it. */
  metadata?: true;
  /** Raw answer (lower-cased, trimmed) -> answer label. */
  recode?: Record<string, string>;
  /** Answers differing only in case are one answer. */
  foldCase?: boolean;
  /** Answers that mean "no answer": excluded from the base, counted as missing. */
  missing?: string[];
  /** Show missing answers as rows outside the base. */
  showMissing?: boolean;
  /** Named groups of answers, shown beside them. */
  nets?: { label: string; answers: string[] }[];
  /** Dates: `dmy` when slashed dates are day-first (D/M/Y, D.M.Y). __Default value:__ mdy (US) */
  dateOrder?: DateOrder;
  /** Every slashed date read the same day-first and month-first (all on days 1-12): the order is a guess. */
  dateOrderGuessed?: boolean;
  /** A question computed from another: numeric bands. */
  derived?: { from: string; bands: Band[] };
}

/** A numeric band of a derived question: from `min` to `max`, both held, or up to `below`, not held. */
export interface Band {
  label: string;
  min?: number;
  max?: number;
  below?: number;
}

export interface Codebook {
  questions: Question[];
  /** Answers inferred to mean "no answer" in every question (R's `NA`), which every question lists in its `missing` too; absent when a spec lists the study's own. */
  missing?: string[];
}

/**
 * The question an id names: a question's own id, or `grid.item` for a grid's item. A question id
 * may hold a dot itself (Qualtrics numbers by block: Q1.2, and the grid Q2.1 of Q2.1_1, Q2.1_2),
 * so an id is looked up whole first, and a grid item is split at its last dot (item ids have none).
 */
export function findRef(questions: readonly Question[], id: string): { question: Question; item?: Item } | undefined {
  const whole = questions.find((q) => q.id === id);
  if (whole) return { question: whole };
  const parts = itemRefParts(id);
  const grid = parts && questions.find((q) => q.id === parts.grid && q.type === 'matrix');
  const item = grid ? grid.items.find((i) => i.id === parts!.item) : undefined;
  return grid && item ? { question: grid, item } : undefined;
}

/** `grid.item` split at its last dot, or null for an id with no dot. */
export function itemRefParts(id: string): { grid: string; item: string } | null {
  const dot = id.lastIndexOf('.');
  return dot > 0 ? { grid: id.slice(0, dot), item: id.slice(dot + 1) } : null;
}
