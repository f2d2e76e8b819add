/**
 * Frequency tables for choice questions (single, multi-select, one grid item):
 * counts per answer, the base of respondents answering, nets, and for
 * multi-selects the number of answers given.
 */
import type { FrequencyRow, FrequencyTable } from '../spec/result.js';
import { itemRefParts, type Question } from '../spec/codebook.js';
import { readsOneCheckbox } from '../codebook/multi.js';
import type { ChoiceCoder } from '../coding/coder.js';
import { chosenCodes, inBase } from './chosen.js';
import { percent } from './percent.js';
import { Sums, Total } from './sums.js';
import { answerOrder } from './order.js';
import { DEFAULT_TABLE_STATS, type TableStatsOptions } from './options.js';
import { kish, wilson } from '../stats/wilson.js';
import { zFor } from '../stats/distributions.js';
import { isNonSubstantive } from '../codebook/scales.js';

export interface Net {
  label: string;
  /** Option codes the net combines. */
  codes: number[];
}

export class ChoiceFrequency {
  private readonly counts = new Sums();
  private readonly netCounts = new Sums();
  private readonly missingAnswers = new Map<string, number>();
  private readonly answered = new Total();
  private missing = 0;
  private responses = 0;
  constructor(
    private readonly coder: ChoiceCoder,
    private readonly nets: readonly Net[] = [],
    private readonly labels: { label?: string; item?: string } = {},
    private readonly stats: TableStatsOptions = DEFAULT_TABLE_STATS,
  ) {}

  add(w: number): void {
    const coder = this.coder;
    if (coder.kind === 'single' && coder.value >= 0 && this.nets.length === 0) {
      this.answered.add(w);
      this.responses += w;
      this.counts.add(coder.value, w);
      return;
    }
    const codes = chosenCodes(coder);
    if (!inBase(this.coder)) {
      this.missing += w;
      const m = this.coder.kind === 'single' ? this.coder.missingAnswer : null;
      if (m !== null && this.coder.question.showMissing) this.missingAnswers.set(m, (this.missingAnswers.get(m) ?? 0) + w);
      return;
    }
    this.answered.add(w);
    this.responses += w * codes.length;
    for (const c of codes) this.counts.add(c, w);
    // A respondent is in a net once, however many of its answers they chose.
    for (let n = 0; n < this.nets.length; n++) {
      if (codes.some((c) => this.nets[n]!.codes.includes(c))) this.netCounts.add(n, w);
    }
  }

  /**
   * The counts answers are listed by when they have no order of their own: this table's, or, for
   * a grid's items, the whole grid's (see `orderWith`).
   */
  private orderCounts: (code: number) => number = (i) => this.countOf(i);

  /** The (weighted) count of an answer code. */
  countOf(code: number): number {
    return this.counts.w[code] ?? 0;
  }

  /** Lists the answers by these counts instead of the table's own. */
  orderWith(counts: (code: number) => number): void {
    this.orderCounts = counts;
  }

  /** Answer codes in display order (see answerOrder). */
  codeOrder(): number[] {
    return answerOrder(this.coder.question, this.coder.options.labels, this.orderCounts);
  }

  table(): FrequencyTable {
    const q = this.coder.question;
    const multi = this.coder.kind === 'multi';
    const base = this.answered.w;
    const weighted = this.stats.weighted;
    // Intervals on the effective base when weighted (Kish), on the respondents otherwise.
    const m = weighted ? kish(this.answered.w, this.answered.w2) : this.answered.n;
    const z = zFor(this.stats.confidence);
    const row = (label: string, sums: Sums, i: number): FrequencyRow => {
      const count = sums.w[i] ?? 0;
      const out: FrequencyRow = { label, count, percent: percent(count, base) };
      if (multi) out.percentOfResponses = percent(count, this.responses);
      if (weighted) out.n = sums.n[i] ?? 0;
      if (base > 0) out.ci = wilson(count / base, m, z).map((x) => 100 * x) as [number, number];
      return out;
    };
    const labels = this.coder.options.labels;
    const rows = this.codeOrder().map((i) => row(labels[i]!, this.counts, i));
    this.nets.forEach((n, i) => {
      const net: FrequencyRow = { ...row(n.label, this.netCounts, i), net: true, members: n.codes.map((c) => this.coder.options.labels[c]!) };
      // Its respondents count once, but its share of answers is all its members' answers.
      if (multi) net.percentOfResponses = percent(n.codes.reduce((a, c) => a + (this.counts.w[c] ?? 0), 0), this.responses);
      rows.push(net);
    });
    // Declared missing answers are shown outside the base, as shares of everyone asked.
    const everyone = base + this.missing;
    for (const [label, count] of this.missingAnswers) rows.push({ label, count, percent: percent(count, everyone), missing: true });
    const t: FrequencyTable = { kind: 'frequency', question: this.labels.item ? itemRefParts(q.id)!.grid : q.id, label: this.labels.label ?? q.label, type: multi ? 'multi' : q.type, base, missing: this.missing, rows };
    t.unweightedBase = this.answered.n;
    t.effectiveBase = m;
    t.ciMethod = `wilson ${Math.round(this.stats.confidence * 100)}%${weighted ? ' on the effective base' : ''}`;
    if (multi && readsOneCheckbox(q)) t.oneCheckbox = true;
    if (this.labels.item) {
      t.item = this.labels.item;
      t.itemId = itemRefParts(q.id)!.item;
    }
    if (multi) t.responses = this.responses;
    const mean = scaleMean(q, rows);
    if (mean !== undefined) t.mean = mean;
    return t;
  }
}

/** A question asking for a rating or a ranking. */
const RATING_WORDS = /\b(rat(e|ed|ing)|rank(ed|ing)?|scale|score|likely|likelihood|satisf\w*|agree|recommend|important|importance|favou?r\w*|stars?|how (much|well|often|good|easy|useful|confident)|from \d+ to \d+|out of \d+)\b|\d+\s*(=|being\b|is\b)|\(\s*\d+\s*-\s*\d+\s*\)/i;
/** A question naming a category its numbers code: no mean. */
const CATEGORY_WORDS = /\b(gender|sex|race|ethnic\w*|region|country|state|province|religion|party|marital|occupation|employment|education|language|yes\/no)\b/i;

/** An answer that is a number on a rating scale: "4", or "5 - Extremely". */
const SCALE_POINT = /^(-?\d+(?:\.\d+)?)(?:\s*[-\u2013:]\s+\S.*)?$/;

/**
 * The mean of a rating scale's answers (1-5, 0-10, ranks), weighted as the counts are; answers
 * off the scale ("N/A", "Don't know") are left out. Undefined for answers that are not all numbers.
 */
function scaleMean(q: Question, rows: readonly FrequencyRow[]): number | undefined {
  if (q.scale !== 'numeric' || q.type === 'multi') return undefined;
  const on = rows.filter((r) => !r.net && !r.missing && !isNonSubstantive(r.label));
  const points = on.map((r) => SCALE_POINT.exec(r.label.trim()));
  if (on.length < 2 || points.some((p) => p === null)) return undefined;
  // Bare numbers may be codes of categories (an export of numeric values: gender 1-4, region 1-9,
  // a 0/1 flag) that have no mean: none for a question naming a category, nor for three points
  // or fewer not asked as a rating.
  const labelled = points.some((p) => p![0] !== p![1]);
  if (!labelled && (CATEGORY_WORDS.test(q.label) || (on.length <= 3 && !RATING_WORDS.test(q.label)))) return undefined;
  let n = 0;
  let sum = 0;
  on.forEach((r, i) => {
    n += r.count ?? 0;
    sum += (r.count ?? 0) * Number(points[i]![1]);
  });
  return n > 0 ? sum / n : undefined;
}
