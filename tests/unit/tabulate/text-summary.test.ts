import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSummary } from '../../../src/tabulate/text.js';
import { TextCoder } from '../../../src/coding/coder.js';
import { Cells } from '../../../src/ingest/cells.js';
import { isBlank, normalizeCell } from '../../../src/codebook/values.js';
import type { Question } from '../../../src/spec/codebook.js';
import { hasZone } from '../../../src/codebook/timezone.js';

const question: Question = { id: 'why', label: 'Why?', type: 'text', columns: [0], options: [], items: [] };

function summarize(answers: Iterable<string>, q: Question = question, timezone?: string) {
  const coder = new TextCoder(q);
  const s = new TextSummary(coder, timezone);
  const cells = new Cells();
  for (const a of answers) {
    cells.hold([a]);
    coder.read(cells);
    s.add(1);
  }
  return s.table();
}

test('text summary: distinct answers exact under the cap', () => {
  const t = summarize(['a', 'b', 'a', '', 'c', 'b']);
  assert.equal(t.n, 5);
  assert.equal(t.missing, 1);
  assert.equal(t.distinct, 3);
  assert.equal(t.distinctCapped, undefined);
});

test('text summary: past 100,000 distinct answers the count is a floor, flagged, never inflated by repeats', () => {
  function* answers() {
    for (let i = 0; i < 100_050; i++) yield `answer ${i}`;
    // Repeats of answers that were not tracked: counting them again would inflate the count.
    for (let r = 0; r < 3; r++) for (let i = 100_000; i < 100_050; i++) yield `answer ${i}`;
  }
  const t = summarize(answers());
  assert.equal(t.n, 100_200);
  assert.equal(t.distinct, 100_000);
  assert.equal(t.distinctCapped, true);
});

test('text coder: a cell is blank in place exactly when its normalised answer is blank', () => {
  const cells = ['', '  ', '\t\r', '\u00a0', ' - ', '--', '\u2014', ' -- ', '-x', '- -', '---', 'a', ' a ', '\u3000', '\u3000x'];
  const coder = new TextCoder(question);
  for (const raw of cells) {
    // Each way round: told in place first, or after the answer was made.
    for (const answerFirst of [false, true]) {
      const c = new Cells();
      c.hold([raw]);
      coder.read(c);
      if (answerFirst) void coder.answer;
      assert.equal(coder.blank, isBlank(normalizeCell(raw)), JSON.stringify(raw));
    }
  }
  // The same in a scanned record (a view of the text, not a held string).
  const t = summarize(['x', ' - ', '', 'y']);
  assert.deepEqual([t.n, t.missing], [2, 2]);
});

test('date summary: first and last times, blanks and dashes left out', () => {
  const t = summarize(['2024-03-04T06:00:00Z', '-', '', '2024-01-02', '2024-12-31T23:59:59Z'], { ...question, type: 'date' });
  // The latest was written with its zone: an instant, marked as UTC; a plain date stays as written.
  assert.deepEqual([t.n, t.missing, t.min, t.max], [3, 2, '2024-01-02', '2024-12-31T23:59:59Z']);
  // Google Forms' own download: 5:54 PM at GMT+5:30 is 12:24 UTC.
  const gf = summarize(['2021/01/14 05:54:00 PM GMT+5:30', '2021/01/14 06:00:00 PM GMT+5:30'], { ...question, type: 'date' });
  assert.deepEqual([gf.min, gf.max], ['2021-01-14T12:24:00Z', '2021-01-14T12:30:00Z']);
  // In a study whose spec gives its time zone, an instant is shown there, with its offset.
  const india = summarize(['2021/01/14 05:54:00 PM GMT+5:30', '2021-01-14T20:00:00Z'], { ...question, type: 'date' }, 'Asia/Kolkata');
  assert.deepEqual([india.min, india.max], ['2021-01-14T17:54:00+05:30', '2021-01-15T01:30:00+05:30']);
  const ny = summarize(['2021-07-01T12:00:00Z'], { ...question, type: 'date' }, 'America/New_York');
  assert.equal(ny.min, '2021-07-01T08:00:00-04:00');
  // A date's own dash is no offset: dates without a time stay the days they name, in any zone.
  const days = summarize(['14-Jan-2021', '2021-01-20', '14-Jan-2021 13:05'], { ...question, type: 'date' }, 'America/New_York');
  assert.deepEqual([days.min, days.max], ['2021-01-14', '2021-01-20']);
});

test('hasZone: a time followed by Z, an offset or GMT/UTC; never a date alone', () => {
  for (const zoned of ['2021-01-14T17:54:00Z', '2021-01-14T17:54:00+05:30', '2021-01-14 17:54-0500', '2021/01/14 05:54:00 PM GMT+5:30', '1/14/2021 5:54 pm UTC']) assert.equal(hasZone(zoned), true, zoned);
  for (const local of ['14-Jan-2021', '2021-01-14', '01-14-2021', '2021-01-14 17:54', '1/14/2021 5:54 PM', 'Jan-2021']) assert.equal(hasZone(local), false, local);
});
