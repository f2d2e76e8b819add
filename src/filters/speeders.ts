import type { FilterFactory, RowContext } from './types.js';
import type { Question } from '../spec/codebook.js';
import { normalizeCell, parseDateTime } from '../codebook/values.js';

/**
 * Removes respondents who finished too fast: under `minSeconds`, or under a
 * fraction of the median duration (which takes a first pass over the file;
 * durations are kept as counts per second, so memory stays small).
 */
export const speeders: FilterFactory<{ rule: 'speeders'; name?: string; duration?: string; start?: string; end?: string; minSeconds?: number; fractionOfMedian?: number }> = (spec, env) => {
  let seconds: (row: RowContext) => number;
  if (spec.duration !== undefined) {
    const q = env.question(spec.duration, 'duration');
    seconds = (row) => {
      const c = row.coders.get(q.id);
      return c?.kind === 'numeric' ? c.value : Number(normalizeCell(row.cells.get(q.columns[0]!)));
    };
  } else if (spec.start !== undefined && spec.end !== undefined) {
    const start = env.question(spec.start, 'start');
    const end = env.question(spec.end, 'end');
    seconds = (row) => (time(end, row) - time(start, row)) / 1000;
  } else throw env.error('duration', "give 'duration' (seconds), or 'start' and 'end' timestamps");
  if (spec.minSeconds === undefined && spec.fractionOfMedian === undefined) throw env.error('minSeconds', "give 'minSeconds' or 'fractionOfMedian'");
  const histogram = new Map<number, number>();
  let threshold = spec.minSeconds ?? 0;
  let ready = spec.fractionOfMedian === undefined;
  const base = {
    name: spec.name ?? 'speeders',
    test(row: RowContext): string | null {
      if (!ready) {
        threshold = Math.max(threshold, medianOf(histogram) * spec.fractionOfMedian!);
        ready = true;
      }
      const s = seconds(row);
      if (Number.isNaN(s)) return null;
      return s < threshold ? `finished in ${Math.round(s)} s, under ${Math.round(threshold)} s` : null;
    },
  };
  if (spec.fractionOfMedian === undefined) return base;
  return {
    ...base,
    prepare(row: RowContext) {
      const s = seconds(row);
      if (!Number.isNaN(s)) histogram.set(Math.round(s), (histogram.get(Math.round(s)) ?? 0) + 1);
    },
  };
};

function time(q: Question, row: RowContext): number {
  return parseDateTime(normalizeCell(row.cells.get(q.columns[0]!)), q.dateOrder);
}

function medianOf(h: Map<number, number>): number {
  const sorted = [...h].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  let seen = 0;
  for (const [x, c] of sorted) {
    seen += c;
    if (seen >= n / 2) return x;
  }
  return 0;
}
