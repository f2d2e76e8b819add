/**
 * report.html: self-contained (nothing loaded from anywhere), every table and chart in it,
 * every label escaped, the same bytes on every run, and ids unique across inline SVGs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildArtifacts, type Built } from '../../src/report/artifacts.js';
import { prefixSvgIds, renderHtml } from '../../src/report/html.js';
import type { StudySpec } from '../../src/spec/analysis.js';
import type { AnalysisResult, BannerTable, CrosstabTable, FrequencyTable, FunnelStep, NumericTable } from '../../src/spec/result.js';

const MARKUP = '<script>alert(1)</script> & co';
const SHA = 'ab'.repeat(32);

function freq(id: string, question: string, label: string, rows: [string, number, ('net' | 'missing')?][], extra: Partial<FrequencyTable> = {}): FrequencyTable {
  const base = extra.base ?? 565;
  return {
    kind: 'frequency',
    id,
    question,
    label,
    type: 'single',
    base,
    missing: 0,
    ...extra,
    rows: rows.map(([l, count, flag]) => ({ label: l, count, percent: (100 * count) / base, ...(flag === 'net' ? { net: true } : flag === 'missing' ? { missing: true } : {}) })),
  };
}

const view = freq('graph1', 'view', MARKUP, [
  [MARKUP, 209],
  ['Not good, but I can live with it', 254],
  ['Does not bother me at all', 102],
]);
const gov = freq('graph4', 'gov', 'What should the government do?', [
  ['Roll back', 136],
  ['Regulate', 243],
  ['Let users judge', 186],
  ['Government should step in', 379, 'net'],
]);
const apps: FrequencyTable = {
  ...freq('graph5', 'apps', 'Which apps?', [
    ['Telegram', 242],
    ['Signal', 171],
  ]),
  type: 'multi',
  responses: 413,
};
apps.rows = apps.rows.map((r) => ({ ...r, percentOfResponses: (100 * r.count!) / 413 }));
const age = freq('profile_age', 'age', 'Respondent profile: age', [
  ['18-24', 300],
  ['25+', 265],
]);
const gender = freq(
  'profile_gender',
  'gender',
  'Respondent profile: gender',
  [
    ['Female', 250],
    ['Male', 300],
    ['Prefer not to say', 15, 'missing'],
  ],
  { base: 550, missing: 15 },
);
// 2.45% is 2.4500000000000001776… in binary: half-up display must still give 2.5%.
const rounding = freq('rounding', 'r', 'Rounding', [['Edge', 49]], { base: 2000 });
const cross: CrosstabTable = {
  kind: 'crosstab',
  id: 'view_by_gov',
  row: 'view',
  column: 'gov',
  label: 'View by government preference',
  rowLabels: ['Breach', 'Fine', 'Any concern'],
  columnLabels: [MARKUP, 'Regulate'],
  counts: [
    [10, 20],
    [30, 40],
    [10, 20],
  ],
  columnPercents: [
    [25, 100 / 3],
    [75, 200 / 3],
    [25, 100 / 3],
  ],
  rowPercents: [],
  totalPercents: [],
  columnBases: [40, 60],
  rowBases: [30, 70, 30],
  base: 100,
  netRows: [2],
  stats: { chi2: 0.79, df: 1, p: 0.37, cramersV: 0.089, lowExpected: 0 },
};
const numeric: NumericTable = { kind: 'numeric', question: 'minutes', label: 'Minutes a day', n: 500, missing: 65, mean: 42.25, sd: 10.5, median: 40, min: 1, max: 180, invalid: 0, bins: [{ x0: 0, x1: 90, count: 400 }, { x0: 90, x1: 180, count: 100 }] };

const result: AnalysisResult & { funnel: FunnelStep[]; title: string } = {
  title: `Study ${MARKUP}`,
  input: { file: 'responses & more.csv', rows: 1022, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
  questions: [],
  tables: [view, gov, apps, age, gender, rounding, cross, numeric],
  withheld: [{ column: 'Email Address', kind: 'email', reason: 'header "Email Address" names an e-mail address' }],
  diagnostics: [],
  funnel: [
    { rule: 'read', removed: 0, remaining: 1022 },
    { rule: 'outside fieldwork', removed: 248, remaining: 774 },
    { rule: MARKUP, removed: 209, remaining: 565 },
  ],
};

const spec: StudySpec = {
  version: 1,
  input: { file: 'responses.csv', timezone: 'Asia/Kolkata' },
  filters: [
    { rule: 'fieldwork', name: 'outside fieldwork', question: 'submitted', from: '2021-01-09', to: '2021-01-25' },
    { rule: 'expression', name: MARKUP, remove: 'x == "<b>"' },
  ],
  tables: [
    { id: 'graph1', type: 'frequency', question: 'view', chart: { type: 'donut' } },
    { id: 'graph4', type: 'frequency', question: 'gov' },
    { id: 'graph5', type: 'frequency', question: 'apps', chart: { percentBase: 'responses' } },
    { id: 'profile_age', type: 'frequency', question: 'age', chart: false },
    { id: 'profile_gender', type: 'frequency', question: 'gender', chart: false },
    { id: 'rounding', type: 'frequency', question: 'r', filter: 'r == "<Edge>"', baseLabel: 'edge cases' },
    { id: 'view_by_gov', type: 'crosstab', row: 'view', column: 'gov' },
  ],
  charts: [{ id: 'profile', type: 'profile', tables: ['profile_age', 'profile_gender'], title: 'Respondent profile' }],
};

async function build(): Promise<Built> {
  return buildArtifacts(result, { codebook: { questions: [] }, spec, vegaLite: false, baseLabel: 'valid respondents', inputSha256: SHA });
}

const built = await build();
const htmlArtifact = built.artifacts.find((a) => a.path === 'report.html');
assert.ok(htmlArtifact, 'report.html is an artifact');
const html = htmlArtifact.content as string;

/** The namespace declarations are names, not addresses: nothing is fetched from them. */
const NAMESPACES = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink'];

test('report.html is self-contained: no URL, script, stylesheet link or font to load', () => {
  const stripped = NAMESPACES.reduce((s, ns) => s.split(`"${ns}"`).join('""'), html);
  assert.doesNotMatch(stripped, /https?:/i);
  assert.doesNotMatch(stripped, /\/\//, 'no protocol-relative URL (//host) anywhere');
  assert.doesNotMatch(html, /\ssrc\s*=/i, 'no src attribute');
  for (const m of html.matchAll(/\s(?:xlink:)?href\s*=\s*"([^"]*)"/gi)) assert.match(m[1]!, /^#[A-Za-z][\w-]*$/, `only in-page links: ${m[0]}`);
  for (const m of html.matchAll(/url\(([^)]*)\)/gi)) assert.match(m[1]!, /^['"]?#/, `only in-page url(): ${m[0]}`);
  assert.doesNotMatch(html, /<script|<link|<iframe|<object|<embed|<img|@import|@font-face/i);
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attribute');
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.match(html, /<meta charset="utf-8">/);
});

test('every table and every chart is in report.html, each chart beside its tables', () => {
  const ids = ['graph1', 'graph4', 'graph5', 'profile_age', 'profile_gender', 'rounding', 'view_by_gov', 'minutes'];
  for (const id of ids) assert.equal(html.split(`id="table-${id}"`).length, 2, `table ${id} once`);
  const chartIds = built.charts.map((c) => c.id);
  assert.deepEqual(chartIds.sort(), ['graph1', 'graph4', 'graph5', 'minutes', 'profile', 'rounding', 'view_by_gov']);
  for (const id of chartIds) {
    const figure = html.match(new RegExp(`<figure class="chart" id="chart-${id}">\\n<svg [\\s\\S]*?</svg>\\n`));
    assert.ok(figure, `chart ${id} inline`);
  }
  assert.equal(html.match(/<svg /g)?.length, chartIds.length, 'one inline SVG per chart');
  assert.ok(built.artifacts.some((a) => a.path === 'charts/profile.svg'), 'the profile chart is written too');
  // The profile chart and the two tables it draws share a section.
  const section = html.match(/<section class="figure" id="s-profile"[\s\S]*?<\/section>/)?.[0] ?? '';
  assert.ok(section.includes('id="chart-profile"') && section.includes('id="table-profile_age"') && section.includes('id="table-profile_gender"'));
  assert.match(section, /<h2 id="s-profile-h"><bdi>Respondent profile<\/bdi> /);
  // Panel headings drop the chart title: "Respondent profile: age" is headed "Age".
  const profileSvg = built.charts.find((c) => c.id === 'profile')!.svg;
  assert.ok(profileSvg.includes('>Age (n = 565)</text>'), 'panel heading without the chart title');
  assert.ok(profileSvg.includes('>Gender (n = 550)</text>'));
});

test('labels with markup come out as text, in tables, headings, funnel, methods and charts', () => {
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<b>/);
  assert.doesNotMatch(html, /& co/, 'a bare & never reaches the page');
  const escaped = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co';
  assert.ok(html.includes(`<title>Study ${escaped}</title>`), 'document title');
  assert.ok(html.includes(`<h1><bdi>Study ${escaped}</bdi></h1>`), 'heading');
  assert.ok(html.includes(`<th scope="row"><bdi>${escaped}</bdi></th>`), 'answer label and funnel rule');
  assert.ok(html.includes(`<th scope="col" class="num"><bdi>${escaped}</bdi></th>`), 'crosstab column label');
  assert.ok(html.includes('responses &amp; more.csv'), 'file name');
  assert.ok(html.includes('<code>x == &quot;&lt;b&gt;&quot;</code>'), 'expression in the methods');
  assert.ok(html.includes('<code>r == &quot;&lt;Edge&gt;&quot;</code>'), 'table filter');
});

test('tables: rounded half-up, nets and missing answers set apart, bases stated', () => {
  assert.match(html, /<th scope="row"><bdi>Edge<\/bdi><\/th><td class="num">49<\/td><td class="num">2\.5%<\/td>/);
  assert.match(html, /<tr class="net first-net"><th scope="row"><bdi>Government should step in<\/bdi> <span class="tag">net<\/span><\/th><td class="num">379<\/td><td class="num">67\.1%<\/td><\/tr>/);
  assert.match(html, /<tr class="missing"><th scope="row"><bdi>Prefer not to say<\/bdi> <span class="tag">not in base<\/span>/);
  assert.match(html, /<tr class="net first-net"><th scope="row"><bdi>Any concern<\/bdi> <span class="tag">net<\/span>/, 'crosstab net row');
  assert.match(html, /<p class="base">n = 565 valid respondents<\/p>/);
  assert.match(html, /n = 550 valid respondents; 15 missing, not in the base/);
  assert.match(html, /n = 565 valid respondents; 413 responses/);
  assert.match(html, /n = 2,000 edge cases/, 'a table\'s own base label');
  assert.match(html, /% of respondents<\/th><th scope="col" class="num">% of responses/);
  assert.match(html, /<td class="num">33\.3%<\/td>/, 'crosstab column percentages');
  assert.match(html, /p = 0\.370, Cramér’s V = 0\.089/);
  assert.match(html, /<tr class="read"><th scope="row">Rows read<\/th><td class="num"><\/td><td class="num">1,022<\/td><\/tr>/);
  assert.match(html, /<tfoot><tr><th scope="row">Counted in every table<\/th><td class="num"><\/td><td class="num">565<\/td><\/tr><\/tfoot>/);
});

test('methods: fieldwork, rules, bases, multi-select, withheld personal data, input and its hash', () => {
  const methods = html.slice(html.indexOf('<section class="methods"'));
  assert.match(methods, /2021-01-09 to 2021-01-25 inclusive, Asia\/Kolkata time/);
  assert.match(methods, /<li><strong><bdi>outside fieldwork<\/bdi><\/strong>/);
  assert.match(methods, /Percentages are of respondents answering each question/);
  assert.match(methods, /Multi-select questions<\/strong> \(<bdi>Which apps\?<\/bdi>\)/);
  assert.match(methods, /Charts showing % of responses, as the spec asks: <span class="tag">graph5<\/span>/);
  assert.match(methods, /<th scope="row"><bdi>Email Address<\/bdi><\/th><td>email<\/td><td>header &quot;Email Address&quot; names an e-mail address<\/td>/);
  assert.ok(methods.includes(`SHA-256 <code class="hash">${SHA}</code>`));
  assert.match(methods, /responses &amp; more\.csv<\/span>: 1,022 rows, utf-8, comma-separated, 1 header row/);
});

test('print: A4 pages, figures and tables kept whole', () => {
  assert.match(html, /@page \{ size: A4; margin: [^}]+\}/);
  assert.match(html, /figure\.chart, table\.data, \.table-block, tr \{ break-inside: avoid;/);
});

test('the same input gives the same bytes: no timestamp, no random id', async () => {
  const again = (await build()).artifacts.find((a) => a.path === 'report.html')!.content;
  assert.equal(again, html);
  assert.doesNotMatch(html, /\b20\d\d-\d\d-\d\dT\d\d:/, 'no timestamp');
  const rendered = renderHtml({ result, spec, ids: ['graph1', 'graph4', 'graph5', 'profile_age', 'profile_gender', 'rounding', 'view_by_gov', 'minutes'], charts: [], baseLabel: 'valid respondents', inputSha256: SHA });
  assert.equal(rendered, renderHtml({ result, spec, ids: ['graph1', 'graph4', 'graph5', 'profile_age', 'profile_gender', 'rounding', 'view_by_gov', 'minutes'], charts: [], baseLabel: 'valid respondents', inputSha256: SHA }));
});

test('ids are unique across the page: SVG ids are prefixed by chart id, references follow', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="g1"/></defs><g clip-path="url(#clip1)"><rect fill="url(\'#g1\')"/><use xlink:href="#clip1"/><use href="#g1"/></g></svg>';
  const a = prefixSvgIds(svg, 'graph1');
  const b = prefixSvgIds(svg, 'graph2');
  assert.equal(a, '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><clipPath id="graph1-clip1"><rect/></clipPath><linearGradient id="graph1-g1"/></defs><g clip-path="url(#graph1-clip1)"><rect fill="url(\'#graph1-g1\')"/><use xlink:href="#graph1-clip1"/><use href="#graph1-g1"/></g></svg>');
  assert.ok(b.includes('id="graph2-clip1"') && b.includes('url(#graph2-clip1)'));
  assert.equal(prefixSvgIds('<?xml version="1.0"?>\n<svg id="x"/>', '3d.chart'), '<svg id="c3d_chart-x"/>', 'prolog dropped; the prefix made a valid id');
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((x, i) => ids.indexOf(x) !== i).join(', ')}`);
});

test('weighted tables: n counts respondents, then the weighted sum; a crosstab shows Base (n) and Weighted base', async () => {
  const { crosstabHtml, frequencyHtml } = await import('../../src/report/html-tables.js');
  const f = frequencyHtml(freq('kids', 'kids', 'Parents', [['Yes', 100.2], ['No', 81.2]], { base: 181.4, unweightedBase: 187 }), 'parents of under-18s');
  assert.match(f, /<p class="base">n = 187 parents of under-18s, weighted 181<\/p>/);
  const x = {
    kind: 'crosstab', row: 'q', column: 'gender', label: 'Q by Gender', rowLabels: ['Yes', 'No'], columnLabels: ['Female', 'Male'],
    counts: [[200, 200], [229.93, 213.1]], columnPercents: [[46.5, 48.4], [53.5, 51.6]], rowPercents: [[50, 50], [52, 48]],
    columnBases: [429.93, 413.1], rowBases: [400, 443.03], base: 843.03, unweightedColumnBases: [442, 401], unweightedBase: 843,
  } as unknown as CrosstabTable;
  const html = crosstabHtml(x, 'respondents');
  assert.match(html, /<th scope="row">Base \(n\)<\/th><td class="num">442<\/td><td class="num">401<\/td><td class="num">843<\/td>/);
  assert.match(html, /<th scope="row">Weighted base<\/th><td class="num">429.9<\/td><td class="num">413.1<\/td><td class="num">843.0<\/td>/);
  assert.match(html, /n = 843 respondents answering both, weighted 843/);
  // Unweighted, one Base (n) row as before.
  const plain = crosstabHtml({ ...x, columnBases: [442, 401], base: 843 }, 'respondents');
  assert.ok(!plain.includes('Weighted base'));
});

test('right-to-left labels: every title, heading, label and answer is a <bdi> isolate, so it cannot reorder what is beside it; the page\'s own words are not', async () => {
  const { bdi } = await import('../../src/report/html.js');
  const HE = 'שלום (12%)';
  const AR = 'مرحبا 2';
  const q = freq('q1', 'q1', 'מה דעתך?', [
    [HE, 200],
    [AR, 100],
    ['Both', 300, 'net'],
  ]);
  const x: CrosstabTable = { ...cross, id: 'x', label: 'דעה לפי אזור', rowLabels: [HE, AR, 'Any'], columnLabels: ['צפון', AR] };
  const banner: BannerTable = {
    kind: 'banner',
    id: 'b',
    label: 'באנר',
    minBase: 0,
    columns: [
      { question: null, group: 'Total', label: 'Total' },
      { question: 'region', group: 'אזור', label: 'צפון' },
      { question: 'region', group: 'אזור', label: AR },
    ],
    sections: [{ question: 'q1', label: 'מה דעתך?', type: 'single', rowLabels: [HE, AR], counts: [[2, 1, 1], [2, 1, 1]], percents: [[50, 50, 50], [50, 50, 50]], bases: [4, 2, 2], unweightedBases: [4, 2, 2] }],
  };
  const rtl: AnalysisResult = {
    ...result,
    title: 'סקר 2024',
    tables: [q, x, banner, { ...apps, label: 'أي تطبيقات؟' }],
    withheld: [{ column: 'דוא"ל', kind: 'email', reason: 'an e-mail address' }],
    funnel: [{ rule: 'read', removed: 0, remaining: 600 }, { rule: 'כפילויות', removed: 10, remaining: 590 }],
  };
  const rtlSpec: StudySpec = { version: 1, input: { file: 'rtl.csv' }, filters: [{ rule: 'expression', name: 'כפילויות', remove: 'x == 1' }], tables: [{ id: 'q1', type: 'frequency', question: 'q1', filter: 'x == 2' }] };
  const page = renderHtml({ result: rtl, spec: rtlSpec, ids: ['q1', 'x', 'b', 'graph5'], charts: [], baseLabel: 'respondents' });
  // Right-to-left text is nowhere but in an isolate (and in <title>, which holds text only).
  const outside = page.replace(/<title>[^<]*<\/title>/, '').replace(/<bdi>[^<]*<\/bdi>/g, '');
  assert.doesNotMatch(outside, /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u, 'right-to-left text outside <bdi>');
  assert.doesNotMatch(outside, /<\/?bdi>/, 'every <bdi> closed, none nested, none holding markup');
  // The places, one by one: headings, rows with their tags after them, columns, the banner's groups and sections, the funnel, the methods.
  for (const part of [
    `<h1>${bdi('סקר 2024')}</h1>`,
    `<h2 id="s-q1-h">${bdi('מה דעתך?')} <span class="tag">q1</span></h2>`,
    `<li><a href="#s-x">${bdi('דעה לפי אזור')}</a></li>`,
    `<th scope="row">${bdi(HE)}</th><td class="num">200</td>`,
    `<th scope="row">${bdi('Both')} <span class="tag">net</span></th>`,
    `<th scope="col" class="num">${bdi('צפון')}</th><th scope="col" class="num">${bdi(AR)}</th><th scope="col" class="num total">Total</th>`,
    `<th scope="colgroup" colspan="1">Total</th><th scope="colgroup" colspan="2">${bdi('אזור')}</th>`,
    `<th scope="col" class="num">Total</th><th scope="col" class="num">${bdi('צפון')}</th>`,
    `<th scope="rowgroup" colspan="4">${bdi('מה דעתך?')}</th>`,
    `<tr><th scope="row">${bdi('כפילויות')}</th><td class="num">10</td>`,
    `<li><strong>${bdi('כפילויות')}</strong>: rows where <code>x == 1</code>.</li>`,
    `<li>${bdi('מה דעתך?')} (<span class="tag">q1</span>): respondents`,
    `Multi-select questions</strong> (${bdi('أي تطبيقات؟')})`,
    `<th scope="row">${bdi('דוא"ל')}</th><td>email</td>`,
  ]) assert.ok(page.includes(part), part);
  assert.equal(bdi('<b> & "x"'), '<bdi>&lt;b&gt; &amp; &quot;x&quot;</bdi>', 'escaped as h() escapes');
  // The page's own words stay as they were: only user-supplied text is isolated.
  for (const own of ['Rows read', 'Base (n)', 'Total', 'Answer', 'Methods', 'Counted in every table']) assert.ok(!page.includes(`<bdi>${own}</bdi>`), own);
  // Still the same bytes on every run.
  assert.equal(renderHtml({ result: rtl, spec: rtlSpec, ids: ['q1', 'x', 'b', 'graph5'], charts: [], baseLabel: 'respondents' }), page);
});
