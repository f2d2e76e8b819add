/** Wall-clock times in a named time zone, through the platform's IANA data (Intl). */

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** The wall-clock reading in `tz` of an instant, as milliseconds "as if UTC". */
export function toWallClock(instant: number, tz: string): number {
  const parts = Object.fromEntries(formatter(tz).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall + (instant % 1000 + 1000) % 1000;
}

/**
 * A time written with its zone (ISO `Z` or `+05:30`, Google Forms' `GMT+5:30`): an instant. The
 * time before the zone is required, so that a date's own dash (`14-Jan-2021`) is not an offset.
 */
const ZONED = /\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)$/i;

/** Whether a timestamp string carries its own zone. */
export function hasZone(s: string): boolean {
  return ZONED.test(s.trim());
}
