import type { FilterFactory } from './types.js';
import { formatDateTime, normalizeCell, parseDateTime } from '../codebook/values.js';
import { hasZone, isTimeZone, toWallClock } from '../codebook/timezone.js';
import { messages } from '../errors/messages.js';

/**
 * Removes submissions outside the fieldwork window. Timestamps without a zone
 * (Google Sheets) are wall-clock times in the spec's time zone, unless their header
 * names UTC or GMT (Typeform's "Submit Date (UTC)"); the window's days are days in that
 * zone: both are compared as wall-clock readings, so no daylight-saving arithmetic is needed.
 */
export const fieldwork: FilterFactory<{ rule: 'fieldwork'; name?: string; question: string; from: string; to: string; timezone?: string }> = (spec, env) => {
  const q = env.question(spec.question, 'question');
  // Timestamps are read cell by cell, so a date column read as text (junk among the dates) will do;
  // a choice of answers that are no dates, a number, a multi-select or a grid would remove every row.
  const dates = q.options.filter((o) => !Number.isNaN(parseDateTime(normalizeCell(o), q.dateOrder)));
  if (!(q.type === 'date' || q.type === 'text' || (q.type === 'single' && dates.length * 2 >= q.options.length && dates.length > 0))) {
    throw env.error('question', `'${q.id}' is ${q.type}, not a date: every row would be removed`, "give the question of submission times (declare 'type: date' if its timestamps were read otherwise)");
  }
  const tz = spec.timezone ?? env.timezone;
  if (!isTimeZone(tz)) throw env.error('timezone', messages.unknownTimeZone(tz), messages.timeZoneHint());
  const bound = (text: string, key: 'from' | 'to'): number => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const t = parseDateTime(text);
    if (Number.isNaN(t)) throw env.error(key, `'${text}' is not a date (use YYYY-MM-DD or an ISO date-time)`);
    const wall = hasZone(text) ? toWallClock(t, tz) : t;
    // A day as the upper bound includes the whole day.
    return dateOnly && key === 'to' ? wall + 86_400_000 - 1 : wall;
  };
  const from = bound(spec.from, 'from');
  const to = bound(spec.to, 'to');
  if (from > to) throw env.error('to', `the window ends (${spec.to}) before it starts (${spec.from})`);
  const col = q.columns[0]!;
  // Typeform's "Submit Date (UTC)": a column header that names UTC (or an offset) says its stamps
  // are times there, not wall-clock times in the study's zone. The header, not the label a spec may give.
  const offset = headerOffset(env.header(col));
  return {
    name: spec.name ?? 'fieldwork',
    test(row) {
      const raw = normalizeCell(row.cells.get(col));
      const t = parseDateTime(raw, q.dateOrder);
      if (Number.isNaN(t)) return raw === '' ? 'no timestamp' : 'unreadable timestamp';
      const wall = hasZone(raw) ? toWallClock(t, tz) : offset !== null ? toWallClock(t - offset * 60_000, tz) : t;
      if (wall < from) return `submitted ${formatDateTime(wall)} (${tz}), before the fieldwork window`;
      if (wall > to) return `submitted ${formatDateTime(wall)} (${tz}), after the fieldwork window`;
      return null;
    },
  };
};

/** Minutes east of UTC that a header names ("Submit Date (UTC)": 0, "Timestamp (GMT+5:30)": 330), or null. */
export function headerOffset(header: string): number | null {
  const m = /\b(?:UTC|GMT)(?:\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?)?(?![\w+-])/.exec(header);
  if (!m) return null;
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}
