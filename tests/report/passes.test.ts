/**
 * How often `survey report` reads its export: once when it reads on this thread and no pass
 * comes before the main pass (the sample's rows go through the main pass and the same reading
 * goes on), and again for each pass a rule or raking needs. The result is the same either way
 * (tests/report/reading-thread.test.ts compares it with the reading thread's, which reads twice).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { loadSpec, parseSpec, type LoadedSpec } from '../../src/config/load-spec.js';
import { runReport, type ReportOptions } from '../../src/engine/report.js';
import { fromRoot } from '../helpers/paths.js';
import type { FrequencyTable } from '../../src/spec/result.js';

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

test('a rake target first met after the sample is an answer (checked once the raking pass has read the file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-passes-'));
  try {
    // "Cherry" only in the last rows, after a sample of 20.
    const rows = ['fruit,region,secs', ...Array.from({ length: 100 }, (_, i) => `${i < 90 ? (i % 2 ? 'Apple' : 'Banana') : 'Cherry'},${i % 3 ? 'North' : 'South'},${100 + i}`)];
    writeFileSync(join(dir, 'data.csv'), rows.join('\n'));
    const text = 'version: 1\ninput: { file: data.csv }\nquestions:\n  - { id: secs, column: secs, type: numeric }\nfilters:\n  - { rule: speeders, duration: secs, fractionOfMedian: 0.5 }\nweighting:\n  rake: { fruit: { Apple: 0.3, Banana: 0.3, Cherry: 0.4 } }\n';
    const specPath = join(dir, 'survey.yaml');
    for (const readingThread of [false, true]) {
      const report = await runReport(parseSpec(text, specPath), specPath, { sampleRows: 20, readingThread });
      const fruit = report.result.tables.find((t) => t.kind === 'frequency' && t.question === 'fruit') as FrequencyTable;
      assert.deepEqual(fruit.rows.map((r) => [r.label, Math.round(r.percent!)]), [['Cherry', 40], ['Apple', 30], ['Banana', 30]], `reading thread: ${readingThread}`);
    }
    // A target that is no answer at all is still a spec error, with a suggestion.
    const wrong = text.replace('Cherry: 0.4', 'cherry: 0.4');
    await assert.rejects(runReport(parseSpec(wrong, specPath), specPath, { sampleRows: 20 }), /weighting\.rake\.fruit\.cherry: 'cherry' is not an answer of 'fruit', did you mean 'Cherry'\?/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('progress never runs to the end of the sample and starts over: one reading reports as it goes, passes report the main pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-progress-'));
  try {
    const rows = ['email,q1,secs', ...Array.from({ length: 30_000 }, (_, i) => `p${i % 25_000}@x.com,${i % 2 ? 'Yes' : 'No'},${100 + (i % 50)}`)];
    writeFileSync(join(dir, 'data.csv'), rows.join('\n'));
    const specPath = join(dir, 'survey.yaml');
    const runWith = async (rule: string) => {
      const seen: number[] = [];
      const text = `version: 1\ninput: { file: data.csv }\nquestions:\n  - { id: email, column: email, type: pii }\nfilters:\n  - { rule: duplicates, keep: ${rule}, keys: [{ question: email }] }\n`;
      await runReport(parseSpec(text, specPath), specPath, { sampleRows: 1000, readingThread: false, onProgress: (bytes) => void seen.push(bytes) });
      return seen;
    };
    for (const rule of ['first', 'last']) {
      const seen = await runWith(rule);
      assert.ok(seen.length > 3, `${rule}: progress reported`);
      assert.ok(seen.every((b, i) => i === 0 || b >= seen[i - 1]!), `${rule}: never back`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
