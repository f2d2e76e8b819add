/**
 * Ids numbered by block, as Qualtrics exports them: questions Q1.1, Q1.2 and the grid Q2.1 of
 * columns Q2.1_1, Q2.1_2, whose items are Q2.1.privacy and Q2.1.price. A grid item is split at its
 * last dot, never at the first.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { findRef, type Question } from '../../src/spec/codebook.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-dotted-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const rows = [
  'ResponseId,Q1.1,Q1.2,Q2.1_1,Q2.1_2',
  'Response ID,How old are you?,Do you use WhatsApp?,Rate these - Privacy,Rate these - Price',
  '{"ImportId":"_recordId"},{"ImportId":"QID1"},{"ImportId":"QID2"},{"ImportId":"QID3_1"},{"ImportId":"QID3_2"}',
];
const ages = ['18-29', '30-44', '45+'];
const agree = ['Agree', 'Neutral', 'Disagree'];
for (let i = 0; i < 60; i++) rows.push(`R_${i},${ages[i % 3]},${i % 2 ? 'Yes' : 'No'},${agree[i % 3]},${agree[(i >> 1) % 3]}`);
writeFileSync(join(dir, 'q.csv'), rows.join('\n'));

interface Out {
  tables: { kind: string; question?: string; itemId?: string; row?: string; column?: string; base?: number; sections?: { question: string; itemId?: string }[] }[];
}

test('analyze: the grid Q2.1 keeps its id, its items are privacy and price, and either can split the tables', async () => {
  const io = captureIo({}, dir);
  assert.equal(await main(['analyze', 'q.csv', '--format', 'json', '--by', 'Q2.1.privacy'], io), 0, io.err());
  const out = JSON.parse(io.out()) as Out;
  const grid = out.tables.filter((t) => t.kind === 'frequency' && t.question === 'Q2.1');
  assert.deepEqual(
    grid.map((t) => t.itemId),
    ['privacy', 'price'],
  );
  assert.deepEqual(
    out.tables.filter((t) => t.kind === 'crosstab').map((t) => `${t.row} x ${t.column}`),
    ['Q1.1 x Q2.1.privacy', 'Q1.2 x Q2.1.privacy', 'Q2.1.price x Q2.1.privacy'],
  );
  const text = captureIo({}, dir);
  assert.equal(await main(['analyze', 'q.csv', '--by', 'Q1.2'], text), 0, text.err());
  assert.match(text.out(), /items \(Q2\.1\.<item>\): privacy, price/);
});

test('report: filters, crosstabs and banners name Q1.2 and Q2.1.privacy as analyze does', async () => {
  const spec = [
    'version: 1',
    'input: { file: q.csv, headerRows: 3 }',
    'filters:',
    `  - { rule: expression, name: no agreeing non-users, remove: "Q2.1.privacy == 'Agree' and Q1.2 == 'No'" }`,
    'tables:',
    '  - { id: t1, type: frequency, question: Q2.1.privacy }',
    '  - { id: t2, type: crosstab, row: Q2.1.price, column: Q1.2 }',
    '  - { id: t3, type: banner, rows: [Q1.1, Q2.1.privacy], columns: [Q1.2] }',
  ].join('\n');
  writeFileSync(join(dir, 's.yaml'), spec);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--format', 'json'], io), 0, io.err());
  const out = JSON.parse(io.out()) as Out;
  const [t1, t2, t3] = out.tables;
  // Rows 0, 3, 6, ... answer Agree; the even ones of them (No) are removed: 10 of 60.
  assert.deepEqual([t1!.question, t1!.itemId, t1!.base], ['Q2.1', 'privacy', 50]);
  assert.deepEqual([t2!.row, t2!.column], ['Q2.1.price', 'Q1.2']);
  assert.deepEqual(
    t3!.sections!.map((s) => [s.question, s.itemId]),
    [
      ['Q1.1', undefined],
      ['Q2.1', 'privacy'],
    ],
  );
});

test('a spec item id may not hold a dot: it could not be told from the grid id', async () => {
  writeFileSync(join(dir, 'bad.yaml'), 'version: 1\ninput: { file: q.csv, headerRows: 3 }\nquestions:\n  - { id: Q2, type: matrix, items: [{ id: a.b, column: Q2.1_1 }] }\n');
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'bad.yaml'], io), 2);
  assert.match(io.err(), /bad\.yaml:4: .*items\[0\]\.id: must match \^\[\^\.\]\+\$ \(Names the item as `grid\.item`: no dot\.\)/);
});

test('findRef: a whole id first, then grid.item at the last dot', () => {
  const q = (id: string, type: Question['type'], items: string[] = []): Question => ({ id, label: id, type, columns: [0], options: [], items: items.map((i, k) => ({ id: i, label: i, column: k })) }) as Question;
  const questions = [q('Q1', 'single'), q('Q1.2', 'single'), q('Q2.1', 'matrix', ['privacy'])];
  assert.equal(findRef(questions, 'Q1.2')?.question.id, 'Q1.2');
  assert.deepEqual([findRef(questions, 'Q2.1.privacy')?.question.id, findRef(questions, 'Q2.1.privacy')?.item?.id], ['Q2.1', 'privacy']);
  assert.equal(findRef(questions, 'Q2.1.price'), undefined);
  assert.equal(findRef(questions, 'Q2'), undefined);
});
