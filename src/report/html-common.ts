/** What every part of report.html shares: its input, escaping and number formats. */
import type { StudySpec, TableSpec } from '../spec/analysis.js';
import type { AnalysisResult, Table } from '../spec/result.js';
import { showControls } from '../render/controls.js';
import { escapeXml } from '../render/sanitize.js';
import { formatCount as groupedCount } from '../render/number.js';

export interface HtmlChart {
  /** File stem of charts/<id>.svg; also prefixes the SVG's own ids. */
  id: string;
  /** Indices into result.tables that the chart draws. */
  tables: number[];
  svg: string;
}

export interface HtmlInput {
  result: AnalysisResult;
  spec?: StudySpec | undefined;
  /** File-safe unique id of each table (tables/<id>.csv). */
  ids: readonly string[];
  charts: readonly HtmlChart[];
  /** Words for the base when a table's spec does not give them, e.g. "valid respondents". */
  baseLabel: string;
  inputSha256?: string | undefined;
}

/**
 * Text for HTML content and attributes: control and bidirectional formatting characters shown
 * (an unclosed U+202E would reverse the rest of its paragraph), markup escaped.
 */
export function h(s: string): string {
  return escapeXml(showControls(s));
}

/**
 * User-supplied text (a title, a label, an answer) as an isolate: written in a right-to-left script
 * (Hebrew, Arabic), it takes its own direction from its first strong character and can neither
 * reorder the text around it (a net's tag, the punctuation after it) nor be reordered by it.
 * Escaped as h() escapes; the page's own words are left as they are.
 */
export function bdi(s: string): string {
  return `<bdi>${h(s)}</bdi>`;
}

/** `1,022`: a count with thousands separators (weighted counts keep one decimal). */
export function formatCount(x: number | null): string {
  return x === null ? '*' : groupedCount(x);
}

/** The spec entry a table came from. */
export function specTableOf(input: HtmlInput, t: Table): TableSpec | undefined {
  if (!t.id) return undefined;
  return input.spec?.tables?.find((x) => x.id === t.id);
}
