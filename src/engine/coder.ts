/**
 * Turns a record's raw cells into answer codes, question by question, following
 * the codebook. Each coder keeps its state for the current row in reusable fields,
 * so coding a row allocates nothing once every distinct answer has been seen.
 * Personal-data columns get no coder: their cells are never read.
 */
import type { Question } from '../spec/codebook.js';
import { splitCell, type Joiner } from '../codebook/multi.js';
import { isBlank, normalizeCell, optionCellState, parseDateTime, parseNumber } from '../codebook/values.js';

/** Answer labels with their codes; answers not in the codebook get new codes as they appear. */
export class OptionIndex {
  readonly labels: string[];
  private readonly codes = new Map<string, number>();
  /** Raw answer -> label, from the spec's recodes (empty when inferred). */
  private readonly recode: ReadonlyMap<string, string>;
  constructor(labels: readonly string[], recode: ReadonlyMap<string, string> = new Map()) {
    this.labels = [...labels];
    this.labels.forEach((l, i) => this.codes.set(l, i));
    this.recode = recode;
  }
  code(answer: string): number {
    const label = this.recode.get(answer) ?? answer;
    let c = this.codes.get(label);
    if (c === undefined) {
      c = this.labels.length;
      this.labels.push(label);
      this.codes.set(label, c);
    }
    return c;
  }
}

export interface CodingOptions {
  decimalComma: boolean;
}

export type Coder = SingleCoder | MultiCoder | MatrixCoder | NumericCoder | TextCoder;

/** A question with one answer per row, as a crosstab sees it (a single choice or one grid item). */
export interface SingleLike {
  readonly kind: 'single';
  readonly value: number;
  readonly options: OptionIndex;
  readonly question: Question;
}

export type ChoiceCoder = SingleLike | MultiCoder;

/** One answer: `value` is an option code, or -1 when not answered. */
export class SingleCoder implements SingleLike {
  readonly kind = 'single';
  value = -1;
  readonly options: OptionIndex;
  constructor(readonly question: Question) {
    this.options = new OptionIndex(question.layout?.kind === 'columns' ? question.items.map((i) => i.label) : question.options);
  }
  read(fields: readonly string[]): void {
    const q = this.question;
    this.value = -1;
    if (q.layout?.kind === 'columns') {
      for (let i = 0; i < q.items.length; i++) {
        if (optionCellState(normalizeCell(fields[q.items[i]!.column] ?? '')) === 'chosen') {
          this.value = i;
          return;
        }
      }
      return;
    }
    const v = normalizeCell(fields[q.columns[0]!] ?? '');
    if (!isBlank(v)) this.value = this.options.code(v);
  }
}

/** Several answers: `chosen[0..count)` are option codes; `answered` is false when none. */
export class MultiCoder {
  readonly kind = 'multi';
  chosen: number[] = [];
  answered = false;
  readonly options: OptionIndex;
  private readonly cache = new Map<string, number[]>();
  private readonly atoms: Set<string>;
  constructor(readonly question: Question) {
    this.options = new OptionIndex(question.layout?.kind === 'columns' ? question.items.map((i) => i.label) : question.options);
    this.atoms = new Set(question.options);
  }
  read(fields: readonly string[]): void {
    const q = this.question;
    if (q.layout?.kind === 'columns') {
      // An explicit "Not selected" means the respondent saw the options and chose none:
      // answered, and so in the base; blanks and NA (not asked) are not.
      this.chosen = [];
      let seen = false;
      for (let i = 0; i < q.items.length; i++) {
        const state = optionCellState(normalizeCell(fields[q.items[i]!.column] ?? ''));
        if (state === 'chosen') this.chosen.push(i);
        else if (state === 'unchosen') seen = true;
      }
      this.answered = this.chosen.length > 0 || seen;
      return;
    }
    const v = normalizeCell(fields[q.columns[0]!] ?? '');
    if (isBlank(v)) {
      this.chosen = EMPTY;
      this.answered = false;
      return;
    }
    let codes = this.cache.get(v);
    if (codes === undefined) {
      const joiner = (q.layout?.kind === 'joined' ? q.layout.separator : ', ') as Joiner;
      codes = splitCell(v, joiner, this.atoms).parts.map((p) => this.options.code(p));
      if (this.cache.size < 100_000) this.cache.set(v, codes);
    }
    this.chosen = codes;
    this.answered = true;
  }
}
const EMPTY: number[] = [];

/** A grid: one option code (or -1) per item, on a shared answer scale. */
export class MatrixCoder {
  readonly kind = 'matrix';
  readonly values: Int32Array;
  readonly options: OptionIndex;
  constructor(readonly question: Question) {
    this.values = new Int32Array(question.items.length);
    this.options = new OptionIndex(question.options);
  }
  read(fields: readonly string[]): void {
    const items = this.question.items;
    for (let i = 0; i < items.length; i++) {
      const v = normalizeCell(fields[items[i]!.column] ?? '');
      this.values[i] = isBlank(v) ? -1 : this.options.code(v);
    }
  }
}

/** One grid item seen as a single-choice question, e.g. for crosstabs. */
export class MatrixItemView implements SingleLike {
  readonly kind = 'single';
  readonly question: Question;
  constructor(private readonly matrix: MatrixCoder, private readonly item: number) {
    const q = matrix.question;
    const it = q.items[item]!;
    this.question = { ...q, id: `${q.id}.${it.id}`, label: `${q.label} | ${it.label}`, type: 'single', columns: [it.column], items: [] };
  }
  get value(): number {
    return this.matrix.values[this.item]!;
  }
  get options(): OptionIndex {
    return this.matrix.options;
  }
}

/** A number; NaN when blank; `invalid` when answered with something that is not a number. */
export class NumericCoder {
  readonly kind = 'numeric';
  value = NaN;
  invalid = false;
  constructor(readonly question: Question, private readonly decimalComma: boolean) {}
  read(fields: readonly string[]): void {
    const v = normalizeCell(fields[this.question.columns[0]!] ?? '');
    if (isBlank(v)) {
      this.value = NaN;
      this.invalid = false;
      return;
    }
    this.value = parseNumber(v, this.decimalComma);
    this.invalid = Number.isNaN(this.value);
  }
}

/** Free text or a date: whether answered, the answer, and for dates its time. */
export class TextCoder {
  readonly kind = 'text';
  answer = '';
  time = NaN;
  constructor(readonly question: Question) {}
  read(fields: readonly string[]): void {
    this.answer = normalizeCell(fields[this.question.columns[0]!] ?? '');
    if (isBlank(this.answer)) this.answer = '';
    this.time = this.question.type === 'date' && this.answer !== '' ? parseDateTime(this.answer) : NaN;
  }
}

/** A coder for every question that is tabulated (personal data is not). */
export function createCoder(q: Question, options: CodingOptions): Coder | null {
  switch (q.type) {
    case 'single':
      return new SingleCoder(q);
    case 'multi':
      return new MultiCoder(q);
    case 'matrix':
      return new MatrixCoder(q);
    case 'numeric':
      return new NumericCoder(q, options.decimalComma);
    case 'date':
    case 'text':
      return new TextCoder(q);
    case 'pii':
      return null;
  }
}
