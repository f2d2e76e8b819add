import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clean, detectHeaderRows, dropStray, layoutFor, mergeHeader, type ColumnHeader } from '../../../src/codebook/header.js';

/** The fields of a header description that the tests look at. */
const brief = (cols: ColumnHeader[]) => cols.map((c) => [c.name, c.question, c.sub, c.group]);

test('detectHeaderRows: Qualtrics by its ImportId row, SurveyMonkey by Response labels, else one row', () => {
  const qualtrics = [
    ['StartDate', 'Q1', 'Q2_1'],
    ['Start Date', 'How often?', 'Agree? - Fast'],
    ['{"ImportId":"startDate","timeZone":"America/Denver"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2_1"}'],
    ['2024-03-05 09:15:22', 'Often', 'Agree'],
  ];
  assert.deepEqual(detectHeaderRows(qualtrics), { rows: 3, layout: 'qualtrics' });
  const monkey = [
    ['RespondentID', 'Which fruits?', '', 'What is your age?', 'Comments'],
    ['', 'Apples', 'Bananas', 'Response', 'Open-Ended Response'],
    ['118', 'Apples', '', '18-29', 'Great'],
  ];
  assert.deepEqual(detectHeaderRows(monkey), { rows: 2, layout: 'surveymonkey' });
  assert.deepEqual(detectHeaderRows([['Open-Ended Response'], [' Open-Ended Response ']]), { rows: 2, layout: 'surveymonkey' });
  assert.deepEqual(detectHeaderRows([['Timestamp', 'Q'], ['1/6/2021 10:31:41', 'Yes'], ['1/6/2021 11:00:00', 'No']]), { rows: 1, layout: 'single' });
  assert.deepEqual(detectHeaderRows([['a']]), { rows: 1, layout: 'single' });
  assert.deepEqual(detectHeaderRows([]), { rows: 1, layout: 'single' });
});

test('layoutFor: --header-rows 1, 2, 3', () => {
  assert.deepEqual([1, 2, 3].map(layoutFor), ['single', 'surveymonkey', 'qualtrics']);
});

test('mergeHeader: Google Forms grid columns `Question [Item]` form one group', () => {
  const cols = mergeHeader([['Timestamp', 'Agree? [Clear]', 'Agree? [Fair]', 'Agree? [Fast]', 'Age', 'Other? [Only one]']], 'single', 6);
  assert.deepEqual(brief(cols), [
    ['Timestamp', 'Timestamp', '', 0],
    ['Agree? [Clear]', 'Agree?', 'Clear', 1],
    ['Agree? [Fair]', 'Agree?', 'Fair', 1],
    ['Agree? [Fast]', 'Agree?', 'Fast', 1],
    ['Age', 'Age', '', 2],
    ['Other? [Only one]', 'Other?', 'Only one', 3],
  ]);
});

test('mergeHeader: the same grid question twice, not side by side, is two groups', () => {
  const cols = mergeHeader([['Rate [A]', 'Rate [B]', 'Age', 'Rate [A]', 'Rate [B]']], 'single', 5);
  assert.deepEqual(
    cols.map((c) => c.group),
    [0, 0, 1, 2, 2],
  );
});

test('mergeHeader: coded names sharing a stem (Q5_1, q0004_0001) and "Question - Item" headers group', () => {
  const cols = mergeHeader([['Q5_1', 'Q5_2', 'Q5_3_TEXT', 'q0004_0001', 'q0004_0002', 'Rate - Price', 'Rate - Quality', 'Solo - only']], 'single', 8);
  assert.deepEqual(brief(cols), [
    ['Q5_1', 'Q5_1', '', 0],
    ['Q5_2', 'Q5_2', '', 0],
    ['Q5_3_TEXT', 'Q5_3_TEXT', '', 0],
    ['q0004_0001', 'q0004_0001', '', 1],
    ['q0004_0002', 'q0004_0002', '', 1],
    ['Rate - Price', 'Rate', 'Price', 2],
    ['Rate - Quality', 'Rate', 'Quality', 2],
    // A dash in a lone column is part of the question, not an item.
    ['Solo - only', 'Solo - only', '', 3],
  ]);
});

test('mergeHeader: SurveyMonkey blank continuation cells carry the question; Response labels are not items', () => {
  const cols = mergeHeader(
    [
      ['RespondentID', 'Which fruits?', '', '', 'What is your age?', 'Comments'],
      ['', 'Apples', 'Bananas', 'Other (please specify)', 'Response', 'Open-Ended Response'],
    ],
    'surveymonkey',
    6,
  );
  assert.deepEqual(brief(cols), [
    ['RespondentID', 'RespondentID', '', 0],
    ['Which fruits?', 'Which fruits?', 'Apples', 1],
    ['Which fruits?', 'Which fruits?', 'Bananas', 1],
    ['Which fruits?', 'Which fruits?', 'Other (please specify)', 1],
    ['What is your age?', 'What is your age?', '', 2],
    ['Comments', 'Comments', '', 3],
  ]);
  assert.deepEqual(
    cols.map((c) => c.openEnded),
    [false, false, false, false, false, true],
  );
});

test('mergeHeader: SurveyMonkey first column blank is its own column, not a continuation', () => {
  const cols = mergeHeader([['', 'Q'], ['', 'Response']], 'surveymonkey', 2);
  assert.deepEqual(brief(cols), [
    ['', '', '', 0],
    ['Q', 'Q', '', 1],
  ]);
});

test('mergeHeader: Qualtrics short names, texts from row 2, "Question - Item" split for groups only', () => {
  const cols = mergeHeader(
    [
      ['ResponseId', 'Q1', 'Q2_1', 'Q2_2', 'Q3', 'Q6_1'],
      ['Response ID', 'Rate us - honestly', 'Agree? - Easy', 'Agree? - Fast', '', 'Lonely - item'],
    ],
    'qualtrics',
    6,
  );
  assert.deepEqual(brief(cols), [
    ['ResponseId', 'Response ID', '', 0],
    ['Q1', 'Rate us - honestly', '', 1],
    ['Q2_1', 'Agree?', 'Easy', 2],
    ['Q2_2', 'Agree?', 'Fast', 2],
    // No text in row 2: the short name stands in.
    ['Q3', 'Q3', '', 3],
    ['Q6_1', 'Lonely - item', '', 4],
  ]);
});

test('mergeHeader: missing cells in short header rows, and the width of the data', () => {
  const cols = mergeHeader([['a', 'b']], 'single', 3);
  assert.deepEqual(brief(cols), [
    ['a', 'a', '', 0],
    ['b', 'b', '', 1],
    ['', '', '', 2],
  ]);
});

test('clean: HTML line breaks, doubled and no-break spaces, line breaks', () => {
  assert.equal(clean('How do you like<br>your steak?'), 'How do you like your steak?');
  assert.equal(clean('A<BR/>B<br />C'), 'A B C');
  assert.equal(clean('  Which pet do you like best?\r\n(pick one)\u00a0 '), 'Which pet do you like best? (pick one)');
});

test('dropStray: letters a lost character left after a closing mark go; words and the column name stay', () => {
  assert.equal(dropStray('Do you consider yourself to be a fan of the Expanded Universe?\u0152\u00e6'), 'Do you consider yourself to be a fan of the Expanded Universe?');
  assert.equal(
    dropStray('To what extent do you agree with the following statement:\u00eb_"our sex life has improved."\u00eb_'),
    'To what extent do you agree with the following statement: "our sex life has improved."',
  );
  for (const kept of ['Êtes-vous satisfait?', 'Choisissez "à" ou "de"', 'Question:Été', 'Prix:€5', 'Taille (cm):é2', 'snake_case_id', 'Café?', '満足度:高', '你喜欢吗?是'])
    assert.equal(dropStray(kept), kept);
  const [col] = mergeHeader([['Expanded Universe?\u0152\u00e6']], 'single', 1);
  assert.deepEqual([col!.name, col!.question], ['Expanded Universe?\u0152\u00e6', 'Expanded Universe?']);
});

test("detectHeaderRows: Qualtrics' two-row exports, by the second row labelling Qualtrics' own columns", () => {
  const withoutImportId = [
    ['StartDate', 'EndDate', 'Status', 'Q1'],
    ['Start Date', 'End Date', 'Response Type', 'How often?'],
    ['2024-03-05 09:15:22', '2024-03-05 09:19:27', 'IP Address', 'Often'],
  ];
  assert.deepEqual(detectHeaderRows(withoutImportId), { rows: 2, layout: 'qualtrics' });
  const legacy = [
    ['V1', 'V2', 'V3', 'Q1'],
    ['ResponseID', 'ResponseSet', 'Name', 'How often?'],
    ['R_1a2B', 'Default Response Set', 'Ana Lee', 'Often'],
  ];
  assert.deepEqual(detectHeaderRows(legacy), { rows: 2, layout: 'qualtrics' });
  // One label is not enough; answers under Qualtrics' names are a data row.
  assert.deepEqual(detectHeaderRows([['StartDate', 'Q1'], ['Start Date', 'Often']]), { rows: 1, layout: 'single' });
  assert.deepEqual(detectHeaderRows([['StartDate', 'EndDate', 'Status'], ['2024-03-05 09:15:22', '2024-03-05 09:19:27', 'IP Address']]), { rows: 1, layout: 'single' });
  // --header-rows 2 keeps the layout detected when the count agrees, else SurveyMonkey's.
  assert.deepEqual(detectHeaderRows(legacy, 2), { rows: 2, layout: 'qualtrics' });
  assert.deepEqual(detectHeaderRows([['a', 'b'], ['c', 'd']], 2), { rows: 2, layout: 'surveymonkey' });
  assert.deepEqual(detectHeaderRows(legacy, 1), { rows: 1, layout: 'single' });
});

test("mergeHeader: Qualtrics' legacy export names V1..V10 by their labels and cuts items at the '-' the group shares", () => {
  const cols = mergeHeader(
    [
      ['V1', 'V3', 'V7', 'Q2_1', 'Q2_2', 'Q2_3', 'Q4_1', 'Q4_2', 'Q5', 'Q6_1', 'Q6_2'],
      ['ResponseID', 'Name', 'Status', 'Which features?-Dark mode', 'Which features?-Wi-Fi sync', 'Which features?-Widgets', 'Pre-test-Score', 'Pre-test-Date', 'Age', 'Which do you use?-Wi-Fi calling', 'Which do you use?-Wi-Fi hotspot'],
    ],
    'qualtrics',
    11,
  );
  assert.deepEqual(brief(cols), [
    ['ResponseID', 'ResponseID', '', 0],
    ['Name', 'Name', '', 1],
    ['Status', 'Status', '', 2],
    ['Q2_1', 'Which features?', 'Dark mode', 3],
    ['Q2_2', 'Which features?', 'Wi-Fi sync', 3],
    ['Q2_3', 'Which features?', 'Widgets', 3],
    ['Q4_1', 'Pre-test', 'Score', 4],
    ['Q4_2', 'Pre-test', 'Date', 4],
    ['Q5', 'Age', '', 5],
    // Items sharing "Wi-Fi ": the cut is after the question's "?".
    ['Q6_1', 'Which do you use?', 'Wi-Fi calling', 6],
    ['Q6_2', 'Which do you use?', 'Wi-Fi hotspot', 6],
  ]);
});
