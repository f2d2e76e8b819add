/** Making data text safe for each place it is shown. */
import { escapeControlsInJson, showControls } from './controls.js';
import { roundHalfUp } from './number.js';

/**
 * Text for a terminal: control and bidirectional formatting characters shown (controls.ts), so
 * data never drives the terminal or reorders the line, and two answers that differ only by one
 * ("Ma\0le", "Male"; "\x1b[31mRed", "Red") never read alike: an escape sequence shows as
 * "␛[31m". Line breaks and tabs become spaces: one answer, one line.
 */
export function forTerminal(s: string): string {
  return showControls(s).replace(/[\r\n\t]+/g, ' ');
}

/**
 * JSON for a terminal or a file: the same value as JSON.stringify gives, with DEL, C1 controls and
 * bidirectional formatting characters written as \u escapes (JSON.stringify escapes only C0
 * controls). JSON is data for programs: it keeps the exact text, escaped, not made visible.
 */
export function jsonText(value: unknown): string {
  return escapeControlsInJson(JSON.stringify(value, null, 2));
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
 * A CSV cell: quoted when needed, control characters shown, and text that a spreadsheet would
 * run as a formula (= + - @, tab, CR) is prefixed with ' (OWASP CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  // Control and bidirectional characters shown, not dropped: a spreadsheet or terminal showing the
  // file is never driven by them, and two answers that differ only by one stay two (controls.ts).
  // Tab, CR and LF stay: a quoted cell holds them.
  let s = showControls(value);
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
