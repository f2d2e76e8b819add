/**
 * The source line: where a chart's data came from ("Source: WhatsApp privacy-policy survey,
 * 9–25 Jan 2021 (online form)"), small and grey at the bottom left, as newsrooms and research
 * firms credit theirs, so that a chart copied into a slide or an article keeps it.
 *
 * It is part of the Vega-Lite spec, not drawn onto the SVG afterwards: a spec written with
 * --vega-lite and restyled elsewhere keeps it, and vega's layout makes the room for it. The chart
 * becomes a one-view vconcat whose view has the line as a bottom title: a bottom title framed by
 * the view's bounds starts at their left edge, under the answer labels, where the chart's title
 * starts above them (a text mark in a view of its own would start at the plot's left edge instead).
 *
 * A title wider than the chart would widen it (and push a right-hand legend away from its donut),
 * and only vega's layout knows how wide a chart is. So the spec wraps the line to the width its
 * title wraps to, and `renderSvg` wraps it again to the width the chart is drawn at without it
 * (see fitSource): the spec alone stays a whole chart, the SVG never grows sideways.
 */
import { MUTED, SIZE } from './theme.js';
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
 * it; `usermeta.source` (which vega ignores) holds the line unwrapped, for fitSource.
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

/** The parts of a spec withSource made, when it is one. */
function parts(spec: Spec): { text: string; body: Spec; title: Spec; rest: Spec } | undefined {
  const { usermeta, vconcat, resolve: _resolve, ...rest } = spec as { usermeta?: { source?: unknown }; vconcat?: unknown; resolve?: unknown };
  const text = usermeta?.source;
  if (typeof text !== 'string' || !Array.isArray(vconcat) || vconcat.length !== 1) return undefined;
  const { title, ...body } = vconcat[0] as Spec;
  if (typeof title !== 'object' || title === null) return undefined;
  return { text, body, title: title as Spec, rest };
}

/**
 * What `renderSvg` needs to fit a spec's source line to the chart: the chart without it (to be
 * drawn first, for its width), and the spec with the line wrapped to a width in pixels. Undefined
 * for a spec without a source line.
 */
export function fitSource(spec: Spec): { bare: Spec; fit(width: number): Spec } | undefined {
  const p = parts(spec);
  if (p === undefined) return undefined;
  return {
    bare: { ...p.rest, ...p.body },
    fit(width) {
      const lines = wrapText(p.text, Math.max(width, MIN_WIDTH), SIZE.source);
      return { ...spec, vconcat: [{ ...p.body, title: { ...p.title, text: lines.length === 1 ? lines[0] : lines } }] };
    },
  };
}

/** Narrower than this, a line of a few words would take many lines. */
const MIN_WIDTH = 160;

/** The width of a drawn chart less its padding (the theme's 16 px, or vega's 5 px unset). */
export function drawnWidth(svg: string, spec: Spec): number {
  const width = Number(/^<svg[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);
  const config = spec['config'] as { padding?: unknown } | undefined;
  const padding = spec['padding'] ?? config?.padding ?? 5;
  const sides = typeof padding === 'number' ? 2 * padding : typeof padding === 'object' && padding !== null ? Number((padding as { left?: number }).left ?? 0) + Number((padding as { right?: number }).right ?? 0) : 10;
  return width - sides;
}
