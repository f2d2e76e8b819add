import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeResultsTable } from '../../../src/codebook/results-table.js';

/** FiveThirtyEight's masculinity-survey.csv, as its first lines run: a crosstab of published percentages. */
const PUBLISHED = [
  ['', '', '', '18 - 34', '35 - 64', '65 and up', 'White', 'Non-white'],
  ['In general, how masculine or "manly" do you feel?', '', '', '', '', '', '', ''],
  ['', 'Very masculine', '37%', '29%', '42%', '37%', '34%', '44%'],
  ['', 'Somewhat masculine', '46%', '47%', '46%', '47%', '50%', '39%'],
  ['', 'Not very masculine', '11%', '13%', '9%', '13%', '11%', '11%'],
  ['', 'Not at all masculine', '5%', '10%', '2%', '3%', '4%', '6%'],
  ['', 'No answer', '1%', '0%', '1%', '1%', '1%', '0%'],
];

test('a crosstab of published percentages reads as a table of results, not of respondents', () => {
  assert.deepEqual(looksLikeResultsTable(PUBLISHED), { percentColumns: 6, filledColumns: 8, example: '37%' });
});

test("respondents' answers are no table of results, even with a question or two answered in percent", () => {
  const answers = Array.from({ length: 20 }, (_, i) => [String(1000 + i), i % 2 ? 'Yes' : 'No', `${i * 5}%`, `${i}%`, i % 3 ? 'Agree' : 'Disagree', '18-29']);
  assert.equal(looksLikeResultsTable(answers), null, 'two percentage columns of six');
  // Three percentage columns of seven filled: fewer than half.
  const more = answers.map((r, i) => [...r, `${i}.5 %`]);
  assert.equal(looksLikeResultsTable([...more.map((r) => [...r, 'x'])]), null);
  // A few percentages among other answers do not make a column of them.
  const mixed = Array.from({ length: 10 }, (_, i) => [i < 7 ? `${i}%` : 'None', `${i}%`, `${i}%`]);
  assert.equal(looksLikeResultsTable(mixed), null, 'one column is 70% percentages: two columns of three are no three');
  assert.equal(looksLikeResultsTable([]), null);
});
