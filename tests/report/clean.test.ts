/** `survey clean`: kept + rejected = read; personal data dropped, or pseudonymised under a key that is never written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { after } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const SPEC = 'fixtures/whatsapp-privacy-2021/survey.yaml';
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'survey-clean-'));
  dirs.push(d);
  return d;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const raw = readFileSync(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'), 'utf8');
const emails = [...new Set(raw.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [])];

test('clean data and rejects reconcile with the rows read, and hold no personal data', async () => {
  const dir = tempDir();
  const io = captureIo();
  const code = await main(['clean', SPEC, '-o', join(dir, 'clean.csv'), '--rejects', join(dir, 'rejects.csv')], io);
  assert.equal(code, 0, io.err());
  const clean = readFileSync(join(dir, 'clean.csv'), 'utf8').trimEnd().split('\r\n');
  const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trimEnd().split('\r\n');
  assert.equal(clean.length - 1, 565);
  assert.equal(rejects.length - 1, 1022 - 565);
  assert.match(io.err(), /read 1022, kept 565, rejected 457/);
  const everything = clean.join('\n') + rejects.join('\n') + io.err();
  for (const e of emails) assert.ok(!everything.includes(e.trim()), `e-mail leaked: ${e}`);
  assert.ok(!clean[0]!.includes('email') && !clean[0]!.includes('phone'));
  assert.deepEqual(readdirSync(dir).sort(), ['clean.csv', 'rejects.csv'], 'no temporary files left');
});

test('pseudonymised e-mails: stable per person under one key, different under another, key never written', async () => {
  const dir = tempDir();
  const key = 'a-secret-key-of-some-length';
  const run = async (k: string, out: string) => {
    const io = captureIo({ SURVEY_KEY: k });
    assert.equal(await main(['clean', SPEC, '-o', join(dir, out), '--pseudonymise', 'email'], io), 0, io.err());
    return readFileSync(join(dir, out), 'utf8');
  };
  const a = await run(key, 'a.csv');
  const b = await run(key, 'b.csv');
  const c = await run('another-secret-key-entirely', 'c.csv');
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.ok(a.split('\r\n')[0]!.split(',').includes('email'));
  assert.ok(!a.includes(key));
  for (const e of emails) assert.ok(!a.includes(e.trim()));
});

test('pseudonymising without a key is a usage error', async () => {
  const io = captureIo({});
  assert.equal(await main(['clean', SPEC, '-o', join(tmpdir(), 'never.csv'), '--pseudonymise', 'email'], io), 2);
  assert.match(io.err(), /SURVEY_OPTION_INVALID: --pseudonymise needs a key/);
});

test('an export found not to be UTF-8 past its first MiB (after rows were kept) is read again: each row written once', async () => {
  const dir = tempDir();
  // 60,000 ASCII rows (more than the first MiB and the 50,000-row sample), then a Windows-1252 "é".
  const rows = ['id,fruit,comment'];
  for (let i = 1; i <= 60_000; i++) rows.push(`r${i},${i % 10 === 0 ? '' : ['Apple', 'Banana', 'Cherry'][i % 3]},fine`);
  rows.push('r60001,Apple,caf\xe9', 'r60002,Banana,ok');
  writeFileSync(join(dir, 'data.csv'), Buffer.from(`${rows.join('\n')}\n`, 'latin1'));
  writeFileSync(join(dir, 'spec.yaml'), 'version: 1\ninput: { file: data.csv }\nfilters:\n  - { rule: required, name: no fruit, questions: [fruit] }\ntables:\n  - { type: frequency, question: fruit }\n');
  const io = captureIo();
  const code = await main(['clean', join(dir, 'spec.yaml'), '-o', join(dir, 'clean.csv'), '--rejects', join(dir, 'rejects.csv')], io);
  assert.equal(code, 0, io.err());
  const clean = readFileSync(join(dir, 'clean.csv'), 'utf8').trimEnd().split('\r\n');
  const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trimEnd().split('\r\n');
  assert.match(io.err(), /read 60002, kept 54002, rejected 6000;/);
  // What report says beside its tables, clean says too.
  assert.match(io.err(), /^info SURVEY_ENCODING_FALLBACK: bytes that are not UTF-8 found: read as windows-1252$/m);
  assert.equal(clean.length, 1 + 54_002, 'one header, each kept row once');
  assert.equal(rejects.length, 1 + 6000, 'one header, each removed row once');
  assert.equal(clean.filter((l) => l.startsWith('fruit')).length, 1);
  assert.ok(clean.includes('Apple,café'), 'the row read as Windows-1252');
  // `survey report --rejects` writes the removed rows the same way.
  const io2 = captureIo();
  assert.equal(await main(['report', join(dir, 'spec.yaml'), '--rejects', join(dir, 'report-rejects.csv')], io2), 0, io2.err());
  assert.deepEqual(readFileSync(join(dir, 'report-rejects.csv'), 'utf8').trimEnd().split('\r\n'), rejects);
});

test('a weighted study: the clean data carries each row\'s final weight (design x raking), which reproduces the weighted tables', async () => {
  const dir = tempDir();
  const data = JSON.stringify(fromRoot('fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv'));
  const spec = join(dir, 'w.yaml');
  writeFileSync(spec, `version: 1\ninput: { file: ${data} }\nquestions:\n  - { id: weight, column: weight, type: numeric }\nweighting:\n  weight: weight\n  rake: { age3: { "18 - 34": 0.3, "35 - 64": 0.45, "65 and up": 0.25 } }\ntables:\n  - { id: age3, type: frequency, question: age3 }\n`);
  const io = captureIo();
  assert.equal(await main(['clean', spec, '-o', join(dir, 'clean.csv')], io), 0, io.err());
  const { parse } = await import('csv-parse/sync');
  const rows = parse(readFileSync(join(dir, 'clean.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const sum = (age: string) => rows.filter((r) => r['age3'] === age).reduce((s, r) => s + Number(r['survey_weight']), 0);
  const total = rows.reduce((s, r) => s + Number(r['survey_weight']), 0);
  // Raked to 30% / 45% / 25%: the written weights give those shares, not the design weights'.
  assert.ok(Math.abs(sum('18 - 34') / total - 0.3) < 1e-9, String(sum('18 - 34') / total));
  assert.ok(Math.abs(sum('65 and up') / total - 0.25) < 1e-9);
  assert.notEqual(rows[0]!['survey_weight'], rows[0]!['weight']);
});

test("clean does not warn about the spec's tables, which it does not write; report does", async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'r.csv'), ['Colour,Size', 'Red,S', 'Red,M', 'Blue,L', 'Blue,S', 'Green,M', 'Green,L'].join('\n'));
  writeFileSync(join(dir, 'survey.yaml'), 'version: 1\ninput: { file: r.csv }\ntables:\n  - { type: crosstab, row: colour, column: size }\n  - { type: frequency, question: colour, filter: \'colour == "Red" and size == "L"\' }\n');
  const clean = captureIo({}, dir);
  assert.equal(await main(['clean', 'survey.yaml', '-o', 'clean.csv'], clean), 0, clean.err());
  assert.doesNotMatch(clean.err(), /SURVEY_LOW_EXPECTED|SURVEY_TABLE_FILTER_NONE/);
  assert.match(clean.err(), /read 6, kept 6, rejected 0/);
  const report = captureIo({}, dir);
  assert.equal(await main(['report', 'survey.yaml'], report), 0, report.err());
  assert.match(report.err(), /SURVEY_LOW_EXPECTED/);
  assert.match(report.err(), /SURVEY_TABLE_FILTER_NONE/);
});
