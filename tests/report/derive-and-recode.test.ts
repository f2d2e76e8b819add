/** Derived questions (numeric bands), recodes with case folding, missing codes and nets on an inline export. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/config/load-spec.js';
import { runReport } from '../../src/engine/report.js';
import type { BannerTable, CrosstabTable, FrequencyTable } from '../../src/spec/result.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-derive-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'r.csv'),
  ['Age,City,Apps,Rating', '17,Bombay,"Telegram, Signal",Good', '22,mumbai,Signal,Poor', '35,Mumbai ,Telegram,Good', '64,Pune,"Telegram, Signal, Other",Prefer not to say', '70,pune,Other,Poor', ',Delhi,Telegram,Good'].join('\n'),
);

const spec = `version: 1
input: { file: r.csv }
questions:
  - { id: age, column: Age, type: numeric }
  - { id: city, column: City, type: single, foldCase: true, recode: { Bombay: Mumbai } }
  - { id: apps, column: Apps, type: multi, options: [Telegram, Signal, Other], nets: { Any secure app: [Telegram, Signal] } }
  - { id: rating, column: Rating, missing: [Prefer not to say], nets: { Rated: [Good, Poor] } }
derive:
  - { id: age_band, from: age, label: Age band, bands: [{ label: Under 18, max: 17 }, { label: 18-64, min: 18, max: 64 }, { label: 65+, min: 65 }] }
tables:
  - { id: bands, type: frequency, question: age_band }
  - { id: city, type: frequency, question: city }
  - { id: apps, type: frequency, question: apps }
  - { id: rating, type: frequency, question: rating }
  - { id: x, type: crosstab, row: apps, column: age_band }
`;

test('bands, recodes, case folding, missing codes and nets', async () => {
  const { result } = await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'));
  const t = (id: string) => result.tables.find((x) => x.id === id)!;
  const bands = t('bands') as FrequencyTable;
  assert.deepEqual(bands.rows.map((r) => [r.label, r.count]), [['Under 18', 1], ['18-64', 3], ['65+', 1]]);
  assert.equal(bands.missing, 1, 'no age, no band');
  const city = t('city') as FrequencyTable;
  assert.deepEqual(city.rows.map((r) => [r.label, r.count]), [['Mumbai', 3], ['Pune', 2], ['Delhi', 1]]);
  const apps = t('apps') as FrequencyTable;
  assert.deepEqual(apps.rows.map((r) => [r.label, r.count, r.net ?? false]), [['Telegram', 4], ['Signal', 3], ['Other', 2], ['Any secure app', 5, true]].map((r) => (r.length === 3 ? r : [...r, false])));
  assert.equal(apps.responses, 9);
  const rating = t('rating') as FrequencyTable;
  assert.equal(rating.base, 5, '"Prefer not to say" is outside the base');
  assert.equal(rating.missing, 1);
  assert.deepEqual(rating.rows.find((r) => r.net)?.count, 5);
  const x = t('x') as CrosstabTable;
  assert.deepEqual(x.rowLabels, ['Telegram', 'Signal', 'Other', 'Any secure app']);
  assert.deepEqual(x.netRows, [3]);
  assert.deepEqual(x.counts[3], [1, 3, 0]);
  assert.equal(x.multi, true);
  assert.equal(x.stats, null);
});

test('two spec questions on one column (the answers as given, and a recoded copy): both kept, each counted its way, on either reading path', async () => {
  const twice = `version: 1
input: { file: r.csv }
questions:
  - { id: city, column: City, foldCase: true }
  - { id: region, column: City, foldCase: true, recode: { Bombay: West, Mumbai: West, Pune: West, Delhi: North } }
tables:
  - { type: frequency, question: city }
  - { type: frequency, question: region }
  - { type: crosstab, row: city, column: region }
`;
  for (const readingThread of [true, false]) {
    const { result } = await runReport(parseSpec(twice, join(dir, 's.yaml')), join(dir, 's.yaml'), { readingThread });
    const [city, region] = result.tables as FrequencyTable[];
    assert.deepEqual(city!.rows.map((r) => [r.label, r.count]).sort(), [['Bombay', 1], ['Delhi', 1], ['Mumbai', 2], ['Pune', 2]]);
    // Renamed answers make no scale: listed by count.
    assert.deepEqual(region!.rows.map((r) => [r.label, r.count]), [['West', 5], ['North', 1]]);
    assert.equal((result.tables[2] as CrosstabTable).base, 6);
  }
});

test('derive bands: below bounds a band without holding it (decimals); a value in no band is warned about, never dropped unsaid', async () => {
  writeFileSync(join(dir, 'd.csv'), ['Score', '0.2', '0.95', '1', '1.5', '2.5', ''].join('\n'));
  const bands = (b: string) => `version: 1\ninput: { file: d.csv }\nquestions:\n  - { id: score, column: Score, type: numeric }\nderive:\n  - { id: band, from: score, bands: [${b}] }\ntables:\n  - { type: frequency, question: band }\n`;
  const run = async (b: string) => (await runReport(parseSpec(bands(b), join(dir, 'd.yaml')), join(dir, 'd.yaml'))).result;
  const halfOpen = await run('{ label: low, below: 1 }, { label: high, min: 1, max: 2 }');
  assert.deepEqual((halfOpen.tables[0] as FrequencyTable).rows.map((r) => [r.label, r.count]), [['low', 2], ['high', 2]]);
  // 2.5 is past the last band: said, with the value.
  const past = halfOpen.diagnostics.find((d) => d.code === 'SURVEY_DERIVE_OUTSIDE')!;
  assert.equal(past.message, "'band': 1 row has a value of 'score' in no band (first 2.5, past the last band's max: 2), missing from its tables");
  const gap = await run('{ label: low, max: 0.9 }, { label: high, min: 1 }');
  assert.equal(gap.diagnostics.find((d) => d.code === 'SURVEY_DERIVE_OUTSIDE')!.message, "'band': 1 row has a value of 'score' in no band (first 0.95, between max: 0.9 and min: 1), missing from its tables; bands hold both bounds: for decimals, end a band with below: where the next begins");
  const covered = await run('{ label: low, below: 1 }, { label: high, min: 1 }');
  assert.ok(!covered.diagnostics.some((d) => d.code === 'SURVEY_DERIVE_OUTSIDE'));
  // Both bounds held, so max: 1 then min: 1 share 1: still an overlap; below: 1 then min: 1 do not.
  await assert.rejects(run('{ label: low, max: 1 }, { label: high, min: 1 }'), /bands 'low' and 'high' overlap \(from 1 to 1\)/);
  await assert.rejects(run('{ label: low, below: 1.5 }, { label: high, min: 1 }'), /overlap \(from 1 to 1\.5\)/);
});

test('foldCase: an answer is shown as its spelling written as a name, whichever came first', async () => {
  writeFileSync(join(dir, 'c.csv'), ['City', 'jaipur', 'JAIPUR', 'Jaipur', 'pune', 'pune'].join('\n'));
  const spec = 'version: 1\ninput: { file: c.csv }\nquestions:\n  - { id: city, column: City, type: single, foldCase: true }\ntables:\n  - { type: frequency, question: city }\n';
  const { result } = await runReport(parseSpec(spec, join(dir, 'c.yaml')), join(dir, 'c.yaml'));
  assert.deepEqual((result.tables[0] as FrequencyTable).rows.map((r) => [r.label, r.count]), [['Jaipur', 3], ['pune', 2]]);
  // The spec's own spelling stays, and an expression sees one label all pass.
  const listed = spec.replace('foldCase: true }', 'foldCase: true, options: [JAIPUR, Pune] }').replace('tables:', 'filters:\n  - { rule: expression, remove: city == "Pune" }\ntables:');
  const mine = (await runReport(parseSpec(listed, join(dir, 'c.yaml')), join(dir, 'c.yaml'))).result;
  assert.deepEqual((mine.tables[0] as FrequencyTable).rows.map((r) => [r.label, r.count]), [['JAIPUR', 3], ['Pune', 0]]);
});

test('review fixes: NA after the sample and in dates is no answer; a spec missing: [] counts it; a dotted id; a grid item read again; bands count only kept rows', async () => {
  const rows = ['Q1.2_1,Q1.2_2,When,Region,Score,Kids,Pets'];
  for (let i = 0; i < 40; i++) rows.push(`${i % 2 ? 'Yes' : 'No'},${i % 3 ? 'Yes' : 'No'},${i < 30 ? '2021-01-0' + ((i % 9) + 1) : 'NA'},${i < 10 ? 'NA' : i < 30 ? 'EU' : 'NA'},${i % 2 ? '0.5' : '5'},${i < 5 ? 'NA' : 'Yes'},${i < 5 ? 'NA' : 'Dog'}`);
  writeFileSync(join(dir, 'na.csv'), rows.join('\n'));
  const run = async (yaml: string, sampleRows = 20) => (await runReport(parseSpec(`version: 1\ninput: { file: na.csv }\n${yaml}`, join(dir, 'na.yaml')), join(dir, 'na.yaml'), { sampleRows })).result;
  // NA in 3 columns of the 20-row sample (Region, Kids, Pets); When's come after it, and Region's after row 30 too.
  const r = await run('tables:\n  - { type: frequency, question: when }\n  - { type: frequency, question: region }\n  - { type: frequency, question: Q1.2 }\n');
  const [when, region] = r.tables as [{ n: number; missing: number }, FrequencyTable];
  assert.deepEqual([when.n, when.missing], [30, 10]);
  assert.deepEqual([region.base, region.rows.map((x) => x.label)], [20, ['EU']]);
  assert.ok(r.diagnostics.some((d) => d.code === 'SURVEY_NA_MISSING'), 'said, with a spec of its own too');
  assert.equal(r.tables.length, 4, 'the grid Q1.2 (a dotted id) gives a table per item');
  const counted = await run('missing: []\ntables:\n  - { type: frequency, question: region }\n');
  assert.deepEqual((counted.tables[0] as FrequencyTable).rows.map((x) => [x.label, x.count]).sort(), [['EU', 20], ['NA', 20]]);
  // A second spec question on one item of a grid is that item, not a copy of the grid.
  const again = await run('questions:\n  - { id: first, column: Q1.2_1 }\n  - { id: second, column: Q1.2_2 }\ntables:\n  - { type: frequency, question: second }\n');
  assert.deepEqual(again.tables.map((t) => (t as FrequencyTable).question), ['second']);
  // Rows a rule removes are not counted as out of every band.
  const banded = await run('questions:\n  - { id: score, column: Score, type: numeric }\nderive:\n  - { id: band, from: score, bands: [{ label: high, min: 1 }] }\nfilters:\n  - { rule: expression, remove: score < 1 }\ntables:\n  - { type: frequency, question: band }\n');
  assert.ok(!banded.diagnostics.some((d) => d.code === 'SURVEY_DERIVE_OUTSIDE'), JSON.stringify(banded.diagnostics));
});

test('a recode on a number is refused: recode renames the answers of a choice question', async () => {
  const spec = 'version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: age, column: Age, type: numeric, recode: { "17": Minor } }\n';
  await assert.rejects(runReport(parseSpec(spec, join(dir, 'n.yaml')), join(dir, 'n.yaml')), /questions\[0\]\.recode: 'age' is numeric: recode renames the answers of a choice question/);
});

test("a rating scale's mean: of the numbered answers, N/A left out; gone when disclosure control hides an answer", async () => {
  writeFileSync(join(dir, 'rate.csv'), ['Rating', ...'1 2 2 3 3 3 4 4 4 4 5 N/A N/A'.split(' ')].join('\n'));
  const spec = 'version: 1\ninput: { file: rate.csv }\ntables:\n  - { type: frequency, question: rating }\n';
  const { result } = await runReport(parseSpec(spec, join(dir, 'rate.yaml')), join(dir, 'rate.yaml'));
  assert.equal((result.tables[0] as FrequencyTable).mean, (1 + 4 + 9 + 16 + 5) / 11);
  const hidden = await runReport(parseSpec(spec, join(dir, 'rate.yaml')), join(dir, 'rate.yaml'), { minCell: 2 });
  assert.equal((hidden.result.tables[0] as FrequencyTable).mean, undefined);
  // Bare numbers of a question not asked as a rating are codes of categories (a numeric-values
  // export's gender 1-4, a 0/1 flag): no mean. Seven points or more (1-7) are a rating whatever the wording.
  const meanOf = async (header: string, cells: string) => {
    writeFileSync(join(dir, 'codes.csv'), [JSON.stringify(header), ...cells.split(' ')].join('\n'));
    const r = await runReport(parseSpec('version: 1\ninput: { file: codes.csv }\n', join(dir, 'codes.yaml')), join(dir, 'codes.yaml'));
    return (r.result.tables[0] as FrequencyTable).mean;
  };
  assert.equal(await meanOf('What is your gender?', '1 2 3 4 1 2 3 4 2 2'), undefined);
  assert.equal(await meanOf('Opted in', '0 1 1 1 0 1 1 1 1 1'), undefined);
  assert.equal(await meanOf('How likely are you to switch?', '1 2 3 4 1 2 3 4 2 2'), 2.4);
  assert.equal(await meanOf('Q7', '1 2 3 4 5 6 7 7 7 6'), 4.8);
  assert.equal(await meanOf('Region', '1 2 3 4 5 6 7 8 9 9'), undefined, 'codes of a category, however many');
  // A 1-5 rating nobody rated 1 or 2: three points given, asked as a rating.
  assert.equal(await meanOf('How easy was it? (1 = very hard, 5 = very easy)', '3 4 5 5 4 4 3 5 5 4'), 4.2);
  assert.equal(await meanOf('Overall experience (1-5)', '3 4 5 5 4 4 3 5 5 4'), 4.2);
});

test('recoded answers of no natural order: one order, by count, in the frequency table, crosstabs both ways and a banner; a listed answer that is recoded is no empty row', async () => {
  // 9 short, 5 tall, 2 medium.
  const heights = [...Array<string>(9).fill(`5'0"`), ...Array<string>(5).fill(`6'1"`), `5'7"`, `5'7"`];
  // Six of the short ones left sex blank: among those answering both, Tall (5) outnumbers Short (3); the order stays the question's.
  writeFileSync(join(dir, 'h.csv'), ['Height,Sex', ...heights.map((h, i) => `"${h.replace(/"/g, '""')}",${i < 6 ? '' : i % 2 ? 'F' : 'M'}`)].join('\n'));
  const spec = [
    'version: 1',
    'input: { file: h.csv }',
    'questions:',
    `  - { id: g, column: Height, type: single, options: [Medium, '5''0"', Tall], recode: { '5''0"': Short, '5''7"': Medium, '6''1"': Tall } }`,
    '  - { id: sex, column: Sex }',
    'tables:',
    '  - { type: frequency, question: g }',
    '  - { type: crosstab, row: g, column: sex }',
    '  - { type: crosstab, row: sex, column: g }',
    '  - { type: banner, rows: [g], columns: [sex] }',
  ].join('\n');
  const listed = (await runReport(parseSpec(spec, join(dir, 'h.yaml')), join(dir, 'h.yaml'))).result;
  // Listed options keep their order: Medium, then 5'0" shown as Short, then Tall; no row for 5'0".
  assert.deepEqual((listed.tables[0] as FrequencyTable).rows.map((r) => [r.label, r.count]), [['Medium', 2], ['Short', 9], ['Tall', 5]]);
  const byCount = (await runReport(parseSpec(spec.replace("options: [Medium, '5''0\"', Tall], ", ''), join(dir, 'h.yaml')), join(dir, 'h.yaml'))).result;
  const [freq, rows, columns, banner] = byCount.tables as [FrequencyTable, CrosstabTable, CrosstabTable, BannerTable];
  const order = ['Short', 'Tall', 'Medium'];
  assert.deepEqual(freq.rows.map((r) => r.label), order);
  assert.deepEqual(rows.rowLabels, order);
  assert.deepEqual(columns.columnLabels, order);
  // The counts follow their labels.
  assert.deepEqual(columns.columnBases, [3, 5, 2]);
  assert.deepEqual(banner.sections[0]!.rowLabels, order);
  assert.deepEqual(banner.sections[0]!.counts.map((r) => r[0]), [9, 5, 2]);
});
