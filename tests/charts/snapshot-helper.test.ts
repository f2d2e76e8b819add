import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { assertGolden, normalizeSvg, outputDir } from '../helpers/snapshot.js';

test('normalizeSvg rounds long decimals, renumbers ids and puts one element per line', () => {
  const svg =
    '<svg width="10"><defs><clipPath id="clip7"><rect width="3.14159"/></clipPath></defs>' +
    '<g clip-path="url(#clip7)"><text x="1.5" y="2.123">A &amp; B</text><path d="M0.33333333,1h-0.00004Z"/></g></svg>';
  assert.equal(
    normalizeSvg(svg),
    [
      '<svg width="10">',
      '  <defs>',
      '    <clipPath id="id0">',
      '      <rect width="3.142"/>',
      '    </clipPath>',
      '  </defs>',
      '  <g clip-path="url(#id0)">',
      '    <text x="1.5" y="2.123">A &amp; B</text>',
      '    <path d="M0.333,1h0Z"/>',
      '  </g>',
      '</svg>',
      '',
    ].join('\n'),
  );
});

test('assertGolden writes <stem>-changed.<ext> on a mismatch, and the golden with UPDATE=1', (t) => {
  const name = 'selftest-golden.vl.json';
  const golden = join(outputDir(), name);
  const changed = join(outputDir(), 'selftest-golden-changed.vl.json');
  const saved = process.env['UPDATE'];
  t.after(() => {
    if (saved === undefined) delete process.env['UPDATE'];
    else process.env['UPDATE'] = saved;
    rmSync(golden, { force: true });
    rmSync(changed, { force: true });
  });

  delete process.env['UPDATE'];
  assert.throws(() => assertGolden(name, 'one\n'), /missing golden/);
  assert.equal(readFileSync(changed, 'utf8'), 'one\n');

  process.env['UPDATE'] = '1';
  assertGolden(name, 'one\n');
  assert.equal(readFileSync(golden, 'utf8'), 'one\n');
  assert.ok(!existsSync(changed));

  delete process.env['UPDATE'];
  assertGolden(name, 'one\n');
  assert.throws(() => assertGolden(name, 'two\n'), /differs/);
  assert.equal(readFileSync(changed, 'utf8'), 'two\n');
  assert.equal(readFileSync(golden, 'utf8'), 'one\n', 'a mismatch never touches the golden');
});
