/**
 * Which chart each table gets: the spec's choice where it made one, otherwise
 * what a research firm would draw (bars for choices, 100% stacked bars for
 * crosstabs, diverging bars for grids on a recognised scale, histograms for numbers).
 */
import type { Config } from 'vega-lite';
import type { ChartSpec } from '../spec/analysis.js';
import type { Question } from '../spec/codebook.js';
import type { FrequencyTable, Table } from '../spec/result.js';
import { isNoAnswer, isNonSubstantive } from '../codebook/scales.js';
import { crosstabChart, frequencyChart, histogramChart, likertChart, type ChartResult } from '../render/chart/spec.js';
import { unstackable } from '../render/chart/crosstab.js';
import { chartMessages } from '../render/chart/messages.js';
import { isOneCheckbox, ONE_CHECKBOX_LINE } from '../render/table/total.js';
import { formatPercent } from '../render/chart/text.js';

export interface ChartContext {
  chart?: ChartSpec | undefined;
  baseLabel?: string | undefined;
  title?: string | undefined;
  /** A crosstab's row question: a scale with two sides colours its stacked segments in order. */
  rowQuestion?: Question | undefined;
  /** The table's filter, said under the subtitle: a chart of some rows must not pass for all of them. */
  filter?: string | undefined;
  /** Frequency bars: a percentage their axis must reach, shared with the other charts of the question. */
  axisPeak?: number | undefined;
  /** The source line under the chart (see chartSource). */
  source?: string | undefined;
}

/**
 * A chart's source line: its own (`chart: { source: ... }`), none where it says `source: false`,
 * else the run's (the spec's top-level `source`, analyze's --source).
 */
export function chartSource(own: string | false | undefined, fallback: string | undefined): string | undefined {
  return own === false ? undefined : (own ?? fallback);
}

/** The note under a chart's subtitle: the rows it holds, then what it leaves out. */
function notes(ctx: ChartContext, ...more: string[]): { note?: string[] } {
  const lines = [...(ctx.filter !== undefined ? [`Only rows where ${ctx.filter}`] : []), ...more];
  return lines.length > 0 ? { note: lines } : {};
}

/** Ordered answers with no two sides to diverge from: yes/no, and counts ("Once", "Twice"). */
const NO_SIDES = new Set(['yesNo', 'count', 'codes']);
/** Answers in an order but with no good and bad sides (rare .. well done, a school degree): shaded in one hue when stacked. */
const ORDER_ONLY = new Set(['count', 'education', 'skill', 'doneness', 'time']);
/**
 * Scales that run from a lot of something to none of it ("Extremely" .. "Not at all"), listed
 * from the strong end. With an even number of points they split into two sides ("very" and
 * "somewhat" X against "not very" and "not at all" X); with an odd number the middle is "Somewhat
 * X", not a neutral point, and a diverging chart would set it apart as one.
 */
const STRONG_TO_NONE = new Set(['understanding', 'amount', 'familiarity', 'concern', 'intensity', 'importance']);

/**
 * A one-sided scale, drawn as stacked bars from 0 to 100% rather than diverging: how often
 * ("Every day" .. "Never", whose middle splits nothing), or a strong-to-none scale of an odd
 * number of points. A scale with a neutral middle, or running to "unimportant", has two sides.
 */
function isOneSided(q: Question): boolean {
  if (q.scale === 'frequency') return true;
  if (q.scale === undefined || !STRONG_TO_NONE.has(q.scale)) return false;
  // A neutral middle ("Neither important nor unimportant"), or answers running to their opposite, make two sides.
  if (q.options.some((o) => /\b(neither|neutral|unimportant)\b/i.test(o))) return false;
  return q.options.filter((o) => !isNonSubstantive(o)).length % 2 === 1;
}

/** Scales whose first answer is the positive end: every chart draws them in that order, the positive end first (left), in blue. */
const POSITIVE_FIRST = new Set(['agreement', 'trueFalse', 'masculinity', 'understanding', 'amount', 'frequency', 'importance', 'likelihood', 'satisfaction', 'quality', 'favourability', 'familiarity', 'concern', 'intensity']);

/** The chart types each kind of table can be drawn as; another asked for is told, not drawn silently as something else. */
const FITS: Record<'frequency' | 'crosstab' | 'numeric' | 'grid', readonly string[]> = {
  frequency: ['bar', 'donut'],
  crosstab: ['grouped', 'stacked', 'heatmap'],
  numeric: ['histogram'],
  grid: ['likert', 'bar'],
};
const KIND_NAME = { frequency: 'frequency table', crosstab: 'crosstab', numeric: 'table of numbers', grid: "grid's table" } as const;

function withUnfitType(chart: ChartResult | null, asked: string | undefined, kind: keyof typeof FITS, label: string, drawn: string): ChartResult | null {
  if (chart === null || asked === undefined || FITS[kind].includes(asked)) return chart;
  return { ...chart, warnings: [...chart.warnings, chartMessages.typeUnfit(label, asked, KIND_NAME[kind], FITS[kind], drawn)] };
}

export function chartForTable(table: Table, ctx: ChartContext): ChartResult | null {
  const chart = drawTable(table, ctx);
  const asked = ctx.chart?.type;
  // A grid item asked for diverging bars is told once, for its grid (report/artifacts.ts).
  if (table.kind === 'frequency') return withUnfitType(chart, table.item !== undefined && asked === 'likert' ? undefined : asked, 'frequency', table.label, 'bars');
  // What a crosstab is drawn as unasked depends on its answers: the chart says what it chose.
  if (table.kind === 'crosstab') return withUnfitType(chart, asked, 'crosstab', table.label, chart?.drawnAs ?? 'a chart');
  if (table.kind === 'numeric') return withUnfitType(chart, asked, 'numeric', table.label, 'a histogram');
  return chart;
}

function drawTable(table: Table, ctx: ChartContext): ChartResult | null {
  const spec = ctx.chart ?? {};
  const common = {
    ...(ctx.baseLabel ? { baseLabel: ctx.baseLabel } : {}),
    ...(ctx.title ? { title: ctx.title } : {}),
    ...(spec.config ? { config: spec.config as Config } : {}),
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
  };
  switch (table.kind) {
    case 'frequency': {
      // Suppressed rows have no value to draw: they are named under the subtitle, so no answer vanishes unsaid.
      const visible = { ...table, rows: table.rows.filter((r) => r.count !== null && !r.suppressed) };
      if (visible.rows.every((r) => r.count === 0)) return null;
      const hidden = table.rows.filter((r) => r.suppressed && !r.missing).map((r) => r.label);
      const oneBox = isOneCheckbox(table) ? [ONE_CHECKBOX_LINE] : [];
      const note = notes(ctx, ...oneBox, ...(hidden.length > 0 ? [`Hidden by disclosure control (*): ${hidden.join(', ')}`] : []));
      return frequencyChart(visible, { ...common, ...note, type: spec.type === 'donut' ? 'donut' : 'bar', percentBase: spec.percentBase ?? 'respondents', ...(ctx.axisPeak === undefined ? {} : { axisPeak: ctx.axisPeak }) });
    }
    case 'crosstab': {
      if (table.base === 0) return null;
      // Hidden cells are drawn as hidden (*), and counted under the subtitle, so no answer vanishes unsaid;
      // a net's cells count only where the chart draws nets (grouped bars), as do a multi-select's.
      const drawsNets = spec.type === 'grouped' || (unstackable(table) && spec.type !== 'heatmap');
      const nets = new Set(drawsNets ? [] : (table.netRows ?? []));
      const hidden = (table.suppressed ?? []).reduce((n, row, r) => n + (nets.has(r) ? 0 : row.filter(Boolean).length), 0);
      // Multi-select rows overlap and cannot stack: grouped, unless the spec asks for stacked bars (it is then told).
      // Unasked, the chart chooses (a heatmap for many answers); asked, it draws what it is asked.
      return crosstabChart(table, {
        ...common,
        ...notes(ctx, ...(hidden > 0 ? [`Hidden by disclosure control (*): ${hidden} cell${hidden === 1 ? '' : 's'}`] : [])),
        ...(spec.type === 'grouped' || spec.type === 'stacked' || spec.type === 'heatmap' ? { type: spec.type } : unstackable(table) ? { type: 'grouped' as const } : {}),
        ...sides(ctx.rowQuestion),
      });
    }
    case 'numeric':
      return table.bins && table.bins.length > 0 ? histogramChart(table, { ...common, ...notes(ctx) }) : null;
    case 'text':
    case 'banner':
      return null;
  }
}

/** A grid's item tables drawn together: diverging bars on a recognised scale. */
export function chartForGrid(question: Question, items: FrequencyTable[], ctx: ChartContext): ChartResult | null {
  // Bars asked for: each item gets its own.
  if (ctx.chart?.type === 'bar') return null;
  return withUnfitType(drawGrid(question, items, ctx), ctx.chart?.type, 'grid', ctx.title ?? question.label, 'diverging bars');
}

function drawGrid(question: Question, items: FrequencyTable[], ctx: ChartContext): ChartResult | null {
  // Hidden cells would be drawn as zeros: items with any get bars of their own, which name what they leave out.
  if (items.some((t) => t.rows.some((r) => r.suppressed))) return null;
  if (items.length < 2 || !question.scale || NO_SIDES.has(question.scale) || ORDER_ONLY.has(question.scale) || (question.scale === 'numeric' && (!isRatingScale(question.options) || isRanking(question, items)))) return null;
  // "Don't know" and "Unfamiliar" sit on neither side of the scale: the diverging chart draws them in
  // columns of their own beside its bars. A one-sided bar runs to 100% and ends with those that give
  // no answer, grey as in every other chart; other answers off its scale ("Other") are left out and named.
  const oneSided = isOneSided(question);
  const off = (label: string) => oneSided && isNonSubstantive(label) && !isNoAnswer(label);
  const onScale = items.map((t) => ({ ...t, rows: t.rows.filter((r) => !off(r.label)) }));
  const note = notes(ctx, ...notShown(items, off));
  return likertChart(onScale, {
    ...note, ...(ctx.baseLabel ? { baseLabel: ctx.baseLabel } : {}), ...(ctx.title ? { title: ctx.title } : {}), ...(ctx.source !== undefined ? { source: ctx.source } : {}), positiveFirst: POSITIVE_FIRST.has(question.scale), oneSided });
}

/**
 * The answers a one-sided grid leaves out of its bars but keeps in its bases ("Other", "None of the above"),
 * each with its share of the items' respondents (weighted when the tables are), so that
 * bars that stop short of 100% are explained: one share where every item prints the same, else
 * the range over the items, an item without the answer counting 0%. Answers declared missing are
 * outside the bases (the bars add up to 100% without them) and are not named, nor are answers nobody gave.
 */
function notShown(items: readonly FrequencyTable[], off: (label: string) => boolean): string[] {
  const inBase = (t: FrequencyTable) => t.rows.filter((r) => r.net !== true && r.missing !== true && off(r.label));
  // An answer nobody gave explains nothing.
  const labels = [...new Set(items.flatMap((t) => inBase(t).filter((r) => (r.count ?? 0) > 0).map((r) => r.label)))];
  if (labels.length === 0) return [];
  const parts = labels.map((label) => {
    const shares = items.map((t) => inBase(t).find((r) => r.label === label)?.percent ?? 0);
    // Compared as printed: 3.2% and 3.4% are one share, "3%".
    const [low, high] = [formatPercent(Math.min(...shares), 0), formatPercent(Math.max(...shares), 0)];
    return `${label} (${low === high ? low : `${low}–${high}`} per item)`;
  });
  return [`Not shown: ${parts.join(', ')}`];
}

/**
 * Which end a two-sided scale lists first (a rating of numbers: the low end), one hue for answers in
 * an order only (as well as numbers in an order: income or age bands, ranks), or nothing for
 * answers without one.
 */
export function sides(q: Question | undefined): { ordered?: 'positiveFirst' | 'negativeFirst' | 'oneSided' } {
  if (q?.scale !== undefined && ORDER_ONLY.has(q.scale)) return { ordered: 'oneSided' };
  if (!q?.scale || NO_SIDES.has(q.scale)) return {};
  if (isOneSided(q)) return { ordered: 'oneSided' };
  if (POSITIVE_FIRST.has(q.scale)) return { ordered: 'positiveFirst' };
  if (q.scale !== 'numeric') return {};
  return isRatingScale(q.options) && !isRanking(q) ? { ordered: 'negativeFirst' } : { ordered: 'oneSided' };
}

/**
 * A ranking ("Please rank the films ... 1 being your favourite"): each item gets a place from 1 to
 * the number of items. Ranks have no good and bad sides to diverge from: each item keeps its bars.
 * Told by its wording or, when the items' tables are at hand, by how places are used: each
 * respondent gives each place once, so every place is used about as often as there are respondents
 * (a rating's 1s and 5s are not).
 */
function isRanking(question: Question, items?: readonly FrequencyTable[]): boolean {
  const places = question.options.filter((o) => !isNonSubstantive(o)).map((o) => o.trim());
  if (places.length !== question.items.length || !places.every((p, i) => p === String(i + 1))) return false;
  if (/\brank|order of preference/i.test(question.label)) return true;
  const respondents = Math.max(0, ...(items ?? []).map((t) => t.base));
  if (!items || items.length !== places.length || respondents === 0) return false;
  return places.every((p) => {
    const used = items.reduce((sum, t) => sum + (t.rows.find((r) => r.label.trim() === p)?.count ?? 0), 0);
    return used >= 0.9 * respondents && used <= 1.1 * respondents;
  });
}

/**
 * A rating scale of numbers: 1 to 4..10 ("1".."5", "1".."7") or 0 to 10, consecutive, beside any
 * non-answers. Its low end is one side and its high end the other, like words' scales; other
 * numbers (ranges, counts of things such as 0-3 children) have no sides.
 */
function isRatingScale(options: readonly string[]): boolean {
  const numbers = options.filter((o) => !isNonSubstantive(o)).map((o) => (/^\d{1,2}$/.test(o.trim()) ? Number(o) : NaN));
  if (numbers.some(Number.isNaN)) return false;
  const sorted = [...numbers].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => n === sorted[0]! + i);
  return consecutive && ((sorted[0] === 1 && sorted.length >= 4 && sorted.length <= 10) || (sorted[0] === 0 && sorted.length === 11));
}
