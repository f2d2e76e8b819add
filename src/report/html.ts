/**
 * report.html: the whole study in one self-contained file — the funnel, every table with its
 * chart beside it, and a methods note. Charts are inline SVG, styles inline CSS; nothing is
 * loaded from anywhere (no fonts, scripts or images) and no JavaScript runs. It reads in a
 * browser and prints on A4.
 *
 * Same input, same bytes: no timestamps, no random ids; the ids inside each inline SVG are
 * prefixed with its chart id so that charts never share one.
 */
import { bdi, formatCount, h, specTableOf, type HtmlChart, type HtmlInput } from './html-common.js';
import { bannerHtml, crosstabHtml, frequencyHtml, numericHtml, textHtml } from './html-tables.js';
import { methods } from './html-methods.js';
import { CSS } from './html-style.js';
import { gridTitle, resultTitle, stepLabel } from '../render/title.js';

export { bdi, formatCount, h } from './html-common.js';
export type { HtmlChart, HtmlInput } from './html-common.js';

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
  /** The filter its tables share, if any: two tables of one question, one of them on some rows only, are told apart in the contents. */
  filter?: string;
  tables: number[];
  charts: HtmlChart[];
}

export function renderHtml(input: HtmlInput): string {
  const { result } = input;
  const title = resultTitle(result);
  const sections = sectionsOf(input);
  const body = [
    `<header>\n<h1>${bdi(title)}</h1>\n<p class="lede">${lede(input)}</p>\n</header>`,
    contents(sections),
    funnelSection(input),
    ...sections.map((s) => sectionHtml(input, s)),
    methods(input),
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
    const filters = new Set(members.map((m) => result.tables[m]!.filter));
    const filter = filters.size === 1 ? [...filters][0] : undefined;
    sections.push({ key: consolidated?.id ?? input.ids[i]!, title: sectionTitle, tables: members, charts: found, ...(filter !== undefined ? { filter } : {}) });
  }
  return sections;
}

function contents(sections: Section[]): string {
  if (sections.length < 2) return '';
  const items = sections.map((s) => `<li><a href="#s-${cssIdent(s.key)}">${bdi(s.title)}</a>${s.filter !== undefined ? ` <span class="filter">(only rows where <code>${h(s.filter)}</code>)</span>` : ''}</li>`);
  return `<nav class="contents" aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n${items.join('\n')}\n<li><a href="#methods">Methods</a></li>\n</ol>\n</nav>`;
}

function funnelSection(input: HtmlInput): string {
  const funnel = input.result.funnel;
  if (!funnel || funnel.length === 0) return '';
  const rows = funnel.map((s, i) =>
    i === 0
      ? `<tr class="read"><th scope="row">Rows read</th><td class="num"></td><td class="num">${formatCount(s.remaining)}</td></tr>`
      : `<tr><th scope="row">${bdi(stepLabel(s))}</th><td class="num">${formatCount(s.removed)}</td><td class="num">${formatCount(s.remaining)}</td></tr>`,
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
<h2 id="s-${id}-h">${bdi(s.title)} <span class="tag">${h(s.key)}</span></h2>
<div class="pair${many ? ' many' : ''}${wide ? ' wide' : ''}">
${figures.length > 0 ? `<div class="charts">\n${figures.join('\n')}\n</div>\n` : ''}<div class="tables">
${tables.join('\n')}
</div>
</div>
</section>`;
}


function tableBlock(input: HtmlInput, index: number, heading: boolean): string {
  const t = input.result.tables[index]!;
  const spec = specTableOf(input, t);
  const baseLabel = spec?.baseLabel ?? input.baseLabel;
  const id = cssIdent(`table-${input.ids[index]!}`);
  // Beside its grid's chart, an item is headed by the item alone.
  const label = t.kind === 'frequency' && t.item !== undefined ? t.item : t.label;
  const head = heading ? `<h3>${bdi(label)} <span class="tag">${h(input.ids[index]!)}</span></h3>\n` : '';
  // The table's own filter, masked as every output masks contact details (privacy/mask.ts).
  const filter = t.filter !== undefined ? `<p class="filter">Filter: <code>${h(t.filter)}</code></p>\n` : '';
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
