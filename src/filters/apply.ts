/**
 * Runs the validity rules in order. Every removed row is counted against the
 * first rule that removed it, and handed to `onReject` with its reason, so the
 * funnel always reconciles: read = removed by each rule + kept.
 */
import type { RowContext, RowFilter } from './types.js';

export interface FunnelStep {
  rule: string;
  removed: number;
  remaining: number;
}

export interface Rejection {
  line: number;
  rule: string;
  reason: string;
}

export class FilterChain {
  private readonly removed: number[];
  private read = 0;
  constructor(readonly filters: readonly RowFilter[]) {
    this.removed = filters.map(() => 0);
  }

  get needsPreparation(): boolean {
    return this.filters.some((f) => f.prepare !== undefined);
  }

  /** First pass: rules that need the whole file see the rows that reach them. */
  prepare(row: RowContext): void {
    for (const f of this.filters) {
      if (f.prepare) f.prepare(row);
      else if (f.test(row) !== null) return;
    }
  }

  /** Before the main pass: rules forget what the first pass taught their tests (first-pass results stay). */
  startMainPass(): void {
    for (const f of this.filters) f.reset?.();
    this.read = 0;
    this.removed.fill(0);
  }

  /** Returns the rejection, or null when the row is kept. */
  apply(row: RowContext): Rejection | null {
    this.read++;
    for (let i = 0; i < this.filters.length; i++) {
      const reason = this.filters[i]!.test(row);
      if (reason !== null) {
        this.removed[i]!++;
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
      steps.push({ rule: f.name, removed: this.removed[i]!, remaining });
    });
    return steps;
  }
}
