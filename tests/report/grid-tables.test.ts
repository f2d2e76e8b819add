/** A spec table of a whole grid: one chart of all its items, named by the table's id and titled by its title. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-grid-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a grid table with an id and a title: one diverging chart <id>.svg under the title; items keep their names in the tables', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/star-wars-survey/StarWars.csv'));
  writeFileSync(join(dir, 's.yaml'), `version: 1\ninput: { file: ${data} }\ntables:\n  - { id: fav, type: frequency, question: state_whether_view_following_characters, title: How fans see the characters }\n`);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--out', 'out'], io), 0, io.err());
  const charts = readdirSync(join(dir, 'out', 'charts'));
  assert.deepEqual(charts, ['fav.svg'], 'one chart for the grid, not one per item');
  const svg = readFileSync(join(dir, 'out', 'charts', 'fav.svg'), 'utf8');
  assert.match(svg, /How fans see the characters/);
  assert.match(svg, /Diverging stacked bar chart/);
  const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')) as { tables: { label: string }[] };
  assert.equal(results.tables[0]!.label, 'How fans see the characters | Han Solo');
});

test('a grid table with a title and no id: its chart keeps the title', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/star-wars-survey/StarWars.csv'));
  writeFileSync(join(dir, 't.yaml'), `version: 1\ninput: { file: ${data} }\ntables:\n  - { type: frequency, question: state_whether_view_following_characters, title: How fans see the characters }\n`);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 't.yaml', '--out', 'out2'], io), 0, io.err());
  const charts = readdirSync(join(dir, 'out2', 'charts'));
  assert.equal(charts.length, 1, charts.join(' '));
  assert.match(readFileSync(join(dir, 'out2', 'charts', charts[0]!), 'utf8'), /How fans see the characters/);
});

test("a table of one grid item (grid.item), as analyze names it: that item's table alone; a crosstab split by a number is refused at its line", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/star-wars-survey/StarWars.csv'));
  const grid = 'state_whether_view_following_characters';
  writeFileSync(join(dir, 'u.yaml'), `version: 1\ninput: { file: ${data} }\ntables:\n  - { type: frequency, question: ${grid}.han_solo }\n`);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'u.yaml', '--format', 'json'], io), 0, io.err());
  const tables = (JSON.parse(io.out()) as { tables: { item?: string; base: number }[] }).tables;
  assert.deepEqual(tables.map((t) => [t.item, t.base]), [['Han Solo', 829]]);
  const masculinity = JSON.stringify(fromRoot('fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv'));
  writeFileSync(join(dir, 'v.yaml'), `version: 1\ninput: { file: ${masculinity} }\ntables:\n  - { type: crosstab, row: q0007.q0007_0001, column: age3 }\n  - { type: crosstab, row: q0001, column: weight }\n`);
  const bad = captureIo({}, dir);
  assert.equal(await main(['report', 'v.yaml'], bad), 2);
  assert.match(bad.err(), /^v\.yaml:5: error SURVEY_SPEC_INVALID: tables\[1\]\.column: question 'weight' is numeric, not a choice question: it cannot split a crosstab\n {2}hint: band it into answers with derive/);
});

test('diverging bars asked of a grid whose answers have no sides: said once for the grid, each item drawn as bars', async () => {
  const rows = ['Car,Bike,Age', ...Array.from({ length: 30 }, (_, i) => `${['Red', 'Blue', 'Green'][i % 3]},${['Blue', 'Red', 'Green'][i % 3]},${20 + i}`)];
  writeFileSync(join(dir, 'colours.csv'), rows.join('\n'));
  writeFileSync(join(dir, 'colours.yaml'), 'version: 1\ninput: { file: colours.csv }\nquestions:\n  - id: colour\n    label: Favourite colours\n    type: matrix\n    items: [{ id: car, column: Car }, { id: bike, column: Bike }]\ntables:\n  - { id: col, type: frequency, question: colour, chart: { type: likert } }\n');
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'colours.yaml', '--out', 'colours'], io), 0, io.err());
  const told = io.err().split('\n').filter((l) => l.includes('SURVEY_CHART'));
  assert.deepEqual(told, ["warning SURVEY_CHART: col: chart of 'Favourite colours': its answers are no scale with two sides to diverge from; each item is drawn as bars"]);
});

test("a grid the spec declares from columns read one by one keeps their scale: each item in the scale's order, one chart for the grid; a mistyped option is refused", async () => {
  // FiveThirtyEight's flying etiquette export, declared as README › The spec declares it: each
  // column alone reads as an intensity scale ("Yes, very rude" .. "No, not at all rude").
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  const grid = (extra: string) =>
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: wake\n    type: matrix\n    label: Is it rude to wake a passenger up ...\n${extra}    items:\n` +
    '      - { id: bathroom, label: to go to the bathroom, column: "Is it rude to wake a passenger up if you are trying to go to the bathroom?" }\n' +
    '      - { id: walk, label: to walk around, column: "Is itrude to wake a passenger up if you are trying to walk around?" }\n' +
    'tables:\n  - { id: wake, type: frequency, question: wake }\n';
  writeFileSync(join(dir, 'wake.yaml'), grid(''));
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'wake.yaml', '--out', 'wake'], io), 0, io.err());
  const results = JSON.parse(readFileSync(join(dir, 'wake', 'results.json'), 'utf8')) as { tables: { itemId: string; rows: { label: string; count: number }[] }[] };
  const scale = ['Yes, very rude', 'Yes, somewhat rude', 'No, not at all rude'];
  // By count, the bathroom item would start with "No, not at all rude" (535) and the other with "Yes, somewhat rude" (446).
  assert.deepEqual(results.tables.map((t) => [t.itemId, t.rows.map((r) => r.label)]), [['bathroom', scale], ['walk', scale]]);
  assert.deepEqual(results.tables.map((t) => t.rows.map((r) => r.count)), [[34, 281, 535], [178, 446, 226]]);
  assert.deepEqual(readdirSync(join(dir, 'wake', 'charts')), ['wake.svg'], 'one chart for the grid, not one per item');
  assert.match(readFileSync(join(dir, 'wake', 'charts', 'wake.svg'), 'utf8'), /<desc>Stacked bar chart of/, 'one hue from the strong end, as the scale says');
  writeFileSync(join(dir, 'wake-typo.yaml'), grid('    options: ["Yes, Very rude", "Yes, somewhat rude", "No, not at all rude"]\n'));
  const bad = captureIo({}, dir);
  assert.equal(await main(['report', 'wake-typo.yaml'], bad), 2);
  assert.match(bad.err(), /^wake-typo\.yaml:7: error SURVEY_SPEC_INVALID: questions\[0\]\.options\[0\]: 'Yes, Very rude' is not an answer in the data, did you mean 'Yes, very rude'\?/);
});

test("a grid's answers of no order are listed by the whole grid's counts, every item alike (each item was sorted by its own)", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  writeFileSync(
    join(dir, 'arm.yaml'),
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    label: Who should get the arm rests?\n    items:\n` +
      '      - { id: three, label: a row of three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
      '      - { id: two, label: a row of two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n' +
      'tables:\n  - { id: arm, type: frequency, question: arm }\n',
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'arm.yaml', '--format', 'json'], io), 0, io.err());
  const tables = (JSON.parse(io.out()) as { tables: { rows: { label: string; count: number }[] }[] }).tables;
  const orders = tables.map((t) => t.rows.map((r) => r.label));
  assert.deepEqual(orders[0], orders[1], 'one answer order for both items');
  // By the two items' counts together: "Whoever puts their arm on the arm rest first" (87 + 132)
  // before "The person in the middle seat gets both arm rests" (119 + 0), though the row of three
  // alone gave the middle seat more.
  const pooled = new Map<string, number>();
  for (const t of tables) for (const r of t.rows) pooled.set(r.label, (pooled.get(r.label) ?? 0) + r.count);
  const byCount = orders[0]!.filter((l) => l !== 'Other (please specify)');
  assert.deepEqual(byCount, [...byCount].sort((a, b) => pooled.get(b)! - pooled.get(a)!));
  assert.deepEqual(byCount.slice(0, 3), ['The arm rests should be shared', 'Whoever puts their arm on the arm rest first', 'The person in the middle seat gets both arm rests']);
  assert.equal(orders[0]!.at(-1), 'Other (please specify)', '"Other" stays last');
  const text = captureIo({}, dir);
  assert.equal(await main(['report', 'arm.yaml'], text), 0, text.err());
  assert.match(text.out(), /items \(arm\.<item>\): three, two/, 'the terminal shows the grid as one table');
});

test("a grid declared from separate columns without a label is labelled by its id, not by its first item's question (every item's title began with it)", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  writeFileSync(
    join(dir, 'arm-unlabelled.yaml'),
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    items:\n` +
      '      - { id: three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
      '      - { id: two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n' +
      'tables:\n  - { id: two, type: crosstab, row: arm.two, column: gender }\n',
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'arm-unlabelled.yaml', '--format', 'json'], io), 0, io.err());
  const result = JSON.parse(io.out()) as { questions: { id: string; label: string }[]; tables: { label: string }[] };
  assert.equal(result.questions.find((q) => q.id === 'arm')?.label, 'arm');
  assert.equal(result.tables[0]!.label, 'arm | In a row of two seats, who should get to use the middle arm rest? by Gender');
});

test("a grid item's crosstab and banner rows, and a table of one item, list its answers in the grid's order, as the grid's frequency table does (each item was sorted by its own counts)", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  const grid =
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    items:\n` +
    '      - { id: three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
    '      - { id: two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n';
  writeFileSync(
    join(dir, 'arm-x.yaml'),
    grid +
      'tables:\n  - { type: frequency, question: arm }\n  - { type: crosstab, row: arm.three, column: gender }\n  - { type: crosstab, row: arm.two, column: gender }\n' +
      '  - { type: frequency, question: arm.two }\n  - { type: banner, rows: [arm.two, arm], columns: [gender, arm.three] }\n' +
      '  - { type: crosstab, row: gender, column: arm.two }\n',
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'arm-x.yaml', '--format', 'json'], io), 0, io.err());
  type T = { kind: string; rows?: { label: string }[]; rowLabels?: string[]; columnLabels?: string[]; columns?: { question: string | null; label: string }[]; sections?: { rowLabels: string[] }[] };
  const [three, two, x3, x2, one, banner, byItem] = (JSON.parse(io.out()) as { tables: T[] }).tables as [T, T, T, T, T, T, T];
  const order = three.rows!.map((r) => r.label);
  assert.deepEqual(two.rows!.map((r) => r.label), order);
  // The row of two alone puts "The person in aisle" third; the grid puts "The person in the middle seat" there.
  assert.deepEqual(order.slice(0, 3), ['The arm rests should be shared', 'Whoever puts their arm on the arm rest first', 'The person in the middle seat gets both arm rests']);
  assert.deepEqual(x3.rowLabels, order, 'crosstab of arm.three');
  assert.deepEqual(x2.rowLabels, order, 'crosstab of arm.two');
  assert.deepEqual(one.rows!.map((r) => r.label), order, 'frequency table of arm.two alone');
  assert.equal(banner.kind, 'banner');
  for (const s of banner.sections!) assert.deepEqual(s.rowLabels, order, 'banner section');
  assert.deepEqual(banner.columns!.filter((c) => c.question === 'arm.three').map((c) => c.label), order, 'banner columns of a grid item');
  assert.deepEqual(byItem.columnLabels, order, 'a grid item across the top');
  // analyze --by: every item of a grid crossed in the grid's order too.
  writeFileSync(join(dir, 'arm.csv'), 'g,Arm rests - three,Arm rests - two\n' + ['m,x,y', 'f,x,y', 'm,z,y', 'f,z,y', 'm,z,x', 'f,y,x', 'm,y,x'].join('\n') + '\n');
  const by = captureIo({}, dir);
  assert.equal(await main(['analyze', 'arm.csv', '--by', 'g', '--format', 'json'], by), 0, by.err());
  const crosstabs = (JSON.parse(by.out()) as { tables: T[] }).tables.filter((t) => t.kind === 'crosstab');
  assert.equal(crosstabs.length, 2);
  // The grid: x 5, y 5 (ties by label), z 3; the row of two alone: y 4, x 3.
  for (const t of crosstabs) assert.deepEqual(t.rowLabels, ['x', 'y', 'z']);
});

test("a table's filter leaves a grid item's answers in the grid's order, counted over every kept row: crosstab, banner, frequency table (each was ordered among its filtered rows)", async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  // Among the 18-29s, "The person in aisle" ties "The person in the middle seat" (26 each, so
  // first by label) and the window seat (6) falls behind "The people in the aisle and window seats" (7).
  const young = `filter: 'age == "18-29"'`;
  writeFileSync(
    join(dir, 'arm-filtered.yaml'),
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    items:\n` +
      '      - { id: three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
      '      - { id: two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n' +
      `tables:\n  - { type: frequency, question: arm }\n  - { type: crosstab, row: arm.three, column: gender, ${young} }\n` +
      `  - { type: crosstab, row: gender, column: arm.two, ${young} }\n  - { type: banner, rows: [arm.two], columns: [arm.three], ${young} }\n` +
      `  - { type: frequency, question: arm, ${young} }\n  - { type: frequency, question: arm.two, ${young} }\n`,
  );
  type T = { kind: string; base?: number; rows?: { label: string }[]; rowLabels?: string[]; columnLabels?: string[]; columns?: { question: string | null; label: string }[]; sections?: { rowLabels: string[] }[] };
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'arm-filtered.yaml', '--format', 'json'], io), 0, io.err());
  const tables = (JSON.parse(io.out()) as { tables: T[] }).tables;
  const [three, , down, across, banner, fThree, fTwo, one] = tables as [T, T, T, T, T, T, T, T];
  const order = three.rows!.map((r) => r.label);
  assert.deepEqual(order, [
    'The arm rests should be shared',
    'Whoever puts their arm on the arm rest first',
    'The person in the middle seat gets both arm rests',
    'The person in aisle',
    'The person by the window',
    'The people in the aisle and window seats get both arm rests',
    'Other (please specify)',
  ]);
  assert.ok(fThree.base! < three.base!, 'the filter keeps fewer rows');
  assert.deepEqual(down.rowLabels, order, 'filtered crosstab, grid item down the side');
  assert.deepEqual(across.columnLabels, order, 'filtered crosstab, grid item across the top');
  assert.deepEqual(banner.sections![0]!.rowLabels, order, 'filtered banner rows');
  assert.deepEqual(banner.columns!.filter((c) => c.question === 'arm.three').map((c) => c.label), order, 'filtered banner columns');
  for (const t of [fThree, fTwo, one]) assert.deepEqual(t.rows!.map((r) => r.label), order, 'filtered frequency table');
});

test('a grid whose options the spec lists keeps that order under a filter too (no counting)', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/flying-etiquette-survey/flying-etiquette.csv'));
  const options = ['The person by the window', 'The person in aisle', 'The arm rests should be shared', 'The person in the middle seat gets both arm rests', 'Whoever puts their arm on the arm rest first', 'The people in the aisle and window seats get both arm rests', 'Other (please specify)'];
  writeFileSync(
    join(dir, 'arm-listed.yaml'),
    `version: 1\ninput: { file: ${data} }\nquestions:\n  - id: arm\n    type: matrix\n    options: ${JSON.stringify(options)}\n    items:\n` +
      '      - { id: three, column: "In a row of three seats, who should get to use the two arm rests?" }\n' +
      '      - { id: two, column: "In a row of two seats, who should get to use the middle arm rest?" }\n' +
      `tables:\n  - { type: crosstab, row: arm.three, column: gender, filter: 'age == "18-29"' }\n`,
  );
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'arm-listed.yaml', '--format', 'json'], io), 0, io.err());
  const [x] = (JSON.parse(io.out()) as { tables: { rowLabels: string[] }[] }).tables;
  assert.deepEqual(x!.rowLabels, options);
});
