/**
 * `survey report --out DIR --check`: exit 0 when every figure file is up to date, exit 1
 * listing each stale file (differs or missing), and never a write. Also: the spec's `charts`
 * are checked against its tables before anything is read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const SPEC = 'fixtures/whatsapp-privacy-2021/survey.yaml';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Every file under dir with its hash and modification time. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const s = await stat(file);
    files.set(file.slice(dir.length + 1), `${createHash('sha256').update(await readFile(file)).digest('hex')} ${s.mtimeMs} ${s.size}`);
  }
  return files;
}

const tmp = await mkdtemp(join(tmpdir(), 'survey-check-'));
const out = join(tmp, 'report');
test.after(() => rm(tmp, { recursive: true, force: true }));

test('report --out writes the study: 7 figures, report.html, tables.xlsx, manifest', async () => {
  const r = await run('report', SPEC, '--out', out);
  assert.equal(r.code, 0, r.err);
  const files = await snapshot(out);
  for (const f of ['report.html', 'tables.xlsx', 'manifest.json', 'funnel.csv', 'results.json']) assert.ok(files.has(f), f);
  const charts = [...files.keys()].filter((f) => f.startsWith('charts/')).sort();
  for (const g of ['graph1', 'graph2', 'graph3a', 'graph3b', 'graph4', 'graph5', 'graph6', 'graph7']) assert.ok(charts.includes(`charts/${g}.svg`), g);
  assert.ok(!charts.some((c) => c.startsWith('charts/graph7_')), 'graph7 is one profile chart, not one chart per table');
  const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as { input: { sha256: string }; files: { path: string; sha256: string }[] };
  const html = await readFile(join(out, 'report.html'), 'utf8');
  assert.ok(html.includes(manifest.input.sha256), 'report.html states the input hash');
  assert.ok(manifest.files.some((f) => f.path === 'report.html') && manifest.files.some((f) => f.path === 'tables.xlsx'));
  assert.ok(html.includes('id="chart-graph7"') && html.includes('id="table-graph7_occupation"'));
  assert.ok(html.includes('n = 565 valid respondents'));
});

test('--check right after a run: exit 0, nothing written', async () => {
  const before = await snapshot(out);
  const r = await run('report', SPEC, '--out', out, '--check');
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`all ${before.size} files in .* are up to date`));
  assert.equal(r.out, '', 'no tables on stdout with --check');
  assert.deepEqual(await snapshot(out), before);
});

test('--check: a changed file exits 1 and is listed; a deleted one is listed as missing; nothing is written', async () => {
  await appendFile(join(out, 'report.html'), '<!-- edited by hand -->\n');
  await rm(join(out, 'charts', 'graph7.svg'));
  const xlsx = await readFile(join(out, 'tables.xlsx'));
  xlsx[xlsx.length - 30] = (xlsx[xlsx.length - 30]! + 1) % 256;
  await writeFile(join(out, 'tables.xlsx'), xlsx);
  const before = await snapshot(out);
  const r = await run('report', SPEC, '--out', out, '--check');
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /^ {2}differs report\.html$/m);
  assert.match(r.err, /^ {2}differs tables\.xlsx$/m);
  assert.match(r.err, /^ {2}missing charts\/graph7\.svg$/m);
  assert.match(r.err, /3 of \d+ files in .* are stale/);
  assert.match(r.err, /SURVEY_CHECK_FAILED/);
  assert.doesNotMatch(r.err, /graph1\.svg|manifest\.json/, 'files that are up to date are not listed');
  assert.deepEqual(await snapshot(out), before, '--check wrote nothing');
  assert.ok(!existsSync(join(out, 'charts', 'graph7.svg')));

  // A run repairs it; --check agrees again.
  assert.equal((await run('report', SPEC, '--out', out)).code, 0);
  assert.equal((await run('report', SPEC, '--out', out, '--check')).code, 0);
});

test('--check against a folder that does not exist: every file missing, the folder not created', async () => {
  const nowhere = join(tmp, 'never-written');
  const r = await run('report', SPEC, '--out', nowhere, '--check');
  assert.equal(r.code, 1);
  assert.match(r.err, /^ {2}missing report\.html$/m);
  assert.ok(!existsSync(nowhere));
});

async function specWith(name: string, charts: string): Promise<string> {
  const text = await readFile(fromRoot(SPEC), 'utf8');
  const file = join(tmp, name);
  const input = JSON.stringify(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'));
  await writeFile(file, text.replace(/^ {2}file: responses\.csv$/m, `  file: ${input}`).replace(/^charts:\n(?: {2}- .*\n)+/m, `charts:\n${charts}\n`));
  return file;
}

test('charts in the spec: an unknown table, a crosstab, a clashing id are spec errors naming the path', async () => {
  const cases: [string, RegExp][] = [
    ['  - { id: graph7, type: profile, tables: [graph7_user_type, graph7_agee] }', /charts\[0\]\.tables\[1\]: unknown table 'graph7_agee', did you mean 'graph7_age'\?/],
    ['  - { id: graph7, type: profile, tables: [understanding_by_gov] }', /charts\[0\]\.tables\[0\]: 'understanding_by_gov' is a crosstab table; a profile chart draws frequency tables/],
    ['  - { id: graph1, type: profile, tables: [graph7_age] }', /charts\[0\]\.id: 'graph1' is also a table id/],
    ['  - { id: graph7, type: pie, tables: [graph7_age] }', /charts\[0\]\.type: must be one of "profile"/],
  ];
  for (const [i, [charts, message]] of cases.entries()) {
    const spec = await specWith(`bad-${i}.yaml`, charts);
    const r = await run('report', spec, '--out', join(tmp, `bad-${i}`));
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, message);
    assert.match(r.err, /bad-\d\.yaml:1[12]\d: error SURVEY_SPEC_INVALID/, 'the line of the chart in the spec');
    assert.ok(!existsSync(join(tmp, `bad-${i}`)), 'nothing written');
  }
});

test('a table dropped from the spec: --check lists its files as left over (exit 1); --out removes them, and nothing else', async () => {
  const dir = join(tmp, 'dropped');
  assert.equal((await run('report', SPEC, '--out', dir)).code, 0);
  await writeFile(join(dir, 'notes.txt'), 'mine, not survey\'s');
  const text = await readFile(fromRoot(SPEC), 'utf8');
  const spec = join(tmp, 'dropped.yaml');
  const input = JSON.stringify(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'));
  await writeFile(spec, text.replace(/^ {2}file: responses\.csv$/m, `  file: ${input}`).replace(/^ {2}- \{ id: graph6, .*\n/m, ''));
  const check = await run('report', spec, '--out', dir, '--check');
  assert.equal(check.code, 1, check.err);
  assert.match(check.err, /^ {2}left over charts\/graph6\.svg$/m);
  assert.match(check.err, /^ {2}left over tables\/graph6\.csv$/m);
  assert.ok(existsSync(join(dir, 'charts', 'graph6.svg')), '--check removes nothing');
  const again = await run('report', spec, '--out', dir);
  assert.equal(again.code, 0, again.err);
  assert.match(again.err, /removed 4 files an earlier run wrote that this one does not make: charts\/graph6\.svg, tables\/graph6\.csv, tables\/graph6\.json, tables\/graph6\.md/);
  assert.ok(!existsSync(join(dir, 'charts', 'graph6.svg')));
  assert.ok(existsSync(join(dir, 'notes.txt')), 'a file survey did not write stays');
  assert.equal((await run('report', spec, '--out', dir, '--check')).code, 0);
});

test('--check says why the figures are stale, on a line before the list: the input changed, a file was edited, or the same input gave other figures', async () => {
  const dir = join(tmp, 'why');
  const csv = join(tmp, 'why.csv');
  await writeFile(csv, await readFile(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv')));
  const text = await readFile(fromRoot(SPEC), 'utf8');
  const spec = join(tmp, 'why.yaml');
  await writeFile(spec, text.replace(/^ {2}file: responses\.csv$/m, `  file: ${JSON.stringify(csv)}`));
  assert.equal((await run('report', spec, '--out', dir)).code, 0);
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { input: { sha256: string; rows: number } };

  // A file edited by hand: it no longer matches the manifest.
  const html = join(dir, 'report.html');
  const written = await readFile(html);
  await appendFile(html, '<!-- edited by hand -->\n');
  const edited = await run('report', spec, '--out', dir, '--check');
  assert.equal(edited.code, 1, edited.err);
  assert.match(edited.err, /^report\.html was changed after survey wrote it: not the SHA-256 it recorded\n\d+ of \d+ files in .* are stale:\n {2}differs report\.html$/m);
  await writeFile(html, written);

  // The same input, other figures: a title changed in the spec.
  await writeFile(spec, (await readFile(spec, 'utf8')).replace(/title: "([^"]+)"/, 'title: "$1 (revised)"'));
  const same = await run('report', spec, '--out', dir, '--check');
  assert.equal(same.code, 1, same.err);
  assert.ok(same.err.startsWith(`the figures differ though the input is the same (SHA-256 ${manifest.input.sha256.slice(0, 12)}): survey's version or the spec changed\n`), same.err);
  assert.match(same.err, /^ {2}differs report\.html$/m, 'the list as before');

  // A respondent more: the input changed, its hash and row count then and now.
  const lines = (await readFile(csv, 'utf8')).split('\n');
  // (The export ends without a line break.)
  await appendFile(csv, `\n${lines[1]}`);
  const now = createHash('sha256').update(await readFile(csv)).digest('hex');
  const changed = await run('report', spec, '--out', dir, '--check');
  assert.equal(changed.code, 1, changed.err);
  assert.ok(changed.err.startsWith(`the input changed since these files were written (SHA-256 ${manifest.input.sha256.slice(0, 12)} → ${now.slice(0, 12)}; ${manifest.input.rows} → ${manifest.input.rows + 1} rows)\n`), changed.err);
  assert.match(changed.err, /^\d+ of \d+ files in .* are stale:$/m);
  assert.match(changed.err, /^run: survey report /m);
});
