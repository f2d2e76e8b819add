/** Tables as HTML: frequency, crosstab, banner, numeric and text summaries, labels escaped. */
import type { BannerTable, CrosstabTable, FrequencyTable, NumericTable, TextTable } from '../spec/result.js';
import { formatNumber, formatPercent } from '../render/sanitize.js';
import { testSummary } from '../render/table/text.js';
import { bdi, formatCount, h } from './html-common.js';
import { isOneCheckbox, isWeighted, ONE_CHECKBOX_NOTE, showsOneCheckbox, totalPercent } from '../render/table/total.js';
import { baseText } from '../render/chart/common.js';
import { bannerCell } from '../render/table/banner.js';

export function frequencyHtml(t: FrequencyTable, baseLabel: string): string {
  const oneBox = isOneCheckbox(t);
  const multi = t.type === 'multi' && !oneBox;
  const head = `<tr><th scope="col">Answer</th><th scope="col" class="num">Count</th><th scope="col" class="num">${multi ? '% of respondents' : '%'}</th>${multi ? '<th scope="col" class="num">% of responses</th>' : ''}</tr>`;
  const firstNet = t.rows.findIndex((r) => r.net === true);
  const rows = t.rows.map((r, k) => {
    const cls = [r.net ? 'net' : '', r.missing ? 'missing' : '', r.net && k === firstNet ? 'first-net' : ''].filter(Boolean).join(' ');
    const tag = r.net ? ' <span class="tag">net</span>' : r.missing ? ' <span class="tag">not in base</span>' : '';
    return `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${bdi(r.label)}${tag}</th><td class="num">${formatCount(r.count)}</td><td class="num">${formatPercent(r.percent)}</td>${multi ? `<td class="num">${r.missing ? '' : formatPercent(r.percentOfResponses === undefined ? 0 : r.percentOfResponses)}</td>` : ''}</tr>`;
  });
  const parts = [h(baseText(t.base, baseLabel, t.unweightedBase))];
  if (multi && t.responses !== undefined) parts.push(`${formatCount(t.responses)} responses`);
  if (t.missing > 0) parts.push(`${formatCount(t.missing)} missing, not in the base`);
  if (t.mean !== undefined) parts.push(`mean ${formatNumber(t.mean)}`);
  const notes: string[] = [];
  if (t.rows.some((r) => r.net)) notes.push('Nets combine the answers above them; a respondent is counted once in a net.');
  if (t.rows.some((r) => r.missing)) notes.push('Answers marked “not in base” are declared missing: shown as a % of everyone asked, outside the base.');
  if (oneBox) notes.push(h(ONE_CHECKBOX_NOTE));
  else if (multi) notes.push('Several answers allowed: % of respondents can sum past 100%; % of responses is of all answers given.');
  return `<table class="data">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="base">${parts.join('; ')}</p>${notes.length > 0 ? `\n<p class="note">${notes.join(' ')}</p>` : ''}`;
}

export function bannerHtml(t: BannerTable): string {
  const groups: { label: string; span: number; total: boolean }[] = [];
  for (const c of t.columns) {
    const last = groups[groups.length - 1];
    if (last && last.label === c.group) last.span++;
    else groups.push({ label: c.group, span: 1, total: c.question === null });
  }
  // The questions' and answers' words isolated (html-common.ts); the Total column's are the page's own.
  const top = `<tr><th></th>${groups.map((g) => `<th scope="colgroup" colspan="${g.span}">${g.total ? h(g.label) : bdi(g.label)}</th>`).join('')}</tr>`;
  const sub = `<tr><th></th>${t.columns.map((c) => `<th scope="col" class="num">${c.question === null ? h(c.label) : bdi(c.label)}</th>`).join('')}</tr>`;
  const body = t.sections
    .map((s) => {
      const title = `<tr class="section"><th scope="rowgroup" colspan="${t.columns.length + 1}">${bdi(s.item ?? s.label)}</th></tr>`;
      const rows = s.rowLabels.map((l, r) => `<tr${s.netRows?.includes(r) ? ' class="net"' : ''}><th scope="row">${bdi(l)}</th>${t.columns.map((_, c) => `<td class="num">${h(bannerCell(s, r, c))}</td>`).join('')}</tr>`);
      const base = `<tr class="base"><th scope="row">Base (n)</th>${s.unweightedBases.map((b) => `<td class="num">${h(formatNumber(b))}</td>`).join('')}</tr>`;
      return [title, ...rows, base].join('\n');
    })
    .join('\n');
  const oneBox = showsOneCheckbox(t) ? ` ${h(ONE_CHECKBOX_NOTE)}` : '';
  return `<div class="scroll"><table class="banner">\n<thead>${top}${sub}</thead>\n<tbody>\n${body}\n</tbody></table></div>\n<p class="note">Column percentages${t.minBase > 0 ? `; blank where a column has fewer than ${t.minBase} respondents` : ''}.${oneBox}</p>`;
}

export function crosstabHtml(t: CrosstabTable, baseLabel: string): string {
  const nets = new Set(t.netRows ?? []);
  const head = `<tr><th scope="col"></th>${t.columnLabels.map((c) => `<th scope="col" class="num">${bdi(c)}</th>`).join('')}<th scope="col" class="num total">Total</th></tr>`;
  const firstNet = Math.min(...nets);
  const rows = t.rowLabels.map((label, r) => {
    const net = nets.has(r);
    const cls = net ? ` class="net${r === firstNet ? ' first-net' : ''}"` : '';
    return `<tr${cls}><th scope="row">${bdi(label)}${net ? ' <span class="tag">net</span>' : ''}</th>${t.columnLabels.map((_, c) => `<td class="num">${formatPercent(t.columnPercents[r]?.[c] ?? null)}</td>`).join('')}<td class="num total">${formatPercent(totalPercent(t, r))}</td></tr>`;
  });
  // Weighted: Base (n) counts respondents, and the weighted sums follow, labelled, as in the terminal.
  const weighted = isWeighted(t);
  const baseRow = (label: string, bases: readonly string[]) => `<tr class="bases"><th scope="row">${label}</th>${bases.map((b) => `<td class="num">${b}</td>`).join('')}</tr>`;
  const base = weighted
    ? `${baseRow('Base (n)', [...t.unweightedColumnBases!, t.unweightedBase!].map(formatCount))}\n${baseRow('Weighted base', [...t.columnBases, t.base].map((b) => formatNumber(b, 1)))}`
    : baseRow('Base (n)', [...t.columnBases, t.base].map(formatCount));
  // A lone checkbox's blanks are its "Not ticked" (or the rest of each column): said as under its frequency table.
  const oneBox = showsOneCheckbox(t) ? `\n<p class="note">${h(ONE_CHECKBOX_NOTE)}</p>` : '';
  const stats = t.stats
    ? `<p class="note">${h(testSummary(t.stats).replace(/^c/, 'C').replace("'", '’'))}.${t.stats.lowExpected > 0.2 ? ` ${formatPercent(t.stats.lowExpected * 100, 0)} of expected counts are under 5: read the test with care.` : ''}</p>`
    : '';
  return `<div class="scroll"><table class="data crosstab">
<caption>Column percentages</caption>
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${base}</tfoot>
</table></div>
<p class="base">${h(baseText(t.base, `${baseLabel} answering both`, t.unweightedBase))}${t.multi ? '; several answers allowed, so columns can sum past 100%' : ''}</p>${oneBox}${stats ? `\n${stats}` : ''}`;
}

export function numericHtml(t: NumericTable): string {
  const cells = (['n', 'mean', 'sd', 'median', 'min', 'max'] as const).map((k) => `<td class="num">${k === 'n' ? formatCount(t.n) : formatNumber(t[k])}</td>`);
  return `<table class="data">
<thead><tr><th scope="col" class="num">n</th><th scope="col" class="num">Mean</th><th scope="col" class="num">SD</th><th scope="col" class="num">Median</th><th scope="col" class="num">Min</th><th scope="col" class="num">Max</th></tr></thead>
<tbody><tr>${cells.join('')}</tr></tbody>
</table>
<p class="base">n = ${formatCount(t.n)} valid answers${t.missing > 0 ? `; ${formatCount(t.missing)} missing` : ''}${t.invalid > 0 ? `; ${formatCount(t.invalid)} not numbers, left out` : ''}</p>`;
}

export function textHtml(t: TextTable): string {
  const range = t.type === 'date' && t.min !== undefined && t.max !== undefined ? `; from ${h(t.min)} to ${h(t.max)}` : '';
  return `<p class="base">${t.type === 'date' ? 'Dates' : 'Free text, not tabulated'}: ${formatCount(t.n)} answered, ${formatCount(t.distinct)}${t.distinctCapped ? '+' : ''} distinct, ${formatCount(t.missing)} missing${range}.</p>`;
}
