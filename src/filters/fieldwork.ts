import type { FilterFactory } from './types.js';
import { formatDateTime, normalizeCell, parseDateTime } from '../codebook/values.js';
import { hasZone, isTimeZone, toWallClock } from './timezone.js';

/**
 * Removes submissions outside the fieldwork window. Timestamps without a zone
 * (Google Sheets) are wall-clock times in the spec's time zone, unless their header
 * names UTC or GMT (Typeform's "Submit Date (UTC)"); the window's days are days in that
 * zone: both are compared as wall-clock readings, so no daylight-saving arithmetic is needed.
 */
export const fieldwork: FilterFactory<{ rule: 'fieldwork'; name?: string; question: string; from: string; to: string; timezone?: string }> = (spec, env) => {
  const q = env.question(spec.question, 'question');
  if (q.type !== 'date') throw env.error('question', `'${q.id}' is ${q.type}, not a date: every row would be removed (declare 'type: date' on a question whose timestamps were not recognised)`);
  const tz = spec.timezone ?? env.timezone;
  if (!isTimeZone(tz)) throw env.error('timezone', `unknown time zone '${tz}' (use an IANA name such as Asia/Kolkata or Europe/Paris)`);
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
  // Typeform's "Submit Date (UTC)": a header that names UTC says its stamps are instants, not wall-clock times.
  const utcStamps = /\b(UTC|GMT)\b/.test(q.label);
  return {
    name: spec.name ?? 'fieldwork',
    test(row) {
      const raw = normalizeCell(row.cells.get(col));
      const t = parseDateTime(raw, q.dateOrder);
      if (Number.isNaN(t)) return raw === '' ? 'no timestamp' : 'unreadable timestamp';
      const wall = utcStamps || hasZone(raw) ? toWallClock(t, tz) : t;
      if (wall < from) return `submitted ${formatDateTime(wall)} (${tz}), before the fieldwork window`;
      if (wall > to) return `submitted ${formatDateTime(wall)} (${tz}), after the fieldwork window`;
      return null;
    },
  };
};
