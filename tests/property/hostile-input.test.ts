/**
 * Hostile input: random bytes, CSV-shaped noise and valid exports cut short at any byte end in a
 * result or in one clean SurveyError (a stable code, an exit code for bad data), never in another
 * exception and never in a hang: every run has a timeout.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { analyzeFile } from '../../src/engine/analyze.js';
import { isSurveyError } from '../../src/errors/survey-error.js';
import { EXIT } from '../../src/errors/codes.js';
import { main } from '../../src/cli/main.js';
import { captureIo, fromRoot } from '../helpers/io.js';
import { exportCsv, params, scratch, surveyExport } from './generate.js';

const tmp = scratch('prop-hostile');
after(() => tmp.dispose());

/** Resolves to 'ok' or the SurveyError's code; anything else thrown fails the property. */
async function outcome(file: string): Promise<string> {
  try {
    const a = await analyzeFile(file);
    assert.ok(a.result.input.rows > 0, 'a result has respondents');
    return 'ok';
  } catch (e) {
    if (!isSurveyError(e)) throw new Error(`not a SurveyError: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    assert.ok(e.exitCode === EXIT.data || e.exitCode === EXIT.io, `${e.code}: exit ${e.exitCode}`);
    assert.ok(e.message.length > 0 && !e.message.includes('\n'), `${e.code}: one line`);
    return e.code;
  }
}

/** Bytes that look a little like CSV: delimiters, quotes, line ends, NUL, high bytes, BOMs. */
const csvish = fc
  .tuple(
    fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [...Buffer.from('sep=;\n')]),
    fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Buffer.from('ab,;\t|"\r\n 1.-')) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) }), { maxLength: 600 }),
  )
  .map(([bom, body]) => Uint8Array.from([...bom, ...body]));

const bytes = fc.oneof(fc.uint8Array({ maxLength: 2048 }), csvish);

test('random bytes: a result or a clean error, never a crash or a hang', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(bytes, async (b) => {
      await outcome(tmp.file('random.csv', b));
    }),
    params(300, 3000),
  );
});

test('random bytes through the CLI: exit 0 or 3, one error line on stderr, no stack trace', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(bytes, fc.constantFrom('text', 'json', 'csv', 'md'), async (b, format) => {
      const file = tmp.file('cli.csv', b);
      const io = captureIo();
      const code = await main(['analyze', file, '--format', format], io);
      assert.ok(code === EXIT.ok || code === EXIT.data, `exit ${code}: ${io.stderr.text}`);
      if (code !== EXIT.ok) {
        assert.equal(io.stdout.text, '');
        assert.match(io.stderr.text, /^[^\n]*error SURVEY_[A-Z_]+: [^\n]+\n( {2}hint: [^\n]+\n)?$/);
      }
      assert.ok(!io.stderr.text.includes('    at '), 'no stack trace');
    }),
    params(100, 3000),
  );
});

/** Every cut of a file: each prefix ends in a result or a clean error. */
async function everyCut(content: Buffer, step = 1): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const file = tmp.file('cut.csv', '');
  const { writeFileSync } = await import('node:fs');
  for (let n = 0; n <= content.length; n += step) {
    writeFileSync(file, content.subarray(0, n));
    const o = await Promise.race([outcome(file), new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`hang at byte ${n}`)), 3000).unref())]);
    seen.set(o, (seen.get(o) ?? 0) + 1);
  }
  return seen;
}

test('valid exports cut short at every byte: a result or a clean error', { timeout: 60_000 }, async () => {
  // Small exports of every encoding and line ending, at every byte.
  for (const f of ['control-chars.csv', 'line-endings-cr.csv', 'line-endings-crlf.csv', 'windows-1252.csv', 'utf16le-bom.txt', 'semicolon-bom.csv', 'excel-sep.csv']) {
    const seen = await everyCut(readFileSync(fromRoot('fixtures', 'flavours', f)));
    assert.ok((seen.get('ok') ?? 0) > 0, `${f}: some prefixes (whole lines) are exports`);
    assert.ok(seen.size > 1, `${f}: ${[...seen.keys()].join(', ')}`);
  }
});

test('generated and platform exports cut short at any byte: a result or a clean error', { timeout: 60_000 }, async () => {
  const platform = ['google-forms.csv', 'surveymonkey.csv', 'qualtrics.csv', 'utf16be-bom.csv', 'pii.csv'].map((f) => readFileSync(fromRoot('fixtures', 'flavours', f)));
  const source = fc.oneof(
    fc.constantFrom(...platform),
    surveyExport.map((e) => Buffer.from(exportCsv(e))),
  );
  await fc.assert(
    fc.asyncProperty(source, fc.double({ min: 0, max: 1, noNaN: true }), async (content, at) => {
      await outcome(tmp.file('cut.csv', content.subarray(0, Math.floor(at * content.length))));
    }),
    params(300, 3000),
  );
});
