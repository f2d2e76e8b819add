import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line, progress } from '../../src/cli/progress.js';
import type { Io } from '../../src/cli/io.js';

function io(isTTY: boolean, env: Record<string, string> = {}): Io & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s), isTTY, columns: 80 }, env, cwd: '/' };
}

const BIG = 100 << 20;

test('progress: silent when stderr is not a terminal, for small inputs, and in CI', () => {
  for (const [o, size] of [
    [io(false), BIG],
    [io(true), 1 << 19],
    [io(true, { CI: 'true' }), BIG],
  ] as const) {
    let t = 0;
    const p = progress(o, size, () => t);
    for (t = 0; t < 5000; t += 100) p.update((size * t) / 5000, t * 100);
    p.done();
    assert.deepEqual(o.err, []);
  }
});

test('progress: on a terminal, a line after half a second, redrawn at most every 200 ms, erased when done', () => {
  const o = io(true);
  let t = 0;
  const p = progress(o, BIG, () => t);
  for (t = 0; t <= 1000; t += 50) p.update((BIG * t) / 2000, t * 1000);
  assert.equal(o.err.length, 3, 'at 500, 700 and 900 ms');
  assert.equal(o.err[0], `\r${line(0.25, 500_000, 1_000_000, 80)}`);
  assert.match(o.err[0]!, /^\r\[#{10}\.{30}\]  25%  500,000 rows  1,000,000 rows\/s$/);
  p.done();
  assert.equal(o.err.at(-1), '\r\u001b[2K');
});

test('progress line fits narrow terminals', () => {
  assert.equal(line(1, 12, 3, 20), '100%  12 rows  3 rows/s');
  assert.ok(line(0.5, 1e6, 1e6, 60).length <= 60);
});

test('progress: a second pass over the same input never draws the line back, and counts its own rows per second', () => {
  const o = io(true);
  let t = 0;
  const p = progress(o, BIG, () => t);
  // A sample reads 40% of a workbook's sheet in a second, then the main pass reads it all from the start.
  for (t = 0; t <= 1000; t += 100) p.update((BIG * 0.4 * t) / 1000, t * 100);
  const first = o.err.length;
  for (let s = 0; s <= 2000; s += 100, t += 100) p.update((BIG * s) / 2000, s * 500);
  const shares = o.err.map((l) => Number(/(\d+)%/.exec(l)![1]));
  assert.ok(first > 0 && o.err.length > first);
  assert.deepEqual(shares, [...shares].sort((a, b) => a - b), `never back: ${shares.join(' ')}`);
  // The main pass reads 500 rows a millisecond: its own rate, not one mixed with the sample's.
  assert.match(o.err.at(-1)!, /100%  1,000,000 rows  50\d,\d{3} rows\/s$/);
});
