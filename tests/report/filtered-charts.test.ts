/** A chart of a filtered table says which rows it holds, unless the table's own baseLabel says whom it counts. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-filtered-charts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('frequency, crosstab and grid charts of a filtered table carry "Only rows where ..." under the subtitle', async () => {
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/star-wars-survey/StarWars.csv'));
  const fans = `filter: "consider_yourself_fan_star_wars == 'Yes'"`;
  const spec = [
    'version: 1',
    `input: { file: ${data} }`,
    'tables:',
    `  - { id: shot, type: frequency, question: character_shot_first, ${fans} }`,
    `  - { id: shot_by_gender, type: crosstab, row: character_shot_first, column: gender, ${fans} }`,
    `  - { id: characters, type: frequency, question: state_whether_view_following_characters, ${fans} }`,
    `  - { id: shot_fans, type: frequency, question: character_shot_first, ${fans}, baseLabel: fans }`,
    '  - { id: shot_all, type: frequency, question: character_shot_first }',
  ].join('\n');
  writeFileSync(join(dir, 's.yaml'), spec);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 's.yaml', '--out', 'out'], io), 0, io.err());
  const svg = (id: string) => readFileSync(join(dir, 'out', 'charts', `${id}.svg`), 'utf8');
  // A line of its own under the subtitle, not only in the chart's description.
  const line = />Only rows where consider_yourself_fan_star_wars == 'Yes'<\/tspan>/;
  for (const id of ['shot', 'shot_by_gender', 'characters']) assert.match(svg(id), line, id);
  assert.doesNotMatch(svg('shot_fans'), /Only rows where/, 'its baseLabel says whom it counts');
  assert.match(svg('shot_fans'), /n = \d+ fans/);
  assert.doesNotMatch(svg('shot_all'), /Only rows where/);
});
