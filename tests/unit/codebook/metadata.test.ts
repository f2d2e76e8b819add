/** The platform's own columns about a response: no tables unasked, and init offers the rules they allow. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPlatformMetadata } from '../../../src/codebook/metadata.js';
import { main } from '../../../src/cli/main.js';
import { captureIo } from '../../helpers/capture.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-metadata-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('isPlatformMetadata: Qualtrics, LimeSurvey and Typeform columns about the response, by name and the answers the platform writes there', () => {
  for (const name of ['DistributionChannel', 'UserLanguage', 'ResponseSet', 'lastpage', 'startlanguage', 'seed', 'interviewtime', 'groupTime12']) assert.ok(isPlatformMetadata(name, ['x']), name);
  assert.ok(isPlatformMetadata('Status', ['IP Address', 'Survey Preview']));
  assert.ok(isPlatformMetadata('Status', ['0', '1']));
  assert.ok(isPlatformMetadata('Progress', ['60', '100']));
  assert.ok(isPlatformMetadata('Duration (in seconds)', ['61', '520']));
  assert.ok(isPlatformMetadata('Finished', ['True', 'False']));
  assert.ok(isPlatformMetadata('Response Type', ['completed', 'partial']));
  // A form's own questions of those names: their answers are not the platform's.
  assert.ok(!isPlatformMetadata('Status', ['Student', 'Employed', 'Retired']));
  assert.ok(!isPlatformMetadata('Progress', ['Good', 'Slow']));
  assert.ok(!isPlatformMetadata('Duration', ['1-3 years', 'Over 3 years']));
  assert.ok(!isPlatformMetadata('Tags', ['a', 'b']));
  for (const name of ['StartDate', 'Submit Date (UTC)', 'What is your status?', 'Marital status', 'Q1', 'Age']) assert.ok(!isPlatformMetadata(name, ['1']), name);
});

test("analyze leaves a Qualtrics export's Status, Progress and Finished out of its tables and says so; init offers the rules they allow", async () => {
  const rows = ['StartDate,Status,Progress,Finished,Q1', 'Start Date,Response Type,Progress,Finished,How often?', '{"ImportId":"startDate"},{"ImportId":"status"},{"ImportId":"progress"},{"ImportId":"finished"},{"ImportId":"QID1"}'];
  for (let i = 0; i < 30; i++) rows.push(`2024-03-0${1 + (i % 9)} 10:00:00,${i === 0 ? 'Survey Preview' : 'IP Address'},${i < 3 ? 60 : 100},${i < 3 ? 'False' : 'True'},${['Often', 'Sometimes', 'Never'][i % 3]}`);
  writeFileSync(join(dir, 'q.csv'), rows.join('\n'));
  const io = captureIo({}, dir);
  assert.equal(await main(['analyze', 'q.csv', '--format', 'json'], io), 0, io.err());
  const out = JSON.parse(io.out()) as { tables: { question?: string }[]; questions: { id: string; metadata?: true }[] };
  assert.deepEqual(out.tables.map((t) => t.question), ['StartDate', 'Q1']);
  assert.deepEqual(out.questions.filter((q) => q.metadata).map((q) => q.id), ['Status', 'progress', 'finished']);
  const text = captureIo({}, dir);
  assert.equal(await main(['analyze', 'q.csv'], text), 0);
  assert.match(text.out(), /Platform metadata, not tabulated \(a spec's rules and tables can use it\): Status, progress, finished/);
  const init = captureIo({}, dir);
  assert.equal(await main(['init', 'q.csv', '-o', 'q.yaml'], init), 0, init.err());
  const spec = readFileSync(join(dir, 'q.yaml'), 'utf8');
  assert.match(spec, /# filters:\n# {3}- \{ rule: expression, name: survey previews, remove: 'Status == "Survey Preview"' \}\n# {3}- \{ rule: expression, name: unfinished, remove: 'finished == "False"' \}\n$/);
  // Uncommented, the rules run as written.
  writeFileSync(join(dir, 'q.yaml'), spec.replace('# filters:', 'filters:').replace(/^# {3}- /gm, '  - '));
  const report = captureIo({}, dir);
  assert.equal(await main(['report', 'q.yaml', '--format', 'json'], report), 0, report.err());
  assert.deepEqual((JSON.parse(report.out()) as { funnel: { remaining: number }[] }).funnel.map((s) => s.remaining), [30, 29, 27]);
});
