/**
 * What expressions see of the current row: each question id resolves to its
 * answer (a label, a list of labels, a number or text), grid items as `grid.item`.
 * Personal-data questions resolve to their raw cell, so filters can use them;
 * they never reach a table.
 */
import type { Codebook } from '../spec/codebook.js';
import type { Resolve, Value } from '../expr/compile.js';
import type { Coder } from './coder.js';
import { MatrixItemView } from './coder.js';
import { isBlank, normalizeCell } from '../codebook/values.js';
import { Cells } from '../ingest/cells.js';

export class RowValues {
  private cells: Cells = Cells.of([]);
  private readonly getters = new Map<string, () => Value>();
  readonly resolve: Resolve;

  constructor(codebook: Codebook, coders: ReadonlyMap<string, Coder>) {
    // A question's declared missing answer ("Prefer not to say") is out of its bases but was given:
    // expressions see it. The study's missing codes (R's NA: not asked) are no answer.
    const absent = new Set(codebook.missing ?? []);
    for (const q of codebook.questions) {
      const coder = coders.get(q.id);
      if (q.type === 'pii') {
        const col = q.columns[0]!;
        this.getters.set(q.id, () => {
          const v = normalizeCell(this.cells.get(col));
          return isBlank(v) ? null : v;
        });
        continue;
      }
      if (!coder) continue;
      switch (coder.kind) {
        case 'single':
          this.getters.set(q.id, () => (coder.value >= 0 ? coder.options.labels[coder.value]! : coder.missingAnswer !== null && !absent.has(coder.missingAnswer) ? coder.missingAnswer : null));
          break;
        case 'multi':
          this.getters.set(q.id, () => (coder.answered ? coder.chosen.map((c) => coder.options.labels[c]!) : []));
          break;
        case 'numeric':
          this.getters.set(q.id, () => (Number.isNaN(coder.value) ? null : coder.value));
          break;
        case 'text':
          this.getters.set(q.id, () => (coder.answer === '' ? null : coder.answer));
          break;
        case 'matrix':
          q.items.forEach((item, i) => {
            const view = new MatrixItemView(coder, i);
            this.getters.set(`${q.id}.${item.id}`, () => (view.value >= 0 ? view.options.labels[view.value]! : null));
          });
          break;
      }
    }
    this.resolve = (name) => {
      const get = this.getters.get(name);
      return get ? get() : null;
    };
  }

  /** Points the getters at a new row (coders must have read it already). */
  setRow(cells: Cells): void {
    this.cells = cells;
  }

  has(name: string): boolean {
    return this.getters.has(name);
  }

  names(): string[] {
    return [...this.getters.keys()];
  }
}
