import type { FilterFactory, RowContext } from './types.js';
import type { Question } from '../spec/codebook.js';
import { normalizeCell, parseDateTime } from '../codebook/values.js';
import { isNonSubstantive } from '../codebook/scales.js';

/**
 * Removes respondents who finished too fast: under `minSeconds`, or under a
 * fraction of the median duration (which takes a first pass over the file;
 * durations are kept as counts per distinct duration, few when they are whole seconds).
 * A row whose duration is blank or unreadable is kept: it cannot be told fast. One that ends
 * before it starts is removed with a reason of its own: it is no speeder, but its times are wrong.
 */
export const speeders: FilterFactory<{ rule: 'speeders'; name?: string; duration?: string; start?: string; end?: string; minSeconds?: number; fractionOfMedian?: number }> = (spec, env) => {
  let seconds: (row: RowContext) => number;
  if (spec.duration !== undefined) {
    const q = env.question(spec.duration, 'duration');
    // Durations are read cell by cell (a cell that is no number is unknown, and kept), so a column
    // read as text ("NA" among the numbers) or as a choice of a few round numbers will do; a choice
    // of words, a multi-select, a grid or a date holds no durations.
    const numbers = q.options.filter((o) => !isNonSubstantive(o));
    const wordsOnly = q.type === 'single' && !numbers.some((o) => Number.isFinite(Number(normalizeCell(o))));
    if (wordsOnly || !['numeric', 'single', 'text'].includes(q.type)) {
      throw env.error('duration', `'${spec.duration}' is ${q.type}${q.options.length > 0 ? ` (answers: ${q.options.slice(0, 4).join(', ')}${q.options.length > 4 ? ', ...' : ''})` : ''}, not a duration in seconds`, "give a question of seconds (declare 'type: numeric' if it was read otherwise), or 'start' and 'end' timestamps");
    }
    seconds = (row) => {
      const c = row.coders.get(q.id);
      if (c?.kind === 'numeric') return c.value;
      // A blank duration is unknown, never 0 seconds.
      const cell = normalizeCell(row.cells.get(q.columns[0]!));
      return cell === '' ? NaN : Number(cell);
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
      // Not fast but impossible: its times are misread (a 12-hour clock without AM/PM) or mistyped.
      if (s < 0) return `ends ${Math.round(-s)} s before it starts: its times cannot be right`;
      return s < threshold ? `finished in ${Math.round(s)} s, under ${Math.round(threshold)} s` : null;
    },
    // The funnel says how many of its removals were no speeders at all, so that none is quoted as one.
    apart: { label: 'end before they start', matches: (reason: string) => reason.startsWith('ends ') },
  };
  if (spec.fractionOfMedian === undefined) return base;
  return {
    ...base,
    prepare(row: RowContext) {
      const s = seconds(row);
      // An impossible negative duration would pull the median down.
      if (!Number.isNaN(s) && s >= 0) histogram.set(s, (histogram.get(s) ?? 0) + 1);
    },
  };
};

function time(q: Question, row: RowContext): number {
  return parseDateTime(normalizeCell(row.cells.get(q.columns[0]!)), q.dateOrder);
}

/** The median of the durations counted (the mean of the two middle ones when their number is even), or 0 for none. */
export function medianOf(h: ReadonlyMap<number, number>): number {
  const sorted = [...h].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return 0;
  // The values at 1-based positions lo and hi of the sorted durations.
  const lo = Math.floor((n + 1) / 2);
  const hi = Math.floor(n / 2) + 1;
  let seen = 0;
  let low = NaN;
  for (const [x, c] of sorted) {
    seen += c;
    if (Number.isNaN(low) && seen >= lo) low = x;
    if (seen >= hi) return (low + x) / 2;
  }
  return low;
}
