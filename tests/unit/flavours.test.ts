/**
 * Every hand-made export in fixtures/flavours/, read end to end by analyzeFile:
 * how the file was read (encoding, delimiter, header rows, respondents), what each
 * question was inferred to be (type, options in order, grid items) and every
 * table's exact counts, base and missing. The fixtures are small on purpose: the
 * counts below were worked out by hand from the files, not copied from the tool.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFile } from '../../src/engine/analyze.js';
import type { Analysis } from '../../src/engine/finish.js';
import type { AnalysisResult, InputInfo, Table } from '../../src/spec/result.js';
import { fromRoot } from '../helpers/io.js';

type Q = [id: string, type: string, label: string, options?: string[], items?: string[]];

/** A table reduced to what a reader checks: counts, base and missing; means to 6 decimals. */
function summary(t: Table): Record<string, unknown> {
  switch (t.kind) {
    case 'frequency':
      // A grid item's table type ('matrix' or 'single') is left to the tabulation; its item is not.
      return {
        q: t.question,
        ...(t.item !== undefined ? { item: t.item } : { type: t.type }),
        base: t.base,
        missing: t.missing,
        ...(t.responses !== undefined ? { responses: t.responses } : {}),
        rows: t.rows.map((r) => [r.label, r.count]),
      };
    case 'numeric':
      return { q: t.question, n: t.n, missing: t.missing, invalid: t.invalid, min: t.min, max: t.max, median: t.median, mean: t.mean === null ? null : Number(t.mean.toFixed(6)) };
    case 'text':
      return { q: t.question, type: t.type, n: t.n, missing: t.missing, distinct: t.distinct, ...(t.min !== undefined ? { min: t.min, max: t.max } : {}) };
    case 'crosstab':
      return { row: t.row, column: t.column, counts: t.counts };
    case 'banner':
      return { banner: t.label, sections: t.sections.map((s) => s.counts) };
  }
}

const freq = (q: string, base: number, missing: number, rows: [string, number][], extra: { item?: string; type?: string; responses?: number } = {}) => ({
  q,
  ...(extra.item !== undefined ? { item: extra.item } : { type: extra.type ?? 'single' }),
  base,
  missing,
  ...(extra.responses !== undefined ? { responses: extra.responses } : {}),
  rows,
});
const multi = (q: string, base: number, missing: number, responses: number, rows: [string, number][]) => freq(q, base, missing, rows, { type: 'multi', responses });
const grid = (q: string, item: string, base: number, missing: number, rows: [string, number][]) => freq(q, base, missing, rows, { item });
const num = (q: string, n: number, missing: number, min: number, max: number, median: number, mean: number) => ({ q, n, missing, invalid: 0, min, max, median, mean });
const text = (q: string, n: number, missing: number, distinct: number) => ({ q, type: 'text', n, missing, distinct });
const date = (q: string, n: number, missing: number, distinct: number, min: string, max: string) => ({ q, type: 'date', n, missing, distinct, min, max });

interface Expected {
  input: Omit<InputInfo, 'file'>;
  questions: Q[];
  tables: Record<string, unknown>[];
  withheld: [column: string, kind: string][];
}

async function analyze(name: string): Promise<Analysis> {
  return analyzeFile(fromRoot('fixtures', 'flavours', name), { displayName: name });
}

function check(result: AnalysisResult, expected: Expected, name: string): void {
  assert.deepEqual(result.input, { file: name, ...expected.input }, 'input');
  assert.deepEqual(
    result.questions.map((q) => q.id),
    expected.questions.map((q) => q[0]),
    'question ids',
  );
  for (const [i, [id, type, label, options = [], items = []]] of expected.questions.entries()) {
    const q = result.questions[i]!;
    assert.deepEqual({ id: q.id, type: q.type, label: q.label, options: q.options, items: q.items }, { id, type, label, options, items }, `question ${id}`);
  }
  assert.deepEqual(result.tables.map(summary), expected.tables, 'tables');
  assert.deepEqual(
    result.withheld.map((w) => [w.column, w.kind]),
    expected.withheld,
    'withheld',
  );
}

// ------------------------------------------------------------ Google Forms ----

const AGREE = ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'];
const APPS = ['WhatsApp', 'Email, SMS or phone calls', 'Signal', 'Telegram'];

test('Google Forms: timestamp, e-mail, comma answers, checkboxes, a grid, ages and free text', async () => {
  const { result } = await analyze('google-forms.csv');
  check(result, {
    input: { rows: 14, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['timestamp', 'date', 'Timestamp'],
      ['email_address', 'pii', 'Email Address'],
      ['see_new_privacy_policy', 'single', 'How do you see the new privacy policy?', ['Not good, but I can live with it', 'A serious breach of my privacy', "It doesn't matter to me"]],
      ['messaging_apps_use_tick_apply', 'multi', 'Which messaging apps do you use? (Tick all that apply)', APPS],
      ['much_agree_each_statement', 'matrix', 'How much do you agree with each statement?', AGREE, ['The policy is clear', 'I trust the company', 'I will keep using the app']],
      ['age', 'numeric', 'What is your age?'],
      ['anything_else_youd_like_tell', 'text', "Anything else you'd like to tell us?"],
    ],
    tables: [
      date('timestamp', 14, 0, 14, '2021-01-06T10:31:41', '2021-01-09T11:30:00'),
      freq('see_new_privacy_policy', 13, 1, [
        ['Not good, but I can live with it', 6],
        ['A serious breach of my privacy', 5],
        ["It doesn't matter to me", 2],
      ]),
      // "Email, SMS or phone calls" holds the joiner itself; it is alone in rows 3 and 10.
      multi('messaging_apps_use_tick_apply', 13, 1, 21, [
        ['WhatsApp', 7],
        ['Email, SMS or phone calls', 5],
        ['Signal', 5],
        ['Telegram', 4],
      ]),
      grid('much_agree_each_statement', 'The policy is clear', 14, 0, [
        ['Strongly agree', 2],
        ['Agree', 5],
        ['Neither agree nor disagree', 2],
        ['Disagree', 3],
        ['Strongly disagree', 2],
      ]),
      grid('much_agree_each_statement', 'I trust the company', 13, 1, [
        ['Strongly agree', 0],
        ['Agree', 2],
        ['Neither agree nor disagree', 1],
        ['Disagree', 5],
        ['Strongly disagree', 5],
      ]),
      grid('much_agree_each_statement', 'I will keep using the app', 14, 0, [
        ['Strongly agree', 3],
        ['Agree', 5],
        ['Neither agree nor disagree', 2],
        ['Disagree', 2],
        ['Strongly disagree', 2],
      ]),
      num('age', 13, 1, 19, 64, 35, 37.846154),
      // The answer with a line break inside quotes is one answer; "" is a quote.
      text('anything_else_youd_like_tell', 13, 1, 13),
    ],
    withheld: [['Email Address', 'email']],
  }, 'google-forms.csv');
});

test('Google Forms: a checkbox option with a comma is learned even when never chosen alone', async () => {
  const { result } = await analyze('google-forms-partial.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['timestamp', 'date', 'Timestamp'],
      ['app_use_most', 'single', 'Which app do you use most?', ['WhatsApp', 'Signal', 'Telegram']],
      ['make_switch_apps_tick_apply', 'multi', 'What would make you switch apps? (Tick all that apply)', ['Better privacy', 'Lower price', 'My friends, family or colleagues switch']],
    ],
    tables: [
      date('timestamp', 12, 0, 12, '2024-03-04T09:00:00', '2024-03-06T18:02:30'),
      freq('app_use_most', 12, 0, [
        ['WhatsApp', 6],
        ['Signal', 3],
        ['Telegram', 3],
      ]),
      multi('make_switch_apps_tick_apply', 11, 1, 18, [
        ['Better privacy', 8],
        ['Lower price', 6],
        ['My friends, family or colleagues switch', 4],
      ]),
    ],
    withheld: [],
  }, 'google-forms-partial.csv');
});

// ------------------------------------------------------------- SurveyMonkey ----

const SATISFIED = ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied', 'Very dissatisfied'];

test('SurveyMonkey: two header rows, ids, option columns, a grid, AM/PM dates', async () => {
  const { result, codebook } = await analyze('surveymonkey.csv');
  const FRUIT_Q = 'Which of these fruits do you eat at least once a week?';
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 2 },
    questions: [
      ['respondentid', 'pii', 'RespondentID'],
      ['collectorid', 'pii', 'CollectorID'],
      ['startdate', 'date', 'StartDate'],
      ['enddate', 'date', 'EndDate'],
      ['ip_address', 'pii', 'IP Address'],
      ['email_address', 'pii', 'Email Address'],
      ['first_name', 'pii', 'First Name'],
      ['lastname', 'pii', 'LastName'],
      // SurveyMonkey's Custom Data carries what the link was sent with: panel and respondent ids.
      ['custom_data', 'pii', 'Custom Data'],
      // One column per option: options keep the questionnaire's order.
      // "Other (please specify)" is an option (typed in is chosen), and its text a question of its own.
      ['these_fruits_eat_least_once', 'multi', FRUIT_Q, ['Apples', 'Bananas', 'Cherries', 'Other (please specify)']],
      ['these_fruits_eat_least_once_2', 'single', `${FRUIT_Q} | Other (please specify)`, ['Figs', 'Kiwi', 'Mango']],
      ['satisfied_our_stores', 'matrix', "How satisfied are you with our store's...", SATISFIED, ['Prices', 'Quality', 'Service']],
      ['age', 'single', 'What is your age?', ['< 18', '18-29', '30-44', '45-60', '> 60']],
      ['there_anything_else_like_tell', 'text', 'Is there anything else you would like to tell us?'],
    ],
    tables: [
      // 12:30:00 AM is half past midnight, 12:05:00 PM five past noon.
      date('startdate', 12, 0, 12, '2021-01-06T10:31:41', '2021-01-09T07:07:07'),
      date('enddate', 12, 0, 12, '2021-01-06T10:35:02', '2021-01-09T07:11:52'),
      // Row 4 left every option blank; row 10 ticked Apples and typed "Figs".
      multi('these_fruits_eat_least_once', 11, 1, 20, [
        ['Apples', 7],
        ['Bananas', 6],
        ['Cherries', 4],
        ['Other (please specify)', 3],
      ]),
      freq('these_fruits_eat_least_once_2', 3, 9, [
        ['Figs', 1],
        ['Kiwi', 1],
        ['Mango', 1],
      ]),
      grid('satisfied_our_stores', 'Prices', 11, 1, [
        ['Very satisfied', 2],
        ['Satisfied', 4],
        ['Neither satisfied nor dissatisfied', 2],
        ['Dissatisfied', 2],
        ['Very dissatisfied', 1],
      ]),
      grid('satisfied_our_stores', 'Quality', 11, 1, [
        ['Very satisfied', 4],
        ['Satisfied', 5],
        ['Neither satisfied nor dissatisfied', 1],
        ['Dissatisfied', 1],
        ['Very dissatisfied', 0],
      ]),
      grid('satisfied_our_stores', 'Service', 11, 1, [
        ['Very satisfied', 2],
        ['Satisfied', 5],
        ['Neither satisfied nor dissatisfied', 2],
        ['Dissatisfied', 1],
        ['Very dissatisfied', 1],
      ]),
      freq('age', 11, 1, [
        ['< 18', 1],
        ['18-29', 4],
        ['30-44', 3],
        ['45-60', 2],
        ['> 60', 1],
      ]),
      text('there_anything_else_like_tell', 6, 6, 6),
    ],
    withheld: [
      ['RespondentID', 'id'],
      ['CollectorID', 'id'],
      ['IP Address', 'ip'],
      ['Email Address', 'email'],
      ['First Name', 'name'],
      ['LastName', 'name'],
      ['Custom Data', 'id'],
    ],
  }, 'surveymonkey.csv');
  const fruits = codebook.questions.find((q) => q.id === 'these_fruits_eat_least_once')!;
  assert.deepEqual(fruits.layout, { kind: 'columns' });
  assert.deepEqual(fruits.columns, [9, 10, 11, 12]);
  assert.equal(codebook.questions.find((q) => q.id === 'age')!.scale, 'numeric');
  assert.equal(codebook.questions.find((q) => q.id === 'satisfied_our_stores')!.scale, 'satisfaction');
});

// ---------------------------------------------------------------- Qualtrics ----

const AGREE5 = ['Strongly agree', 'Somewhat agree', 'Neither agree nor disagree', 'Somewhat disagree', 'Strongly disagree'];

test('Qualtrics: three header rows, metadata columns, a Q2_1..Q2_3 matrix, comma-joined choices', async () => {
  const { result, codebook } = await analyze('qualtrics.csv');
  const Q2 = 'How much do you agree with the following statements?';
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 3 },
    questions: [
      ['StartDate', 'date', 'Start Date'],
      ['EndDate', 'date', 'End Date'],
      ['Status', 'single', 'Response Type', ['IP Address', 'Survey Preview']],
      ['IPAddress', 'pii', 'IP Address'],
      ['progress', 'single', 'Progress', ['60', '100']],
      ['duration_seconds', 'numeric', 'Duration (in seconds)'],
      ['finished', 'single', 'Finished', ['True', 'False']],
      ['RecordedDate', 'date', 'Recorded Date'],
      ['ResponseId', 'pii', 'Response ID'],
      ['RecipientLastName', 'pii', 'Recipient Last Name'],
      ['RecipientFirstName', 'pii', 'Recipient First Name'],
      ['RecipientEmail', 'pii', 'Recipient Email'],
      ['ExternalReference', 'pii', 'External Data Reference'],
      ['LocationLatitude', 'pii', 'Location Latitude'],
      ['LocationLongitude', 'pii', 'Location Longitude'],
      ['DistributionChannel', 'single', 'Distribution Channel', ['anonymous']],
      ['UserLanguage', 'single', 'User Language', ['EN']],
      ['Q1', 'single', 'How often do you use the app?', ['Always', 'Often', 'Sometimes', 'Rarely', 'Never']],
      ['Q2', 'matrix', Q2, AGREE5, ['The app is easy to use', 'The app is fast', 'I would recommend the app']],
      ['Q3', 'multi', 'Which features do you use? Select all that apply.', ['Dark mode', 'Notifications', 'Widgets', 'Offline sync']],
      ['Q4', 'numeric', 'How old are you? (in years)'],
    ],
    tables: [
      date('StartDate', 12, 0, 12, '2024-03-05T09:15:22', '2024-03-08T18:45:09'),
      date('EndDate', 12, 0, 12, '2024-03-05T09:19:27', '2024-03-08T18:50:53'),
      // Status, Progress, Duration, Finished, DistributionChannel, UserLanguage: the platform's
      // metadata, questions that rules can use but no table unless one asks.
      date('RecordedDate', 12, 0, 12, '2024-03-05T09:19:27', '2024-03-08T18:50:53'),
      freq('Q1', 11, 1, [
        ['Always', 2],
        ['Often', 4],
        ['Sometimes', 3],
        ['Rarely', 1],
        ['Never', 1],
      ]),
      grid('Q2', 'The app is easy to use', 11, 1, [
        ['Strongly agree', 4],
        ['Somewhat agree', 3],
        ['Neither agree nor disagree', 2],
        ['Somewhat disagree', 1],
        ['Strongly disagree', 1],
      ]),
      grid('Q2', 'The app is fast', 11, 1, [
        ['Strongly agree', 2],
        ['Somewhat agree', 4],
        ['Neither agree nor disagree', 2],
        ['Somewhat disagree', 1],
        ['Strongly disagree', 2],
      ]),
      grid('Q2', 'I would recommend the app', 11, 1, [
        ['Strongly agree', 3],
        ['Somewhat agree', 3],
        ['Neither agree nor disagree', 2],
        ['Somewhat disagree', 2],
        ['Strongly disagree', 1],
      ]),
      // Qualtrics joins choices with a bare ",".
      multi('Q3', 12, 0, 20, [
        ['Dark mode', 6],
        ['Notifications', 6],
        ['Widgets', 5],
        ['Offline sync', 3],
      ]),
      num('Q4', 12, 0, 19, 61, 35, 36.25),
    ],
    withheld: [
      ['IP Address', 'ip'],
      ['Response ID', 'id'],
      ['Recipient Last Name', 'name'],
      ['Recipient First Name', 'name'],
      ['Recipient Email', 'email'],
      ['External Data Reference', 'id'],
      ['Location Latitude', 'address'],
      ['Location Longitude', 'address'],
    ],
  }, 'qualtrics.csv');
  assert.deepEqual(codebook.questions.find((q) => q.id === 'Q3')!.layout, { kind: 'joined', separator: ',' });
  assert.deepEqual(codebook.questions.find((q) => q.id === 'Q2')!.columns, [18, 19, 20]);
});

test('Qualtrics without its ImportId row (deleted in a spreadsheet): two header rows, read as the three-row export is', async () => {
  const lines = readFileSync(fromRoot('fixtures', 'flavours', 'qualtrics.csv'), 'utf8').split('\n');
  assert.ok(lines[2]!.startsWith('"{""ImportId""'), 'the fixture\'s third line is its ImportId row');
  const dir = mkdtempSync(join(tmpdir(), 'survey-qualtrics-'));
  try {
    writeFileSync(join(dir, 'qualtrics.csv'), [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
    const two = await analyzeFile(join(dir, 'qualtrics.csv'), { displayName: 'qualtrics.csv' });
    const three = await analyze('qualtrics.csv');
    assert.equal(two.result.input.headerRows, 2);
    assert.equal(three.result.input.headerRows, 3);
    assert.deepEqual({ ...two.result, input: { ...two.result.input, headerRows: 3 } }, three.result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Qualtrics' legacy export: V1..V10 named by their labels (ResponseID...), names and contacts withheld, items cut at the bare '-'", async () => {
  const { result, codebook } = await analyze('qualtrics-legacy.csv');
  check(result, {
    input: { rows: 6, encoding: 'utf-8', delimiter: ',', headerRows: 2 },
    questions: [
      ['responseid', 'pii', 'ResponseID'],
      ['responseset', 'single', 'ResponseSet', ['Default Response Set']],
      ['name', 'pii', 'Name'],
      ['externaldatareference', 'pii', 'ExternalDataReference'],
      ['emailaddress', 'pii', 'EmailAddress'],
      ['ipaddress', 'pii', 'IPAddress'],
      ['status', 'single', 'Status', ['0']],
      ['startdate', 'date', 'StartDate'],
      ['enddate', 'date', 'EndDate'],
      ['finished', 'single', 'Finished', ['0', '1']],
      ['Q1', 'single', 'How often do you use the app?', ['Often', 'Sometimes', 'Rarely']],
      ['Q2', 'multi', 'Which features do you use?', ['Dark mode', 'Notifications']],
      ['Q3', 'single', 'How old are you? (in years)', ['27', '34', '38', '45', '52']],
      ['locationlatitude', 'pii', 'LocationLatitude'],
      ['locationlongitude', 'pii', 'LocationLongitude'],
      ['locationaccuracy', 'single', 'LocationAccuracy', ['-1']],
    ],
    tables: [
      // ResponseSet, Status and Finished are the platform's metadata: no tables unasked.
      date('startdate', 6, 0, 6, '2015-06-01T10:00:00', '2015-06-03T19:45:00'),
      date('enddate', 6, 0, 6, '2015-06-01T10:05:12', '2015-06-03T19:49:00'),
      freq('Q1', 6, 0, [['Often', 3], ['Sometimes', 2], ['Rarely', 1]]),
      // Rows 1, 2 and 5 chose Dark mode; 1, 3, 5 and 6 Notifications; row 4 neither.
      multi('Q2', 5, 1, 7, [['Dark mode', 3], ['Notifications', 4]]),
      freq('Q3', 5, 1, [['27', 1], ['34', 1], ['38', 1], ['45', 1], ['52', 1]]),
      freq('locationaccuracy', 6, 0, [['-1', 6]]),
    ],
    withheld: [
      ['ResponseID', 'id'],
      ['Name', 'name'],
      ['ExternalDataReference', 'id'],
      ['EmailAddress', 'email'],
      ['IPAddress', 'ip'],
      ['LocationLatitude', 'address'],
      ['LocationLongitude', 'address'],
    ],
  }, 'qualtrics-legacy.csv');
  // No respondent's name, address or response id reaches the result (read as one header
  // row, the names were a frequency table).
  const json = JSON.stringify(result);
  for (const leak of ['Lee, Ana', 'Ortiz', 'example.com', '198.51.100', 'R_1AbC']) assert.ok(!json.includes(leak), leak);
  assert.deepEqual(codebook.questions.find((q) => q.id === 'Q2')!.columns, [11, 12]);
});

// ------------------------------------------------------ delimiters and BOMs ----

test('semicolons, decimal commas and thousands dots, UTF-8 with BOM, CRLF', async () => {
  const { result } = await analyze('semicolon-bom.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ';', headerRows: 1 },
    questions: [
      // The BOM is not part of the first header: "id" is still recognised as an id.
      ['id', 'pii', 'id'],
      ['submitdate', 'date', 'submitdate'],
      ['land', 'single', 'Land', ['Deutschland', 'Schweiz', 'Österreich']],
      ['schlafstunden_pro_nacht', 'numeric', 'Schlafstunden pro Nacht'],
      ['zufriedenheit_1_5', 'single', 'Zufriedenheit (1-5)', ['1', '2', '3', '4', '5']],
      ['monatliche_ausgaben', 'numeric', 'Monatliche Ausgaben (€)'],
    ],
    tables: [
      date('submitdate', 12, 0, 12, '2024-03-05T09:15:22', '2024-03-08T18:45:09'),
      freq('land', 12, 0, [
        ['Deutschland', 6],
        ['Schweiz', 3],
        ['Österreich', 3],
      ]),
      num('schlafstunden_pro_nacht', 11, 1, 5.5, 9, 7.25, 7.227273),
      freq('zufriedenheit_1_5', 12, 0, [
        ['1', 1],
        ['2', 1],
        ['3', 3],
        ['4', 4],
        ['5', 3],
      ]),
      // 1.250,00 is 1250 and 3.000 is 3000, not 3.
      num('monatliche_ausgaben', 11, 1, 450, 3000, 1250, 1426.439091),
    ],
    withheld: [['id', 'id']],
  }, 'semicolon-bom.csv');
});

test('tab-delimited', async () => {
  const { result } = await analyze('tab-delimited.tsv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: '\t', headerRows: 1 },
    questions: [
      ['submitted', 'date', 'Submitted At'],
      ['course_did_take', 'single', 'Which course did you take?', ['Statistics 101', 'Data Visualisation', 'Survey Design']],
      ['rate_course', 'single', 'How would you rate the course?', ['Excellent', 'Good', 'Fair', 'Poor']],
      ['recommend', 'single', 'Would you recommend it?', ['Yes', 'No']],
      ['many_hours_per_week_did', 'numeric', 'How many hours per week did you study?'],
    ],
    tables: [
      date('submitted', 12, 0, 12, '2024-02-01T10:00:00', '2024-02-06T17:55:00'),
      freq('course_did_take', 12, 0, [
        ['Statistics 101', 5],
        ['Data Visualisation', 4],
        ['Survey Design', 3],
      ]),
      freq('rate_course', 12, 0, [
        ['Excellent', 3],
        ['Good', 6],
        ['Fair', 2],
        ['Poor', 1],
      ]),
      freq('recommend', 11, 1, [
        ['Yes', 8],
        ['No', 3],
      ]),
      num('many_hours_per_week_did', 12, 0, 1.5, 8, 4.25, 4.375),
    ],
    withheld: [],
  }, 'tab-delimited.tsv');
});

test('pipe-delimited, with ranges and a 0-5 count ordered as numbers', async () => {
  const { result } = await analyze('pipe-delimited.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: '|', headerRows: 1 },
    questions: [
      ['department', 'single', 'Department', ['Engineering', 'Sales', 'Support']],
      ['years_company', 'single', 'Years at company', ['< 1', '1-3', '4-6', '7+']],
      ['much_stress_feel_work', 'single', 'How much stress do you feel at work?', ['A great deal', 'A lot', 'Some', 'A little', 'None at all']],
      ['remote_days_per_week', 'single', 'Remote days per week', ['0', '1', '2', '3', '4', '5']],
    ],
    tables: [
      freq('department', 12, 0, [
        ['Engineering', 5],
        ['Sales', 4],
        ['Support', 3],
      ]),
      freq('years_company', 12, 0, [
        ['< 1', 2],
        ['1-3', 4],
        ['4-6', 3],
        ['7+', 3],
      ]),
      freq('much_stress_feel_work', 12, 0, [
        ['A great deal', 2],
        ['A lot', 3],
        ['Some', 4],
        ['A little', 2],
        ['None at all', 1],
      ]),
      freq('remote_days_per_week', 11, 1, [
        ['0', 3],
        ['1', 2],
        ['2', 1],
        ['3', 3],
        ['4', 1],
        ['5', 1],
      ]),
    ],
    withheld: [],
  }, 'pipe-delimited.csv');
});

// -------------------------------------------------------------- encodings ----

const TRANSPORT: Omit<Expected, 'input'> = {
  questions: [
    // Equal counts: ties are broken by label (UTF-16 code units), never by row order.
    ['city', 'single', 'City', ['Kraków', 'São Paulo', 'Zürich', '東京']],
    ['satisfied_public_transport', 'single', 'How satisfied are you with public transport?', SATISFIED],
    ['many_minutes_commute', 'numeric', 'How many minutes is your commute?'],
  ],
  tables: [
    freq('city', 12, 0, [
      ['Kraków', 3],
      ['São Paulo', 3],
      ['Zürich', 3],
      ['東京', 3],
    ]),
    freq('satisfied_public_transport', 12, 0, [
      ['Very satisfied', 4],
      ['Satisfied', 4],
      ['Neither satisfied nor dissatisfied', 1],
      ['Dissatisfied', 2],
      ['Very dissatisfied', 1],
    ]),
    num('many_minutes_commute', 12, 0, 15, 90, 42.5, 45),
  ],
  withheld: [],
};

test('UTF-16 LE with BOM, tab-delimited, CRLF (Excel "Unicode Text")', async () => {
  const { result } = await analyze('utf16le-bom.txt');
  check(result, { input: { rows: 12, encoding: 'utf-16le', delimiter: '\t', headerRows: 1 }, ...TRANSPORT }, 'utf16le-bom.txt');
});

test('UTF-16 BE with BOM, comma-delimited', async () => {
  const { result } = await analyze('utf16be-bom.csv');
  check(result, { input: { rows: 12, encoding: 'utf-16be', delimiter: ',', headerRows: 1 }, ...TRANSPORT }, 'utf16be-bom.csv');
});

test('Windows-1252: é as 0xE9 and ’ as 0x92 decode to the right characters', async () => {
  const { result } = await analyze('windows-1252.csv');
  check(result, {
    input: { rows: 12, encoding: 'windows-1252', delimiter: ',', headerRows: 1 },
    questions: [
      ['cafe_did_visit', 'single', 'Which café did you visit?', ['Café Amélie', 'Café de Flore', 'Le Procope']],
      ['was_visit', 'single', 'How was your visit?', ['Excellent', 'Good', 'Fair', 'Poor']],
      ['whats_favourite_pastry', 'single', 'What\u2019s your favourite pastry?', ['Crème brûlée', 'Éclair', 'Pain au chocolat', 'Mille-feuille']],
    ],
    tables: [
      freq('cafe_did_visit', 12, 0, [
        ['Café Amélie', 5],
        ['Café de Flore', 4],
        ['Le Procope', 3],
      ]),
      freq('was_visit', 12, 0, [
        ['Excellent', 3],
        ['Good', 6],
        ['Fair', 2],
        ['Poor', 1],
      ]),
      freq('whats_favourite_pastry', 11, 1, [
        ['Crème brûlée', 5],
        ['Éclair', 3],
        ['Pain au chocolat', 2],
        ['Mille-feuille', 1],
      ]),
    ],
    withheld: [],
  }, 'windows-1252.csv');
  // Nothing was mis-decoded: no replacement characters anywhere.
  assert.ok(!JSON.stringify(result).includes('\ufffd'));
});

test('Mac OS Roman (Excel 2011 for Mac, CR line endings): no-break spaces, ’ and é decode; "Not much" is one answer', async () => {
  const { result } = await analyze('mac-roman.csv');
  check(result, {
    input: { rows: 8, encoding: 'macintosh', delimiter: ',', headerRows: 1 },
    questions: [
      // A no-break space inside a header reads as a space; after an answer it is trimmed, so the amount scale is recognised.
      ['much_interested_cuisines_from_different', 'single', 'How much, if at all, are you interested in cuisines from different parts of the world?', ['A lot', 'Some', 'Not much', 'Not at all']],
      ['whats_favourite_cafe', 'single', 'What\u2019s your favourite café?', ['Café Amélie', 'Le Procope', 'Café de Flore', '\u201cNone\u201d, I make crème at home']],
    ],
    tables: [
      freq('much_interested_cuisines_from_different', 8, 0, [
        ['A lot', 2],
        ['Some', 3],
        ['Not much', 2],
        ['Not at all', 1],
      ]),
      freq('whats_favourite_cafe', 8, 0, [
        ['Café Amélie', 4],
        ['Le Procope', 2],
        ['Café de Flore', 1],
        ['\u201cNone\u201d, I make crème at home', 1],
      ]),
    ],
    withheld: [],
  }, 'mac-roman.csv');
  assert.ok(!JSON.stringify(result).includes('\ufffd') && !JSON.stringify(result).includes('\u00ca'));
});

// ------------------------------------------------------------ line endings ----

for (const [name, eol] of [
  ['line-endings-lf.csv', '\n'],
  ['line-endings-crlf.csv', '\r\n'],
  ['line-endings-cr.csv', '\r'],
] as const) {
  test(`line endings: ${JSON.stringify(eol)} (${name}), with a line break inside a quoted header`, async () => {
    const bytes = readFileSync(fromRoot('fixtures', 'flavours', name), 'latin1');
    // The fixture really has these line endings and no others.
    assert.equal(bytes.split(eol).length - 1, 14);
    if (eol !== '\r\n') assert.ok(!bytes.includes(eol === '\n' ? '\r' : '\n'));
    const { result } = await analyze(name);
    check(result, {
      input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
      questions: [
        ['timestamp', 'date', 'Timestamp'],
        ['own_pet', 'single', 'Do you own a pet?', ['Yes', 'No']],
        ['pet_like_best_pick_one', 'single', 'Which pet do you like best? (pick one)', ['Dog', 'Cat', 'Bird', 'Fish']],
      ],
      tables: [
        date('timestamp', 12, 0, 12, '2024-03-01T09:00:00', '2024-03-04T20:00:00'),
        freq('own_pet', 12, 0, [
          ['Yes', 8],
          ['No', 4],
        ]),
        freq('pet_like_best_pick_one', 11, 1, [
          ['Dog', 5],
          ['Cat', 4],
          ['Bird', 1],
          ['Fish', 1],
        ]),
      ],
      withheld: [],
    }, name);
  });
}

test('Excel "sep=;" first line (Microsoft Forms re-saved by Excel): a directive, not the header', async () => {
  const { result } = await analyze('excel-sep.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ';', headerRows: 1 },
    questions: [
      ['id', 'pii', 'ID'],
      ['start_time', 'date', 'Start time'],
      ['completion_time', 'date', 'Completion time'],
      ['email', 'pii', 'Email'],
      ['name', 'pii', 'Name'],
      ['satisfied_training', 'single', 'How satisfied are you with the training?', ['Very satisfied', 'Satisfied', 'Neither satisfied nor dissatisfied', 'Dissatisfied']],
      ['rate_trainer_1_5', 'single', 'Rate the trainer (1-5)', ['2', '3', '4', '5']],
    ],
    tables: [
      date('start_time', 12, 0, 12, '2024-03-05T09:15:22', '2024-03-07T18:30:30'),
      date('completion_time', 12, 0, 12, '2024-03-05T09:17:01', '2024-03-07T18:33:03'),
      freq('satisfied_training', 12, 0, [
        ['Very satisfied', 4],
        ['Satisfied', 5],
        ['Neither satisfied nor dissatisfied', 1],
        ['Dissatisfied', 2],
      ]),
      freq('rate_trainer_1_5', 12, 0, [
        ['2', 1],
        ['3', 2],
        ['4', 5],
        ['5', 4],
      ]),
    ],
    withheld: [
      ['ID', 'id'],
      ['Email', 'email'],
      ['Name', 'name'],
    ],
  }, 'excel-sep.csv');
});

// --------------------------------------------------------- awkward headers ----

test('headers named __proto__, constructor, toString, a blank one and a repeated one are ordinary questions', async () => {
  const prototype = Object.getOwnPropertyNames(Object.prototype).sort();
  const { result, codebook } = await analyze('special-headers.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['proto', 'single', '__proto__', ['Yes', 'No']],
      ['constructor', 'single', 'constructor', ['Builder', 'Architect', 'Engineer']],
      ['tostring', 'single', 'toString', ['Often', 'Sometimes', 'Never']],
      ['col_4', 'single', 'Column 4', ['Left', 'Right']],
      ['colour', 'single', 'Colour', ['Red', 'Blue']],
      ['colour_2', 'single', 'Colour', ['Green', 'Yellow']],
      ['hasownproperty', 'single', 'hasOwnProperty', ['Yes', 'No']],
    ],
    tables: [
      freq('proto', 12, 0, [
        ['Yes', 8],
        ['No', 4],
      ]),
      freq('constructor', 12, 0, [
        ['Builder', 6],
        ['Architect', 3],
        ['Engineer', 3],
      ]),
      freq('tostring', 12, 0, [
        ['Often', 6],
        ['Sometimes', 3],
        ['Never', 3],
      ]),
      freq('col_4', 11, 1, [
        ['Left', 7],
        ['Right', 4],
      ]),
      freq('colour', 12, 0, [
        ['Red', 8],
        ['Blue', 4],
      ]),
      freq('colour_2', 12, 0, [
        ['Green', 7],
        ['Yellow', 5],
      ]),
      freq('hasownproperty', 12, 0, [
        ['Yes', 5],
        ['No', 7],
      ]),
    ],
    withheld: [],
  }, 'special-headers.csv');
  assert.equal(new Set(codebook.questions.map((q) => q.id)).size, 7);
  // Nothing was written onto Object.prototype while reading.
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototype);
});

test('";"-joined multi-select (LimeSurvey/Typeform style) in a comma-delimited file', async () => {
  const { result, codebook } = await analyze('semicolon-joined.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['response_id', 'pii', 'Response ID'],
      ['date_submitted', 'date', 'Date submitted'],
      ['streaming_services_pay', 'multi', 'Which streaming services do you pay for?', ['Netflix', 'Spotify', 'Disney+']],
      ['device_watch_most', 'single', 'Which device do you watch on most?', ['TV', 'Laptop', 'Phone']],
    ],
    tables: [
      date('date_submitted', 12, 0, 12, '2024-04-01T08:00:00', '2024-04-04T19:55:00'),
      multi('streaming_services_pay', 11, 1, 19, [
        ['Netflix', 7],
        ['Spotify', 7],
        ['Disney+', 5],
      ]),
      freq('device_watch_most', 12, 0, [
        ['TV', 6],
        ['Laptop', 3],
        ['Phone', 3],
      ]),
    ],
    withheld: [['Response ID', 'id']],
  }, 'semicolon-joined.csv');
  assert.deepEqual(codebook.questions[2]!.layout, { kind: 'joined', separator: ';' });
});

// --------------------------------------------------------------------- PII ----

/** Every personal value in fixtures/flavours/pii.csv (columns 1-9). */
function piiValues(): string[] {
  const lines = readFileSync(fromRoot('fixtures', 'flavours', 'pii.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.flatMap((l) => l.split(',').slice(0, 9));
}

test('personal data by header and by content is withheld and never tabulated', async () => {
  const { result, codebook } = await analyze('pii.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['respondent_id', 'pii', 'Respondent ID'],
      ['first_name', 'pii', 'First Name'],
      ['last_name', 'pii', 'Last Name'],
      ['email', 'pii', 'Email'],
      ['phone', 'pii', 'Phone'],
      ['ip_address', 'pii', 'IP Address'],
      ['contact_details', 'pii', 'Contact details'],
      ['can_we_reach', 'pii', 'How can we reach you?'],
      ['connected_from', 'pii', 'Connected from'],
      ['plan', 'single', 'Which plan are you on?', ['Basic', 'Plus', 'Pro']],
      ['likely_renew', 'single', 'How likely are you to renew?', ['Very likely', 'Likely', 'Unlikely', 'Very unlikely']],
    ],
    tables: [
      freq('plan', 12, 0, [
        ['Basic', 5],
        ['Plus', 4],
        ['Pro', 3],
      ]),
      freq('likely_renew', 11, 1, [
        ['Very likely', 4],
        ['Likely', 4],
        ['Unlikely', 2],
        ['Very unlikely', 1],
      ]),
    ],
    withheld: [
      ['Respondent ID', 'id'],
      ['First Name', 'name'],
      ['Last Name', 'name'],
      ['Email', 'email'],
      ['Phone', 'phone'],
      ['IP Address', 'ip'],
      // By content: the headers say nothing.
      ['Contact details', 'email'],
      ['How can we reach you?', 'phone'],
      ['Connected from', 'ip'],
    ],
  }, 'pii.csv');
  const json = JSON.stringify(result);
  const values = piiValues();
  assert.equal(values.length, 108);
  for (const v of values) assert.ok(!json.includes(v), `${v} leaked into the result`);
  // The codebook describes the withheld columns without their answers.
  for (const q of codebook.questions.filter((q) => q.type === 'pii')) assert.deepEqual(q.options, []);
});

test('control characters in answers are kept as data in the result (renderers strip them)', async () => {
  const { result } = await analyze('control-chars.csv');
  check(result, {
    input: { rows: 12, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [
      ['team', 'single', 'Team', ['North', 'South', 'East']],
      ['favourite_2jcolour', 'single', 'Favourite \u001b[2Jcolour', ['\u001b[31mRed\u001b[0m', 'Blue', 'Green\u0007']],
    ],
    tables: [
      freq('team', 12, 0, [
        ['North', 5],
        ['South', 4],
        ['East', 3],
      ]),
      freq('favourite_2jcolour', 12, 0, [
        ['\u001b[31mRed\u001b[0m', 5],
        ['Blue', 4],
        ['Green\u0007', 3],
      ]),
    ],
    withheld: [],
  }, 'control-chars.csv');
});
