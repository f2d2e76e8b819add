import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyLines } from '../../../src/filters/key-set.js';

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
