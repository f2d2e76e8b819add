import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, isBlank, normalizeCell, optionCellState, parseDateTime, parseNumber } from '../../../src/codebook/values.js';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

test('parseDateTime: Google Forms M/D/YYYY H:MM:SS, single-digit hours included', () => {
  assert.equal(parseDateTime('1/6/2021 10:31:41'), at(2021, 1, 6, 10, 31, 41));
  assert.equal(parseDateTime('1/9/2021 0:15:30'), at(2021, 1, 9, 0, 15, 30));
  assert.equal(parseDateTime('12/31/2020 23:59:59'), at(2020, 12, 31, 23, 59, 59));
  assert.equal(parseDateTime('3/4/2024'), at(2024, 3, 4), 'a date without a time is midnight');
  assert.equal(parseDateTime('1/6/2021, 9:05'), at(2021, 1, 6, 9, 5), 'a comma and no seconds (Sheets locale formats)');
});

test('parseDateTime: slashed dates are month first (US), as the platforms write them', () => {
  assert.equal(parseDateTime('3/4/2024'), at(2024, 3, 4));
  assert.ok(Number.isNaN(parseDateTime('13/1/2021')), 'there is no 13th month');
});

test('parseDateTime: day first (UK, Europe, India) when asked, slashed or dotted', () => {
  assert.equal(parseDateTime('23/11/2026 14:05:33', 'dmy'), at(2026, 11, 23, 14, 5, 33));
  assert.equal(parseDateTime('05/01/2021', 'dmy'), at(2021, 1, 5));
  assert.equal(parseDateTime('05/01/2021'), at(2021, 5, 1), 'the same cell month first');
  assert.equal(parseDateTime('5/1/2021, 9:05 pm', 'dmy'), at(2021, 1, 5, 21, 5));
  assert.equal(parseDateTime('23.11.2026 14:05', 'dmy'), at(2026, 11, 23, 14, 5));
  assert.equal(parseDateTime('2026-11-23T14:05:00', 'dmy'), at(2026, 11, 23, 14, 5), 'ISO is ISO in either order');
  assert.ok(Number.isNaN(parseDateTime('1/13/2021', 'dmy')), 'there is no 13th month');
  assert.ok(Number.isNaN(parseDateTime('31/04/2021', 'dmy')), 'nor a 31 April');
  assert.ok(Number.isNaN(parseDateTime('11.23.2026')), 'nobody writes M.D.Y');
  assert.equal(parseDateTime('23.11.2026'), at(2026, 11, 23), 'dotted dates are day-first whatever the order');
  assert.equal(parseDateTime('05.01.2021'), at(2021, 1, 5));
  assert.ok(Number.isNaN(parseDateTime('1.5/2021', 'dmy')), 'one separator throughout');
});

test('parseDateTime: SurveyMonkey MM/DD/YYYY hh:mm:ss AM/PM, with 12 AM and 12 PM', () => {
  assert.equal(parseDateTime('01/06/2021 10:31:41 AM'), at(2021, 1, 6, 10, 31, 41));
  assert.equal(parseDateTime('01/06/2021 05:34:50 PM'), at(2021, 1, 6, 17, 34, 50));
  assert.equal(parseDateTime('01/07/2021 12:05:00 PM'), at(2021, 1, 7, 12, 5, 0), '12 PM is noon');
  assert.equal(parseDateTime('01/08/2021 12:30:00 AM'), at(2021, 1, 8, 0, 30, 0), '12 AM is just after midnight');
  assert.equal(parseDateTime('01/08/2021 12:30:00 am'), at(2021, 1, 8, 0, 30, 0));
  assert.equal(parseDateTime('1/8/2021 1:30PM'), at(2021, 1, 8, 13, 30, 0));
  assert.ok(Number.isNaN(parseDateTime('01/08/2021 13:30:00 PM')), 'no 13 PM');
  assert.ok(Number.isNaN(parseDateTime('01/08/2021 0:30:00 AM')), 'no 0 AM');
});

test('parseDateTime: ISO 8601, with and without a zone', () => {
  assert.equal(parseDateTime('2024-03-05 09:15:22'), at(2024, 3, 5, 9, 15, 22), 'Qualtrics: wall clock taken as UTC');
  assert.equal(parseDateTime('2024-03-05'), at(2024, 3, 5));
  assert.equal(parseDateTime('2024-03-05T09:15:22Z'), at(2024, 3, 5, 9, 15, 22));
  assert.equal(parseDateTime('2024-03-05T09:15:22.250Z'), at(2024, 3, 5, 9, 15, 22, 250));
  assert.equal(parseDateTime('2024-03-05T09:15:22+05:30'), at(2024, 3, 5, 3, 45, 22), 'IST is 5:30 ahead of UTC');
  assert.equal(parseDateTime('2024-03-05T09:15:22-0800'), at(2024, 3, 5, 17, 15, 22));
  assert.equal(parseDateTime('2024-03-05T23:30:00-02:00'), at(2024, 3, 6, 1, 30, 0), 'the zone can move the date');
  assert.equal(parseDateTime('2024-03-05 9:15'), at(2024, 3, 5, 9, 15));
});

test('parseDateTime: day-month-name forms', () => {
  assert.equal(parseDateTime('6 Jan 2021'), at(2021, 1, 6));
  assert.equal(parseDateTime('06-January-2021'), at(2021, 1, 6));
  assert.ok(Number.isNaN(parseDateTime('6 Foo 2021')));
});

test('parseDateTime: two-digit years pivot at 70', () => {
  assert.equal(parseDateTime('1/6/21'), at(2021, 1, 6));
  assert.equal(parseDateTime('1/6/69'), at(2069, 1, 6));
  assert.equal(parseDateTime('1/6/70'), at(1970, 1, 6));
});

test('parseDateTime: impossible dates and times are not dates (no rolling over 2/31 into March)', () => {
  for (const s of ['2/31/2021', '2/29/2023', '4/31/2024', '2021-02-30', '2021-13-01', '2021-00-10', '1/1/2021 24:00:00', '1/1/2021 10:60', '0/10/2021', '1/0/2021']) {
    assert.ok(Number.isNaN(parseDateTime(s)), s);
  }
  assert.equal(parseDateTime('2/29/2024'), at(2024, 2, 29), 'a leap day is fine');
});

test('parseDateTime: things that are not dates', () => {
  for (const s of ['', 'hello', '18-29', '2021', '12', '1.5', '3,5', '10:31:41', '1/6', '2024/03/05 x', '1/6/2021 10:31:41 XM']) {
    assert.ok(Number.isNaN(parseDateTime(s)), JSON.stringify(s));
  }
});

test('formatDateTime: ISO for reports, the date alone at midnight', () => {
  assert.equal(formatDateTime(at(2021, 1, 6, 10, 31, 41)), '2021-01-06T10:31:41');
  assert.equal(formatDateTime(at(2024, 3, 4)), '2024-03-04');
});

test('parseNumber: decimal points, thousands commas, exponents', () => {
  assert.equal(parseNumber('3.5', false), 3.5);
  assert.equal(parseNumber('-2', false), -2);
  assert.equal(parseNumber('+7', false), 7);
  assert.equal(parseNumber('.5', false), 0.5);
  assert.equal(parseNumber('1e3', false), 1000);
  assert.equal(parseNumber('1,250', false), 1250);
  assert.equal(parseNumber('1,250.50', false), 1250.5);
  assert.equal(parseNumber('12,345,678', false), 12345678);
});

test('parseNumber: decimal commas and thousands dots (`;`-delimited European exports)', () => {
  assert.equal(parseNumber('3,5', true), 3.5);
  assert.equal(parseNumber('-2,75', true), -2.75);
  assert.equal(parseNumber('7', true), 7);
  assert.equal(parseNumber('1.250,00', true), 1250);
  assert.equal(parseNumber('3.000', true), 3000, 'a thousands dot, not three');
  assert.equal(parseNumber('1.234.567,891', true), 1234567.891);
  assert.equal(parseNumber('725,10', true), 725.1);
});

test('parseNumber: the other convention, and non-numbers, are NaN', () => {
  assert.ok(Number.isNaN(parseNumber('3,5', false)), 'a decimal comma in a comma-convention file is not 35');
  assert.ok(Number.isNaN(parseNumber('1,25', false)), 'a thousands group has three digits');
  assert.ok(Number.isNaN(parseNumber('1e999', false)), 'past a double: Infinity, no number (a histogram of it crashed vega)');
  assert.ok(Number.isNaN(parseNumber('-2E400', false)));
  assert.equal(parseNumber('1e308', false), 1e308);
  assert.ok(Number.isNaN(parseNumber('3.5', true)), 'a decimal point where commas are decimals is ambiguous');
  assert.ok(Number.isNaN(parseNumber('1.25,0', true)));
  for (const s of ['', ' ', '12 kg', '$5', '0x10', 'Infinity', 'NaN', '1-3', '5%', '1'.repeat(33), '--1']) {
    assert.ok(Number.isNaN(parseNumber(s, false)), JSON.stringify(s));
    assert.ok(Number.isNaN(parseNumber(s, true)), JSON.stringify(s));
  }
});

test('normalizeCell: trims and folds white space (line breaks, tabs, no-break spaces)', () => {
  assert.equal(normalizeCell('Bengaluru '), 'Bengaluru');
  assert.equal(normalizeCell("I'm worried about my data,\nreally worried."), "I'm worried about my data, really worried.");
  assert.equal(normalizeCell('\u00a0a \t\r\n b\u00a0'), 'a b');
  assert.equal(normalizeCell('plain'), 'plain');
  assert.equal(normalizeCell(''), '');
  assert.equal(normalizeCell('   '), '');
});

test('isBlank: empty cells and dash markers', () => {
  for (const s of ['', '-', '--', '\u2014']) assert.ok(isBlank(s), JSON.stringify(s));
  for (const s of ['0', 'No', 'N/A', '-1', '---x']) assert.ok(!isBlank(s), JSON.stringify(s));
});

test('optionCellState: chosen, explicitly not chosen, or no answer', () => {
  assert.equal(optionCellState('Apples'), 'chosen');
  assert.equal(optionCellState('1'), 'chosen');
  assert.equal(optionCellState('Not Selected'), 'unchosen');
  assert.equal(optionCellState('0'), 'unchosen');
  assert.equal(optionCellState('FALSE'), 'unchosen');
  assert.equal(optionCellState(''), 'blank');
  assert.equal(optionCellState('NA'), 'blank', 'not asked (skip logic)');
  assert.equal(optionCellState('#N/A'), 'blank');
});

test("parseDateTime: year first with slashes, 12-hour clock and a GMT offset (Google Forms' own CSV download)", () => {
  assert.equal(parseDateTime('2021/01/12 10:15:32 AM GMT+5:30'), at(2021, 1, 12, 4, 45, 32));
  assert.equal(parseDateTime('2021/01/26 12:00:01 AM GMT+5:30'), at(2021, 1, 25, 18, 30, 1));
  assert.equal(parseDateTime('2021/1/12 1:05:02 PM GMT-8'), at(2021, 1, 12, 21, 5, 2));
  assert.equal(parseDateTime('2021/01/12 10:15:32 GMT'), at(2021, 1, 12, 10, 15, 32));
  // Without a zone: a wall-clock time, as the other shapes are read.
  assert.equal(parseDateTime('2021/01/12 10:15:32'), at(2021, 1, 12, 10, 15, 32));
  assert.equal(parseDateTime('2021/01/12'), at(2021, 1, 12, 0, 0, 0));
  assert.ok(Number.isNaN(parseDateTime('2021/01/12 13:15:32 PM GMT+5:30')), 'no 13 PM');
  assert.ok(Number.isNaN(parseDateTime('2021/13/12 10:15:32')), 'no 13th month');
});
