/**
 * Disclosure control reaches banners in every output: the tester's case (flying etiquette, minCell
 * 5, a banner of two row questions by age and gender beside a crosstab of one of them by age).
 * Cells of 1-4 respondents, and their complements, are `*` in the terminal, Markdown, HTML and the
 * workbook, empty in CSV, null in JSON; none of their numbers is left anywhere.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { parseSpec } from '../../src/config/load-spec.js';
import { runReport } from '../../src/engine/report.js';
import { formatPercent } from '../../src/render/sanitize.js';
import { chartForTable } from '../../src/report/choose-chart.js';
import type { BannerSection, BannerTable, CrosstabTable, Table } from '../../src/spec/result.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-banner-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DATA = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
writeFileSync(
  join(dir, 's.yaml'),
  `version: 1
input: { file: ${DATA} }
questions:
  - { id: freq, column: "How often do you travel by plane?" }
  - { id: recline_rude, column: "Is itrude to recline your seat on a plane?" }
tables:
  - { id: book, type: banner, title: Book, rows: [recline_rude, freq], columns: [age, gender] }
  - { id: x, type: crosstab, row: freq, column: age }
`,
);

interface Result {
  tables: Table[];
  disclosure?: { minCell: number; primary: number; complementary: number; tables: number };
}

let raw: Result;
let hidden: Result;
let terminal: string;
const out = join(dir, 'out');
const book = (r: Result) => r.tables.find((t) => t.id === 'book') as BannerTable;
const freq = (r: Result) => book(r).sections.find((s) => s.question === 'freq')!;

before(async () => {
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--format', 'json'], io), 0, io.err());
  raw = JSON.parse(io.out()) as Result;
  const io2 = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--min-cell', '5', '--out', 'out'], io2), 0, io2.err());
  hidden = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Result;
  const io3 = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--min-cell', '5', '--format', 'text'], io3), 0, io3.err());
  terminal = io3.out();
});

/** What each cell of a section shows: `*` where hidden, else its whole percentage. */
const expected = (s: BannerSection, r: number) => s.percents[r]!.map((x, c) => (s.suppressed?.[r]?.[c] ? '*' : formatPercent(x, 0)));

test('banner under minCell: every cell of 1-4 respondents is hidden in the JSON, with its percentage and count', () => {
  const before = freq(raw);
  const after = freq(hidden);
  const small = (before.counts as number[][]).map((row) => row.map((n) => n > 0 && n < 5));
  assert.ok(small.flat().filter(Boolean).length >= 4, 'the fixture has small cells');
  assert.ok(after.suppressed, 'flags');
  before.counts.forEach((row, r) => row.forEach((n, c) => {
    const h = after.suppressed![r]![c]!;
    if (small[r]![c]) assert.ok(h, `${before.rowLabels[r]} / ${c}: ${n} respondents`);
    assert.equal(after.counts[r]![c], h ? null : n);
    assert.equal(after.percents[r]![c], h ? null : before.percents[r]![c]);
  }));
  // The complements: more hidden than the small cells alone.
  assert.ok(after.suppressed!.flat().filter(Boolean).length > small.flat().filter(Boolean).length);
  // The tables file holds the same banner.
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'tables', 'book.json'), 'utf8')), book(hidden));
});

test('banner under minCell: a section with no small cell is unchanged', () => {
  const before = book(raw).sections.find((s) => s.question === 'recline_rude')!;
  assert.ok((before.counts as number[][]).flat().every((n) => n === 0 || n >= 5), 'no small cell');
  assert.deepEqual(book(hidden).sections.find((s) => s.question === 'recline_rude'), before);
});

test('banner under minCell: the age block hides exactly what the crosstab of the same questions hides', () => {
  const x = hidden.tables.find((t) => t.id === 'x') as CrosstabTable;
  const ages = book(hidden).columns.map((c, i) => [c, i] as const).filter(([c]) => c.question === 'age').map(([, i]) => i);
  assert.deepEqual(ages.map((i) => book(hidden).columns[i]!.label), x.columnLabels);
  assert.deepEqual(freq(hidden).suppressed!.map((row) => ages.map((c) => row[c])), x.suppressed);
});

test('banner under minCell: the hidden cells are counted in the summary the terminal reports', () => {
  const x = hidden.tables.find((t) => t.id === 'x') as CrosstabTable;
  const xRaw = raw.tables.find((t) => t.id === 'x') as CrosstabTable;
  const smallCount = (ns: readonly (readonly (number | null)[])[]) => ns.flat().filter((n) => n !== null && n > 0 && n < 5).length;
  const flags = (m: readonly (readonly boolean[])[] | undefined) => (m ?? []).flat().filter(Boolean).length;
  const bannerHidden = book(hidden).sections.reduce((a, s) => a + flags(s.suppressed), 0);
  const primary = book(raw).sections.reduce((a, s) => a + smallCount(s.counts), 0) + smallCount(xRaw.counts);
  // A crosstab's small row totals are not counted; the others it hides are complements.
  const xTotals = x.rowBases.filter((b, r) => b === null && xRaw.rowBases[r]! >= 5).length;
  assert.deepEqual(hidden.disclosure, { minCell: 5, primary, complementary: bannerHidden + flags(x.suppressed) + xTotals - primary, tables: 2 });
  assert.ok(terminal.includes(`Cells with fewer than 5 respondents suppressed (*): ${primary}, plus ${hidden.disclosure!.complementary} so they cannot be recovered`), terminal.slice(0, 600));
});

test('banner under minCell: the terminal, Markdown and HTML show * for every hidden cell', () => {
  const s = freq(hidden);
  assert.ok(s.suppressed![0]!.some(Boolean), 'Every day hides cells');
  // Tagged by the spec's table id, as every table of a spec is.
  const start = terminal.indexOf('\nBook [book]\n');
  assert.ok(start >= 0, terminal.slice(0, 600));
  const text = terminal.slice(start);
  const md = readFileSync(join(out, 'tables', 'book.md'), 'utf8');
  const all = readFileSync(join(out, 'tables.md'), 'utf8');
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  const banner = html.slice(html.indexOf('<table class="banner">'));
  s.rowLabels.forEach((label, r) => {
    const want = expected(s, r);
    // The first line with the label after the banner's title is the banner's (the crosstab follows it).
    const line = text.split('\n').find((l) => l.startsWith(`  ${label} `))!;
    assert.deepEqual(line.slice(2 + label.length).trim().split(/\s+/), want, `terminal: ${line}`);
    const row = `| ${label} | ${want.join(' | ')} |`;
    assert.ok(md.includes(row), `tables/book.md: ${row}`);
    assert.ok(all.includes(row), `tables.md: ${row}`);
    const cells = banner.match(new RegExp(`<tr><th scope="row"><bdi>${label}</bdi></th>(.*?)</tr>`))![1]!;
    assert.deepEqual([...cells.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => m[1]), want, `report.html: ${label}`);
  });
});

test('banner under minCell: CSV leaves hidden cells empty; the raw numbers are nowhere in it', () => {
  const before = freq(raw);
  const s = freq(hidden);
  const columns = book(hidden).columns.map((c) => (c.question === null ? 'Total' : `${c.group}: ${c.label}`));
  for (const file of ['tables/book.csv', 'tables.csv']) {
    const rows = (parseCsv(readFileSync(join(out, file))) as string[][]).filter((r) => r[0] === 'banner' && r[1] === 'freq');
    assert.equal(rows.length, s.rowLabels.length * columns.length, file);
    s.rowLabels.forEach((label, r) => columns.forEach((col, c) => {
      const line = rows.find((x) => x[3] === label && x[4] === col)!;
      const h = s.suppressed![r]![c]!;
      assert.deepEqual(line.slice(5, 7), h ? ['', ''] : [String(before.counts[r]![c]), String(before.percents[r]![c])], `${file}: ${label} / ${col}`);
    }));
  }
});

test('banner under minCell: tables.xlsx shows * for every hidden cell, and no chart draws the banner', async () => {
  const s = freq(hidden);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'tables.xlsx')) as unknown as ExcelJS.Buffer);
  const rows = (wb.getWorksheet('book')!.getSheetValues() as unknown[][]).filter(Array.isArray).map((r) => r.slice(1));
  const start = rows.findIndex((r) => r[0] === s.label);
  s.rowLabels.forEach((label, r) => {
    const row = rows.slice(start).find((x) => x[0] === label)!;
    assert.deepEqual(row.slice(1), s.percents[r]!.map((x, c) => (s.suppressed![r]![c] ? '*' : x! / 100)), `xlsx: ${label}`);
  });
  // Banners are not charted: nothing draws a hidden cell as a bar (a chart of them must first learn to leave those out).
  assert.equal(chartForTable(book(hidden), {}), null);
  const charts = existsSync(join(out, 'charts')) ? readdirSync(join(out, 'charts')) : [];
  assert.deepEqual(charts.filter((f) => f.startsWith('book')), []);
});

test('a weighted banner under minCell counts respondents: its blocks hide what the weighted crosstabs hide', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv'));
  const spec = `version: 1\ninput: { file: ${data} }\nmissing: [NA]\nquestions:\n  - { id: weight, column: weight, type: numeric }\nweight: weight\nstatistics: { minCell: 10 }\ntables:\n  - { id: b, type: banner, rows: [q0001, q0009], columns: [age3, race2] }\n  - { id: a, type: crosstab, row: q0009, column: age3 }\n  - { id: r, type: crosstab, row: q0009, column: race2 }\n`;
  const { result } = await runReport(parseSpec(spec, 't.yaml'), fromRoot('t.yaml'));
  const b = result.tables.find((t) => t.id === 'b') as BannerTable;
  const s = b.sections.find((x) => x.question === 'q0009')!;
  assert.ok(s.suppressed && s.unweightedCounts, 'hidden cells, and the respondents behind the cells');
  for (const id of ['a', 'r']) {
    const x = result.tables.find((t) => t.id === id) as CrosstabTable;
    const cols = b.columns.map((c, i) => [c, i] as const).filter(([c]) => c.question === x.column).map(([, i]) => i);
    assert.deepEqual(s.suppressed.map((row) => cols.map((c) => row[c])), x.suppressed, id);
    assert.deepEqual(s.unweightedCounts.map((row) => cols.map((c) => row[c])), x.unweightedCounts, `${id}: respondents, hidden alike`);
  }
});
