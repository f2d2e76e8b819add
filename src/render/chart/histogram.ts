/**
 * The histogram of a numeric question, drawn from the bins the tabulation computed.
 */
import type { NumericTable } from '../../spec/result.js';
import { baseText, describe, frame, resolve, subtitleLines, titleBlock, type ChartOptions, type ChartResult } from './common.js';
import { sourceLine } from './source.js';
import { chartMessages } from './messages.js';
import { formatStat, measureText, wrapText } from './text.js';
import { formatCount } from '../number.js';
import { SIZE, barColor } from './theme.js';

/** Options of {@link histogramChart}. */
export interface HistogramChartOptions extends ChartOptions {
  /**
   * Title of the value axis: what the numbers are ("Age (years)").
   *
   * __Default value:__ the question's label, or none when it is long (more than one line) and is
   * the chart's title: the title says it just above
   */
  axisTitle?: string;
  /** Height of the plotting area in pixels. __Default value:__ `220` */
  height?: number;
}

/**
 * A histogram: one bar per bin of `table.bins`, counts on top of the bars where they fit, and the mean and
 * median in the subtitle.
 *
 * @example
 * const { spec } = histogramChart(ageTable, { axisTitle: 'Age (years)' });
 */
export function histogramChart(table: NumericTable, opts: HistogramChartOptions = {}): ChartResult {
  const warnings: string[] = [];
  const r = resolve(opts);
  const bins = table.bins ?? [];
  if (bins.length === 0) warnings.push(chartMessages.noBins(table.question));

  const stats = [
    table.mean === null ? null : `mean ${formatStat(table.mean)}`,
    table.median === null ? null : `median ${formatStat(table.median)}`,
    table.sd === null ? null : `SD ${formatStat(table.sd)}`,
  ].filter((s): s is string => s !== null);
  const subtitle = subtitleLines(opts.subtitle, [
    `${baseText(table.n, opts.baseLabel ?? 'valid answers')}${stats.length > 0 ? `; ${stats.join(', ')}` : ''}`,
  ], opts.note);

  // One distinct value is one bin of no width, which draws nothing: its bar is drawn around the
  // value instead, half as wide as the plot, on an axis that marks the value alone.
  const only = bins.length === 1 && bins[0]!.x0 === bins[0]!.x1 ? bins[0]!.x0 : undefined;
  const half = only === undefined ? 0 : Math.max(0.5, Math.abs(only) / 20);
  const data = bins.map((b, i) => {
    // Bins are [x0, x1) except the last, which includes the maximum.
    const range = `${formatStat(b.x0)} to ${i === bins.length - 1 ? '' : 'under '}${formatStat(b.x1)}`;
    return { x0: b.x0 - half, x1: b.x1 + half, mid: b.x0 / 2 + b.x1 / 2, count: b.count, text: formatCount(b.count), desc: `${range}: ${formatCount(b.count)} respondents` };
  });
  const edges = only !== undefined ? [only] : bins.length === 0 ? [] : [...bins.map((b) => b.x0), bins[bins.length - 1]?.x1 ?? 0];
  const domain = only !== undefined ? [only - 2 * half, only + 2 * half] : edges.length > 0 ? [edges[0]!, edges[edges.length - 1]!] : [0, 1];
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const countTicks = ticksTo(maxCount * 1.12);
  // Counts over the bars only when every one fits over its bar: a few printed among many would read as the only ones.
  const span = domain[1]! - domain[0]!;
  const fits = data.every((d) => span > 0 && ((d.x1 - d.x0) / span) * r.width >= measureText(d.text, SIZE.label) + 2);
  const title = opts.title ?? table.label;
  // The question names the values; a long one that is already the chart's title is not said again under the axis.
  const label = wrapText(table.label, r.width, SIZE.label);
  const axisTitle = opts.axisTitle !== undefined ? wrapText(opts.axisTitle, r.width, SIZE.label) : label.length > 1 && title === table.label ? null : label;
  const description = opts.description ?? describe(`Histogram of "${title}"`, ...subtitle, data.map((d) => d.desc).join('; '));
  const body = {
    data: { values: data },
    width: r.width,
    height: opts.height ?? 220,
    encoding: {
      y: {
        field: 'count',
        type: 'quantitative',
        // The scale ends on the axis's last tick: left to vega, it was rounded for ten ticks (to 160)
        // and labelled for five (to 150), an unlabelled stub of axis above the tallest bar.
        scale: { domain: [0, countTicks.at(-1)!], nice: false },
        axis: { title: 'Respondents', format: ',d', values: countTicks, grid: true },
      },
    },
    layer: [
      {
        mark: { type: 'rect', color: barColor(r.config), stroke: '#FFFFFF', strokeWidth: 1 },
        encoding: {
          x: {
            field: 'x0',
            type: 'quantitative',
            scale: { domain, nice: false, zero: false },
            axis: { title: axisTitle === null || axisTitle.length !== 1 ? axisTitle : axisTitle[0], format: ',~g', grid: false, ...(edges.length <= 16 ? { values: edges } : {}) },
          },
          x2: { field: 'x1' },
          description: { field: 'desc' },
        },
      },
      ...(fits
        ? [{ mark: { type: 'text', baseline: 'bottom', dy: -3, aria: false }, encoding: { x: { field: 'mid', type: 'quantitative' }, text: { field: 'text' } } }]
        : []),
    ],
  };
  const width = r.width + 40;
  return { spec: frame(titleBlock(title, subtitle, width), description, r.config, body, sourceLine(opts.source, width)), warnings };
}

/**
 * Ticks of the count axis from 0 to the first tick at or above `top` (the tallest bar and room for
 * its count), at most five steps of 1, 2 or 5 times a power of ten, never less than one respondent.
 */
function ticksTo(top: number): number[] {
  const raw = top / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-9) ?? 10 * power);
  const n = Math.max(1, Math.ceil(top / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => i * step);
}
