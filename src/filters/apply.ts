/**
 * Runs the validity rules in order. Every removed row is counted against the
 * first rule that removed it, and handed to `onReject` with its reason, so the
 * funnel always reconciles: read = removed by each rule + kept.
 */
import type { RowContext, RowFilter } from './types.js';
import type { FunnelStep } from '../spec/result.js';

export interface Rejection {
  line: number;
  rule: string;
  reason: string;
}

export class FilterChain {
  private readonly removed: number[];
  private readonly removedApart: number[];
  private read = 0;
  constructor(readonly filters: readonly RowFilter[]) {
    this.removed = filters.map(() => 0);
    this.removedApart = filters.map(() => 0);
  }

  get needsPreparation(): boolean {
    return this.preparations > 0;
  }

  /**
   * Passes before the main pass: one per rule that needs the whole file (medians, last
   * submissions), in order, for it sees only the rows the rules before it keep, and those may
   * need a pass of their own first.
   */
  get preparations(): number {
    return this.filters.filter((f) => f.prepare !== undefined).length;
  }

  /** Pass `stage` (from 0) of `preparations`: the row through the rules before that rule, then to it if kept. */
  prepare(stage: number, row: RowContext): void {
    let k = 0;
    for (const f of this.filters) {
      if (f.prepare && k++ === stage) return f.prepare(row);
      if (f.test(row) !== null) return;
    }
  }

  /** After each pass before the main pass: rules forget what that pass taught their tests (what they prepared stays). */
  startMainPass(): void {
    for (const f of this.filters) f.reset?.();
    this.read = 0;
    this.removed.fill(0);
    this.removedApart.fill(0);
  }

  /** Returns the rejection, or null when the row is kept. */
  apply(row: RowContext): Rejection | null {
    this.read++;
    for (let i = 0; i < this.filters.length; i++) {
      const reason = this.filters[i]!.test(row);
      if (reason !== null) {
        this.removed[i]!++;
        if (this.filters[i]!.apart?.matches(reason)) this.removedApart[i]!++;
        return { line: row.line, rule: this.filters[i]!.name, reason };
      }
    }
    return null;
  }

  funnel(): FunnelStep[] {
    const steps: FunnelStep[] = [{ rule: 'read', removed: 0, remaining: this.read }];
    let remaining = this.read;
    this.filters.forEach((f, i) => {
      remaining -= this.removed[i]!;
      const apart = this.removedApart[i]!;
      steps.push({ rule: f.name, removed: this.removed[i]!, remaining, ...(f.apart && apart > 0 ? { apart: { label: f.apart.label, removed: apart } } : {}) });
    });
    return steps;
  }
}
