/**
 * report.html: the whole study in one self-contained file — the funnel, every table with its
 * chart beside it, and a methods note. Charts are inline SVG, styles inline CSS; nothing is
 * loaded from anywhere (no fonts, scripts or images) and no JavaScript runs. It reads in a
 * browser and prints on A4.
 *
 * Same input, same bytes: no timestamps, no random ids; the ids inside each inline SVG are
 * prefixed with its chart id so that charts never share one.
 */
import type { FilterSpec, StudySpec, TableSpec } from '../spec/analysis.js';
import type { WeightsSummary } from '../engine/weighting.js';
import type { DisclosureSummary } from '../stats/suppress.js';
import type { AnalysisResult, BannerTable, CrosstabTable, FrequencyTable, NumericTable, Table, TextTable } from '../spec/result.js';
import type { FunnelStep } from '../filters/apply.js';
import { escapeXml, formatNumber, formatPercent, round } from '../render/sanitize.js';
import { formatP } from '../render/table/text.js';

export interface HtmlChart {
  /** File stem of charts/<id>.svg; also prefixes the SVG's own ids. */
  id: string;
  /** Indices into result.tables that the chart draws. */
  tables: number[];
  svg: string;
}

export interface HtmlInput {
  result: AnalysisResult & { funnel?: FunnelStep[]; title?: string; weights?: WeightsSummary; disclosure?: DisclosureSummary };
  spec?: StudySpec | undefined;
  /** File-safe unique id of each table (tables/<id>.csv). */
  ids: readonly string[];
  charts: readonly HtmlChart[];
  /** Words for the base when a table's spec does not give them, e.g. "valid respondents". */
  baseLabel: string;
  inputSha256?: string | undefined;
}

/** Text for HTML content and attributes: control characters dropped, markup escaped. */
export function h(s: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ''));
}

/** `1,022`: a count with thousands separators (weighted counts keep one decimal). */
export function formatCount(x: number): string {
  const s = Number.isInteger(x) ? String(x) : round(x, 1).toFixed(1);
  const [int, dec] = s.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return dec === undefined ? grouped : `${grouped}.${dec}`;
}

/**
 * Makes every id in an SVG unique to it: `id="clip1"` becomes `id="<prefix>-clip1"`, and so
 * do the references to it (`url(#clip1)`, `href="#clip1"`, `xlink:href="#clip1"`), so that
 * several SVGs can be inlined in one HTML document without sharing clip paths or gradients.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  const p = cssIdent(prefix);
  return svg
    .replace(/^\s*<\?xml[^>]*\?>\s*/, '')
    .replace(/(\sid=")([^"]*)"/g, (_, a: string, id: string) => `${a}${p}-${id}"`)
    .replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, (_, q: string, id: string) => `url(${q}#${p}-${id}${q})`)
    .replace(/(\s(?:xlink:)?href=")#([^"]*)"/g, (_, a: string, id: string) => `${a}#${p}-${id}"`);
}

/** Letters, digits, `-` and `_` only, starting with a letter: safe as an id and in `url(#…)`. */
function cssIdent(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_-]+/g, '_');
  return /^[A-Za-z]/.test(t) ? t : `c${t}`;
}

interface Section {
  key: string;
  title: string;
  tables: number[];
  charts: HtmlChart[];
}

export function renderHtml(input: HtmlInput): string {
  const { result } = input;
  const title = result.title ?? result.input.file;
  const sections = sectionsOf(input);
  const body = [
    `<header>\n<h1>${h(title)}</h1>\n<p class="lede">${lede(input)}</p>\n</header>`,
    contents(input, sections),
    funnelSection(input),
    ...sections.map((s) => sectionHtml(input, s)),
    methods(input, sections),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function lede(input: HtmlInput): string {
  const { result } = input;
  const funnel = result.funnel;
  const kept = funnel && funnel.length > 0 ? funnel[funnel.length - 1]!.remaining : result.input.rows;
  const read = `${formatCount(result.input.rows)} rows read from <span class="file">${h(result.input.file)}</span>`;
  return funnel && funnel.length > 1
    ? `${read}; ${formatCount(kept)} ${h(input.baseLabel)} after ${funnel.length - 1} validity rule${funnel.length === 2 ? '' : 's'}. ${result.tables.length} table${result.tables.length === 1 ? '' : 's'}, ${input.charts.length} chart${input.charts.length === 1 ? '' : 's'}.`
    : `${read}. ${result.tables.length} table${result.tables.length === 1 ? '' : 's'}, ${input.charts.length} chart${input.charts.length === 1 ? '' : 's'}.`;
}

/**
 * One section per chart with the tables it draws beside it, in table order; a table drawn
 * by no chart gets a section of its own. A table drawn by several charts (its own and a
 * profile) brings them together.
 */
function sectionsOf(input: HtmlInput): Section[] {
  const { result, charts } = input;
  const placed = new Set<number>();
  const sections: Section[] = [];
  for (let i = 0; i < result.tables.length; i++) {
    if (placed.has(i)) continue;
    const tables = new Set<number>([i]);
    let found: HtmlChart[] = [];
    // Grow to a fixed point: the charts drawing these tables, and the tables those charts draw.
    for (;;) {
      const next = charts.filter((c) => c.tables.some((t) => tables.has(t)));
      for (const c of next) for (const t of c.tables) if (!placed.has(t)) tables.add(t);
      if (next.length === found.length) break;
      found = next;
    }
    const members = [...tables].sort((a, b) => a - b);
    for (const t of members) placed.add(t);
    const consolidated = found.find((c) => c.tables.length > 1);
    const specChart = consolidated ? input.spec?.charts?.find((c) => c.id === consolidated.id) : undefined;
    const sectionTitle = specChart ? (specChart.title ?? 'Respondent profile') : consolidated && members.length > 1 ? gridTitle(result.tables[members[0]!]!) : result.tables[i]!.label;
    sections.push({ key: consolidated?.id ?? input.ids[i]!, title: sectionTitle, tables: members, charts: found });
  }
  return sections;
}

/** A grid's items are labelled `question | item`: the section is the question. */
function gridTitle(t: Table): string {
  return t.kind === 'frequency' && t.item !== undefined ? t.label.slice(0, Math.max(0, t.label.length - t.item.length)).replace(/\s*\|\s*$/, '') || t.label : t.label;
}

function contents(input: HtmlInput, sections: Section[]): string {
  if (sections.length < 2) return '';
  const items = sections.map((s) => `<li><a href="#s-${cssIdent(s.key)}">${h(s.title)}</a></li>`);
  return `<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n${items.join('\n')}\n<li><a href="#methods">Methods</a></li>\n</ol>\n</nav>`;
}

function funnelSection(input: HtmlInput): string {
  const funnel = input.result.funnel;
  if (!funnel || funnel.length === 0) return '';
  const rows = funnel.map((s, i) =>
    i === 0
      ? `<tr class="read"><th scope="row">Rows read</th><td class="num"></td><td class="num">${formatCount(s.remaining)}</td></tr>`
      : `<tr><th scope="row">${h(s.rule)}</th><td class="num">${formatCount(s.removed)}</td><td class="num">${formatCount(s.remaining)}</td></tr>`,
  );
  const kept = funnel[funnel.length - 1]!.remaining;
  return `<section class="funnel" id="funnel" aria-labelledby="funnel-h">
<h2 id="funnel-h">Who is counted</h2>
<table class="data funnel-table">
<thead><tr><th scope="col">Validity rule</th><th scope="col" class="num">Removed</th><th scope="col" class="num">Remaining</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><th scope="row">Counted in every table</th><td class="num"></td><td class="num">${formatCount(kept)}</td></tr></tfoot>
</table>
<p class="note">Each removed row is counted against the first rule that removed it, so the steps add up: read = removed by each rule + counted.</p>
</section>`;
}

function sectionHtml(input: HtmlInput, s: Section): string {
  const id = cssIdent(s.key);
  const many = s.tables.length > 1;
  // Crosstabs, and more tables than fit beside a chart, go below it at full width.
  const wide = s.tables.length > 4 || s.tables.some((i) => input.result.tables[i]!.kind === 'crosstab');
  const tables = s.tables.map((i) => tableBlock(input, i, many));
  const figures = s.charts.map((c) => `<figure class="chart" id="chart-${cssIdent(c.id)}">\n${prefixSvgIds(c.svg, c.id).trim()}\n<figcaption>charts/${h(c.id)}.svg</figcaption>\n</figure>`);
  return `<section class="figure" id="s-${id}" aria-labelledby="s-${id}-h">
<h2 id="s-${id}-h">${h(s.title)} <span class="tag">${h(s.key)}</span></h2>
<div class="pair${many ? ' many' : ''}${wide ? ' wide' : ''}">
${figures.length > 0 ? `<div class="charts">\n${figures.join('\n')}\n</div>\n` : ''}<div class="tables">
${tables.join('\n')}
</div>
</div>
</section>`;
}

function specTableOf(input: HtmlInput, t: Table): TableSpec | undefined {
  if (!t.id) return undefined;
  const id = t.id.split('.')[0];
  return input.spec?.tables?.find((x) => x.id === id);
}

function tableBlock(input: HtmlInput, index: number, heading: boolean): string {
  const t = input.result.tables[index]!;
  const spec = specTableOf(input, t);
  const baseLabel = spec?.baseLabel ?? input.baseLabel;
  const id = cssIdent(`table-${input.ids[index]!}`);
  // Beside its grid's chart, an item is headed by the item alone.
  const label = t.kind === 'frequency' && t.item !== undefined ? t.item : t.label;
  const head = heading ? `<h3>${h(label)} <span class="tag">${h(input.ids[index]!)}</span></h3>\n` : '';
  const filter = spec?.filter !== undefined ? `<p class="filter">Filter: <code>${h(spec.filter)}</code></p>\n` : '';
  let body: string;
  switch (t.kind) {
    case 'frequency':
      body = frequencyHtml(t, baseLabel);
      break;
    case 'crosstab':
      body = crosstabHtml(t, baseLabel);
      break;
    case 'numeric':
      body = numericHtml(t);
      break;
    case 'text':
      body = textHtml(t);
      break;
    case 'banner':
      body = bannerHtml(t);
      break;
  }
  return `<div class="table-block" id="${id}">\n${head}${body}\n${filter}</div>`;
}

function frequencyHtml(t: FrequencyTable, baseLabel: string): string {
  const multi = t.type === 'multi';
  const head = `<tr><th scope="col">Answer</th><th scope="col" class="num">Count</th><th scope="col" class="num">${multi ? '% of respondents' : '%'}</th>${multi ? '<th scope="col" class="num">% of responses</th>' : ''}</tr>`;
  const firstNet = t.rows.findIndex((r) => r.net === true);
  const rows = t.rows.map((r, k) => {
    const cls = [r.net ? 'net' : '', r.missing ? 'missing' : '', r.net && k === firstNet ? 'first-net' : ''].filter(Boolean).join(' ');
    const tag = r.net ? ' <span class="tag">net</span>' : r.missing ? ' <span class="tag">not in base</span>' : '';
    return `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${h(r.label)}${tag}</th><td class="num">${formatCount(r.count)}</td><td class="num">${formatPercent(r.percent)}</td>${multi ? `<td class="num">${r.missing ? '' : formatPercent(r.percentOfResponses ?? 0)}</td>` : ''}</tr>`;
  });
  const parts = [`n = ${formatCount(t.base)} ${h(baseLabel)}`];
  if (multi && t.responses !== undefined) parts.push(`${formatCount(t.responses)} responses`);
  if (t.missing > 0) parts.push(`${formatCount(t.missing)} missing, not in the base`);
  const notes: string[] = [];
  if (t.rows.some((r) => r.net)) notes.push('Nets combine the answers above them; a respondent is counted once in a net.');
  if (t.rows.some((r) => r.missing)) notes.push('Answers marked “not in base” are declared missing: shown as a % of everyone asked, outside the base.');
  if (multi) notes.push('Several answers allowed: % of respondents can sum past 100%; % of responses is of all answers given.');
  return `<table class="data">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="base">${parts.join('; ')}</p>${notes.length > 0 ? `\n<p class="note">${notes.join(' ')}</p>` : ''}`;
}

function bannerHtml(t: BannerTable): string {
  const groups: { label: string; span: number }[] = [];
  for (const c of t.columns) {
    const last = groups[groups.length - 1];
    if (last && last.label === c.group) last.span++;
    else groups.push({ label: c.group, span: 1 });
  }
  const top = `<tr><th></th>${groups.map((g) => `<th scope="colgroup" colspan="${g.span}">${h(g.label)}</th>`).join('')}</tr>`;
  const sub = `<tr><th></th>${t.columns.map((c) => `<th scope="col" class="num">${h(c.label)}</th>`).join('')}</tr>`;
  const body = t.sections
    .map((s) => {
      const title = `<tr class="section"><th scope="rowgroup" colspan="${t.columns.length + 1}">${h(s.item ?? s.label)}</th></tr>`;
      const rows = s.rowLabels.map((l, r) => `<tr${s.netRows?.includes(r) ? ' class="net"' : ''}><th scope="row">${h(l)}</th>${s.percents[r]!.map((x) => `<td class="num">${x === null ? '' : h(formatPercent(x, 0))}</td>`).join('')}</tr>`);
      const base = `<tr class="base"><th scope="row">Base (n)</th>${s.unweightedBases.map((b) => `<td class="num">${h(formatNumber(b))}</td>`).join('')}</tr>`;
      return [title, ...rows, base].join('\n');
    })
    .join('\n');
  return `<div class="scroll"><table class="banner">\n<thead>${top}${sub}</thead>\n<tbody>\n${body}\n</tbody></table></div>\n<p class="note">Column percentages; blank where a column has fewer than ${t.minBase} respondents.</p>`;
}

function crosstabHtml(t: CrosstabTable, baseLabel: string): string {
  const nets = new Set(t.netRows ?? []);
  const head = `<tr><th scope="col"></th>${t.columnLabels.map((c) => `<th scope="col" class="num">${h(c)}</th>`).join('')}</tr>`;
  const firstNet = Math.min(...nets);
  const rows = t.rowLabels.map((label, r) => {
    const net = nets.has(r);
    const cls = net ? ` class="net${r === firstNet ? ' first-net' : ''}"` : '';
    return `<tr${cls}><th scope="row">${h(label)}${net ? ' <span class="tag">net</span>' : ''}</th>${t.columnLabels.map((_, c) => `<td class="num">${formatPercent(t.columnPercents[r]?.[c] ?? 0)}</td>`).join('')}</tr>`;
  });
  const base = `<tr class="bases"><th scope="row">Base (n)</th>${t.columnBases.map((b) => `<td class="num">${formatCount(b)}</td>`).join('')}</tr>`;
  const stats = t.stats
    ? `<p class="note">Chi-square = ${formatNumber(t.stats.chi2)}, df = ${t.stats.df}, p = ${formatP(t.stats.p)}, Cramér’s V = ${formatNumber(t.stats.cramersV, 3)}.${t.stats.lowExpected > 0.2 ? ` ${formatPercent(t.stats.lowExpected * 100, 0)} of expected counts are under 5: read the test with care.` : ''}</p>`
    : '';
  return `<div class="scroll"><table class="data crosstab">
<caption>Column percentages</caption>
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${base}</tfoot>
</table></div>
<p class="base">n = ${formatCount(t.base)} ${h(baseLabel)} answering both${t.multi ? '; several answers allowed, so columns can sum past 100%' : ''}</p>${stats ? `\n${stats}` : ''}`;
}

function numericHtml(t: NumericTable): string {
  const cells = (['n', 'mean', 'sd', 'median', 'min', 'max'] as const).map((k) => `<td class="num">${k === 'n' ? formatCount(t.n) : formatNumber(t[k])}</td>`);
  return `<table class="data">
<thead><tr><th scope="col" class="num">n</th><th scope="col" class="num">Mean</th><th scope="col" class="num">SD</th><th scope="col" class="num">Median</th><th scope="col" class="num">Min</th><th scope="col" class="num">Max</th></tr></thead>
<tbody><tr>${cells.join('')}</tr></tbody>
</table>
<p class="base">n = ${formatCount(t.n)} valid answers${t.missing > 0 ? `; ${formatCount(t.missing)} missing` : ''}${t.invalid > 0 ? `; ${formatCount(t.invalid)} not numbers, left out` : ''}</p>`;
}

function textHtml(t: TextTable): string {
  const range = t.type === 'date' && t.min !== undefined && t.max !== undefined ? `; from ${h(t.min)} to ${h(t.max)}` : '';
  return `<p class="base">${t.type === 'date' ? 'Dates' : 'Free text, not tabulated'}: ${formatCount(t.n)} answered, ${formatCount(t.distinct)} distinct, ${formatCount(t.missing)} missing${range}.</p>`;
}

function methods(input: HtmlInput, sections: Section[]): string {
  const { result, spec } = input;
  const out: string[] = [];
  const filters = spec?.filters ?? [];
  const names = (result.funnel ?? []).slice(1).map((s) => s.rule);
  const fieldwork = filters.filter((f): f is Extract<FilterSpec, { rule: 'fieldwork' }> => f.rule === 'fieldwork');
  out.push(
    fieldwork.length > 0
      ? `<p><strong>Fieldwork.</strong> ${fieldwork.map((f) => `${h(f.from)} to ${h(f.to)} inclusive, ${h(f.timezone ?? spec?.input?.timezone ?? 'UTC')} time (from question <code>${h(f.question)}</code>); submissions outside the window are not counted.`).join(' ')}</p>`
      : '<p><strong>Fieldwork.</strong> The spec sets no fieldwork window.</p>',
  );
  if (filters.length > 0) {
    const items = filters.map((f, i) => `<li><strong>${h(names[i] ?? f.name ?? f.rule)}</strong>: ${describeFilter(f, spec)}</li>`);
    out.push(`<p><strong>Validity rules</strong>, applied in this order (see “Who is counted”):</p>\n<ol>\n${items.join('\n')}\n</ol>`);
  } else out.push('<p><strong>Validity rules.</strong> None: every row read is counted.</p>');

  const filtered = result.tables
    .map((t, i) => [t, i, specTableOf(input, t)] as const)
    .filter(([, , s]) => s?.filter !== undefined)
    .map(([t, i, s]) => `<li>${h(t.label)} (<span class="tag">${h(input.ids[i]!)}</span>): respondents for whom <code>${h(s!.filter!)}</code></li>`);
  out.push(
    `<p><strong>Bases.</strong> Percentages are of respondents answering each question after the validity rules — the base, stated as “n = …” under every table. Respondents who skipped a question, and answers the spec declares missing (shown marked “not in base”), are outside it. Crosstab percentages are of each column’s base. Percentages are rounded half-up to one decimal in tables and to whole numbers in charts; nets are computed from counts, so a net may differ from the sum of its rounded parts.${spec?.weight !== undefined ? ` Counts are weighted by <code>${h(spec.weight)}</code>.` : ''}</p>` +
      (filtered.length > 0 ? `\n<p>Tables with a base of their own:</p>\n<ul>\n${filtered.join('\n')}\n</ul>` : ''),
  );

  const w = result.weights;
  if (w) {
    const rake = w.raking ? ` Raked (iterative proportional fitting) on ${w.raking.variables.map((v) => `<code>${h(v)}</code>`).join(', ')} in ${w.raking.iterations} iterations (tolerance ${w.raking.tolerance}${w.raking.converged ? '' : '; did not converge'})${w.raking.trim ? `, weights trimmed to ${w.raking.trim.lower}–${w.raking.trim.upper} × the mean and raked again` : ''}.` : '';
    out.push(
      `<p><strong>Weights.</strong> ${w.question ? `Design weights from <code>${h(w.question)}</code>.` : ''}${rake} Weights range from ${h(formatNumber(w.min, 3))} to ${h(formatNumber(w.max, 3))}; the effective sample size is ${h(formatNumber(w.effectiveBase, 1))} of ${formatCount(w.n)} (Kish), a design effect of ${h(formatNumber(w.designEffect))}. Intervals are Wilson score intervals on effective bases; weighted crosstabs are tested with the Rao–Scott correction.</p>`,
    );
  }
  const lettered = result.tables.find((t): t is CrosstabTable => t.kind === 'crosstab' && t.letters !== undefined);
  if (lettered?.letters) {
    const l = lettered.letters;
    out.push(
      `<p><strong>Column letters.</strong> In crosstabs, a letter marks a column whose share is significantly higher than the lettered column's (pooled two-proportion z-test${w ? ' on effective bases' : ''}, ${h(l.adjust)}-adjusted within each row; upper case p &lt; ${l.alpha}${l.alphaLower !== null ? `, lower case p &lt; ${l.alphaLower}` : ''}). Columns with a base under ${l.minBase} are not tested. When the column question is multi-select, columns share respondents and the test treats them as independent samples.</p>`,
    );
  }
  const d = result.disclosure;
  if (d) {
    out.push(`<p><strong>Disclosure control.</strong> Cells with fewer than ${d.minCell} respondents are suppressed (shown as *), ${d.primary} in all, plus ${d.complementary} more so that none can be recovered from totals, in ${d.tables} table${d.tables === 1 ? '' : 's'}.</p>`);
  }

  const multis = result.tables.map((t, i) => [t, i] as const).filter(([t]) => t.kind === 'frequency' && t.type === 'multi');
  if (multis.length > 0) {
    const byResponses = multis.filter(([t]) => specTableOf(input, t)?.chart !== false && (specTableOf(input, t)?.chart as { percentBase?: string } | undefined)?.percentBase === 'responses');
    out.push(
      `<p><strong>Multi-select questions</strong> (${multis.map(([t]) => h(t.label)).join('; ')}): respondents could choose several answers. “% of respondents” is of respondents answering the question, and can sum past 100%; “% of responses” is of all answers given, and sums to 100%. Both are in the tables.${byResponses.length > 0 ? ` Charts showing % of responses, as the spec asks: ${byResponses.map(([, i]) => `<span class="tag">${h(input.ids[i]!)}</span>`).join(', ')}; the others show % of respondents.` : ' Charts show % of respondents.'}</p>`,
    );
  }

  if (result.withheld.length > 0) {
    const rows = result.withheld.map((w) => `<tr><th scope="row">${h(w.column)}</th><td>${h(w.kind)}</td><td>${h(w.reason)}</td></tr>`);
    out.push(`<p><strong>Personal data withheld.</strong> These columns were recognised as respondents’ personal data. Their cells are never decoded, counted, printed, charted or written to any output${filters.some((f) => f.rule === 'duplicates') ? '; the duplicate rule compares them in memory only' : ''}.</p>
<table class="data withheld">
<thead><tr><th scope="col">Column</th><th scope="col">Kind</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`);
  } else out.push('<p><strong>Personal data.</strong> No column was recognised as personal data.</p>');

  const inp = result.input;
  out.push(
    `<p><strong>Input.</strong> <span class="file">${h(inp.file)}</span>: ${formatCount(inp.rows)} rows, ${h(inp.encoding)}, ${h(DELIMITERS[inp.delimiter] ?? `delimiter ${inp.delimiter}`)}, ${inp.headerRows} header row${inp.headerRows === 1 ? '' : 's'}.${input.inputSha256 ? ` SHA-256 <code class="hash">${h(input.inputSha256)}</code>.` : ''} Every output file and its SHA-256 is listed in <span class="file">manifest.json</span>.</p>`,
  );

  if (result.diagnostics.length > 0) {
    out.push(`<p><strong>Notes from the run.</strong></p>\n<ul>\n${result.diagnostics.map((d) => `<li>${h(d.message)}</li>`).join('\n')}\n</ul>`);
  }
  void sections;
  return `<section class="methods" id="methods" aria-labelledby="methods-h">\n<h2 id="methods-h">Methods</h2>\n${out.join('\n')}\n</section>`;
}

const DELIMITERS: Record<string, string> = { ',': 'comma-separated', ';': 'semicolon-separated', '\t': 'tab-separated', '|': 'pipe-separated' };

function list(items: readonly string[]): string {
  const codes = items.map((s) => `<code>${h(s)}</code>`);
  return codes.length <= 1 ? (codes[0] ?? '') : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

function describeFilter(f: FilterSpec, spec: StudySpec | undefined): string {
  switch (f.rule) {
    case 'fieldwork':
      return `submitted (<code>${h(f.question)}</code>) outside ${h(f.from)} to ${h(f.to)} inclusive, ${h(f.timezone ?? spec?.input?.timezone ?? 'UTC')} time.`;
    case 'test':
      return `test entries, found by <code>${h(f.when)}</code>.`;
    case 'required':
      return `no answer to ${f.questions.length === 1 ? '' : 'one or more of '}${list(f.questions)}.`;
    case 'duplicates': {
      const keys = f.keys.map((k) => `<code>${h(k.question)}</code>${k.normalize ? ` (compared as ${k.normalize === 'email' ? 'an e-mail address' : k.normalize === 'phone' ? `a phone number${k.countryCode ? `, country code +${h(k.countryCode)}` : ''}` : 'text, ignoring case and spacing'})` : ''}`);
      return `a later submission whose ${keys.join(' or ')} matches one already kept; the ${f.keep === 'last' ? 'last' : 'first'} submission is kept.`;
    }
    case 'speeders': {
      const how = f.duration !== undefined ? `<code>${h(f.duration)}</code> seconds` : `the time from <code>${h(f.start ?? '')}</code> to <code>${h(f.end ?? '')}</code>`;
      const limits = [f.minSeconds !== undefined ? `under ${formatNumber(f.minSeconds)} s` : '', f.fractionOfMedian !== undefined ? `under ${formatPercent(f.fractionOfMedian * 100, 0)} of the median` : ''].filter(Boolean);
      return `too fast: ${how} ${limits.join(' or ')}.`;
    }
    case 'straightlining':
      return `the same answer to every item of the grid <code>${h(f.grid)}</code>${f.minItems !== undefined ? ` (at least ${f.minItems} items answered)` : ''}.`;
    case 'attention': {
      const answers = Array.isArray(f.answer) ? f.answer : [f.answer];
      return `an answer to <code>${h(f.question)}</code> other than ${answers.map((a) => `“${h(a)}”`).join(' or ')}.`;
    }
    case 'expression':
      return `rows where <code>${h(f.remove)}</code>.`;
  }
}

const CSS = `:root { color-scheme: light; --ink: #1b1b1b; --muted: #595959; --rule: #c9ced6; --soft: #f2f4f7; --net: #eef3f9; --accent: #0b5394; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .4rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .8rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
.lede { color: var(--muted); margin: 0; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
section { margin: 0 0 2.25rem; padding-top: 1.25rem; border-top: 1px solid var(--rule); }
section.funnel { border-top: none; padding-top: 0; }
.tag { display: inline-block; font: 600 .72rem/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; color: var(--muted); background: var(--soft); border: 1px solid var(--rule); border-radius: 3px; padding: 0 .35em; vertical-align: .15em; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; overflow-wrap: anywhere; }
.file { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .92em; overflow-wrap: anywhere; }
nav.contents { margin: 0 0 2rem; }
nav.contents h2 { font-size: 1rem; }
nav.contents ol { columns: 2 22rem; column-gap: 3rem; margin: 0; padding-left: 1.4rem; }
nav.contents li { break-inside: avoid; overflow-wrap: anywhere; }
nav.contents a { color: var(--accent); text-decoration: none; }
nav.contents a:hover { text-decoration: underline; }
.pair { display: flex; flex-wrap: wrap; gap: 20px 36px; align-items: flex-start; }
.pair .charts { flex: 0 1 auto; max-width: 100%; display: flex; flex-direction: column; gap: 16px; }
.pair .tables { flex: 1 1 340px; min-width: 0; display: flex; flex-direction: column; gap: 18px; }
.pair.wide .tables { flex-basis: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
.pair.many .tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 18px 24px; align-items: start; }
figure.chart { margin: 0; max-width: 100%; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { font-size: .75rem; color: var(--muted); margin-top: .2rem; }
table.data { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: .9rem; }
table.data caption { caption-side: top; text-align: left; font-size: .8rem; color: var(--muted); padding-bottom: .2rem; }
table.data th, table.data td { padding: .28rem .5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
table.data thead th { border-bottom: 2px solid var(--ink); font-weight: 600; font-size: .82rem; vertical-align: bottom; }
table.data thead th.num { white-space: normal; min-width: 4.5rem; }
table.data tbody th { font-weight: 400; }
table.crosstab tbody th, table.crosstab tfoot th { min-width: 8.5rem; }
table.data .num { text-align: right; white-space: nowrap; }
table.data tr.net th, table.data tr.net td { background: var(--net); font-weight: 600; font-style: italic; }
table.data tr.first-net th, table.data tr.first-net td { border-top: 2px solid var(--ink); }
table.data tr.missing th, table.data tr.missing td { color: var(--muted); font-style: italic; }
table.data tfoot th, table.data tfoot td { border-top: 2px solid var(--ink); border-bottom: none; font-weight: 600; }
table.data tr.bases th, table.data tr.bases td { font-weight: 400; color: var(--muted); }
table.withheld { margin: .5rem 0 1rem; }
.base { margin: .35rem 0 0; font-size: .85rem; font-weight: 600; }
.note, .filter { margin: .25rem 0 0; font-size: .8rem; color: var(--muted); }
.methods p, .methods li { max-width: 52rem; }
.methods ol, .methods ul { padding-left: 1.4rem; }
@page { size: A4; margin: 14mm 14mm 14mm; }
@media print {
  body { font-size: 9pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  nav.contents, figure.chart figcaption { display: none; }
  header { margin-bottom: 6mm; }
  section { border-top: none; margin-bottom: 6mm; padding-top: 0; }
  h2 { margin-bottom: 2mm; }
  table.data { font-size: 8.5pt; }
  table.data th, table.data td { padding: .12rem .4rem; }
  section.figure { break-inside: avoid; page-break-inside: avoid; }
  .pair.many { break-inside: auto; page-break-inside: auto; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart, table.data, .table-block, tr { break-inside: avoid; page-break-inside: avoid; }
  .pair { gap: 4mm 8mm; }
  .pair .tables { flex-basis: 100%; }
  .scroll { overflow: visible; }
  .pair.wide .tables { flex-basis: 100%; }
.scroll { overflow-x: auto; max-width: 100%; }
.pair.many .tables { grid-template-columns: 1fr 1fr; }
  figure.chart svg { max-height: 240mm; width: auto; }
  table.data tr.net th, table.data tr.net td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}`;
