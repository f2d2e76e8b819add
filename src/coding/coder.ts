/**
 * Turns a record's raw cells into answer codes, question by question, following
 * the codebook. Each coder keeps its state for the current row in reusable fields,
 * so coding a row allocates nothing once every distinct answer has been seen.
 * Personal-data columns get no coder: their cells are never read.
 */
import type { Question } from '../spec/codebook.js';
import { readsOneCheckbox } from '../codebook/multi.js';
import { splitCell, type Joiner } from '../codebook/multi.js';
import { caseScore, inBand, isBlank, normalizeCell, optionCellState, own, parseDateTime, parseNumber } from '../codebook/values.js';
import type { Cells } from '../ingest/cells.js';
import type { Dictionary } from '../ingest/dictionary.js';

/** Code for an answer the spec declares missing ("Prefer not to say"): not in the base. */
export const MISSING_CODE = -2;

/** Distinct raw cells remembered per question (choice questions rarely have more). */
const MAX_CACHED_CELLS = 50_000;

/**
 * What a column's cells were coded to, by the reading thread's numbers (ingest/dictionary.ts).
 * Numbers are given in order of first appearance, so each column's list grows nearly
 * densely. A new pass brings a new dictionary and starts afresh.
 */
class ByNumber<T> {
  private dictionary: Dictionary | null = null;
  private byColumn: (T | undefined)[][] = [];
  /**
   * The value memoized for field `i` of the current row, computed from the cell the first
   * time. Only cells of rows read are computed: coding a cell may add an answer, and the
   * header row is numbered too.
   */
  get(cells: Cells, i: number, n: number, compute: (cell: string) => T): T {
    const d = cells.dictionary!;
    if (d !== this.dictionary) {
      this.dictionary = d;
      this.byColumn = [];
    }
    const list = (this.byColumn[i] ??= []);
    let v = list[n];
    if (v === undefined) {
      while (list.length <= n) list.push(undefined);
      v = list[n] = compute(d.entries[d.slot[i]!]![n]!);
    }
    return v;
  }
}

/**
 * Answer labels with their codes; answers not in the codebook get new codes as
 * they appear. Applies the question's recodes, case folding and missing codes.
 */
export class OptionIndex {
  readonly labels: string[];
  private readonly codes = new Map<string, number>();
  private readonly folded = new Map<string, number>();
  private readonly recode: ReadonlyMap<string, string>;
  private readonly missing: ReadonlySet<string>;
  private readonly foldCase: boolean;
  constructor(labels: readonly string[], question?: Question) {
    this.labels = [];
    this.recode = new Map(Object.entries(question?.recode ?? {}));
    this.missing = new Set(question?.missing ?? []);
    this.foldCase = question?.foldCase === true;
    for (const l of labels) this.add(l);
    this.listed = this.labels.length;
  }
  /** Labels given (the spec's or the inferred options): their spelling stays. */
  private readonly listed: number;
  /** Better spellings met for case-folded answers first seen in the data, by code. */
  private readonly preferred = new Map<number, string>();
  /** Shows case-folded answers by their preferred spelling: once counting is done. */
  settleLabels(): void {
    for (const [c, label] of this.preferred) this.labels[c] = label;
    this.preferred.clear();
  }
  /** Raw cell -> its code (-1 for a blank), so that a cell seen before costs one lookup. */
  private readonly cells = new Map<string, number>();
  /** Per cell length: up to four cells and their codes, alternating. */
  private readonly byLength: (string | number)[][] = [];
  private add(raw: string): number {
    const label = own(raw);
    const c = this.labels.length;
    this.labels.push(label);
    this.codes.set(label, c);
    if (this.foldCase && !this.folded.has(label.toLowerCase())) this.folded.set(label.toLowerCase(), c);
    return c;
  }
  /** Recode keys and missing answers a cell has matched: a spec's that none matched is a slip (engine/check-answers.ts). */
  private readonly recodedFrom = new Set<string>();
  /** With recodes, the answers cells held as they are (a recode's target may be one too). */
  private readonly kept = new Set<string>();
  private readonly missingSeen = new Set<string>();
  /** The label an answer is counted under (after recodes), or null for a missing code. */
  label(answer: string): string | null {
    let label = answer;
    if (this.recode.size > 0) {
      const key = answer.toLowerCase();
      const to = this.recode.get(key);
      if (to !== undefined) {
        label = to;
        this.recodedFrom.add(key);
      } else this.kept.add(answer);
    }
    if (!this.missing.has(label)) return label;
    this.missingSeen.add(label);
    return null;
  }
  /** Whether a cell coded so far matched recode key `key` (as a spec writes it: any case, spaces around it aside). */
  recoded(key: string): boolean {
    return this.recodedFrom.has(key.trim().toLowerCase());
  }
  /** Whether a cell coded so far held `answer` as it is, not recoded to it (known only for a question with recodes). */
  heldAsIs(answer: string): boolean {
    return this.kept.has(answer);
  }
  /** Whether a cell coded so far was missing answer `answer`. */
  heldMissing(answer: string): boolean {
    return this.missingSeen.has(answer);
  }
  code(answer: string): number {
    const label = this.label(answer);
    if (label === null) return MISSING_CODE;
    const known = this.codes.get(label);
    if (known !== undefined) return known;
    const c = this.foldCase ? this.folded.get(label.toLowerCase()) : undefined;
    if (c === undefined) return this.add(label);
    // Case-folded: the answer is shown as its spelling that reads best, whichever came first,
    // unless the spec listed it; settled when the tables are made, so that expressions see one label all pass.
    if (c >= this.listed && caseScore(label) > caseScore(this.preferred.get(c) ?? this.labels[c]!)) this.preferred.set(c, own(label));
    this.codes.set(own(label), c);
    return c;
  }
  /** The code of a raw cell: -1 when blank, MISSING_CODE for a declared missing answer. */
  cellCode(raw: string): number {
    // The first few distinct cells of each length are compared directly: no hashing.
    const bucket = this.byLength[raw.length];
    if (bucket !== undefined) {
      for (let i = 0; i < bucket.length; i += 2) if (bucket[i] === raw) return bucket[i + 1] as number;
    }
    let c = this.cells.get(raw);
    if (c !== undefined) return c;
    const v = normalizeCell(raw);
    c = isBlank(v) ? -1 : this.code(v);
    const key = own(raw);
    if (this.cells.size < MAX_CACHED_CELLS) this.cells.set(key, c);
    if (raw.length < 64) {
      const b = (this.byLength[raw.length] ??= []);
      if (b.length < 8) b.push(key, c);
    }
    return c;
  }
  private readonly byNumber = new ByNumber<number>();
  private readonly codeOfCell = (raw: string): number => this.cellCode(raw);
  /** The code of field `i` of a record: by the reading thread's number, or compared in place with the cells seen before. */
  cellCodeAt(cells: Cells, i: number): number {
    const n = cells.local(i);
    if (n >= 0) return this.byNumber.get(cells, i, n, this.codeOfCell);
    const bucket = this.byLength[cells.size(i)];
    if (bucket !== undefined) {
      for (let k = 0; k < bucket.length; k += 2) if (cells.is(i, bucket[k] as string)) return bucket[k + 1] as number;
    }
    return this.cellCode(cells.get(i));
  }
  /** Code of a label without adding it. */
  find(label: string): number {
    return this.codes.get(label) ?? -1;
  }
}

export interface CodingOptions {
  decimalComma: boolean;
}

export type Coder = SingleCoder | BandCoder | MultiCoder | MatrixCoder | NumericCoder | TextCoder;

/** A question with one answer per row, as a crosstab sees it (a single choice or one grid item). */
export interface SingleLike {
  readonly kind: 'single';
  readonly value: number;
  readonly options: OptionIndex;
  readonly question: Question;
  /** The answer the row holds when it is one the spec declares missing (outside the base, not outside expressions); null otherwise. */
  readonly missingAnswer: string | null;
}

export type ChoiceCoder = SingleLike | MultiCoder;

/** One answer: `value` is an option code, or -1 when not answered. */
export class SingleCoder implements SingleLike {
  readonly kind = 'single';
  value = -1;
  /** The raw answer when it is one of the spec's missing codes. */
  missingAnswer: string | null = null;
  readonly options: OptionIndex;
  private readonly column: number;
  constructor(readonly question: Question) {
    this.options = new OptionIndex(question.layout?.kind === 'columns' ? question.items.map((i) => i.label) : question.options, question);
    this.column = question.columns[0] ?? -1;
  }
  read(cells: Cells): void {
    const q = this.question;
    this.value = -1;
    if (q.layout?.kind === 'columns') {
      for (let i = 0; i < q.items.length; i++) {
        if (optionCellState(normalizeCell(cells.get(q.items[i]!.column))) === 'chosen') {
          this.value = i;
          return;
        }
      }
      return;
    }
    this.missingAnswer = null;
    const code = this.options.cellCodeAt(cells, this.column);
    if (code === MISSING_CODE) {
      const v = normalizeCell(cells.get(this.column));
      this.missingAnswer = this.options.label(v) ?? v;
    } else this.value = code;
  }
}

/** Numeric answers banded into labelled ranges (a derived question, e.g. age bands). */
export class BandCoder implements SingleLike {
  readonly kind = 'single';
  value = -1;
  /** A band holds no declared missing answer: a number outside every band is counted apart (`outside`). */
  readonly missingAnswer = null;
  readonly options: OptionIndex;
  /** The row read last has a number in no band (between two, or past the ends). */
  inNoBand = false;
  /** Counted rows whose number fell in no band (see Tabulation.count), and the first such number. */
  outside = 0;
  firstOutside = NaN;
  constructor(readonly question: Question, private readonly source: NumericCoder) {
    this.options = new OptionIndex(question.options);
  }
  read(): void {
    const x = this.source.value;
    this.value = -1;
    this.inNoBand = false;
    if (Number.isNaN(x)) return;
    const bands = this.question.derived!.bands;
    for (let i = 0; i < bands.length; i++) {
      const b = bands[i]!;
      if (inBand(b, x)) {
        this.value = i;
        return;
      }
    }
    this.inNoBand = true;
  }

  /** Counts the row read last, when it is counted in the tables: rows rules remove, or passes before the main one, are not. */
  countOutside(): void {
    if (this.inNoBand && this.outside++ === 0) this.firstOutside = this.source.value;
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
    this.options = new OptionIndex(question.layout?.kind === 'columns' ? question.items.map((i) => i.label) : question.options, question);
    // Splitting needs the raw option texts: recoded labels may not appear in cells.
    this.atoms = new Set([...question.options, ...Object.keys(question.recode ?? {})]);
  }
  read(cells: Cells): void {
    const q = this.question;
    if (q.layout?.kind === 'columns') {
      // An explicit "Not selected" means the respondent saw the options and chose none:
      // answered, and so in the base; blanks and NA (not asked) are not.
      this.chosen = [];
      let seen = false;
      for (let i = 0; i < q.items.length; i++) {
        const state = optionCellState(normalizeCell(cells.get(q.items[i]!.column)));
        if (state === 'chosen') this.chosen.push(i);
        else if (state === 'unchosen') seen = true;
      }
      this.answered = this.chosen.length > 0 || seen || readsOneCheckbox(q);
      return;
    }
    const column = q.columns[0]!;
    const n = cells.local(column);
    const codes = n >= 0 ? this.byNumber.get(cells, column, n, this.codesOfCell) : this.codesOfCell(cells.get(column));
    this.chosen = codes;
    this.answered = codes.length > 0;
  }

  private readonly byNumber = new ByNumber<number[]>();
  private readonly codesOfCell = (raw: string): number[] => {
    let codes = this.cache.get(raw);
    if (codes !== undefined) return codes;
    const q = this.question;
    const v = normalizeCell(raw);
    if (isBlank(v)) codes = EMPTY;
    else {
      const joiner = (q.layout?.kind === 'joined' ? q.layout.separator : ', ') as Joiner;
      codes = splitCell(v, joiner, this.atoms).parts.map((p) => this.options.code(p)).filter((c) => c !== MISSING_CODE);
      // Two answers recoded (or case-folded) to one label are one answer: a respondent counts once.
      if (codes.length > 1) codes = [...new Set(codes)];
    }
    if (this.cache.size < 100_000) this.cache.set(own(raw), codes);
    return codes;
  };
}
const EMPTY: number[] = [];

/** A grid: one option code (or -1) per item, on a shared answer scale. */
export class MatrixCoder {
  readonly kind = 'matrix';
  readonly values: Int32Array;
  readonly options: OptionIndex;
  constructor(readonly question: Question) {
    this.values = new Int32Array(question.items.length);
    this.options = new OptionIndex(question.options, question);
  }
  read(cells: Cells): void {
    const items = this.question.items;
    for (let i = 0; i < items.length; i++) {
      const code = this.options.cellCodeAt(cells, items[i]!.column);
      this.values[i] = code < 0 ? -1 : code;
    }
  }
}

/** One grid item seen as a single-choice question, e.g. for crosstabs. */
export class MatrixItemView implements SingleLike {
  readonly kind = 'single';
  readonly question: Question;
  constructor(readonly matrix: MatrixCoder, private readonly item: number) {
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
  /** A grid's declared missing answers are left out of its items' codes, not kept per item. */
  get missingAnswer(): null {
    return null;
  }
}

/** A number; NaN when blank; `invalid` when answered with something that is not a number. */
export class NumericCoder {
  readonly kind = 'numeric';
  value = NaN;
  invalid = false;
  private readonly missing: ReadonlySet<string>;
  constructor(readonly question: Question, private readonly decimalComma: boolean) {
    this.missing = new Set(question.missing ?? []);
  }
  read(cells: Cells): void {
    const v = normalizeCell(cells.get(this.question.columns[0]!));
    // A missing code ("NA", "-99") is no answer, not an answer that is no number.
    if (isBlank(v) || this.missing.has(v)) {
      this.value = NaN;
      this.invalid = false;
      return;
    }
    this.value = parseNumber(v, this.decimalComma);
    this.invalid = Number.isNaN(this.value);
  }
}

/**
 * Free text or a date: whether answered, the answer, and for dates its time, each worked out
 * on first use in a row (valid while the row is): a million long comments are only told
 * blank or not once their distinct answers are no longer counted, never sliced or normalised.
 */
export class TextCoder {
  readonly kind = 'text';
  private cells: Cells | null = null;
  private readonly column: number;
  private coded = false;
  private value = '';
  private timed = false;
  private at = NaN;
  private readonly missing: ReadonlySet<string>;
  constructor(readonly question: Question) {
    this.column = question.columns[0]!;
    this.missing = new Set(question.missing ?? []);
  }
  read(cells: Cells): void {
    this.cells = cells;
    this.coded = false;
    this.timed = false;
  }
  /** The answer, normalised; '' when blank. */
  get answer(): string {
    if (!this.coded) {
      const a = this.cells === null ? '' : normalizeCell(this.cells.get(this.column));
      // A missing code (R's NA) is no answer, as a blank is.
      this.value = isBlank(a) || this.missing.has(a) ? '' : a;
      this.coded = true;
    }
    return this.value;
  }
  /** Whether the answer is blank: told in place unless the cell starts with a dash ("-", "--" and "—" are blank too). */
  get blank(): boolean {
    if (this.coded || this.cells === null || this.missing.size > 0) return this.answer === '';
    const c = this.cells.firstVisible(this.column);
    return c < 0 || ((c === 45 || c === 0x2014) && this.answer === '');
  }
  /** For a date, its time in ms; NaN when blank or not a date. */
  get time(): number {
    if (!this.timed) {
      this.at = this.question.type === 'date' && this.answer !== '' ? parseDateTime(this.answer, this.question.dateOrder) : NaN;
      this.timed = true;
    }
    return this.at;
  }
}

/**
 * A coder for every question that is tabulated (personal data is not).
 * `lookup` finds coders made earlier, for derived questions.
 */
export function createCoder(q: Question, options: CodingOptions, lookup: (id: string) => Coder | undefined = () => undefined): Coder | null {
  switch (q.type) {
    case 'single': {
      if (q.derived) {
        const source = lookup(q.derived.from);
        if (source?.kind !== 'numeric') throw new Error(`derived question ${q.id}: source ${q.derived.from} is not numeric`);
        return new BandCoder(q, source);
      }
      return new SingleCoder(q);
    }
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
