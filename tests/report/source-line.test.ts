/**
 * The spec's `source:` reaches every chart of a report, a chart entry's own `source:` replaces it
 * and `source: false` leaves it off; analyze takes it as --source.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'), join(dir, 'responses.csv'));

const SPEC = `version: 1
source: "Source: Better World survey, 9-25 Jan 2021"
input: { file: responses.csv }
questions:
  - { id: gov, column: What should the government do about it? }
  - { id: quit, column: When do you plan to quit WhatsApp? }
  - { id: aware, column: 8 }
tables:
  - { id: gov, type: frequency, question: gov }
  - { id: quit, type: frequency, question: quit, chart: { type: bar, source: false } }
  - { id: aware, type: frequency, question: aware, chart: { source: "Data: Better World" } }
  - { id: gov_by_aware, type: crosstab, row: gov, column: aware }
charts:
  - { id: profile, type: profile, tables: [gov, aware], source: "Compiled by the desk" }
`;

const read = (out: string, file: string) => readFileSync(join(out, file), 'utf8');

test("a report's charts carry the spec's source line unless their entry replaces it or says false", async () => {
  writeFileSync(join(dir, 'survey.yaml'), SPEC);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'survey.yaml', '--out', 'out', '--vega-lite'], io), 0, io.err());
  const out = join(dir, 'out');
  for (const chart of ['gov', 'gov_by_aware']) assert.match(read(out, `charts/${chart}.svg`), />Source: Better World survey, 9-25 Jan 2021<\/text>/, chart);
  assert.ok(!read(out, 'charts/quit.svg').includes('Source:'), 'source: false leaves it off');
  assert.match(read(out, 'charts/aware.svg'), />Data: Better World<\/text>/);
  assert.ok(!read(out, 'charts/aware.svg').includes('Better World survey'), 'its own line replaces the spec\'s');
  assert.match(read(out, 'charts/profile.svg'), />Compiled by the desk<\/text>/);
  // The Vega-Lite spec written to restyle a chart keeps the line.
  assert.match(read(out, 'charts/gov.vl.json'), /"text": "Source: Better World survey, 9-25 Jan 2021"/);
  // report.html shows each chart as drawn, its source line included.
  assert.match(read(out, 'report.html'), />Source: Better World survey, 9-25 Jan 2021<\/text>/);
});

test('analyze --out takes a source line with --source, and says it does nothing without --out', async () => {
  const io = captureIo({}, dir);
  assert.equal(await main(['analyze', 'responses.csv', '--out', 'analyzed', '--source', 'Source: <the desk> & co'], io), 0, io.err());
  const analyzed = join(dir, 'analyzed');
  assert.match(read(analyzed, `charts/${firstChart(analyzed)}.svg`), />Source: &lt;the desk&gt; &amp; co<\/text>/);
  const plain = captureIo({}, dir);
  assert.equal(await main(['analyze', 'responses.csv', '--source', 'x'], plain), 0, plain.err());
  assert.match(plain.err(), /info: --source does nothing without --out <dir>/);
});

/** The stem of a chart analyze wrote. */
function firstChart(out: string): string {
  const manifest = JSON.parse(read(out, 'manifest.json')) as { files: { path: string }[] };
  const svg = manifest.files.find((f) => f.path.startsWith('charts/') && f.path.endsWith('.svg'));
  assert.ok(svg, 'analyze drew a chart');
  return svg.path.slice('charts/'.length, -'.svg'.length);
}
