import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OKABE_ITO, categoryPalette } from '../../../src/render/chart/theme.js';

test('category colours: the palette, then its tints, before any colour repeats', () => {
  const eight = categoryPalette({}, 8);
  assert.deepEqual(eight, { colors: OKABE_ITO, distinct: 8 });
  // An income question's eleven answers: eleven colours, the last three tints (half way to white),
  // the one least like any colour before it first: not the blue's tint, which looks like the sky blue.
  const eleven = categoryPalette({}, 11);
  assert.equal(new Set(eleven.colors).size, 11);
  assert.deepEqual(eleven.colors.slice(0, 8), OKABE_ITO);
  assert.deepEqual(eleven.colors.slice(8), ['#EAAF80', '#808080', '#F8F2A1'], 'tints of vermillion, black, yellow');
  assert.ok(!eleven.colors.includes('#80B9D9'));
  // Past twice the palette they repeat, and say so (the chart warns).
  const many = categoryPalette({}, 17);
  assert.deepEqual([many.distinct, many.colors[16]], [16, many.colors[0]]);
});

test('category colours named in words are not tinted: they repeat, and the count of distinct colours says so', () => {
  const named = ['red', 'orange', 'gold', 'green', 'teal', 'blue', 'navy', 'purple'];
  const p = categoryPalette({ range: { category: named } }, 11);
  assert.deepEqual([p.distinct, p.colors.slice(8)], [8, ['red', 'orange', 'gold']]);
});

