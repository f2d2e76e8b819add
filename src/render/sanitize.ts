/** Making data text safe for each place it is shown. */
import { roundHalfUp } from './number.js';

/**
 * Drops terminal escape sequences, and shows other C0 control characters as their Unicode
 * pictures (NUL as ␀, BEL as ␇) and C1 controls as U+FFFD: data never drives the terminal, and
 * two answers that differ only by one ("Ma\0le", "Male") never read alike. Drops the
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) that can make a line read
 * differently from what it holds ("Trojan Source"); Arabic and Hebrew text needs none of them.
 * Line breaks and tabs become spaces.
 */
export function forTerminal(s: string): string {
  return (
    s
      // A terminal escape sequence (colour, cursor: ESC [ 31 m) is formatting pasted with the text, not content: dropped whole.
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
      .replace(/[\u0080-\u009f]/g, '\ufffd')
      .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[\r\n\t]+/g, ' ')
  );
}

/**
 * JSON for a terminal: the same value as JSON.stringify gives, with DEL, C1 controls and
 * bidirectional overrides written as \u escapes (JSON.stringify escapes only C0 controls).
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes text for HTML and SVG content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Escapes a Markdown table cell: pipes, markup and line breaks. Backslashes are escaped before
 * pipes, or the backslash that escapes a pipe would itself be escaped ("a \\| b") and the pipe
 * would split the cell. Only "<" is written as an entity (it could open a tag); quotes, apostrophes
 * and ">" start no markup inside a line, and "Don't know" is in almost every table, read as text
 * in diffs and terminals. "&" is escaped only where it would start an entity: "R&D" stays as it is.
 */
export function forMarkdown(s: string): string {
  return forTerminal(s)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/\|/g, '\\|');
}

/**
 * A CSV cell: quoted when needed, and text that a spreadsheet would run as a
 * formula (= + - @, tab, CR) is prefixed with ' (OWASP CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // Control characters (escape sequences) never belong in published data, and would drive a terminal.
  // eslint-disable-next-line no-control-regex
  let s = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Half-up rounding to `digits` decimals, for display only (render/number.ts: one rounding for every output). */
export function round(x: number, digits: number): number {
  return roundHalfUp(x, digits);
}

/** A percentage for display; `*` marks a value suppressed by disclosure control. */
export function formatPercent(x: number | null, digits = 1): string {
  return x === null ? '*' : `${round(x, digits).toFixed(digits)}%`;
}

/** A count for display; `*` marks a suppressed one. */
export function formatCount(x: number | null): string {
  return x === null ? '*' : formatNumber(x);
}

export function formatNumber(x: number | null, digits = 2): string {
  if (x === null) return '-';
  return Number.isInteger(x) ? String(x) : round(x, digits).toFixed(digits);
}
