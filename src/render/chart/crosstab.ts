/**
 * Charts of a crosstab: 100% stacked bars (one bar per column group) or grouped bars (one group
 * of bars per answer), both from column percentages.
 */
import type { CrosstabTable } from '../../spec/result.js';
import {
  GROUP_ANSWERS,
  LEGEND_OVERHANG,
  GROUP_NETS,
  SPLIT_LINES,
  bandAxis,
  bandKeys,
  bandStep,
  linesOf,
  baseLines,
  baseText,
  countOf,
  isWeightedCount,
  describe,
  moreThanOneAnswer,
  frame,
  keyWidths,
  legendColumns,
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
import { NO_ANSWER_COLOR, SIZE, categoryPalette, divergingColors, sequentialColors, textColorOn } from './theme.js';
import { isNoAnswer, isNonSubstantive } from '../../codebook/scales.js';
import { finite, formatPercent, measureText } from './text.js';
import { roundHalfUp } from '../number.js';

/** Options of {@link crosstabChart}. */
export interface CrosstabChartOptions extends ChartOptions {
  /**
   * `'stacked'`: one 100% bar per column group, split into the row answers.
   * `'grouped'`: for each row answer, one bar per column group.
   * `'heatmap'`: a cell per answer and group, shaded by its percentage: stacked charts of more
   * than {@link HEATMAP_ANSWERS} answers not on a two-sided scale become one (their colours, or
   * shades, could not be told apart).
   *
   * __Default value:__ `'stacked'`
   */
  type?: 'stacked' | 'grouped' | 'heatmap';
  /**
   * The row answers are a scale with two sides (agree .. disagree, a 1-5 rating), listed from
   * the positive or the negative end: stacked segments are then shaded from orange through grey
   * to blue, like the diverging charts, instead of unrelated category colours; answers off the
   * scale ("Don't know") are grey. Answers in an order with one side (`'oneSided'`: "Extremely" ..
   * "Not at all" listed from its strong end, rare .. well done, income or age bands, ranks) are
   * shaded in one hue, darkest first.
   */
  ordered?: 'positiveFirst' | 'negativeFirst' | 'oneSided';
}

/**
 * Cells hidden by disclosure control: a stacked bar ends with their share together (what the
 * column's base and its visible cells tell anyway), a heatmap's cell and a grouped bar show `*`.
 */
const HIDDEN = '*';
const HIDDEN_SEGMENT = 'Hidden (*)';
const HIDDEN_COLOR = '#C8C8C8';

/** Widest legend label line, in pixels. */
const LEGEND_LABEL_WIDTH = 150;
/** Room, in pixels, a segment needs around its value label to show it. */
const SEGMENT_LABEL_MARGIN = 6;

/**
 * A chart of a crosstab from its column percentages (the share of each column group giving
 * each answer). Stacked bars leave nets out, and multi-select crosstabs are always grouped,
 * since their rows overlap and cannot add up to 100%.
 *
 * @example
 * const { spec } = crosstabChart(understandingByGovernment, { type: 'stacked' });
 */
export function crosstabChart(table: CrosstabTable, opts: CrosstabChartOptions = {}): ChartResult {
  const warnings: string[] = [];
  const r = resolve(opts);
  const nets = new Set(table.netRows ?? []);
  // Unasked, more answers than stacked colours (or shades of one hue) can tell apart make a heatmap,
  // which keeps their order; a two-sided scale keeps its diverging shades, orange against blue.
  const twoSided = opts.ordered === 'positiveFirst' || opts.ordered === 'negativeFirst';
  let type = opts.type ?? (table.rowLabels.length - nets.size > HEATMAP_ANSWERS && !twoSided && !unstackable(table) ? 'heatmap' : 'stacked');
  if (type === 'stacked' && unstackable(table)) {
    warnings.push(chartMessages.stackedMulti(table.label, table.multi !== true && table.oneCheckbox === true));
    type = 'grouped';
  }
  const leftOut = type === 'stacked' || type === 'heatmap' ? netsNotDrawn([...nets].map((i) => table.rowLabels[i] ?? '')) : [];
  const subtitle = subtitleLines(opts.subtitle, [
    `${baseText(table.base, `${r.baseLabel} answering both questions`, table.unweightedBase, table.effectiveBase)}, % of each group's respondents${moreThanOneAnswer(table.multi === true, table.rowLabels.length - nets.size)}`,
  ], opts.note, leftOut);
  const title = opts.title ?? table.label;
  const built = type === 'stacked' ? stacked(table, nets, r, warnings, opts.ordered) : type === 'heatmap' ? heatmap(table, nets, r) : grouped(table, nets, r, warnings);
  const kind = type === 'stacked' ? '100% stacked bar chart' : type === 'heatmap' ? 'Heatmap' : 'Grouped bar chart';
  const description = opts.description ?? describe(`${kind} of "${title}"`, ...subtitle, built.descs.join('; '));
  const width = r.labelWidth + r.width;
  return { spec: frame(titleBlock(title, subtitle, width), description, r.config, built.body, sourceLine(opts.source, width)), warnings, drawnAs: `a ${kind.toLowerCase()}` };
}

/**
 * Rows that are no shares of one whole, so cannot stack to 100%: a respondent in several (a
 * multi-select's), or a lone checkbox's ticks alone (its blanks are no row).
 */
export function unstackable(table: CrosstabTable): boolean {
  return table.multi === true || table.oneCheckbox === true;
}

interface Built {
  body: Record<string, unknown>;
  descs: string[];
}

/** A column group's respondents, as the subtitle counts them: a weighted sum is no count of people. */
function groupBase(table: CrosstabTable, c: number): string[] {
  return baseLines(table.columnBases[c] ?? 0, table.unweightedColumnBases?.[c], table.effectiveColumnBases?.[c]);
}

/** The rows drawn as answers (nets aside), those that give no answer last. */
function answerRows(table: CrosstabTable, nets: Set<number>): number[] {
  return noAnswerLast(table.rowLabels.map((_, i) => i).filter((i) => !nets.has(i)), (i) => table.rowLabels[i] ?? '');
}

function pct(table: CrosstabTable, row: number, col: number): number {
  return finite(table.columnPercents[row]?.[col]);
}

function count(table: CrosstabTable, row: number, col: number): number {
  return table.counts[row]?.[col] ?? 0;
}

/** Whether the table's cells are weighted sums, said once for all its cells. */
function weightedTable(table: CrosstabTable): boolean {
  return isWeightedCount(table.base, table.unweightedBase, table.counts.flat());
}

function isHidden(table: CrosstabTable, row: number, col: number): boolean {
  return table.suppressed?.[row]?.[col] === true;
}

function palette(label: string, n: number, r: Resolved, warnings: string[]): string[] {
  const { colors, distinct } = categoryPalette(r.config, n);
  if (n > distinct) warnings.push(chartMessages.tooManyColors(label, n, distinct));
  return colors;
}

/**
 * Colours of stacked answers: on a scale, its shades in order and grey for answers off it ("Don't
 * know"); otherwise category colours, and grey for answers that give none ("No answer").
 */
function segmentColors(labels: readonly string[], ordered: CrosstabChartOptions['ordered'], tableLabel: string, r: Resolved, warnings: string[]): string[] {
  const off = ordered ? isNonSubstantive : isNoAnswer;
  const n = labels.filter((l) => !off(l)).length;
  const shades = ordered === undefined ? palette(tableLabel, n, r, warnings) : ordered === 'oneSided' ? sequentialColors(n) : divergingColors(n);
  if (ordered === 'positiveFirst') shades.reverse();
  let k = 0;
  return labels.map((l) => (off(l) ? NO_ANSWER_COLOR : shades[k++]!));
}

/** A top legend whose wrapped labels fit the chart's width. */
function topLegend(legendKeys: string[], r: Resolved): Record<string, unknown> {
  return {
    title: null,
    orient: 'top',
    direction: 'horizontal',
    columns: legendColumns(keyWidths(legendKeys), r.width + LEGEND_OVERHANG),
    labelExpr: SPLIT_LINES,
  };
}

function stacked(table: CrosstabTable, nets: Set<number>, r: Resolved, warnings: string[], ordered: CrosstabChartOptions['ordered']): Built {
  // Once for the table, not per cell: it reads every count.
  const weighted = weightedTable(table);
  const rows = answerRows(table, nets);
  const { keys: colKeys, lines } = bandKeys(table.columnLabels, r.labelWidth, (c) => groupBase(table, c));
  const anyHidden = rows.some((row) => table.columnLabels.some((_, c) => isHidden(table, row, c)));
  const { keys: segKeys } = bandKeys([...rows.map((i) => table.rowLabels[i] ?? ''), ...(anyHidden ? [HIDDEN_SEGMENT] : [])], LEGEND_LABEL_WIDTH);
  const colors = [...segmentColors(rows.map((i) => table.rowLabels[i] ?? ''), ordered, table.label, r, warnings), ...(anyHidden ? [HIDDEN_COLOR] : [])];
  const data: Record<string, unknown>[] = [];
  const descs: string[] = [];
  table.columnLabels.forEach((colLabel, c) => {
    let start = 0;
    const parts: string[] = [];
    rows.forEach((row, k) => {
      if (isHidden(table, row, c)) {
        parts.push(`${table.rowLabels[row] ?? ''} ${HIDDEN}`);
        return;
      }
      const value = pct(table, row, c);
      const text = formatPercent(value, r.decimals);
      const show = (value * r.width) / 100 >= measureText(text, SIZE.label) + SEGMENT_LABEL_MARGIN;
      parts.push(`${table.rowLabels[row] ?? ''} ${text}`);
      data.push({
        key: colKeys[c],
        segment: segKeys[k],
        start,
        end: start + value,
        mid: start + value / 2,
        value,
        text: show ? text : '',
        textColor: textColorOn(colors[k] ?? '#000000'),
        desc: `${colLabel}: ${table.rowLabels[row] ?? ''} ${text} (${countOf(count(table, row, c), table.columnBases[c] ?? 0, weighted)})`,
      });
      start += value;
    });
    const rest = 100 - start;
    if (rows.some((row) => isHidden(table, row, c)) && rest > 1e-9) {
      const k = segKeys.length - 1;
      data.push({ key: colKeys[c], segment: segKeys[k], start, end: 100, mid: start + rest / 2, value: rest, text: (rest * r.width) / 100 >= measureText(HIDDEN, SIZE.label) + SEGMENT_LABEL_MARGIN ? HIDDEN : '', textColor: textColorOn(HIDDEN_COLOR), desc: `${colLabel}: hidden by disclosure control` });
    }
    descs.push(`${colLabel} (${groupBase(table, c).join(', ')}): ${parts.join(', ')}`);
  });
  const body = {
    data: { values: data },
    width: r.width,
    height: { step: bandStep(lines, 22) },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: colKeys, axis: bandAxis(lines, colKeys) },
    },
    layer: [
      {
        mark: { type: 'bar', height: 22, stroke: '#FFFFFF', strokeWidth: 0.75 },
        encoding: {
          x: { field: 'start', type: 'quantitative', scale: { domain: [0, 100], nice: false }, axis: percentAxis("% of each group's respondents", 100) },
          x2: { field: 'end' },
          color: { field: 'segment', type: 'nominal', scale: { domain: segKeys, range: colors }, legend: topLegend(segKeys, r) },
          description: { field: 'desc' },
        },
      },
      {
        mark: { type: 'text', align: 'center', baseline: 'middle', aria: false },
        encoding: {
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'text' },
          fill: { field: 'textColor', type: 'nominal', scale: null },
        },
      },
    ],
  };
  return { body, descs };
}

/**
 * Past this many unordered answers (nets aside), a stacked chart is drawn as a heatmap. Seven or
 * more share a 100% bar as slivers too thin to print their percentage, in colours past the
 * palette's six most distinct (yellow, black, tints) that the legend cannot tie to them: a
 * region by gender (nine answers) reads as a table.
 */
export const HEATMAP_ANSWERS = 6;
/** Shades of a heatmap's cells, from none to the table's largest percentage. */
const HEATMAP_SHADES = 7;

/**
 * A cell per answer (rows) and group (columns), its percentage written in it and shaded darker
 * the larger it is: twenty heights or fifty states by gender read as a table does.
 */
function heatmap(table: CrosstabTable, nets: Set<number>, r: Resolved): Built {
  // Once for the table, not per cell: it reads every count.
  const weighted = weightedTable(table);
  const rows = answerRows(table, nets);
  const { keys: rowKeys, lines } = bandKeys(rows.map((i) => table.rowLabels[i] ?? ''), r.labelWidth);
  const cell = Math.max(64, Math.min(120, Math.floor(r.width / Math.max(1, table.columnLabels.length))));
  const { keys: colKeys, lines: colLines } = bandKeys(table.columnLabels, cell - 8, (c) => groupBase(table, c));
  const shades = [...sequentialColors(HEATMAP_SHADES)].reverse();
  let max = 0;
  // Shaded by the percentage as printed: two cells that both read 13% get one shade.
  const printed = (row: number, c: number) => roundHalfUp(pct(table, row, c), r.decimals);
  for (const row of rows) table.columnLabels.forEach((_, c) => (max = Math.max(max, printed(row, c))));
  const data: Record<string, unknown>[] = [];
  const descs: string[] = [];
  rows.forEach((row, k) => {
    const parts: string[] = [];
    table.columnLabels.forEach((colLabel, c) => {
      const hidden = isHidden(table, row, c);
      const value = pct(table, row, c);
      const text = hidden ? HIDDEN : formatPercent(value, r.decimals);
      const fill = hidden ? HIDDEN_COLOR : shades[max > 0 ? Math.round((printed(row, c) / max) * (HEATMAP_SHADES - 1)) : 0]!;
      parts.push(`${colLabel} ${text}`);
      const of = hidden ? 'hidden by disclosure control' : countOf(count(table, row, c), table.columnBases[c] ?? 0, weighted);
      data.push({ key: rowKeys[k], column: colKeys[c], text, fill, textColor: textColorOn(fill), desc: `${table.rowLabels[row] ?? ''}, ${colLabel}: ${text} (${of})` });
    });
    descs.push(`${table.rowLabels[row] ?? ''}: ${parts.join(', ')}`);
  });
  const body = {
    data: { values: data },
    width: { step: cell },
    height: { step: bandStep(lines, 18) },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: rowKeys, axis: bandAxis(lines, rowKeys) },
      x: { field: 'column', type: 'nominal', sort: colKeys, axis: { orient: 'top', title: null, labelAngle: 0, labelExpr: SPLIT_LINES, labelBaseline: 'bottom', labelLineHeight: SIZE.lineHeight, labelPadding: 4 + (colLines - 1) * SIZE.lineHeight, domain: false, ticks: false } },
    },
    layer: [
      { mark: { type: 'rect', stroke: '#FFFFFF', strokeWidth: 1 }, encoding: { fill: { field: 'fill', type: 'nominal', scale: null }, description: { field: 'desc' } } },
      { mark: { type: 'text', align: 'center', baseline: 'middle', aria: false }, encoding: { text: { field: 'text' }, fill: { field: 'textColor', type: 'nominal', scale: null } } },
    ],
  };
  return { body, descs };
}

function grouped(table: CrosstabTable, nets: Set<number>, r: Resolved, warnings: string[]): Built {
  // Once for the table, not per cell: it reads every count.
  const weighted = weightedTable(table);
  const order = noAnswerLast([...table.rowLabels.keys()], (i) => table.rowLabels[i] ?? '');
  const { keys: rowKeys, lines } = bandKeys(table.rowLabels, r.labelWidth);
  const { keys: colKeys } = bandKeys(
    table.columnLabels.map((l, c) => `${l} (${groupBase(table, c).join(', ').replace(/ = /g, '\u00A0=\u00A0')})`),
    LEGEND_LABEL_WIDTH,
  );
  const colors = palette(table.label, table.columnLabels.length, r, warnings);
  const data: Record<string, unknown>[] = [];
  const descs: string[] = [];
  let max = 0;
  for (const row of order) {
    const parts: string[] = [];
    table.columnLabels.forEach((colLabel, c) => {
      const hidden = isHidden(table, row, c);
      const value = pct(table, row, c);
      max = Math.max(max, value);
      const text = hidden ? HIDDEN : formatPercent(value, r.decimals);
      parts.push(`${colLabel} ${text}`);
      data.push({
        key: rowKeys[row],
        column: colKeys[c],
        group: nets.has(row) ? GROUP_NETS : GROUP_ANSWERS,
        value,
        text,
        desc: `${nets.has(row) ? 'Net: ' : ''}${table.rowLabels[row] ?? ''}, ${colLabel}: ${text} (${hidden ? 'hidden by disclosure control' : countOf(count(table, row, c), table.columnBases[c] ?? 0, weighted)})`,
      });
    });
    descs.push(`${nets.has(row) ? 'Net: ' : ''}${table.rowLabels[row] ?? ''}: ${parts.join(', ')}`);
  }
  const bar = 16;
  const xMax = percentMax(max);
  const step = (ls: number): number => Math.max(bandStep(ls), table.columnLabels.length * bar + 14);
  const view = {
    width: r.width,
    height: { step: step(lines), for: 'position' },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: order.map((i) => rowKeys[i]), axis: bandAxis(lines, rowKeys), scale: { paddingInner: 0.22 } },
      yOffset: { field: 'column', type: 'nominal', sort: colKeys, scale: { paddingInner: 0.08 } },
      x: { field: 'value', type: 'quantitative', scale: { domain: [0, xMax], nice: false }, axis: percentAxis("% of each group's respondents", xMax) },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'column', type: 'nominal', scale: { domain: colKeys, range: colors }, legend: topLegend(colKeys, r) },
          description: { field: 'desc' },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 10, aria: false },
        encoding: { text: { field: 'text' } },
      },
    ],
  };
  const answers = data.filter((d) => d['group'] === GROUP_ANSWERS);
  const netData = data.filter((d) => d['group'] === GROUP_NETS);
  const panelLines = (ds: Record<string, unknown>[]): number => linesOf([...new Set(ds.map((d) => String(d['key'])))]);
  const body =
    nets.size > 0 ? netPanels(view, answers, netData, [step(panelLines(answers)), step(panelLines(netData))]) : { data: { values: data }, ...view };
  return { body, descs };
}
