import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sniffDelimiter } from '../../../src/ingest/sniff.js';
import { fromRoot } from '../../helpers/io.js';

test('sniffDelimiter: each candidate, when it splits every line the same way', () => {
  assert.equal(sniffDelimiter('a,b,c\n1,2,3\n4,5,6\n'), ',');
  assert.equal(sniffDelimiter('a;b;c\n1;2;3\n4;5;6\n'), ';');
  assert.equal(sniffDelimiter('a\tb\tc\n1\t2\t3\n'), '\t');
  assert.equal(sniffDelimiter('a|b|c\n1|2|3\n'), '|');
});

test('sniffDelimiter: decimal commas in a ;-delimited file do not win', () => {
  assert.equal(sniffDelimiter('Land;Stunden;Ausgaben\nDeutschland;7,5;1.250,00\nSchweiz;8,25;2.100,00\nÖsterreich;6;980,50\n'), ';');
  // Even when every data line has as many commas as semicolons: the header has none.
  assert.equal(sniffDelimiter('a;b\n1,5;2,5\n3,5;4,5\n'), ';');
});

test('sniffDelimiter: delimiters inside quotes do not count, nor do quoted line breaks', () => {
  assert.equal(sniffDelimiter('"Were you aware, really?";"Name, first";Age\n"Yes, I was";"Ana, B";31\n'), ';');
  assert.equal(sniffDelimiter('q1,q2\n"line one\nline two; three; four; five",2\n"x",3\n'), ',');
  assert.equal(sniffDelimiter('Comment\tScore\n"a, b, c, d"\t1\n"e, f, g"\t2\n'), '\t');
});

test('sniffDelimiter: CR-only and CRLF line endings', () => {
  assert.equal(sniffDelimiter('a;b;c\r1;2;3\r4;5;6\r'), ';');
  assert.equal(sniffDelimiter('a|b\r\n1|2\r\n'), '|');
});

test('sniffDelimiter: one column, or nothing, falls back to a comma', () => {
  assert.equal(sniffDelimiter('Comments\nGood\nBad\n'), ',');
  assert.equal(sniffDelimiter(''), ',');
  assert.equal(sniffDelimiter('just one line without a newline;x'), ';', 'a lone partial line still counts when it is all there is');
});

test('sniffDelimiter: the most fields wins among consistent candidates, inconsistent ones lose', () => {
  // Commas appear, header included, but in varying numbers (free text): tabs are consistent.
  assert.equal(sniffDelimiter('Name, first\tComment\tScore\nA\tgood, fast, cheap\t1\nB\tok\t2\nC\tslow, but fine\t3\n'), '\t');
  // A header with more commas than tabs still loses when the rows do not agree with it.
  assert.equal(sniffDelimiter('a, b, c, d, e\tx\n1\t2\n3\t4\n5\t6\n'), '\t');
});

test('sniffDelimiter on the fixtures', () => {
  const cases: [string, BufferEncoding, string][] = [
    ['google-forms.csv', 'utf8', ','],
    ['qualtrics.csv', 'utf8', ','],
    ['surveymonkey.csv', 'utf8', ','],
    ['semicolon-bom.csv', 'utf8', ';'],
    ['tab-delimited.tsv', 'utf8', '\t'],
    ['pipe-delimited.csv', 'utf8', '|'],
    ['semicolon-joined.csv', 'utf8', ','],
    ['utf16le-bom.txt', 'utf16le', '\t'],
    ['line-endings-cr.csv', 'utf8', ','],
  ];
  for (const [name, enc, d] of cases) assert.equal(sniffDelimiter(readFileSync(fromRoot('fixtures', 'flavours', name)).toString(enc)), d, name);
});
