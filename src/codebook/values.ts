/** Reading single cells: blanks, numbers and the date formats survey platforms write. */
import type { Band, DateOrder } from '../spec/codebook.js';

/** Trims and folds runs of white space, so "Bengaluru " and "Bengaluru" are one answer. */
export function normalizeCell(raw: string): string {
  // Fast path: most cells need nothing. Printable ASCII with single spaces inside is left
  // as it is; anything else (other white space, non-ASCII) is checked by the regular expression.
  const n = raw.length;
  if (n === 0) return raw;
  let prevSpace = true;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c > 32 && c < 127) prevSpace = false;
    else if (c === 32 && !prevSpace) prevSpace = true;
    else {
      plain = false;
      break;
    }
  }
  if (plain && !prevSpace) return raw;
  if (!edgeSpace(raw.charCodeAt(0)) && !edgeSpace(raw.charCodeAt(n - 1)) && !/\s\s|[\t\n\r\u00a0]/.test(raw)) return raw;
  return raw.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** White space that trimming removes: ASCII, the no-break space, and Unicode's (an ideographic space U+3000, say). */
function edgeSpace(c: number): boolean {
  return c <= 32 || c === 160 || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/**
 * A copy of a string that shares no memory with the text it was cut from: a cell kept
 * for long (an answer label, a cache key) must not keep its whole chunk of the file alive.
 */
export function own(s: string): string {
  // V8 slices strings of 13 or more characters as views of their parent; a concatenation
  // flattened by the slice below is a fresh string.
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Cells that mean "no answer" in any export: empty, "-", "--" and an em dash. */
export function isBlank(normalized: string): boolean {
  const n = normalized.length;
  if (n === 0) return true;
  if (n > 2) return false;
  const c = normalized.charCodeAt(0);
  return n === 1 ? c === 45 || c === 0x2014 : c === 45 && normalized.charCodeAt(1) === 45;
}

/** Parses a number as written in a cell; `decimalComma` for `;`-delimited European exports. */
export function parseNumber(s: string, decimalComma: boolean): number {
  if (s.length === 0 || s.length > 32) return NaN;
  if (decimalComma) {
    if (!/^[+-]?\d+(,\d+)?$/.test(s) && !/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return NaN;
    return Number(s.replace(/\./g, '').replace(',', '.'));
  }
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    // An exponent past a double's range (1e999) is Infinity, which no mean, bin or chart can take:
    // not a number, as "Infinity" written out is not.
    const n = Number(s);
    return Number.isFinite(n) ? n : NaN;
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return Number(s.replace(/,/g, ''));
  return NaN;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * Parses a date or date-time to milliseconds of its wall-clock reading taken as
 * UTC (exports rarely carry a zone; a spec's timezone shifts it later).
 * An explicit zone (ISO `Z` or `+05:30`) is honoured. Returns NaN if not a date.
 * Slashed dates are read in `order`: M/D/Y as Google Forms, SurveyMonkey and Qualtrics
 * write them in the US, or D/M/Y as they do in the UK, Europe and India; dotted dates
 * (D.M.Y, German and others) are always day-first; Y-M-D for ISO.
 */
export function parseDateTime(s: string, order: DateOrder = 'mdy'): number {
  const iso = plainIso(s);
  if (iso !== undefined) return iso;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const t = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), m[7] ? Number(`0.${m[7]}`) * 1000 : 0);
    if (Number.isNaN(t) || !m[8] || m[8] === 'Z') return t;
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  m = /^(\d{1,2})([/.])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(s);
  if (m) {
    // Nobody writes M.D.Y: dotted dates are day-first whatever the order.
    const dayFirst = order === 'dmy' || m[2] === '.';
    let year = +m[4]!;
    if (m[4]!.length === 2) year += year < 70 ? 2000 : 1900;
    let hour = +(m[5] ?? 0);
    const ampm = m[8]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return NaN;
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    const [month, day] = dayFirst ? [+m[3]!, +m[1]!] : [+m[1]!, +m[3]!];
    return utc(year, month, day, hour, +(m[6] ?? 0), +(m[7] ?? 0), 0);
  }
  // Year first with slashes, as Google Forms' own CSV download writes it: "2021/01/12 10:15:32 AM GMT+5:30".
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?(?:\s*(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?)?$/.exec(s);
  if (m) {
    let hour = +(m[4] ?? 0);
    const ampm = m[7]?.toLowerCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return NaN;
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    const t = utc(+m[1]!, +m[2]!, +m[3]!, hour, +(m[5] ?? 0), +(m[6] ?? 0), 0);
    const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
    return t - offset * 60000;
  }
  m = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? utc(+m[3]!, month, +m[1]!, 0, 0, 0, 0) : NaN;
  }
  return NaN;
}

/**
 * The ISO shapes exports write most (YYYY-MM-DD, and with [T ]HH:MM:SS and maybe Z), read
 * without a regular expression: a timestamp column is parsed on every row. Undefined for
 * anything else, which the general patterns read.
 */
function plainIso(s: string): number | undefined {
  const n = s.length;
  if ((n !== 10 && n !== 19 && n !== 20) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return undefined;
  if (n === 10) return utc(y, mo, d, 0, 0, 0, 0);
  const t = s.charCodeAt(10);
  if ((t !== 84 && t !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || (n === 20 && s.charCodeAt(19) !== 90)) return undefined;
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const sec = digitsAt(s, 17, 2);
  if (h < 0 || mi < 0 || sec < 0) return undefined;
  return utc(y, mo, d, h, mi, sec, 0);
}

/** The number written by `length` ASCII digits at `at`, or -1. */
function digitsAt(s: string, at: number, length: number): number {
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  // Reject 2/31 and friends, which Date.UTC would roll over. By arithmetic when nothing else
  // can roll over (a leap second can; years 0-99 are 1900-1999 to Date.UTC): a timestamp
  // column is parsed on every row, and Date.UTC costs five times as much.
  if (y >= 100 && y <= 9999 && s < 60) {
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!) ? ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000 + Math.trunc(ms) : NaN;
  }
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : NaN;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, mo: number, d: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** ISO 8601 without a zone when the time is midnight-free, for reports. */
export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** Cells that mean "not chosen" in one-column-per-option layouts (the respondent saw the option). */
const UNCHOSEN = new Set(['not selected', '0', 'false', 'unchecked']);
/** Cells that mean the question was not asked (skip logic): neither chosen nor answered. */
const NOT_ASKED = new Set(['na', 'n/a', '#n/a']);

/** In a one-column-per-option layout: chosen, explicitly not chosen, or no answer at all. */
export function optionCellState(normalized: string): 'chosen' | 'unchosen' | 'blank' {
  if (isBlank(normalized)) return 'blank';
  const lower = normalized.toLowerCase();
  if (UNCHOSEN.has(lower)) return 'unchosen';
  if (NOT_ASKED.has(lower)) return 'blank';
  return 'chosen';
}

/** A band holds its min and its max; `below` is an upper bound it does not hold (decimals: below: 1, then min: 1). */
export function inBand(b: Band, x: number): boolean {
  return (b.min === undefined || x >= b.min) && (b.max === undefined || x <= b.max) && (b.below === undefined || x < b.below);
}

/** Where a number in no band lies: between two bands' bounds, or past the first or last. */
export function gapOf(bands: readonly Band[], x: number): string {
  const under = bands.flatMap((b) => (b.max !== undefined && b.max < x ? [{ at: b.max, say: `max: ${b.max}` }] : b.below !== undefined && b.below <= x ? [{ at: b.below, say: `below: ${b.below}` }] : []));
  const top = under.sort((a, b) => b.at - a.at)[0]?.say;
  const next = Math.min(...bands.flatMap((b) => (b.min !== undefined && b.min > x ? [b.min] : [])));
  if (top !== undefined && Number.isFinite(next)) return `between ${top} and min: ${next}`;
  return top !== undefined ? `past the last band's ${top}` : Number.isFinite(next) ? `under the first band's min: ${next}` : 'in no band';
}

/**
 * Of spellings that differ only in case, how much one reads as written by hand: a capital first
 * ("Jaipur") over all lower case ("jaipur") or all capitals ("JAIPUR").
 */
export function caseScore(s: string): number {
  return (/^\p{Lu}/u.test(s) ? 2 : 0) + (s === s.toUpperCase() ? 0 : 1);
}
