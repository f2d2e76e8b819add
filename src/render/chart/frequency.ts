/**
 * Charts of one question's frequency table: horizontal bars (single choice, multi-select, nets)
 * or a donut.
 */
import type { FrequencyRow, FrequencyTable } from '../../spec/result.js';
import {
  GROUP_ANSWERS,
  GROUP_NETS,
  SPLIT_LINES,
  bandAxis,
  bandKeys,
  bandStep,
  linesOf,
  baseText,
  countOf,
  isWeightedCount,
  describe,
  moreThanOneAnswer,
  frame,
  netPanels,
  noAnswerLast,
  percentAxis,
  percentMax,
  resolve,
  subtitleLines,
  netsNotDrawn,
  titleBlock,
  type ChartOptions,
  type ChartResult,
  type Resolved,
} from './common.js';
import { sourceLine } from './source.js';
import { chartMessages } from './messages.js';
import { finite, formatPercent } from './text.js';
import { formatCount } from '../number.js';
import { NET_COLOR, NO_ANSWER_COLOR, barColor, categoryPalette } from './theme.js';
import { isNoAnswer } from '../../codebook/scales.js';

/** Options of {@link frequencyChart}. */
export interface FrequencyChartOptions extends ChartOptions {
  /**
   * Bars, or a donut (only for single-choice questions with at most {@link DONUT_MAX_ANSWERS}
   * answers; otherwise bars are drawn and a warning is returned).
   *
   * __Default value:__ `'bar'`
   */
  type?: 'bar' | 'donut';
  /**
   * Multi-select only: percentages of respondents (`percent`) or of all answers given
   * (`percentOfResponses`).
   *
   * __Default value:__ `'respondents'`
   */
  percentBase?: 'respondents' | 'responses';
  /**
   * A percentage the bars' axis must reach as well as their own largest: the largest of other
   * charts of the same question drawn beside this one (a filtered table and the whole), so that
   * all share one axis and read side by side.
   *
   * __Default value:__ none: the axis fits this chart's bars
   */
  axisPeak?: number;
}

/** A donut with more slices than this cannot be read; such questions get bars. */
export const DONUT_MAX_ANSWERS = 6;

interface Datum {
  key: string;
  answer: string;
  group: string;
  index: number;
  value: number;
  count: number;
  text: string;
  desc: string;
  /** An answer that gives none ("No answer"): drawn last, in grey. */
  noAnswer?: true;
}

/**
 * A chart of one question: horizontal bars in the table's row order with `37%` at the bar
 * ends, or a donut. Nets are drawn in a panel of their own below the answers.
 *
 * @example
 * const { spec, warnings } = frequencyChart(table, { type: 'donut' });
 * const svg = await renderSvg(spec);
 */
export function frequencyChart(table: FrequencyTable, opts: FrequencyChartOptions = {}): ChartResult {
  const warnings: string[] = [];
  const r = resolve(opts);
  const multi = table.type === 'multi';
  // Declared missing answers ("Don't know") are outside the base: their percentages are of
  // everyone asked, so they would not compare with the bars. The description mentions them.
  const inBase = table.rows.filter((row) => row.missing !== true);
  const outside = table.rows.filter((row) => row.missing === true);
  let byResponses = multi && opts.percentBase === 'responses';
  if (byResponses && inBase.some((row) => row.net !== true && row.percentOfResponses === undefined)) {
    warnings.push(chartMessages.noPercentOfResponses(table.question));
    byResponses = false;
  }
  // A net without a share of responses cannot be drawn on a % of responses axis.
  const netsWithout = byResponses ? inBase.filter((row) => row.net === true && row.percentOfResponses === undefined).length : 0;
  if (netsWithout > 0) warnings.push(chartMessages.netsWithoutResponses(table.question, netsWithout));
  if (inBase.length === 0) warnings.push(chartMessages.noAnswers(table.question));

  const responses = table.responses ?? inBase.filter((row) => row.net !== true).reduce((s, row) => s + finite(row.count), 0);
  const unit = byResponses ? '% of responses' : '% of respondents';
  let type = opts.type ?? 'bar';
  const nets = inBase.filter((row) => row.net === true);
  const answers = inBase.length - nets.length;
  if (type === 'donut' && multi) {
    warnings.push(chartMessages.donutMultiSelect(table.question));
    type = 'bar';
  } else if (type === 'donut' && answers > DONUT_MAX_ANSWERS) {
    warnings.push(chartMessages.donutTooManyAnswers(table.question, answers, DONUT_MAX_ANSWERS));
    type = 'bar';
  }
  const leftOut = type === 'donut' ? netsNotDrawn(nets.map((row) => row.label)) : [];
  const subtitle = subtitleLines(
    opts.subtitle,
    [
      byResponses
        ? `n = ${formatCount(responses)} answers from ${formatCount(table.base)} ${r.baseLabel}, % of responses`
        : `${baseText(table.base, r.baseLabel, table.unweightedBase, table.effectiveBase)}, % of respondents${moreThanOneAnswer(multi, inBase.filter((row) => row.net !== true).length)}`,
    ],
    opts.note,
    leftOut,
  );
  const weighted = isWeightedCount(table.base, table.unweightedBase, table.rows.map((row) => row.count));
  const percentOf = (row: FrequencyRow): number => finite(byResponses ? row.percentOfResponses : row.percent);
  const countText = (row: FrequencyRow): string =>
    byResponses ? `${countOf((finite(row.percentOfResponses) * responses) / 100, responses, weighted)} answers` : `${countOf(finite(row.count), table.base, weighted)} respondents`;

  const rows = noAnswerLast(inBase.filter((row) => row.net !== true || (type !== 'donut' && (!byResponses || row.percentOfResponses !== undefined))), (row) => row.label);
  const { keys, lines } = bandKeys(rows.map((row) => row.label), r.labelWidth);
  const data: Datum[] = rows.map((row, i) => {
    const value = percentOf(row);
    const text = formatPercent(value, r.decimals);
    return {
      key: keys[i] ?? row.label,
      answer: row.label,
      group: row.net === true ? GROUP_NETS : GROUP_ANSWERS,
      index: i,
      value,
      count: finite(row.count),
      text,
      desc: `${row.net === true ? 'Net: ' : ''}${row.label}: ${text}${byResponses ? ' of responses' : ''} (${countText(row)})`,
      ...(row.net !== true && isNoAnswer(row.label) ? { noAnswer: true as const } : {}),
    };
  });

  const kind = type === 'donut' ? 'Donut chart' : 'Bar chart';
  const title = opts.title ?? table.label;
  const description =
    opts.description ??
    describe(
      `${kind} of "${title}"`,
      ...subtitle,
      data.map((d) => d.desc).join('; '),
      outside.length === 0 ? '' : `Not charted, outside the base: ${outside.map((row) => `${row.label} (${formatCount(finite(row.count))}, ${formatPercent(finite(row.percent), r.decimals)} of everyone asked)`).join('; ')}`,
    );
  // Nets get a panel of their own only when there are answers to set them apart from.
  const panels = data.some((d) => d.group === GROUP_NETS) && data.some((d) => d.group === GROUP_ANSWERS);
  const peak = Math.max(0, ...data.map((d) => d.value));
  const body = type === 'donut' ? donutBody(data, keys, r) : barBody(data, keys, lines, unit, panels, r, Math.max(peak, finite(opts.axisPeak)));
  const totalWidth = type === 'donut' ? r.labelWidth + 300 : r.labelWidth + r.width;
  return { spec: frame(titleBlock(title, subtitle, totalWidth), description, r.config, body, sourceLine(opts.source, totalWidth)), warnings, ...(type === 'donut' ? {} : { axis: { unit, peak } }) };
}

function barBody(data: Datum[], keys: string[], lines: number, unit: string, hasNets: boolean, r: Resolved, peak: number): Record<string, unknown> {
  const max = percentMax(peak);
  const answerColor = barColor(r.config);
  const noAnswer = data.some((d) => d.noAnswer);
  const view = barView({ keys, allKeys: keys, lines, max, axis: percentAxis(unit, max), color: hasNets ? undefined : answerColor, width: r.width, noAnswer });
  if (hasNets) {
    const layer = view['layer'] as Record<string, Record<string, unknown>>[];
    const bars = layer[0] ?? {};
    bars['encoding'] = {
      ...bars['encoding'],
      color: {
        ...(noAnswer ? { condition: NO_ANSWER_CONDITION } : {}),
        field: 'group',
        type: 'nominal',
        scale: { domain: [GROUP_ANSWERS, GROUP_NETS], range: [answerColor, NET_COLOR] },
        legend: null,
      },
    };
  }
  if (!hasNets) return { data: { values: data }, ...view };
  const answers = data.filter((d) => d.group === GROUP_ANSWERS);
  const nets = data.filter((d) => d.group === GROUP_NETS);
  const step = (ds: Datum[]): number => bandStep(linesOf(ds.map((d) => d.key)));
  return netPanels(view, answers, nets, [step(answers), step(nets)]);
}

/**
 * A view of horizontal bars (field `value`) with value labels (field `text`) at their ends, one
 * band per key in the given order; data is added by the caller.
 */
export function barView(v: {
  keys: string[];
  /** Keys of every panel drawn with this one (they share one label column width). */
  allKeys: string[];
  lines: number;
  max: number;
  axis: Record<string, unknown>;
  color: string | undefined;
  width: number;
  /** Some data have `noAnswer`: their bars are grey. */
  noAnswer?: boolean;
}): Record<string, unknown> {
  return {
    width: v.width,
    height: { step: bandStep(v.lines) },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: v.keys, axis: bandAxis(v.lines, v.allKeys) },
      x: { field: 'value', type: 'quantitative', scale: { domain: [0, v.max], nice: false }, axis: v.axis },
    },
    layer: [
      {
        mark: { type: 'bar', height: 18, ...(v.color === undefined ? {} : { color: v.color }) },
        encoding: {
          description: { field: 'desc' },
          ...(v.noAnswer === true && v.color !== undefined ? { color: { condition: NO_ANSWER_CONDITION, value: v.color } } : {}),
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, aria: false },
        encoding: { text: { field: 'text' } },
      },
    ],
  };
}

/** Bars of answers that give none are grey. */
const NO_ANSWER_CONDITION = { test: 'datum.noAnswer', value: NO_ANSWER_COLOR };

function donutBody(data: Datum[], keys: string[], r: Resolved): Record<string, unknown> {
  // The theme's category colours, but grey for a slice that gives no answer.
  const palette = categoryPalette(r.config, data.filter((d) => !d.noAnswer).length).colors;
  let k = 0;
  const range = data.some((d) => d.noAnswer) ? { range: data.map((d) => (d.noAnswer ? NO_ANSWER_COLOR : palette[k++]!)) } : {};
  return {
    data: { values: data },
    width: 240,
    height: 240,
    encoding: {
      theta: { field: 'value', type: 'quantitative', stack: true },
      order: { field: 'index', type: 'quantitative' },
      color: {
        field: 'key',
        type: 'nominal',
        scale: { domain: keys, ...range },
        legend: { title: null, orient: 'right', labelExpr: SPLIT_LINES },
      },
    },
    layer: [
      {
        mark: { type: 'arc', innerRadius: 64, outerRadius: 104, stroke: '#FFFFFF', strokeWidth: 1.5 },
        encoding: { description: { field: 'desc' } },
      },
      {
        mark: { type: 'text', radius: 121, fontWeight: 'bold', aria: false },
        encoding: { text: { field: 'text' }, color: { value: '#1A1A1A' } },
      },
    ],
  };
}
