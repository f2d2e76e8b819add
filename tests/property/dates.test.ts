/**
 * The timestamp parser's shortcuts (plain ISO without a regular expression, month lengths
 * and days without a Date object or Date.UTC) read every string as the general patterns do: checked against the
 * parser as it was before them, kept here as the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDateTime } from '../../src/codebook/values.js';

/** parseDateTime's ISO branch before the shortcuts (values.ts at commit 138bb5f). */
function isoOracle(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return NaN;
  const t0 = Date.UTC(y, mo - 1, d, h, mi, sec, m[7] ? Number(`0.${m[7]}`) * 1000 : 0);
  const t = new Date(t0).getUTCDate() === d ? t0 : NaN;
  if (Number.isNaN(t) || !m[8] || m[8] === 'Z') return t;
  const sign = m[8][0] === '-' ? -1 : 1;
  const digits = m[8].slice(1).replace(':', '');
  return t - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** ISO-like strings: mostly valid, often at the edges (leap days, day 31, second 60, years 0-99), sometimes broken. */
const isoLike = fc
  .record({
    // Any 4-digit year too: days are counted by arithmetic from year 100 on, and must agree with Date.UTC.
    y: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 }), fc.constantFrom(0, 99, 100, 1600, 1700, 2000, 2400, 9999)),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    time: fc.option(fc.record({ sep: fc.constantFrom('T', ' ', 't', '_'), h: fc.integer({ min: 0, max: 24 }), oneDigitHour: fc.boolean(), mi: fc.integer({ min: 0, max: 60 }), sec: fc.option(fc.integer({ min: 0, max: 61 })), frac: fc.option(fc.constantFrom('5', '250', '999')), zone: fc.constantFrom('', 'Z', 'z', ' Z', '+05:30', '-0800', '+0') })),
    noise: fc.option(fc.tuple(fc.nat(25), fc.constantFrom('x', '/', ' ', '0', '-', ':', '')), { freq: 4 }),
  })
  .map(({ y, mo, d, time, noise }) => {
    let s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
    if (time) {
      s += `${time.sep}${time.oneDigitHour && time.h < 10 ? String(time.h) : pad(time.h, 2)}:${pad(time.mi, 2)}`;
      if (time.sec !== null) s += `:${pad(time.sec, 2)}${time.frac !== null ? `.${time.frac}` : ''}`;
      s += time.zone;
    }
    if (noise) s = s.slice(0, noise[0]) + noise[1] + s.slice(noise[0] + 1);
    return s;
  });

test('parseDateTime reads ISO-like strings as the general pattern does, to the millisecond', () => {
  fc.assert(
    fc.property(isoLike, (s) => {
      const expected = isoOracle(s);
      const got = parseDateTime(s);
      // Strings the ISO pattern does not take go on to the other patterns, as before.
      if (expected === undefined) return;
      assert.ok(Object.is(got, expected), `${JSON.stringify(s)}: ${got} vs ${expected}`);
    }),
    { numRuns: 3000, seed: 20261123 },
  );
});

test('the edges, by hand: leap days, month ends, a leap second, two-digit-era years', () => {
  const at = Date.UTC;
  assert.equal(parseDateTime('2024-02-29'), at(2024, 1, 29));
  assert.ok(Number.isNaN(parseDateTime('2023-02-29')));
  assert.ok(Number.isNaN(parseDateTime('1900-02-29 10:00:00')), '1900 was not a leap year');
  assert.equal(parseDateTime('2000-02-29T10:00:00Z'), at(2000, 1, 29, 10));
  assert.ok(Number.isNaN(parseDateTime('2024-04-31T10:00:00')));
  assert.ok(Number.isNaN(parseDateTime('2024-01-31 23:59:60')), 'second 60 at midnight rolls into the next day: not the date written');
  assert.equal(parseDateTime('2024-01-30 12:30:60'), at(2024, 0, 30, 12, 31, 0), 'second 60 is the next minute');
  assert.equal(parseDateTime('0099-01-01'), at(1999, 0, 1), 'as Date.UTC reads year 99');
});
