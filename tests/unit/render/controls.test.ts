import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeControlsInJson, showControls } from '../../../src/render/controls.js';
import { csvCell, forTerminal, jsonText } from '../../../src/render/sanitize.js';
import { h } from '../../../src/report/html-common.js';
import { xlsxText } from '../../../src/report/xlsx.js';
import { vegaSafe } from '../../../src/render/chart/common.js';

/** One of each kind of character that is not text, and what every output shows for it. */
const CASES: [string, string][] = [
  ['\u0000', '\u2400'],
  ['\u0007', '\u2407'],
  ['\u001b', '\u241b'],
  ['\u007f', '\u2421'],
  ['\u0085', '<U+0085>'],
  ['\u009b', '<U+009B>'],
  ['\u202a', '<U+202A>'],
  ['\u202e', '<U+202E>'],
  ['\u2066', '<U+2066>'],
  ['\u2069', '<U+2069>'],
  ['\ufffe', '<U+FFFE>'],
  ['\ud800', '<U+D800>'],
];

test('showControls: each control and bidirectional formatting character is shown, one mark for one character', () => {
  for (const [c, shown] of CASES) assert.equal(showControls(`a${c}b`), `a${shown}b`, JSON.stringify(c));
});

test('showControls: answers that differ only by such a character stay distinct from each other and from the plain one', () => {
  const answers = ['Male', ...CASES.map(([c]) => `Ma${c}le`)];
  assert.equal(new Set(answers.map(showControls)).size, answers.length);
});

test('showControls: text, marks and white space that outputs handle themselves are left as they are', () => {
  // Right-to-left marks (U+200E, U+200F, U+061C) reach only the characters next to them: Hebrew and Arabic text needs them.
  for (const s of ['שלום\u200f!', 'a\u200eb', 'مرحبا\u061c', 'tab\there', 'two\nlines\r\n', 'emoji 😀', 'Ünïcödé', '\ufffd']) assert.equal(showControls(s), s);
});

test('every output a person reads shows a U+202E the same way; JSON keeps it as an escape', () => {
  const answer = 'invoice\u202egnp.exe';
  const shown = 'invoice<U+202E>gnp.exe';
  assert.equal(forTerminal(answer), shown);
  assert.equal(csvCell(answer), shown);
  assert.equal(xlsxText(answer), shown);
  assert.equal(vegaSafe({ title: answer, values: [{ label: answer }] }).values[0]!.label, shown);
  assert.equal(h(answer), 'invoice&lt;U+202E&gt;gnp.exe');
  const json = jsonText({ label: answer, del: 'a\u007f', c1: '\u009b2J', nul: '\u0000' });
  assert.ok(json.includes('"invoice\\u202egnp.exe"'), json);
  assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.deepEqual(JSON.parse(json), { label: answer, del: 'a\u007f', c1: '\u009b2J', nul: '\u0000' }, 'the exact text comes back');
  assert.equal(escapeControlsInJson(JSON.stringify('\u2066x\u2069')), '"\\u2066x\\u2069"');
});
