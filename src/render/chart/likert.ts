/**
 * Diverging stacked bars for a grid of items answered on one scale (a Likert battery).
 */
import { gridTitle } from '../title.js';
import type { FrequencyRow, FrequencyTable } from '../../spec/result.js';
import {
  LEGEND_OVERHANG,
  SPLIT_LINES,
  bandAxis,
  bandKeys,
  bandStep,
  baseLines,
  baseText,
  countOf,
  describe,
  frame,
  isWeightedCount,
  keyWidths,
  legendColumns,
  noAnswerLast,
  percentAxis,
  resolve,
  subtitleLines,
  titleBlock,
  type ChartOptions,
  type ChartResult,
} from './common.js';
import { sourceLine } from './source.js';
import { chartMessages } from './messages.js';
import { MUTED, NO_ANSWER_COLOR, SIZE, divergingColors, sequentialColors, textColorOn } from './theme.js';
import { isNoAnswer, isNonSubstantive } from '../../codebook/scales.js';
import { finite, formatPercent, measureText, wrapText } from './text.js';
import { formatCount } from '../number.js';

/** Options of {@link likertChart}. */
export interface LikertChartOptions extends ChartOptions {
  /**
   * The scale is listed from its positive end ("Very favorably" first), as its tables list it: the
   * bars run in that order, the positive end on the left in blue, as the stacked crosstabs of its
   * items do (`ordered: 'positiveFirst'`), so that one scale reads the same way in every chart.
   * Otherwise the negative end is on the left, in orange.
   *
   * __Default value:__ `false`
   */
  positiveFirst?: boolean;
  /** Print each side's total (without the neutral middle) at the bar ends. __Default value:__ `true` */
  totals?: boolean;
  /**
   * A one-sided scale ("Extremely" .. "Not at all", "Every day" .. "Never"), listed from its strong
   * end: bars stacked from 0 to 100% in scale order, shades of one hue, darkest first. It has no
   * middle to centre on: a diverging chart would set "Somewhat" against "Very".
   *
   * __Default value:__ `false`
   */
  oneSided?: boolean;
}

/** Widest legend label line, in pixels: scale points are short, so two lines suffice. */
const LEGEND_LABEL_WIDTH = 90;
/** Battery charts are wider than single bars, so that the legend fits in one row. */
const DEFAULT_LIKERT_WIDTH = 480;
/** Room, in pixels, a segment needs around its value label to show it. */
const SEGMENT_LABEL_MARGIN = 6;

/**
 * One diverging bar per grid item, centred on the neutral point: the middle option for an odd
 * number of options (half of it drawn on each side), or between the two middle options for an
 * even number. Nets are left out: they would count answers twice. A one-sided scale (`oneSided`)
 * is stacked from 0 instead.
 *
 * @param tables one frequency table per item, each listing the same options in scale order.
 * @example
 * const { spec } = likertChart(grid.items.map((item) => tableOf(item)), { positiveFirst: true });
 */
export function likertChart(tables: FrequencyTable[], opts: LikertChartOptions = {}): ChartResult {
  const warnings: string[] = [];
  const r = resolve({ ...opts, width: opts.width ?? DEFAULT_LIKERT_WIDTH });
  const first = tables[0];
  if (first === undefined) warnings.push(chartMessages.likertEmpty());
  // Nets would count answers twice, and declared missing answers are outside the base.
  const labels = (rows: readonly FrequencyRow[]) => noAnswerLast(rows.filter((row) => row.net !== true && row.missing !== true).map((row) => row.label), (l) => l);
  const oneSided = opts.oneSided === true;
  // Off the scale ("Don't know", "No answer"): a diverging bar has no side for them, so each gets a
  // column of its own right of the bars, on the same scale: the reader sees which item has many
  // (a range in a note could not say which) and each row adds up to 100%. Answers nobody gave are left out.
  const offScale = (label: string) => !oneSided && isNonSubstantive(label);
  const onScale = (rows: readonly FrequencyRow[]) => labels(rows).filter((l) => !offScale(l));
  const given = (label: string) => tables.some((t) => t.rows.some((row) => row.label === label && row.net !== true && row.missing !== true && finite(row.count) > 0));
  const asides = noAnswerLast([...new Set(tables.flatMap((t) => labels(t.rows)))].filter((l) => offScale(l) && given(l)), (l) => l);
  const options = onScale(first?.rows ?? []);
  const k = options.length;
  // A one-sided bar runs to 100%, so it can end with "No answer", grey as in every chart; a diverging one cannot.
  const shades = oneSided ? sequentialColors(options.filter((o) => !isNoAnswer(o)).length) : divergingColors(k);
  if (opts.positiveFirst === true && !oneSided) shades.reverse();
  let shade = 0;
  const colors = options.map((o) => (oneSided && isNoAnswer(o) ? NO_ANSWER_COLOR : shades[shade++]!));
  const { keys: optionKeys } = bandKeys(options, LEGEND_LABEL_WIDTH);

  // Each item's respondents (a weighted sum is no count of people), then, when weighted, its weighted
  // and effective base, as a crosstab chart gives each group's: said once in the subtitle when every item has the same.
  const bases = tables.map((t) => t.unweightedBase ?? t.base);
  const itemBases = tables.map((t) => baseLines(t.base, t.unweightedBase, t.effectiveBase));
  const sameBase = itemBases.every((b) => b.join('\n') === itemBases[0]?.join('\n'));
  const weighted = itemBases.some((b) => b.length > 1);
  const { keys: itemKeys, lines } = bandKeys(
    tables.map((t) => t.item ?? t.label),
    r.labelWidth,
    (i) => (sameBase ? [] : (itemBases[i] ?? [])),
  );

  const half = oneSided ? 0 : Math.floor(k / 2);
  const odd = k % 2 === 1;
  const data: Record<string, unknown>[] = [];
  const totals: { key: string; x: number; text: string; side: 'left' | 'right' }[] = [];
  const descs: string[] = [];
  const asideData: { key: string; answer: string; value: number; text: string; desc: string }[] = [];
  let extent = 0;
  const items = tables.map((t, i) => {
    const answers = t.rows.filter((row) => row.net !== true && row.missing !== true);
    if (i > 0 && onScale(answers).join('\u0000') !== options.join('\u0000')) {
      warnings.push(chartMessages.likertOptionsDiffer(t.item ?? t.label));
    }
    const values = options.map((o) => finite(answers.find((row) => row.label === o)?.percent));
    const counts = options.map((o) => answers.find((row) => row.label === o)?.count ?? 0);
    const aside = asides.map((a) => answers.find((row) => row.label === a));
    const sum = (from: number, to: number): number => values.slice(from, to).reduce((s, v) => s + v, 0);
    const left = oneSided ? 0 : sum(0, half) + (odd ? (values[half] ?? 0) / 2 : 0);
    const right = sum(0, k) - left;
    extent = Math.max(extent, left, right);
    const weightedItem = isWeightedCount(t.base, t.unweightedBase, t.rows.map((row) => row.count));
    return { t, key: itemKeys[i] ?? '', base: itemBases[i] ?? [], values, counts, weighted: weightedItem, aside, left, leftTotal: sum(0, half), rightTotal: sum(k - half, k) };
  });
  // Room on each side for the bars and their totals, up to the next tick.
  const room = extent * 1.1 + (opts.totals === false ? 2 : 9);
  const domainMax = oneSided ? 100 : Math.min(100, Math.ceil(room / likertStep(room)) * likertStep(room));
  // Past 100% only to make room for the totals at a bar near it: on the left they would run into the item labels.
  const reach = oneSided ? 100 : Math.max(domainMax, room);
  const pxPerPercent = r.width / ((oneSided ? 1 : 2) * reach);

  for (const it of items) {
    let start = -it.left;
    const parts: string[] = [];
    options.forEach((option, j) => {
      const value = it.values[j] ?? 0;
      const text = formatPercent(value, r.decimals);
      parts.push(`${option} ${text}`);
      data.push({
        key: it.key,
        option: optionKeys[j],
        start,
        end: start + value,
        mid: start + value / 2,
        value,
        text: value * pxPerPercent >= measureText(text, SIZE.label) + SEGMENT_LABEL_MARGIN ? text : '',
        textColor: textColorOn(colors[j] ?? '#000000'),
        desc: `${it.t.item ?? it.t.label}: ${option} ${text} (${countOf(it.counts[j] ?? 0, it.t.base, it.weighted)})`,
      });
      start += value;
    });
    if (opts.totals !== false && half > 0) {
      totals.push({ key: it.key, x: -it.left, text: formatPercent(it.leftTotal, r.decimals), side: 'left' });
      totals.push({ key: it.key, x: start, text: formatPercent(it.rightTotal, r.decimals), side: 'right' });
    }
    asides.forEach((label, j) => {
      const row = it.aside[j];
      const value = finite(row?.percent);
      const text = formatPercent(value, r.decimals);
      parts.push(`${label} ${text}`);
      asideData.push({ key: it.key, answer: label, value, text, desc: `${it.t.item ?? it.t.label}: ${label} ${text} (${countOf(finite(row?.count), it.t.base, it.weighted)})` });
    });
    descs.push(`${it.t.item ?? it.t.label}${sameBase ? '' : ` (${it.base.join(', ')})`}: ${parts.join(', ')}`);
  }

  const questionLabel = first === undefined ? '' : gridTitle(first);
  const title = opts.title ?? questionLabel;
  const minBase = Math.min(...bases);
  const maxBase = Math.max(...bases);
  const subtitle = subtitleLines(
    opts.subtitle,
    [
      tables.length === 0 || sameBase
        ? `${baseText(first?.base ?? 0, r.baseLabel, first?.unweightedBase, first?.effectiveBase)}, % of respondents`
        : // Items of one count of respondents can still differ in their weighted or effective bases (under each item).
          `n = ${formatCount(minBase)}${maxBase !== minBase ? `–${formatCount(maxBase)}` : ''} ${r.baseLabel} per item${weighted ? ', weighted' : ''}, % of respondents`,
    ],
    opts.note,
  );
  const centre =
    k === 0 || oneSided ? '' : odd ? `Bars are centred on the middle answer, "${options[half] ?? ''}". ` : `Bars are centred between "${options[half - 1] ?? ''}" and "${options[half] ?? ''}". `;
  const description =
    opts.description ?? describe(`${oneSided ? 'Stacked' : 'Diverging stacked'} bar chart of "${title}"`, ...subtitle, centre, descs.join('; '));

  const x = { type: 'quantitative', scale: { domain: [oneSided ? 0 : -reach, reach], nice: false } } as const;
  const step = bandStep(lines, 22);
  const columns = asides.map((label) => asideColumn(label, asideData.filter((d) => d.answer === label), itemKeys, step, pxPerPercent));
  const main = {
    width: r.width,
    height: { step },
    layer: [
      // The zero line first, so that bars cover it and it shows between them.
      {
        data: { values: [{ x: 0 }] },
        mark: { type: 'rule', color: '#595959', strokeWidth: 1, aria: false },
        encoding: { x: { ...x, field: 'x' } },
      },
      {
        data: { values: data },
        encoding: { y: { field: 'key', type: 'nominal', sort: itemKeys, axis: bandAxis(lines, itemKeys) } },
        layer: [
          {
            mark: { type: 'bar', height: 22, stroke: '#FFFFFF', strokeWidth: 0.75 },
            encoding: {
              x: { ...x, field: 'start', axis: percentAxis('% of respondents', domainMax, { labelExpr: "abs(datum.value) + '%'", values: oneSided ? [0, 25, 50, 75, 100] : likertTicks(domainMax) }) },
              x2: { field: 'end' },
              color: {
                field: 'option',
                type: 'nominal',
                scale: { domain: optionKeys, range: colors },
                legend: {
                  title: null,
                  orient: 'top',
                  direction: 'horizontal',
                  columns: legendColumns(keyWidths(optionKeys), r.width + LEGEND_OVERHANG),
                  labelExpr: SPLIT_LINES,
                },
              },
              description: { field: 'desc' },
            },
          },
          {
            mark: { type: 'text', align: 'center', baseline: 'middle', aria: false },
            encoding: {
              x: { ...x, field: 'mid' },
              text: { field: 'text' },
              fill: { field: 'textColor', type: 'nominal', scale: null },
            },
          },
        ],
      },
      // Each side's total, just beyond the end of the bar.
      ...(['left', 'right'] as const).flatMap((side) =>
        totals.length === 0
          ? []
          : [
              {
                data: { values: totals.filter((t) => t.side === side) },
                mark: { type: 'text', baseline: 'middle', fontWeight: 'bold', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -5 : 5, aria: false },
                encoding: {
                  y: { field: 'key', type: 'nominal', sort: itemKeys },
                  x: { ...x, field: 'x' },
                  text: { field: 'text' },
                },
              },
            ],
      ),
    ],
  };
  const body = columns.length === 0 ? main : { hconcat: [main, ...columns.map((c) => c.view)], spacing: ASIDE_SPACING };
  const width = r.labelWidth + r.width + columns.reduce((w, c) => w + ASIDE_SPACING + c.width, 0);
  return { spec: frame(titleBlock(title, subtitle, width), description, r.config, body, sourceLine(opts.source, width)), warnings };
}

/** Room, in pixels, between the diverging bars and each off-scale column. */
const ASIDE_SPACING = 16;
/** Widest line of an off-scale column's heading, in pixels. */
const ASIDE_HEADING_WIDTH = 70;

/**
 * The column of one off-scale answer ("No answer"): its share of each item's base as a grey bar
 * on the diverging bars' scale (pixels per percent), its value beside it, its label as a heading.
 */
function asideColumn(
  label: string,
  data: readonly { key: string; value: number; text: string; desc: string }[],
  itemKeys: string[],
  step: number,
  pxPerPercent: number,
): { view: Record<string, unknown>; width: number } {
  const heading = wrapText(label, ASIDE_HEADING_WIDTH, SIZE.label, true);
  const bars = Math.max(0, ...data.map((d) => d.value * pxPerPercent + 4 + measureText(d.text, SIZE.label)));
  const width = Math.ceil(Math.max(bars, ...heading.map((l) => measureText(l, SIZE.label, true)))) + 2;
  const x = { type: 'quantitative', scale: { domain: [0, width / pxPerPercent], nice: false }, axis: null } as const;
  const view = {
    title: { text: heading.length === 1 ? heading[0] : heading, fontSize: SIZE.label, fontWeight: 'bold', color: MUTED, anchor: 'start', frame: 'group', offset: 6, lineHeight: SIZE.lineHeight },
    data: { values: data },
    width,
    height: { step },
    encoding: { y: { field: 'key', type: 'nominal', sort: itemKeys, axis: null } },
    layer: [
      { mark: { type: 'bar', height: 22, color: NO_ANSWER_COLOR }, encoding: { x: { ...x, field: 'value' }, description: { field: 'desc' } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, aria: false }, encoding: { x: { ...x, field: 'value' }, text: { field: 'text' } } },
    ],
  };
  return { view, width };
}

/** The tick step of a diverging axis reaching `max`% on each side. */
function likertStep(max: number): number {
  return max > 80 ? 25 : max > 40 ? 20 : 10;
}

/** Ticks on both sides of zero. */
function likertTicks(max: number): number[] {
  const step = likertStep(max);
  const n = Math.floor(max / step);
  return Array.from({ length: 2 * n + 1 }, (_, i) => (i - n) * step);
}
