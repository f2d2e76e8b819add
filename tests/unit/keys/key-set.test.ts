import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyLines } from '../../../src/keys/key-set.js';
import { FirstSeen } from '../../../src/keys/first-seen.js';
import { foldPlainAscii } from '../../../src/keys/key.js';
import { Cells } from '../../../src/ingest/cells.js';
import { Dictionary } from '../../../src/ingest/dictionary.js';
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
      const n = foldPlainAscii(raw, 0, raw.length, out);
      const v = normalizeCell(raw);
      if (n < 0) return;
      assert.ok(!isBlank(v), `blank taken as a key: ${JSON.stringify(raw)}`);
      assert.equal(Buffer.from(out.subarray(0, n)).toString('utf8'), v.toLowerCase(), JSON.stringify(raw));
    }),
    { numRuns: 2000, seed: 7 },
  );
  // A cell read where it lies in the record's text.
  assert.equal(foldPlainAscii('R1,Ann.Lee@Example.ORG,Yes', 3, 22, out), 19);
  assert.equal(Buffer.from(out.subarray(0, 19)).toString(), 'ann.lee@example.org');
  for (const declined of [' a@b.c', 'a@b.c ', 'a  b@c.d', '--', 'zoë@x.org', 'a\tb@c.d']) assert.equal(foldPlainAscii(declined, 0, declined.length, out), -1, declined);
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

test('FirstSeen: rows staged and flushed together get the answers checked one by one give', () => {
  // A key cell: plain ASCII, cases, white space, non-ASCII, blank markers; held apart from
  // the text as a quoted field with "" is (and every field of Cells.of); numbered by the
  // reading thread; or missing (a record too short).
  type Kind = 'plain' | 'apart' | 'numbered' | 'missing';
  const of = (kind: Kind) => (s: string) => ({ s, kind });
  const cell = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'B', '@', '.', ' ', 'é', '-', '1', '+'), maxLength: 6 }).map(of('plain')),
    fc.constantFrom('ann@x.org', 'ANN@x.org', ' ann@x.org', '+1 555 0100', '5550100', '').map(of('plain')),
    fc.constantFrom('ann@x.org', 'Zoë@x.org').map(of('apart')),
    fc.constantFrom('ann@x.org', 'Ann@X.org', '-').map(of('numbered')),
    fc.constant('').map(of('missing')),
  );
  const dictionary = new Dictionary([1]);
  const record = (c: { s: string; kind: Kind }): Cells => {
    if (c.kind === 'missing') return Cells.of(['R']);
    const cells = new Cells();
    // As the reader makes it: the fields as ranges of the record's text.
    cells.point({ text: `R,${c.s}`, meta: new Int32Array([1, 2, 0, 1, 2, 2 + c.s.length]), records: 1, extras: [] }, 2, 2);
    if (c.kind === 'plain') return cells;
    if (c.kind === 'numbered') {
      let n = dictionary.entries[0]!.indexOf(c.s);
      if (n < 0) n = dictionary.entries[0]!.push(c.s) - 1;
      cells.numbered(dictionary, new Int32Array([n]), 0);
      return cells;
    }
    return Cells.of(['R', c.s]);
  };
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 40 }), fc.constantFrom('email', 'text', 'phone'), fc.boolean(), (cs, normalize, reserve) => {
      const key = { column: 1, normalize: normalize as 'email' | 'text' | 'phone' };
      const one = new FirstSeen(key);
      const many = new FirstSeen(key);
      if (reserve) many.expect(1000);
      const expected = cs.map((c, i) => one.check(record(c), i + 2));
      // Two batches: the second must see the keys of the first.
      const half = cs.length >> 1;
      const got: (number | undefined)[] = [];
      for (const part of [cs.slice(0, half), cs.slice(half)]) {
        const at = got.length;
        part.forEach((c, j) => many.stage(record(c), at + j + 2));
        many.flush((j, line) => (got[at + j] = line));
      }
      assert.deepEqual(got, expected);
    }),
    { numRuns: 500, seed: 11 },
  );
  // Keys beyond the staging room it starts with.
  const long = new FirstSeen({ column: 1, normalize: 'email' });
  const big = (c: string) => {
    const cells = new Cells();
    cells.point({ text: `R,${c.repeat(40_000)}`, meta: new Int32Array([1, 2, 0, 1, 2, 40_002]), records: 1, extras: [] }, 2, 2);
    return cells;
  };
  ['a', 'b', 'a', 'c', 'b'].forEach((c, i) => long.stage(big(c), i + 2));
  const lines: (number | undefined)[] = [];
  long.flush((j, line) => (lines[j] = line));
  assert.deepEqual(lines, [undefined, undefined, 2, undefined, 3]);
});

test('KeyLines: reserve makes room without losing a key, before and after keys are added', () => {
  const keys = new KeyLines();
  const map = new Map<string, number>();
  const getOrAdd = (k: string, line: number) => {
    assert.equal(keys.getOrAdd(k, line), map.get(k), k);
    if (!map.has(k)) map.set(k, line);
  };
  for (let i = 0; i < 100; i++) getOrAdd(`k${i}@x.org`, i);
  keys.reserve(50_000);
  for (let i = 0; i < 20_000; i++) getOrAdd(`k${i % 10_000}@x.org`, 1000 + i);
  // An estimate past the cap reserves the cap, and the table still grows past it.
  keys.reserve(Number.MAX_SAFE_INTEGER);
  assert.equal(keys.size, 10_000);
  for (const [k, line] of map) assert.equal(keys.get(k), line);
});
