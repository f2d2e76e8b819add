import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OKABE_ITO, categoryPalette } from '../../../src/render/chart/theme.js';

test('category colours: the palette, then its tints, before any colour repeats', () => {
  const eight = categoryPalette({}, 8);
  assert.deepEqual(eight, { colors: OKABE_ITO, distinct: 8 });
  // An income question's eleven answers: eleven colours, the last three lighter tints of the first three.
  const eleven = categoryPalette({}, 11);
  assert.equal(new Set(eleven.colors).size, 11);
  assert.deepEqual(eleven.colors.slice(0, 8), OKABE_ITO);
  assert.equal(eleven.colors[8], '#80B9D9', 'half way from #0072B2 to white');
  // Past twice the palette they repeat, and say so (the chart warns).
  const many = categoryPalette({}, 17);
  assert.deepEqual([many.distinct, many.colors[16]], [16, many.colors[0]]);
});

test('category colours named in words are not tinted: they repeat, and the count of distinct colours says so', () => {
  const named = ['red', 'orange', 'gold', 'green', 'teal', 'blue', 'navy', 'purple'];
  const p = categoryPalette({ range: { category: named } }, 11);
  assert.deepEqual([p.distinct, p.colors.slice(8)], [8, ['red', 'orange', 'gold']]);
});

