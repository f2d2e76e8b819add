import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSummary } from '../../../src/tabulate/text.js';
import { TextCoder } from '../../../src/engine/coder.js';
import type { Question } from '../../../src/spec/codebook.js';

const question: Question = { id: 'why', label: 'Why?', type: 'text', columns: [0], options: [], items: [] };

function summarize(answers: Iterable<string>) {
  const coder = new TextCoder(question);
  const s = new TextSummary(coder);
  for (const a of answers) {
    coder.answer = a;
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
