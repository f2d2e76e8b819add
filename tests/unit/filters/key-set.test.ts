import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyLines } from '../../../src/filters/key-set.js';
import { foldPlainAscii } from '../../../src/filters/duplicates.js';
import { isBlank, normalizeCell } from '../../../src/codebook/values.js';

test('KeyLines: exact keys to lines through growth, ASCII or not, like a Map', () => {
  const keys = new KeyLines();
  const map = new Map<string, number>();
  const key = (i: number) => (i % 7 === 0 ? `Zoë.${i}@exämple.org` : i % 11 === 0 ? `${'x'.repeat(300)}${i}` : `user${i}@example.com`);
  for (let i = 0; i < 60_000; i++) {
    const k = key(i % 45_000);
    assert.equal(keys.getOrAdd(k, i), map.get(k));
    if (!map.has(k)) map.set(k, i);
  }
  assert.equal(keys.size, map.size);
  for (const [k, line] of map) assert.equal(keys.get(k), line);
  assert.equal(keys.get('user1@example.co'), undefined, 'a prefix is another key');
  assert.equal(keys.get(''), undefined);
  keys.set('user1@example.com', 99);
  assert.equal(keys.get('user1@example.com'), 99);
  keys.clear();
  assert.equal(keys.size, 0);
  assert.equal(keys.get('user1@example.com'), undefined);
  assert.equal(keys.getOrAdd('', 5), undefined);
  assert.equal(keys.get(''), 5);
});

test('KeyLines: a key longer than a block gets one of its own', () => {
  const keys = new KeyLines();
  const big = 'k'.repeat(5 << 20);
  assert.equal(keys.getOrAdd('a@x.org', 1), undefined);
  assert.equal(keys.getOrAdd(big, 2), undefined);
  assert.equal(keys.getOrAdd('b@x.org', 3), undefined);
  assert.deepEqual([keys.get('a@x.org'), keys.get(big), keys.get('b@x.org'), keys.get(`${big}k`)], [1, 2, 3, undefined]);
});

test('foldPlainAscii writes the key keyValue makes (normalised, lower case) or declines', () => {
  const out = new Uint8Array(64);
  const cells = fc.string({ unit: fc.constantFrom('a', 'B', 'z', 'Q', '@', '.', ' ', '  ', '\t', '-', 'é', '\u00a0', '1'), maxLength: 12 });
  fc.assert(
    fc.property(cells, (raw) => {
      const n = foldPlainAscii(raw, out);
      const v = normalizeCell(raw);
      if (n < 0) return;
      assert.ok(!isBlank(v), `blank taken as a key: ${JSON.stringify(raw)}`);
      assert.equal(Buffer.from(out.subarray(0, n)).toString('utf8'), v.toLowerCase(), JSON.stringify(raw));
    }),
    { numRuns: 2000, seed: 7 },
  );
  assert.equal(foldPlainAscii('Ann.Lee@Example.ORG', out), 19);
  assert.equal(Buffer.from(out.subarray(0, 19)).toString(), 'ann.lee@example.org');
  for (const declined of [' a@b.c', 'a@b.c ', 'a  b@c.d', '--', 'zoë@x.org', 'a\tb@c.d']) assert.equal(foldPlainAscii(declined, out), -1, declined);
});

test('KeyLines: a key written to room() is the same key as the string', () => {
  const keys = new KeyLines();
  assert.equal(keys.getOrAdd('ann@example.org', 3), undefined);
  const room = keys.room(15);
  room.set(Buffer.from('ann@example.org'));
  assert.equal(keys.getOrAddWritten(15, 9), 3);
  keys.room(15).set(Buffer.from('bob@example.org'));
  assert.equal(keys.getOrAddWritten(15, 10), undefined);
  assert.equal(keys.get('bob@example.org'), 10);
});
