/**
 * The source line: where a chart's data came from ("Source: WhatsApp privacy-policy survey,
 * 9–25 Jan 2021 (online form)"), small and grey at the bottom left, as newsrooms and research
 * firms credit theirs, so that a chart copied into a slide or an article keeps it.
 *
 * It is part of the Vega-Lite spec, so that a spec written with --vega-lite and restyled
 * elsewhere keeps it: the chart becomes a one-view vconcat whose view has the line as a bottom
 * title (framed by the view's bounds, it starts at their left edge, under the answer labels, where
 * the chart's title starts above them), wrapped to the width the chart's title wraps to.
 *
 * That width is the builder's estimate, often wider than the chart vega draws (a line that wide
 * would widen the chart and push a right-hand legend away from its donut), and only vega's layout
 * knows the drawn width. So `renderSvg` draws the chart without the line and then sets the line
 * under it, wrapped to the drawn width, as vega sets a bottom title (drawSource): one layout, and
 * the SVG never grows sideways.
 */
import { FONT, MUTED, SIZE } from './theme.js';
import { escapeXml } from '../sanitize.js';
import { wrapText } from './text.js';

/** A source line wrapped for a chart. */
export interface SourceLine {
  /** As given, for the chart's description. */
  text: string;
  lines: string[];
}

/** Space between the chart's lowest text (an axis title) and the source line. */
const OFFSET = 16;

/**
 * The source line wrapped to `width` (the width the chart's title wraps to), or undefined when
 * there is none: an unset or blank source draws nothing, so the chart is byte for byte as before.
 */
export function sourceLine(source: string | undefined, width: number): SourceLine | undefined {
  const text = source?.trim() ?? '';
  if (text === '') return undefined;
  return { text, lines: wrapText(text, width, SIZE.source) };
}

/**
 * The chart's body (everything but its title, description and config) with the source line under
 * it; `usermeta.source` (which vega ignores) holds the line unwrapped, for drawSource.
 */
export function withSource(body: Record<string, unknown>, source: SourceLine | undefined): Record<string, unknown> {
  if (source === undefined) return body;
  const title = {
    text: source.lines.length === 1 ? source.lines[0] : source.lines,
    orient: 'bottom',
    anchor: 'start',
    frame: 'bounds',
    fontSize: SIZE.source,
    fontWeight: 'normal',
    color: MUTED,
    lineHeight: SIZE.sourceLineHeight,
    offset: OFFSET,
  };
  return { usermeta: { source: source.text }, vconcat: [{ ...body, title }], resolve: { legend: OWN_LEGENDS } };
}

/**
 * The view keeps its legends: lifted to the vconcat, a right-hand legend would be placed beside
 * the view and its source line, not beside the view's plot.
 */
const OWN_LEGENDS = Object.fromEntries(['color', 'fill', 'stroke', 'opacity', 'fillOpacity', 'strokeOpacity', 'shape', 'size', 'strokeWidth', 'strokeDash', 'angle'].map((c) => [c, 'independent']));

type Spec = Record<string, unknown>;

/** A spec's source line (see withSource), and the chart without it, which is what vega draws. */
export interface DrawnSource {
  text: string;
  bare: Spec;
  /** The chart's padding, left and bottom: the line starts where the title does. */
  left: number;
  bottom: number;
}

/** The source line of a spec withSource made, or undefined for a spec without one. */
export function sourceOf(spec: Spec): DrawnSource | undefined {
  const { usermeta, vconcat, resolve: _resolve, ...rest } = spec as { usermeta?: { source?: unknown }; vconcat?: unknown; resolve?: unknown };
  const text = usermeta?.source;
  if (typeof text !== 'string' || !Array.isArray(vconcat) || vconcat.length !== 1) return undefined;
  const { title: _title, ...body } = vconcat[0] as Spec;
  const bare: Spec = { ...rest, ...body };
  const config = bare['config'] as { padding?: unknown } | undefined;
  // vega's own padding when a spec sets none is 5.
  const padding = (bare['padding'] ?? config?.padding ?? 5) as number | { left?: number; bottom?: number };
  const side = (k: 'left' | 'bottom') => (typeof padding === 'number' ? padding : Number(padding?.[k] ?? 0));
  return { text, bare, left: side('left'), bottom: side('bottom') };
}

/**
 * The SVG of the chart with its source line drawn under it, as vega draws a bottom title:
 * wrapped to the width the chart was drawn at (so it never widens it), and the SVG made taller.
 * Drawn here rather than by vega, which would have to lay the chart out twice: once to find its
 * width and again with the line wrapped to it (a third of a report's time with ten charts).
 */
export function drawSource(svg: string, source: DrawnSource): string {
  const size = /^<svg[^>]*?\swidth="([\d.]+)" height="([\d.]+)"/.exec(svg);
  if (size === null) return svg;
  const width = Number(size[1]);
  const height = Number(size[2]);
  const lines = wrapText(source.text, Math.max(width - 2 * source.left, MIN_WIDTH), SIZE.source);
  // The top of the line's first row, below the chart's lowest text; vega sets text by its top.
  const top = height - source.bottom + OFFSET;
  const taller = height + OFFSET + SIZE.source + (lines.length - 1) * SIZE.sourceLineHeight;
  const rows = lines.map((l, i) => (i === 0 ? `<tspan>${escapeXml(l)}</tspan>` : `<tspan x="0" dy="${SIZE.sourceLineHeight}">${escapeXml(l)}</tspan>`)).join('');
  const text = `<g class="mark-text role-source" aria-hidden="true"><text text-anchor="start" transform="translate(${source.left},${top + ASCENT * SIZE.source})" font-family="${escapeXml(FONT)}" font-size="${SIZE.source}px" fill="${MUTED}">${lines.length === 1 ? escapeXml(lines[0]!) : rows}</text></g>`;
  const resized = svg
    .replace(/^(<svg[^>]*?\swidth="[\d.]+" height=")[\d.]+(" viewBox="0 0 [\d.]+ )[\d.]+"/, `$1${taller}$2${taller}"`)
    .replace(/(<rect width="[\d.]+" height=")[\d.]+(")/, `$1${taller}$2`);
  const close = resized.lastIndexOf('</svg>');
  return `${resized.slice(0, close)}${text}${resized.slice(close)}`;
}

/** Where vega puts the baseline of a line of text set by its top, in font sizes. */
const ASCENT = 0.8;

/** Narrower than this, a line of a few words would take many lines. */
const MIN_WIDTH = 160;
