/**
 * Raking in the report pipeline: a pass over the kept rows collects the cells
 * of the raking variables' cross-classification (with their design weights),
 * raking runs on those cells, and each row's weight is then its design weight
 * times its cell's factor.
 */
import type { Codebook } from '../spec/codebook.js';
import type { WeightingSpec } from '../spec/analysis.js';
import type { Diagnostic } from '../spec/result.js';
import type { SingleLike } from '../coding/coder.js';
import type { WeightsSummary } from '../spec/result.js';
import type { Tabulation } from './tabulation.js';
import { rakeCells, type RakeCell, type RakeResult } from '../stats/rake.js';
import { kish } from '../stats/wilson.js';


/**
 * How a raking variable's targets are given: shares (adding up to 1) or percentages (to 100), both
 * of the sample's total weight, or population counts (anything else), whose total the weights take.
 */
export type TargetScale = 'shares' | 'percentages' | 'counts';

export function targetScale(targets: Readonly<Record<string, number>>): TargetScale {
  const sum = Object.values(targets).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) < 1e-6) return 'shares';
  return Math.abs(sum - 100) < 1e-4 ? 'percentages' : 'counts';
}

export class Raking {
  private readonly cells = new Map<string, RakeCell>();
  private readonly views: SingleLike[];
  unraked = 0;
  private factors = new Map<string, number>();
  result: RakeResult | null = null;

  constructor(private readonly tabulation: Tabulation, readonly variables: string[]) {
    this.views = variables.map((id) => {
      const c = tabulation.coders.get(id);
      if (c?.kind !== 'single') throw new Error(`raking variable ${id} is not a single choice`);
      return c;
    });
  }

  /** The cell key of the row read last, or null if a raking variable is unanswered. */
  private key(): string | null {
    let k = '';
    for (const v of this.views) {
      if (v.value < 0) return null;
      k += `${v.value},`;
    }
    return k;
  }

  /** First pass: a kept row joins its cell. */
  collect(): void {
    const k = this.key();
    if (k === null) {
      this.unraked++;
      return;
    }
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { categories: this.views.map((v) => v.value), w: 0, n: 0 };
      this.cells.set(k, cell);
    }
    cell.w += this.tabulation.designWeight();
    cell.n++;
  }

  /** The answers of raking variable `id` that kept rows give (after the first pass). */
  answered(id: string): string[] {
    const v = this.variables.indexOf(id);
    const codes = new Set([...this.cells.values()].filter((c) => c.n > 0).map((c) => c.categories[v]!));
    return [...codes].sort((a, b) => a - b).map((c) => this.views[v]!.options.labels[c]!);
  }

  /**
   * Rakes the cells to the targets (answer label -> share, percentage or count per variable, one
   * kind for all: see checkRakeTotals in rake-checks.ts). With no weight to rake (no row left, or none
   * answering every variable) nothing is solved, and `diagnostics` says so.
   */
  solve(targets: Record<string, Record<string, number>>, spec: WeightingSpec): void {
    const cells = [...this.cells.values()];
    const total = cells.reduce((s, c) => s + c.w, 0);
    if (!(total > 0)) return;
    const totals = this.variables.map((id, v) => {
      const t = targets[id]!;
      const kind = targetScale(t);
      // Shares and percentages scale to the sample's total weight; counts are the population's.
      const scale = kind === 'shares' ? total : kind === 'percentages' ? total / 100 : 1;
      const out = this.views[v]!.options.labels.map(() => 0);
      for (const [label, value] of Object.entries(t)) out[this.views[v]!.options.find(label)] = value * scale;
      return out;
    });
    this.result = rakeCells(cells, {
      targets: totals,
      maxIterations: spec.maxIterations ?? 100,
      tolerance: spec.tolerance ?? 1e-10,
      trim: spec.trim,
    });
    const keys = [...this.cells.keys()];
    this.factors = new Map(keys.map((k, i) => [k, this.result!.factors[i]!]));
  }

  /** Why there was no weight to rake (`solve` ran no raking). */
  private notRun(): string {
    const answering = [...this.cells.values()].reduce((n, c) => n + c.n, 0);
    const why = answering > 0 ? `the ${answering} kept row${answering === 1 ? '' : 's'} answering every raking variable all weigh 0` : this.unraked > 0 ? `none of the ${this.unraked} kept row${this.unraked === 1 ? '' : 's'} answers every raking variable (${this.variables.join(', ')})` : 'the rules left no row';
    return `raking was not run: ${why}`;
  }

  /** The raking factor of the row read last (1 for rows that could not be raked). */
  factor(): number {
    const k = this.key();
    return k === null ? 1 : (this.factors.get(k) ?? 1);
  }

  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const r = this.result;
    if (r === null) return [{ level: 'warning', code: 'SURVEY_RAKE_NOT_RUN', message: this.notRun() }];
    if (r && !r.converged) {
      const off = `margins miss their targets by up to ${(r.marginError * 100).toFixed(2)} percentage points`;
      out.push({
        level: 'warning',
        code: 'SURVEY_RAKE_NOT_CONVERGED',
        message: r.trimmedCells > 0 ? `raking and trimming did not settle in ${r.rounds} rounds: cells' mean weights are within the bounds but ${off}` : `raking did not converge in ${r.iterations} iterations; ${off}`,
      });
    }
    for (const e of r?.emptyTargets ?? []) {
      const v = this.views[e.variable]!;
      out.push({ level: 'warning', code: 'SURVEY_RAKE_EMPTY_TARGET', message: `raking target '${v.options.labels[e.category]}' of ${this.variables[e.variable]} has no respondents; its margin cannot be met` });
    }
    if (this.unraked > 0) out.push({ level: 'warning', code: 'SURVEY_RAKE_INCOMPLETE', message: `${this.unraked} kept rows lack an answer to a raking variable; their weights were not adjusted` });
    return out;
  }
}

export function summarizeWeights(t: Tabulation, method: WeightsSummary['method'], question: string | undefined, raking: Raking | null, spec: WeightingSpec): WeightsSummary {
  const w = t.weights;
  const neff = kish(w.w, w.w2);
  const summary: WeightsSummary = {
    method,
    ...(question ? { question } : {}),
    n: w.n,
    sum: w.w,
    mean: w.n > 0 ? w.w / w.n : 0,
    min: w.n > 0 ? t.minWeight : 0,
    max: w.n > 0 ? t.maxWeight : 0,
    effectiveBase: neff,
    designEffect: neff > 0 ? w.n / neff : 0,
    efficiency: w.n > 0 ? neff / w.n : 0,
  };
  if (raking?.result) {
    summary.raking = {
      variables: raking.variables,
      iterations: raking.result.iterations,
      converged: raking.result.converged,
      tolerance: spec.tolerance ?? 1e-10,
      maxIterations: spec.maxIterations ?? 100,
      rounds: raking.result.rounds,
      marginError: raking.result.marginError,
      ...(spec.trim ? { trim: spec.trim } : {}),
      trimmedCells: raking.result.trimmedCells,
      unraked: raking.unraked,
    };
  }
  return summary;
}

export type { Codebook };
