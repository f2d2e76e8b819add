/**
 * Building blocks shared by every chart spec: options, titles, wrapped band labels, the percent
 * axis, legends and the panels that set nets apart. Everything here is pure and returns plain JSON.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { MUTED, SIZE, chartConfig } from './theme.js';
import { measureText, wrapText } from './text.js';
import { showControls } from '../controls.js';
import { withSource, type SourceLine } from './source.js';
import { formatCount } from '../number.js';
import { isNoAnswer } from '../../codebook/scales.js';

/** Options every chart accepts. */
export interface ChartOptions {
  /**
   * Subtitle text (one string per line; long lines are wrapped).
   *
   * __Default value:__ built from the table's base, e.g. `n = 565 valid respondents, % of respondents`
   */
  subtitle?: string | string[];
  /**
   * Lines under the subtitle: which rows the table holds ("Only rows where ..."), what the chart
   * leaves out ("Not shown: Unfamiliar (N/A), 4-41%").
   */
  note?: string | string[];
  /** Chart title. __Default value:__ the question label */
  title?: string;
  /**
   * Words for the base in the default subtitle (`n = 565 <baseLabel>`), e.g. `women aged 18–34`
   * for a filtered table.
   *
   * __Default value:__ `'valid respondents'` (`'valid answers'` for histograms)
   */
  baseLabel?: string;
  /** Vega-Lite config overrides, deep-merged over the house theme. */
  config?: Config;
  /**
   * Width of the plotting area in pixels (labels and legends come on top).
   *
   * __Default value:__ `360` (`480` for Likert charts)
   */
  width?: number;
  /** Widest line of an answer label, in pixels, before it wraps. __Default value:__ `190` */
  labelWidth?: number;
  /** Decimals of percentages in value labels. __Default value:__ `0` */
  decimals?: number;
  /** The spec's `description`, which becomes the SVG `<desc>`. __Default value:__ a summary of the data */
  description?: string;
  /**
   * A source line printed as written, small and grey, at the bottom left (wrapped to the chart's
   * width) and at the end of the description, e.g. `Source: Pew Research Center, March 2021`.
   *
   * __Default value:__ none
   */
  source?: string;
}

/** A chart spec together with the warnings raised while building it (e.g. a donut fell back to bars). */
export interface ChartResult {
  spec: TopLevelSpec;
  warnings: string[];
  /** What it was drawn as, in words ("a heatmap"), when the chart chose among several. */
  drawnAs?: string;
  /** Bars on a percent axis: what they are percentages of, and the largest drawn (see `axisPeak`). */
  axis?: { unit: string; peak: number };
}

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const DEFAULT_WIDTH = 360;
export const DEFAULT_LABEL_WIDTH = 190;

/** Options with defaults filled in. */
export interface Resolved {
  width: number;
  labelWidth: number;
  decimals: number;
  baseLabel: string;
  config: Config;
}

export function resolve(opts: ChartOptions): Resolved {
  return {
    width: opts.width ?? DEFAULT_WIDTH,
    labelWidth: opts.labelWidth ?? DEFAULT_LABEL_WIDTH,
    decimals: opts.decimals ?? 0,
    baseLabel: opts.baseLabel ?? 'valid respondents',
    config: chartConfig(opts.config),
  };
}

/** The separator between the lines of a wrapped label; split again by the axis `labelExpr`. */
export const LINE_BREAK = '\n';

/** Axis and legend label expression turning a wrapped label back into an array of lines. */
export const SPLIT_LINES = "split(datum.label, '\\n')";

/**
 * Lines an answer's label may take beside its bar; a longer one (a free-text answer of pages, read
 * as a choice) ends in an ellipsis there, and is whole in the tables and the chart's description.
 */
export const MAX_LABEL_LINES = 6;

/**
 * Band keys for answer labels: each label wrapped to `maxWidth` (at most MAX_LABEL_LINES lines)
 * and joined with line breaks, made unique so that two answers that wrap alike still get their own bar.
 */
export function bandKeys(labels: string[], maxWidth: number, extra: (i: number) => string[] = () => []): { keys: string[]; lines: number } {
  const seen = new Set<string>();
  let lines = 1;
  const keys = labels.map((label, i) => {
    const wrapped = [...capLines(wrapText(label, maxWidth, SIZE.label)), ...extra(i).flatMap((line) => wrapText(line, maxWidth, SIZE.label))];
    lines = Math.max(lines, wrapped.length);
    let key = wrapped.join(LINE_BREAK);
    // A zero-width space keeps duplicate labels apart without showing.
    while (seen.has(key)) key += '\u200B';
    seen.add(key);
    return key;
  });
  return { keys, lines };
}

function capLines(lines: string[]): string[] {
  if (lines.length <= MAX_LABEL_LINES) return lines;
  const kept = lines.slice(0, MAX_LABEL_LINES);
  kept[MAX_LABEL_LINES - 1] = `${kept[MAX_LABEL_LINES - 1]!.replace(/\s*\S{0,3}$/, '')}…`;
  return kept;
}

/**
 * `items` with those whose label gives no answer ("No answer", "Don't know") moved to the end, the
 * rest in their order: every chart draws them last, in NO_ANSWER_COLOR, whatever order a spec's
 * options gave them.
 */
export function noAnswerLast<T>(items: readonly T[], label: (item: T) => string): T[] {
  return [...items.filter((i) => !isNoAnswer(label(i))), ...items.filter((i) => isNoAnswer(label(i)))];
}

/** Lines of the longest of these band keys. */
export function linesOf(keys: string[]): number {
  return Math.max(1, ...keys.map((k) => k.split(LINE_BREAK).length));
}

/** Band step (pixels per bar) that fits labels of `lines` lines and bars `bar` pixels thick. */
export function bandStep(lines: number, bar = 18): number {
  return Math.max(bar + 10, lines * SIZE.lineHeight + 11);
}

/**
 * The band axis of answer labels. Vega hangs extra lines of a label below the first, so labels
 * of `n` lines are moved up by half of `n - 1` lines to centre them on their bar. The axis is
 * made as wide as the widest of `keys` (pass the keys of every panel of a stacked layout, so
 * that their label columns, and the panel headings above them, line up).
 */
export function bandAxis(lines: number, keys: string[]): Record<string, unknown> {
  const condition = Array.from({ length: lines - 1 }, (_, i) => ({
    test: `length(split(datum.value, '\\n')) == ${i + 2}`,
    value: -((i + 1) * SIZE.lineHeight) / 2,
  }));
  return {
    title: null,
    labelExpr: SPLIT_LINES,
    minExtent: Math.ceil(Math.max(0, ...keyWidths(keys)) + BAND_LABEL_PADDING),
    ...(condition.length === 0 ? {} : { labelOffset: { condition, value: 0 } }),
  };
}

/** The theme's `axisBand.labelPadding`. */
const BAND_LABEL_PADDING = 8;

/** A 0–max percent axis whose labels read `20%`, with a tick every 10% (every 20% above 70%: see percentStep). */
export function percentAxis(title: string | null, max = 100, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const step = percentStep(max);
  const values = Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
  return { title, format: 'd', labelExpr: "datum.label + '%'", values, grid: true, ...extra };
}

/**
 * Ticks every 10% up to 70%, every 20% beyond: a bar of 52% (and its label) fits 0-70%, where a
 * switch to steps of 20 at 60% put it on 0-80%, a third of the plot left empty.
 */
function percentStep(max: number): number {
  return max > 70 ? 20 : 10;
}

/**
 * The top of a percent scale: the largest value plus room for its value label, rounded up to
 * the next tick; 100 for anything above 80, and never above 100 unless a value is.
 */
export function percentMax(maxValue: number): number {
  if (maxValue > 100) return Math.ceil(maxValue / 10) * 10;
  if (maxValue >= 80) return 100;
  const room = maxValue * 1.12 + 3;
  const step = percentStep(room);
  return Math.min(100, Math.max(10, Math.ceil(room / step) * step));
}

/** Title block: wrapped title and subtitle lines. */
export function titleBlock(title: string, subtitle: string[], totalWidth: number): Record<string, unknown> {
  const text = wrapText(title, totalWidth, SIZE.title, true);
  const sub = subtitle.flatMap((line) => wrapText(line, totalWidth, SIZE.subtitle));
  return { text: text.length === 1 ? text[0] : text, ...(sub.length === 0 ? {} : { subtitle: sub.length === 1 ? sub[0] : sub }) };
}

/**
 * Nets a donut or stacked bars leave out (a net overlaps the answers it combines), said under the
 * subtitle: the chart's own reader is told, and a run is not warned of what it does by design.
 */
export function netsNotDrawn(labels: readonly string[]): string[] {
  if (labels.length === 0) return [];
  const quoted = labels.map((l) => `“${l}”`).join(', ');
  return [labels.length === 1 ? `Not drawn: the net ${quoted}, which overlaps the answers it combines` : `Not drawn: the nets ${quoted}, each overlapping the answers it combines`];
}

/** The subtitle's lines (given, or the chart's own), then the caller's note, then what the chart itself says it leaves out. */
export function subtitleLines(given: string | string[] | undefined, fallback: string[], note?: string | string[], own: readonly string[] = []): string[] {
  const lines = given === undefined ? fallback : Array.isArray(given) ? given : [given];
  return [...lines, ...(note === undefined ? [] : Array.isArray(note) ? note : [note]), ...own];
}

/**
 * Said after a multi-select's unit (`% of respondents; more than one answer allowed`), by every
 * chart of one: its percentages add up past 100%. A lone checkbox allows one answer, so nothing.
 */
export function moreThanOneAnswer(multi: boolean, answers: number): string {
  return multi && answers > 1 ? '; more than one answer allowed' : '';
}

/**
 * A chart's description (its SVG `<desc>`) from its parts: what it is, each subtitle line, what it
 * shows. Each part is a sentence of its own, so that a screen reader does not run "% of
 * respondents" into "Not shown: ..." as the lines of a subtitle joined with spaces did.
 */
export function describe(...parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (/[.!?]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

/**
 * `n = 565 valid respondents`; weighted, the respondents and then their weight
 * (`n = 1,615 respondents, weighted 1,507`): a weighted sum is no count of people. With the
 * effective base, what the weights cost in precision (`weighted 1,615, effective 526`): weights
 * that sum to the respondents are still weights.
 */
export function baseText(base: number, noun: string, unweighted?: number, effective?: number): string {
  const [n, weights] = baseLines(base, unweighted, effective);
  return `${n} ${noun}${weights === undefined ? '' : `, ${weights}`}`;
}

/**
 * The words of {@link baseText} without a noun, as lines under a group's label in a crosstab
 * (`n = 133`, then `weighted 472, effective 45`): a group's base says what the subtitle says of the table's.
 */
export function baseLines(base: number, unweighted?: number, effective?: number): [string] | [string, string] {
  const lessEffective = unweighted !== undefined && effective !== undefined && effective < unweighted - 0.5;
  if (unweighted !== undefined && (Math.abs(unweighted - base) > 1e-9 || lessEffective)) {
    return [`n = ${formatCount(unweighted)}`, `weighted ${formatCount(Math.round(base))}${lessEffective ? `, effective ${formatCount(Math.round(effective!))}` : ''}`];
  }
  return [`n = ${formatCount(base)}`];
}

/**
 * Whether a table's counts are weighted sums: its base differs from its respondents, or a count
 * is no whole number (weights that sum to the respondents are still weights).
 */
export function isWeightedCount(base: number, unweighted: number | undefined, counts: readonly (number | null | undefined)[]): boolean {
  return (unweighted !== undefined && Math.abs(unweighted - base) > 1e-9) || [base, ...counts].some((c) => typeof c === 'number' && !Number.isInteger(c));
}

/**
 * `161 of 848`, an answer's count out of its base, as a chart's hover text and description say
 * it. Weighted sums are rounded to whole numbers, as the subtitle and the group labels print
 * weighted bases, and said to be weighted: `161.27 of 847.50` claims a precision that weights
 * do not have and gives the base a second spelling.
 */
export function countOf(count: number, base: number, weighted: boolean): string {
  return weighted ? `weighted ${formatCount(Math.round(count))} of ${formatCount(Math.round(base))}` : `${formatCount(count)} of ${formatCount(base)}`;
}

/** The facet groups for answers and nets, in drawing order. */
export const GROUP_ANSWERS = 'Answers';
export const GROUP_NETS = 'Nets (combined answers)';

/**
 * Draws answers and nets as two panels, one above the other, each with its own answer axis and
 * one shared percent scale; the nets panel has a small heading. A net then never sits among
 * the answers it adds up, which would invite reading the bars as parts of one whole.
 */
export function netPanels(
  view: Record<string, unknown>,
  answers: unknown[],
  nets: unknown[],
  steps: [answers: number, nets: number],
): Record<string, unknown> {
  const encoding = view['encoding'] as Record<string, Record<string, unknown>>;
  const x = encoding['x'] ?? {};
  const hiddenAxis = { ...(x['axis'] as Record<string, unknown>), title: null, labels: false, ticks: false, domain: false };
  return {
    vconcat: [
      { ...view, height: { step: steps[0], for: 'position' }, data: { values: answers }, encoding: { ...encoding, x: { ...x, axis: hiddenAxis } } },
      {
        ...view,
        height: { step: steps[1], for: 'position' },
        data: { values: nets },
        title: { text: GROUP_NETS, fontSize: SIZE.label, fontWeight: 'bold', color: MUTED, anchor: 'start', frame: 'bounds', offset: 6 },
      },
    ],
    spacing: 14,
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
}

/**
 * The top-level frame: schema, description, title, theme, and the source line (see source.ts) under
 * the body and at the end of the description; every string made safe for vega.
 */
export function frame(title: Record<string, unknown>, description: string, config: Config, body: Record<string, unknown>, source?: SourceLine): TopLevelSpec {
  const desc = source === undefined ? description : describe(description, source.text);
  return vegaSafe({ $schema: SCHEMA, description: desc, title, ...withSource(body, source), config }) as unknown as TopLevelSpec;
}

/** Names of Object.prototype's members ("constructor", "toString", "valueOf", ...). */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Every string of a chart spec made safe for vega and for the SVG it draws:
 * - control and bidirectional formatting characters are shown (controls.ts): XML 1.0 cannot hold
 *   most controls, and an unclosed U+202E in the aria-label that joins every answer would reverse
 *   all the text after it. Shown, not dropped: two answers differing by one stay two bars;
 * - vega looks strings of a spec up in plain objects while parsing it, so a title, an axis
 *   title, a band key or a sort entry that is exactly "constructor", "toString" or "valueOf"
 *   fails with "Operator not defined": each such string gets a zero-width space, which does not show.
 * Every other value is copied as it is.
 */
export function vegaSafe<T>(value: T): T {
  if (typeof value === 'string') {
    const text = showControls(value);
    return (OBJECT_MEMBERS.has(text) ? `${text}\u200B` : text) as T;
  }
  if (Array.isArray(value)) return value.map((v) => vegaSafe(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    // defineProperty: an own "__proto__" key stays a key instead of replacing the prototype.
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: vegaSafe(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/**
 * The most legend columns (up to one row) for which a top legend, which starts at the left edge
 * of the plot, fits within the plot's `width`. Vega sizes each legend column to its widest
 * entry; an entry is the symbol, its gap, the widest line of its label and the column padding.
 */
export function legendColumns(labelWidths: number[], width: number): number {
  const entries = labelWidths.map((w) => w + LEGEND_ENTRY_EXTRA);
  for (let columns = entries.length; columns > 1; columns--) {
    const colWidths = Array.from({ length: columns }, (_, c) => Math.max(0, ...entries.filter((_, i) => i % columns === c)));
    if (colWidths.reduce((s, w) => s + w, 0) <= width) return columns;
  }
  return 1;
}

/** How far a top legend may reach past the plot's right edge, into the chart padding. */
export const LEGEND_OVERHANG = 40;

/** Symbol (about 11 px), the gap to its label (4 px) and the column padding (14 px). */
const LEGEND_ENTRY_EXTRA = 29;

/** Widths of the widest line of each wrapped label key. */
export function keyWidths(keys: string[], fontSize: number = SIZE.label): number[] {
  return keys.map((k) => Math.max(0, ...k.split(LINE_BREAK).map((line) => measureText(line, fontSize))));
}
