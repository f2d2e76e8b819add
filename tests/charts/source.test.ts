/**
 * The source line: under every kind of chart when given, wrapped to the drawn chart's width,
 * escaped; nowhere when not given (the chart is then byte for byte what it was without the option).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crosstabChart, frequencyChart, histogramChart, likertChart, profileChart, type ChartOptions, type ChartResult } from '../../src/render/chart/spec.js';
import { renderSvg } from '../../src/render/chart/svg.js';
import { measureText } from '../../src/render/chart/text.js';
import { chart } from './chart.js';
import { age, agreementGrid, graph4, graph6Nets, profile, understandingByGovernment } from './data.js';

const SOURCE = 'Source: Better World, 9–25 Jan 2021';
const LONG = 'Source: Better World, User Survey on WhatsApp Privacy Policy, 9–25 January 2021 (online form circulated among more than 1,000 people, not a random sample of WhatsApp users)';

/** Every chart kind, drawn with the options given. */
const KINDS: [string, (o: ChartOptions) => ChartResult][] = [
  ['frequency bars', (o) => frequencyChart(graph6Nets, o)],
  ['donut', (o) => frequencyChart(graph4, { ...o, type: 'donut' })],
  ['stacked crosstab', (o) => crosstabChart(understandingByGovernment, { ...o, type: 'stacked' })],
  ['grouped crosstab', (o) => crosstabChart(understandingByGovernment, { ...o, type: 'grouped' })],
  ['heatmap', (o) => crosstabChart(understandingByGovernment, { ...o, type: 'heatmap' })],
  ['diverging grid', (o) => likertChart(agreementGrid, o)],
  ['stacked grid', (o) => likertChart(agreementGrid, { ...o, oneSided: true })],
  ['histogram', (o) => histogramChart(age, o)],
  ['profile', (o) => profileChart(profile, o)],
];

const size = (svg: string) => /^<svg [^>]*?width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1).map(Number) as [number, number];

/**
 * Where the source line and the chart's title start ([x, y] in the SVG): the source line is set
 * onto the drawn chart; the chart's title is the last title group (panel headings are titles too),
 * placed within the root group.
 */
function titles(svg: string): [[number, number], [number, number]] {
  const source = /class="mark-text role-source"[^>]*><text[^>]*transform="translate\((-?[\d.]+),(-?[\d.]+)\)"/.exec(svg);
  const root = /<g fill="none" stroke-miterlimit="4" transform="translate\((-?[\d.]+),(-?[\d.]+)\)">/.exec(svg);
  const all = [...svg.matchAll(/class="mark-group role-title"><g transform="translate\((-?[\d.]+),(-?[\d.]+)\)">/g)];
  const title = all[all.length - 1];
  return [
    [Number(source?.[1]), Number(source?.[2])],
    [Number(root?.[1]) + Number(title?.[1]), Number(root?.[2]) + Number(title?.[2])],
  ];
}

for (const [kind, draw] of KINDS) {
  test(`${kind}: the source line is drawn at the bottom left, in the description, and only grows the chart's height`, async () => {
    const bare = await renderSvg(draw({}).spec);
    const svg = await renderSvg(draw({ source: SOURCE }).spec);
    assert.ok(!bare.includes('Source:'), 'no source line unless given');
    assert.match(svg, />Source: Better World, 9–25 Jan 2021<\/text>/);
    assert.match(svg, /<desc>[^<]*\. Source: Better World, 9–25 Jan 2021\.<\/desc>/);
    const [w0, h0] = size(bare);
    const [w1, h1] = size(svg);
    assert.equal(w1, w0, 'as wide as without it');
    assert.ok(h1 >= h0 + 20, `taller by a line and its offset (${h0} -> ${h1})`);
    // Bottom left: it starts where the chart's title starts (both framed by the chart's bounds), below the plot.
    const [source, title] = titles(svg);
    assert.ok(Math.abs(source[0] - title[0]) < 1, `starts at the left edge, as the title does (${source[0]}, ${title[0]})`);
    assert.ok(source[1] > h0 - 16, `below the chart (${source[1]} in ${h0})`);
    assert.ok(source[1] < h1, 'within the SVG');
    assert.match(svg, /font-size="10px" fill="#595959">Source: /, 'small and grey');
  });
}

test('a blank source draws nothing: the spec is the one without it', () => {
  assert.deepEqual(frequencyChart(graph6Nets, { source: '  ' }).spec, frequencyChart(graph6Nets).spec);
});

test('a long source line wraps to the drawn width of the chart, not past it', async () => {
  for (const [kind, draw] of KINDS) {
    const spec = draw({ source: LONG }).spec;
    const svg = await renderSvg(spec);
    const bare = await renderSvg(draw({}).spec);
    assert.equal(size(svg)[0], size(bare)[0], `${kind}: as wide as without it`);
    const block = /class="mark-text role-source"[^>]*><text[^>]*>(.*?)<\/text>/.exec(svg);
    assert.ok(block, kind);
    const lines = [...(block[1] ?? '').matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
    assert.ok(lines.length >= 2, `${kind}: wrapped (${lines.length} lines)`);
    assert.equal(lines.join(' '), LONG.replace('&', '&amp;'), `${kind}: every word kept, in order`);
    for (const l of lines) assert.ok(measureText(l, 10) <= size(bare)[0] - 32, `${kind}: "${l}" fits`);
  }
});

test('the source line is escaped like every text of a chart', async () => {
  const { spec } = frequencyChart(graph6Nets, { source: 'Source: <b>Tom & Jerry</b> "poll"\u0007 </text><script>x</script>' });
  const svg = await renderSvg(spec);
  assert.ok(!svg.includes('<script'), 'no markup from the source line');
  assert.ok(!svg.includes('<b>'));
  assert.ok(!svg.includes('\u0007'), 'no raw control character (XML cannot hold it)');
  assert.match(svg, />Source: &lt;b&gt;Tom &amp; Jerry&lt;\/b&gt; &quot;poll&quot;␇ &lt;\/text&gt;&lt;script&gt;x&lt;\/script&gt;<\/text>/, 'shown as its picture, as in every output');
  assert.match(svg, /<desc>[^<]*Source: &lt;b&gt;Tom &amp; Jerry&lt;\/b&gt; &quot;poll&quot;/);
});

test('a source line of a name vega looks up in plain objects still draws', async () => {
  const svg = await renderSvg(frequencyChart(graph6Nets, { source: 'constructor' }).spec);
  assert.match(svg, />constructor\u200B<\/text>/);
});

// Goldens: bars with nets, and a donut whose legend stays beside it.
chart(function graph6NetsSource() {
  return frequencyChart(graph6Nets, { source: LONG });
});

chart(function graph4DonutSource() {
  return frequencyChart(graph4, { type: 'donut', source: SOURCE });
});
