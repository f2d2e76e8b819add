/**
 * The tabulation stage: given a codebook, code each row and feed every table's
 * accumulator. Memory depends on the number of distinct answers, never on rows.
 */
import type { Codebook, Question } from '../spec/codebook.js';
import type { Table } from '../spec/result.js';
import { Crosstab } from '../tabulate/crosstab.js';
import { MatrixFrequency, MultiFrequency, SingleFrequency } from '../tabulate/frequency.js';
import { NumericSummary } from '../tabulate/numeric.js';
import { TextSummary } from '../tabulate/text.js';
import { createCoder, MatrixItemView, type ChoiceCoder, type Coder, type CodingOptions } from './coder.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

interface Accumulator {
  add(w: number): void;
  tables(): Table[];
}

export interface TabulationPlan {
  /** Question ids to crosstab every choice question by. */
  by: readonly string[];
}

export class Tabulation {
  private readonly coders: Coder[] = [];
  private readonly accumulators: Accumulator[] = [];
  private readonly crosstabs: Accumulator[] = [];
  private readonly byId = new Map<string, ChoiceCoder[]>();

  constructor(readonly codebook: Codebook, plan: TabulationPlan, options: CodingOptions) {
    for (const q of codebook.questions) {
      const coder = createCoder(q, options);
      if (!coder) continue;
      this.coders.push(coder);
      this.accumulators.push(accumulatorFor(coder));
      this.byId.set(q.id, choiceViews(coder));
    }
    for (const byId of plan.by) {
      const byViews = this.byId.get(byId);
      const byQuestion = codebook.questions.find((q) => q.id === byId);
      if (!byViews || byViews.length !== 1 || !byQuestion) {
        throw new SurveyError('SURVEY_OPTION_INVALID', `--by: ${messages.notCategorical(byId, byQuestion?.type ?? 'unknown')}`);
      }
      const column = byViews[0]!;
      for (const [id, views] of this.byId) {
        if (id === byId) continue;
        for (const row of views) {
          const x = new Crosstab(row, column);
          this.crosstabs.push({ add: (w) => x.add(w), tables: () => [x.table()] });
        }
      }
    }
  }

  /** Codes one respondent's row and counts it everywhere. */
  add(fields: readonly string[], weight = 1): void {
    for (const c of this.coders) c.read(fields);
    for (const a of this.accumulators) a.add(weight);
    for (const x of this.crosstabs) x.add(weight);
  }

  tables(): Table[] {
    return [...this.accumulators.flatMap((a) => a.tables()), ...this.crosstabs.flatMap((x) => x.tables())];
  }

  /** The questions with the answers actually seen appended to their options. */
  questions(): Question[] {
    return this.codebook.questions.map((q) => {
      const coder = this.coders.find((c) => c.question === q);
      if (!coder || !('options' in coder)) return q;
      const labels = coder.options.labels;
      return q.layout?.kind === 'columns' ? q : { ...q, options: [...labels] };
    });
  }
}

function accumulatorFor(coder: Coder): Accumulator {
  switch (coder.kind) {
    case 'single': {
      const f = new SingleFrequency(coder);
      return { add: (w) => f.add(w), tables: () => [f.table()] };
    }
    case 'multi': {
      const f = new MultiFrequency(coder);
      return { add: (w) => f.add(w), tables: () => [f.table()] };
    }
    case 'matrix': {
      const f = new MatrixFrequency(coder);
      return { add: (w) => f.add(w), tables: () => f.tables() };
    }
    case 'numeric': {
      const f = new NumericSummary(coder);
      return { add: (w) => f.add(w), tables: () => [f.table()] };
    }
    case 'text': {
      const f = new TextSummary(coder);
      return { add: (w) => f.add(w), tables: () => [f.table()] };
    }
  }
}

/** The choice questions a coder offers to crosstabs: itself, or each grid item. */
function choiceViews(coder: Coder): ChoiceCoder[] {
  if (coder.kind === 'single' || coder.kind === 'multi') return [coder];
  if (coder.kind === 'matrix') return coder.question.items.map((_, i) => new MatrixItemView(coder, i));
  return [];
}
