/**
 * A respondent profile: several questions (user type, age group, region…) as stacked panels of
 * bars on one percent scale, like the consolidated profile chart of a published study.
 */
import type { FrequencyTable } from '../../spec/result.js';
import { bandKeys, baseText, countOf, describe, isWeightedCount, frame, noAnswerLast, percentAxis, percentMax, resolve, subtitleLines, titleBlock, type ChartOptions, type ChartResult } from './common.js';
import { sourceLine } from './source.js';
import { barView } from './frequency.js';
import { chartMessages } from './messages.js';
import { finite, formatPercent, wrapText } from './text.js';
import { formatCount } from '../number.js';
import { isNoAnswer } from '../../codebook/scales.js';
import { MUTED, SIZE, barColor } from './theme.js';

/**
 * One panel of bars per table, each headed by its question, sharing one percent axis at the
 * bottom. Nets are left out (a warning says so).
 *
 * @example
 * const { spec } = profileChart([userType, ageGroup, region], { title: 'Who answered' });
 */
export function profileChart(tables: FrequencyTable[], opts: ChartOptions = {}): ChartResult {
  const warnings: string[] = [];
  const r = resolve(opts);
  const bases = tables.map((t) => t.base);
  const sameBase = bases.every((b) => b === bases[0]);
  const max = percentMax(Math.max(0, ...tables.flatMap((t) => t.rows.filter((row) => row.net !== true && row.missing !== true).map((row) => finite(row.percent)))));
  const color = barColor(r.config);
  const descs: string[] = [];

  const answerRows = tables.map((t) => noAnswerLast(t.rows.filter((row) => row.net !== true && row.missing !== true), (row) => row.label));
  const panelKeys = answerRows.map((rows) => bandKeys(rows.map((row) => row.label), r.labelWidth));
  const allKeys = panelKeys.flatMap((p) => p.keys);

  const panels = tables.map((t, i) => {
    const nets = t.rows.filter((row) => row.net === true).length;
    if (nets > 0) warnings.push(chartMessages.profileNets(t.question, nets));
    const rows = answerRows[i] ?? [];
    const { keys, lines } = panelKeys[i] ?? { keys: [], lines: 1 };
    const weighted = isWeightedCount(t.base, t.unweightedBase, t.rows.map((row) => row.count));
    const data = rows.map((row, j) => {
      const value = finite(row.percent);
      const text = formatPercent(value, r.decimals);
      return { key: keys[j] ?? row.label, value, text, desc: `${row.label}: ${text} (${countOf(finite(row.count), t.base, weighted)} respondents)`, ...(isNoAnswer(row.label) ? { noAnswer: true } : {}) };
    });
    const heading = `${t.label}${sameBase ? '' : ` (n = ${formatCount(t.base)})`}`;
    descs.push(`${heading}: ${data.map((d) => d.desc).join(', ')}`);
    const last = i === tables.length - 1;
    const axis = last
      ? percentAxis('% of respondents', max)
      : { ...percentAxis(null, max), labels: false, ticks: false, domain: false };
    const headingLines = wrapText(heading, r.labelWidth + r.width, SIZE.label, true);
    return {
      title: { text: headingLines, fontSize: SIZE.label, fontWeight: 'bold', color: MUTED, anchor: 'start', frame: 'bounds', offset: 6, lineHeight: SIZE.lineHeight },
      data: { values: data },
      ...barView({ keys, allKeys, lines, max, axis, color, width: r.width, noAnswer: data.some((d) => 'noAnswer' in d) }),
    };
  });

  const title = opts.title ?? 'Respondent profile';
  // Answers the spec declares missing are outside the bases and the bars: named, as the tables name them.
  const outside = tables.flatMap((t) => t.rows.filter((row) => row.missing === true && finite(row.count) > 0).map((row) => `${t.label}: ${row.label} (${formatCount(finite(row.count))})`));
  const subtitle = subtitleLines(
    opts.subtitle,
    [
      tables.length === 0 || sameBase
        ? `${baseText(bases[0] ?? 0, r.baseLabel)}, % of respondents`
        : `n = ${formatCount(Math.min(...bases))}–${formatCount(Math.max(...bases))} ${r.baseLabel} per question, % of respondents`,
    ],
    opts.note,
    outside.length > 0 ? [`Not in the bases: ${outside.join(', ')}`] : [],
  );
  const description = opts.description ?? describe('Profile of respondents', ...subtitle, descs.join('; '));
  const body = { vconcat: panels, spacing: 18, resolve: { scale: { x: 'shared' } } };
  const width = r.labelWidth + r.width;
  return { spec: frame(titleBlock(title, subtitle, width), description, r.config, body, sourceLine(opts.source, width)), warnings };
}
