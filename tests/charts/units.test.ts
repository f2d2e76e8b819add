import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import {
  DONUT_MAX_ANSWERS,
  chartMessages,
  crosstabChart,
  frequencyChart,
  histogramChart,
  likertChart,
} from '../../src/render/chart/spec.js';
import { renderSvg } from '../../src/render/chart/svg.js';
import { formatPercent, formatStat, measureText, wrapText } from '../../src/render/chart/text.js';
import { formatCount, roundHalfUp } from '../../src/render/number.js';
import { THEME, chartConfig, divergingColors, textColorOn } from '../../src/render/chart/theme.js';
import { repoRoot } from '../helpers/snapshot.js';
import { age, agreementGrid, frequency, graph1, graph3b, graph5, understandingByGovernment } from './data.js';

/** The data values of a single-view spec. */
function values(spec: TopLevelSpec): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values;
}

test('wrapText breaks at spaces, keeps every word and respects the width', () => {
  const label = 'Will accept, but start exploring other or additional apps';
  const lines = wrapText(label, 100, 11);
  assert.ok(lines.length > 1);
  assert.equal(lines.join(' '), label);
  for (const line of lines) assert.ok(measureText(line, 11) <= 100, line);
});

test('wrapText splits a word longer than a line with hyphens instead of cutting it', () => {
  const lines = wrapText('Donaudampfschifffahrtsgesellschaftskapitän', 60, 11);
  assert.ok(lines.length > 1);
  assert.equal(lines.join('').replace(/-/g, ''), 'Donaudampfschifffahrtsgesellschaftskapitän');
  for (const line of lines) assert.ok(measureText(line, 11) <= 60, line);
});

test('wrapText keeps words joined by a no-break space together', () => {
  assert.deepEqual(wrapText('Let users be the best judge (n\u00A0=\u00A0186)', 150, 11), ['Let users be the best judge', '(n\u00A0=\u00A0186)']);
});

test('numbers are rounded half-up and formatted without the locale', () => {
  assert.equal(roundHalfUp(12.5), 13);
  assert.equal(roundHalfUp(0.5), 1);
  assert.equal(roundHalfUp(1.005, 2), 1.01);
  assert.equal(formatPercent(36.99115), '37%');
  assert.equal(formatPercent(21.505, 1), '21.5%');
  // A share above 0 that rounds to it is not nobody: 5 of 1,059.
  assert.equal(formatPercent((100 * 5) / 1059), '<1%');
  assert.equal(formatPercent(0.04, 1), '<0.1%');
  assert.equal(formatPercent(0), '0%');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatStat(33.84), '33.8');
  assert.equal(formatStat(-0.46), '-0.5');
  assert.equal(formatStat(31), '31');
});

test('diverging colours: orange half, blue half, grey neutral in the middle', () => {
  assert.deepEqual(divergingColors(5), ['#B35806', '#FDB863', '#D9D9D9', '#92C5DE', '#2166AC']);
  assert.deepEqual(divergingColors(4), ['#B35806', '#FDB863', '#92C5DE', '#2166AC']);
  for (const n of [2, 3, 6, 7, 9, 11]) {
    const colors = divergingColors(n);
    assert.equal(colors.length, n);
    assert.equal(new Set(colors).size, n, `distinct colours for ${n}`);
  }
});

test('value labels get the text colour with the higher contrast', () => {
  assert.equal(textColorOn('#0072B2'), '#FFFFFF');
  assert.equal(textColorOn('#B35806'), '#FFFFFF');
  assert.equal(textColorOn('#F0E442'), '#1A1A1A');
  assert.equal(textColorOn('#D9D9D9'), '#1A1A1A');
});

test('config overrides are deep-merged over the theme without changing it', () => {
  const before = structuredClone(THEME);
  const config = chartConfig({ title: { fontSize: 20 }, range: { category: ['#000000'] } });
  assert.equal(config.title?.fontSize, 20);
  assert.equal(config.title?.anchor, 'start', 'the rest of the title theme stays');
  assert.deepEqual(config.range?.category, ['#000000']);
  assert.deepEqual(THEME, before);
});

test('chart builders do not modify their input tables', () => {
  const tables = structuredClone([graph1, graph5, understandingByGovernment, age, agreementGrid]);
  frequencyChart(graph1, { type: 'donut' });
  frequencyChart(graph5, { percentBase: 'responses' });
  crosstabChart(understandingByGovernment, { type: 'grouped' });
  histogramChart(age);
  likertChart(agreementGrid);
  assert.deepEqual([graph1, graph5, understandingByGovernment, age, agreementGrid], tables);
});

test('specs are plain JSON with inline data and no URL but the schema', () => {
  for (const { spec } of [frequencyChart(graph1), crosstabChart(understandingByGovernment), likertChart(agreementGrid), histogramChart(age)]) {
    const json = JSON.stringify(spec);
    assert.deepEqual(JSON.parse(json), spec);
    assert.deepEqual(json.match(/https?:\/\/[^"]*/g), ['https://vega.github.io/schema/vega-lite/v6.json']);
    assert.doesNotMatch(json, /"url"/);
  }
});

test('a donut has at most 6 answers; with more it falls back to bars and warns', () => {
  const answers = Array.from({ length: DONUT_MAX_ANSWERS + 1 }, (_, i): [string, number] => [`Answer ${i + 1}`, 10 + i]);
  const seven = frequency('Q', 'Seven answers', answers, { base: 91 });
  const { spec, warnings } = frequencyChart(seven, { type: 'donut' });
  assert.deepEqual(warnings, [chartMessages.donutTooManyAnswers('Q', 7, 6)]);
  assert.doesNotMatch(JSON.stringify(spec), /"arc"/);
  const six = frequency('Q', 'Six answers', answers.slice(0, 6), { base: 75 });
  const donut = frequencyChart(six, { type: 'donut' });
  assert.deepEqual(donut.warnings, []);
  assert.match(JSON.stringify(donut.spec), /"arc"/);
});

test('multi-select: % of respondents by default, % of responses on request', () => {
  const byRespondents = JSON.stringify(frequencyChart(graph5).spec);
  assert.match(byRespondents, /"title":"% of respondents"/);
  const { spec, warnings } = frequencyChart(graph5, { percentBase: 'responses' });
  assert.deepEqual(warnings, []);
  assert.match(JSON.stringify(spec), /"title":"% of responses"/);
  assert.equal(values(spec)[0]?.['text'], '31%', 'Telegram: 192 of 611 answers');
  const noResponses = { ...graph5, rows: graph5.rows.map(({ percentOfResponses: _, ...row }) => row) };
  assert.deepEqual(frequencyChart(noResponses, { percentBase: 'responses' }).warnings, [chartMessages.noPercentOfResponses('Q5')]);
});

test('the subtitle can be replaced, and the title too', () => {
  const { spec } = frequencyChart(graph1, { subtitle: 'Base: all 565 valid respondents', title: 'Graph 1' });
  assert.deepEqual((spec as { title: unknown }).title, { text: 'Graph 1', subtitle: 'Base: all 565 valid respondents' });
});

test('likert: an odd scale is centred on the middle of the neutral answer', () => {
  const { spec } = likertChart([agreementGrid[0]!]);
  const layers = (spec as { layer: { data?: { values: Record<string, number | string>[] } }[] }).layer;
  const segments = layers[1]?.data?.values ?? [];
  const neutral = segments[2]!;
  assert.ok(Math.abs((neutral['start'] as number) + (neutral['end'] as number)) < 1e-9, 'neutral segment straddles 0 evenly');
  assert.ok((segments[1]!['end'] as number) < 0 && (segments[3]!['start'] as number) > 0);
});

test('likert: an even scale is centred between the two middle answers', () => {
  const { spec } = likertChart([graph3b]);
  const layers = (spec as { layer: { data?: { values: Record<string, number>[] } }[] }).layer;
  const segments = layers[1]?.data?.values ?? [];
  assert.ok(Math.abs(segments[1]!['end']!) < 1e-9);
  assert.ok(Math.abs(segments[2]!['start']!) < 1e-9);
});

test('likert: items with other options than the first are flagged', () => {
  const other = frequency('Q8', 'Q8 | Odd one', [['Yes', 300], ['No', 265]], { item: 'Odd one' });
  const { warnings } = likertChart([agreementGrid[0]!, other]);
  assert.deepEqual(warnings, [chartMessages.likertOptionsDiffer('Odd one')]);
});

test('crosstab: multi-select rows cannot stack, so they are grouped', () => {
  const { spec, warnings } = crosstabChart({ ...understandingByGovernment, multi: true }, { type: 'stacked' });
  assert.deepEqual(warnings, [chartMessages.stackedMulti(understandingByGovernment.label)]);
  assert.match(JSON.stringify(spec), /"yOffset"/);
});

test('crosstab: stacked segments of each column add up to 100%', () => {
  const { spec } = crosstabChart(understandingByGovernment);
  const layers = (spec as { layer: unknown[]; data: { values: { key: string; end: number }[] } }).data.values;
  const ends = new Map<string, number>();
  for (const d of layers) ends.set(d.key, Math.max(ends.get(d.key) ?? 0, d.end));
  for (const end of ends.values()) assert.ok(Math.abs(end - 100) < 1e-9);
});

test('histogram without bins warns', () => {
  const { bins: _, ...noBins } = age;
  assert.deepEqual(histogramChart(noBins).warnings, [chartMessages.noBins('Q10')]);
});

test('renderSvg is deterministic, also when renders overlap', async () => {
  const specs = [frequencyChart(graph1).spec, likertChart(agreementGrid).spec, frequencyChart(graph1, { type: 'donut' }).spec];
  const sequential: string[] = [];
  for (const spec of specs) sequential.push(await renderSvg(spec));
  const concurrent = await Promise.all(specs.map((spec) => renderSvg(spec)));
  assert.deepEqual(concurrent, sequential);
});

test('renderSvg routes vega-lite warnings to the callback and never to the console', async (t) => {
  const consoleCalls: unknown[] = [];
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
    t.mock.method(console, method, (...args: unknown[]) => consoleCalls.push(args));
  }
  const warnings: string[] = [];
  const spec = {
    data: { values: [{ a: 1, b: 'x' }] },
    mark: 'bar',
    encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'b', type: 'nominal' } },
  } as unknown as TopLevelSpec;
  await renderSvg(spec, { onWarning: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /shape/);
  await renderSvg(spec);
  assert.deepEqual(consoleCalls, []);
});

test('renderSvg rejects a spec vega cannot render, and the next render still works', async () => {
  const broken = {
    data: { values: [{ a: 1 }] },
    transform: [{ calculate: 'datum.a +* 2', as: 'b' }],
    mark: 'bar',
    encoding: { x: { field: 'b', type: 'quantitative' } },
  } as unknown as TopLevelSpec;
  await assert.rejects(renderSvg(broken));
  assert.match(await renderSvg(frequencyChart(graph1).spec), /^<svg /);
});

test('vega and vega-lite are only imported when a chart is rendered', () => {
  const dir = join(repoRoot(), 'dist', 'src', 'render', 'chart');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    assert.doesNotMatch(code, /^\s*import\s[^(]*from\s+['"]vega(-lite)?['"]/m, `${file} imports vega statically`);
    assert.doesNotMatch(code, /^\s*import\s+['"]vega(-lite)?['"]/m, `${file} imports vega statically`);
  }
});

test('multi-select by responses: a net without a % of responses is left out, with a warning', () => {
  const withNet = {
    ...graph5,
    rows: [...graph5.rows, { label: 'Any other app than WhatsApp', count: 301, percent: (100 * 301) / 565, net: true }],
  };
  const { spec, warnings } = frequencyChart(withNet, { percentBase: 'responses' });
  assert.deepEqual(warnings, [chartMessages.netsWithoutResponses('Q5', 1)]);
  assert.doesNotMatch(JSON.stringify(spec), /Any other app/);
  assert.match(JSON.stringify(frequencyChart(withNet).spec), /Any other app/, 'shown when charting % of respondents');
});

test('declared missing answers are outside the base: not drawn, but described', () => {
  const withMissing = {
    ...graph1,
    rows: [...graph1.rows, { label: 'Don’t know', count: 20, percent: (100 * 20) / 585, missing: true }],
  };
  const { spec, warnings } = frequencyChart(withMissing);
  assert.deepEqual(warnings, []);
  assert.equal(values(spec).length, 3);
  assert.match(spec.description ?? '', /Not charted, outside the base: Don’t know \(20, 3% of everyone asked\)\./);
});

test('baseLabel names the base in the default subtitle', () => {
  const { spec } = frequencyChart({ ...graph1, base: 212 }, { baseLabel: 'Business users' });
  assert.equal((spec as { title: { subtitle: string } }).title.subtitle, 'n = 212 Business users, % of respondents');
});

test('a weighted chart counts people in its base line, then gives the weighted sum', () => {
  const t = frequency('q', 'Q', [['Yes', 900.4], ['No', 606.8]], { base: 1507.2, unweightedBase: 1615 });
  const spec = JSON.stringify(frequencyChart(t).spec);
  assert.ok(spec.includes('n = 1,615 valid respondents, weighted 1,507, % of respondents'), spec.slice(0, 600));
  // Unweighted, as before.
  assert.ok(JSON.stringify(frequencyChart(frequency('q', 'Q', [['Yes', 3], ['No', 2]], { base: 5, unweightedBase: 5 })).spec).includes('n = 5 valid respondents, % of respondents'));
});
