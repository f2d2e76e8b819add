/**
 * How often `survey report` reads its export: once when it reads on this thread and no pass
 * comes before the main pass (the sample's rows go through the main pass and the same reading
 * goes on), and again for each pass a rule or raking needs. The result is the same either way
 * (tests/report/reading-thread.test.ts compares it with the reading thread's, which reads twice).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { loadSpec, parseSpec, type LoadedSpec } from '../../src/config/load-spec.js';
import { runReport, type ReportOptions } from '../../src/engine/report.js';
import { fromRoot } from '../helpers/paths.js';

/** Runs the report on this thread, counting the readings of its export (streams opened on it). */
async function readings(spec: LoadedSpec, specPath: string, export_: string, options: ReportOptions = {}): Promise<{ readings: number; rows: number }> {
  const original = fs.createReadStream;
  let count = 0;
  fs.createReadStream = ((path: fs.PathLike, ...rest: unknown[]) => {
    if (String(path).endsWith(export_)) count++;
    return (original as (...a: unknown[]) => fs.ReadStream)(path, ...rest);
  }) as typeof fs.createReadStream;
  syncBuiltinESMExports();
  try {
    const report = await runReport(spec, specPath, { ...options, readingThread: false });
    return { readings: count, rows: report.result.input.rows };
  } finally {
    fs.createReadStream = original;
    syncBuiltinESMExports();
  }
}

const BANNER = fromRoot('fixtures/fivethirtyeight/masculinity-survey/banner.yaml');
const WHATSAPP = fromRoot('fixtures/whatsapp-privacy-2021/survey.yaml');

test('no rule needs the whole file: the export is read once, the sample and every row after it', async () => {
  const banner = await loadSpec(BANNER);
  assert.deepEqual(await readings(banner, BANNER, 'raw-responses.csv'), { readings: 1, rows: 1615 });
  // A sample of 10 rows: the rows after it come in the same reading.
  assert.deepEqual(await readings(banner, BANNER, 'raw-responses.csv', { sampleRows: 10 }), { readings: 1, rows: 1615 });
  const whatsapp = await loadSpec(WHATSAPP);
  assert.deepEqual(await readings(whatsapp, WHATSAPP, 'responses.csv', { sampleRows: 20 }), { readings: 1, rows: 1022 });
});

test('a rule that needs the whole file (duplicates keeping the last): the sample, that pass, then the main pass', async () => {
  const text = readFileSync(WHATSAPP, 'utf8');
  assert.match(text, /keep: first/);
  const spec = parseSpec(text.replace('keep: first', 'keep: last'), WHATSAPP);
  assert.deepEqual(await readings(spec, WHATSAPP, 'responses.csv', { sampleRows: 20 }), { readings: 3, rows: 1022 });
});
