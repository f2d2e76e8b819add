import assert from 'node:assert/strict';
import { test } from 'node:test';
import { profileChart } from '../../src/render/chart/spec.js';
import { chart } from './chart.js';
import { profile } from './data.js';

chart(function graph7Profile() {
  return profileChart(profile);
}, (svg) => {
  assert.ok(svg.includes('>Age group (n = 552)</text>'));
  assert.equal(svg.match(/>% of respondents<\/text>/g)?.length, 1, 'one percent axis, at the bottom');
});

test('a profile names the answers it leaves out of the bases (declared missing), as the tables do', async () => {
  const { profileChart } = await import('../../src/render/chart/profile.js');
  const { frequency } = await import('./data.js');
  const gender = frequency('gender', 'Gender', [['Male', 300], ['Female', 235], ['Prefer not to say', 15]], { base: 535 });
  gender.rows[2] = { ...gender.rows[2]!, missing: true };
  const spec = JSON.stringify(profileChart([gender]).spec);
  assert.match(spec, /Not in the bases: Gender: Prefer not to say \(15\)/);
});
