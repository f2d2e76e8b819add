/**
 * Nothing lost: a run that fails, before writing or while writing, leaves every output as it
 * was — no partial file, no temporary file, no mix of this run's files and the last run's —
 * and a run that succeeds leaves only its own files.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { writeArtifacts } from '../../src/io/write.js';
import { isSurveyError } from '../../src/errors/survey-error.js';
import { captureIo, fromRoot } from '../helpers/io.js';

const root = mkdtempSync(join(tmpdir(), 'survey-no-loss-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(root, `${n++}-${name}`);

/** Every file under `dir` (relative path -> bytes); folders as entries ending in /. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, f);
    const rel = relative(dir, p).replace(/\\/g, '/');
    out.set(statSync(p).isDirectory() ? `${rel}/` : rel, statSync(p).isDirectory() ? '' : readFileSync(p).toString('base64'));
  }
  return out;
}

/** No temporary or backup file anywhere under `dir`. */
function assertNoLeftovers(dir: string): void {
  const names = existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]) : [];
  const left = names.filter((f) => /\.(tmp|bak)$/.test(f));
  assert.deepEqual(left, [], `left behind in ${dir}`);
}

async function run(argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

const A = [
  { path: 'results.json', content: '{"run": 1}\n' },
  { path: 'tables/a.csv', content: 'a,1\n' },
  { path: 'charts/a.svg', content: '<svg>1</svg>' },
  { path: 'tables.xlsx', content: new Uint8Array([1, 2, 3]) },
];
const B = [
  { path: 'results.json', content: '{"run": 2}\n' },
  { path: 'tables/a.csv', content: 'a,2\n' },
  { path: 'tables/b.csv', content: 'b,2\n' },
  { path: 'charts/a.svg', content: '<svg>2</svg>' },
  { path: 'new/deep/c.md', content: '# 2\n' },
  { path: 'tables.xlsx', content: new Uint8Array([4, 5, 6]) },
];

test('writeArtifacts: a batch replaces every file it names and leaves nothing else behind', async () => {
  const dir = fresh('ok');
  await writeArtifacts(dir, A);
  await writeArtifacts(dir, B);
  assert.equal(readFileSync(join(dir, 'results.json'), 'utf8'), '{"run": 2}\n');
  assert.deepEqual([...readFileSync(join(dir, 'tables.xlsx'))], [4, 5, 6]);
  assert.equal(readFileSync(join(dir, 'new', 'deep', 'c.md'), 'utf8'), '# 2\n');
  assertNoLeftovers(dir);
});

test('writeArtifacts: a folder in the way of the last file fails before any file is replaced', async () => {
  const dir = fresh('in-the-way');
  await writeArtifacts(dir, A.filter((a) => a.path !== 'tables.xlsx'));
  mkdirSync(join(dir, 'tables.xlsx'));
  const before = snapshot(dir);
  const e = await writeArtifacts(dir, B).then(
    () => assert.fail('no error'),
    (err: unknown) => err,
  );
  assert.ok(isSurveyError(e) && e.code === 'SURVEY_IO_WRITE', String(e));
  assert.equal(e.location?.file, join(dir, 'tables.xlsx'));
  assert.match(e.message, /EISDIR/);
  assert.deepEqual(snapshot(dir), before, 'every file as it was, no new file or folder');
  assertNoLeftovers(dir);
});

test('writeArtifacts: a file where a folder must go fails the same way', async () => {
  const dir = fresh('file-for-folder');
  await writeArtifacts(dir, [A[0]!]);
  writeFileSync(join(dir, 'new'), 'a file named like the folder B needs');
  const before = snapshot(dir);
  await assert.rejects(writeArtifacts(dir, B), (e: unknown) => isSurveyError(e) && e.code === 'SURVEY_IO_WRITE');
  assert.deepEqual(snapshot(dir), before);
  assertNoLeftovers(dir);
});

for (const at of [0, 2, 5]) {
  test(`writeArtifacts: a rename failing in the commit phase (file ${at + 1} of ${B.length}) puts every file back`, async () => {
    const dir = fresh(`commit-${at}`);
    await writeArtifacts(dir, A);
    const before = snapshot(dir);
    await assert.rejects(
      writeArtifacts(dir, B, {
        beforeRename: (_target, i) => {
          if (i === at) throw Object.assign(new Error('simulated'), { code: 'EIO' });
        },
      }),
      (e: unknown) => isSurveyError(e) && e.code === 'SURVEY_IO_WRITE' && /EIO/.test(e.message),
    );
    assert.deepEqual(snapshot(dir), before, 'the last run, byte for byte, and nothing of this one');
    assertNoLeftovers(dir);
  });
}

test('writeArtifacts into a folder that does not exist: a failure removes the folder it created', async () => {
  const dir = join(fresh('created'), 'out');
  await assert.rejects(writeArtifacts(dir, B, { beforeRename: (_t, i) => (i === 3 ? Promise.reject(new Error('simulated')) : undefined) }));
  assert.equal(existsSync(dir), false);
});

test('writeArtifacts: an unwritable folder fails cleanly (skipped when running as root)', { skip: process.getuid?.() === 0 ? 'root can write anywhere' : false }, async () => {
  const dir = fresh('read-only');
  await writeArtifacts(dir, A);
  chmodSync(join(dir, 'charts'), 0o555);
  const before = snapshot(dir);
  try {
    await assert.rejects(writeArtifacts(dir, B), (e: unknown) => isSurveyError(e) && e.code === 'SURVEY_IO_WRITE');
    assert.deepEqual(snapshot(dir), before);
    assertNoLeftovers(dir);
  } finally {
    chmodSync(join(dir, 'charts'), 0o755);
  }
});

test('writeArtifacts into folders missing several levels down: made one by one, and a failure removes each', async () => {
  const dir = join(fresh('levels'), 'a', 'b', 'c');
  await writeArtifacts(dir, A);
  assert.equal(readFileSync(join(dir, 'tables', 'a.csv'), 'utf8'), 'a,1\n');
  const top = join(fresh('levels-fail'), 'a');
  await assert.rejects(writeArtifacts(join(top, 'b'), B, { beforeRename: (_t, i) => (i === 1 ? Promise.reject(new Error('simulated')) : undefined) }));
  assert.equal(existsSync(top), false);
});

test('writeArtifacts: a link to a folder that is gone, in the way of the output folder, fails at once and names it', async () => {
  const dir = fresh('dangling');
  mkdirSync(dir);
  symlinkSync(join(dir, 'gone'), join(dir, 'out'));
  await assert.rejects(writeArtifacts(join(dir, 'out', 'x'), A), (e: unknown) => isSurveyError(e) && e.code === 'SURVEY_IO_WRITE' && e.location?.file === join(dir, 'out') && /EEXIST: a link to a folder that is gone/.test(e.message));
  assert.deepEqual(readdirSync(dir), ['out']);
});

// Node's recursive mkdir loops for ever where a folder that exists refuses a new one with ENOENT,
// as procfs does: a child process, so that a hang is a failed test and not a stuck run.
test('--out under /proc: exit 4 at once with SURVEY_IO_WRITE naming the folder (it hung in mkdir)', { skip: existsSync('/proc/self') ? false : 'no procfs here' }, () => {
  const bin = fromRoot('bin', 'survey.js');
  for (const argv of [
    ['analyze', fromRoot('fixtures', 'flavours', 'google-forms.csv'), '--out', '/proc/survey-out/deeper'],
    ['report', fromRoot('fixtures', 'whatsapp-privacy-2021', 'survey.yaml'), '--out', '/proc/survey-out'],
    ['clean', fromRoot('fixtures', 'whatsapp-privacy-2021', 'survey.yaml'), '-o', '/proc/survey-out/clean.csv'],
  ]) {
    const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.signal, null, `${argv[0]}: hung (killed after 60 s)`);
    assert.equal(r.status, 4, `${argv[0]}: ${r.stderr}`);
    assert.match(r.stderr, /^\/proc\/survey-out: error SURVEY_IO_WRITE: cannot make this folder: \/proc is there but takes no new folder \(ENOENT: a system folder, or a drive that is gone\)$/m, argv[0]);
    assert.ok(!r.stderr.includes('    at '), r.stderr);
  }
});

// ------------------------------------------------------------- the CLI ----

test('analyze --out: an export that cannot be read leaves the folder untouched, or uncreated', async () => {
  const dir = fresh('analyze-out');
  assert.equal((await run(['analyze', 'fixtures/flavours/google-forms.csv', '--out', dir])).code, 0);
  const before = snapshot(dir);
  assert.ok(before.size > 5);
  const r = await run(['analyze', 'fixtures/broken/ragged_row_broken.csv', '--out', dir]);
  assert.equal(r.code, 3);
  assert.deepEqual(snapshot(dir), before);
  const none = join(fresh('never'), 'out');
  assert.equal((await run(['analyze', 'fixtures/broken/empty_broken.csv', '--out', none])).code, 3);
  assert.equal(existsSync(none), false);
});

const SPEC = (extra: string) => `version: 1
title: No data lost
input: { file: ${JSON.stringify(fromRoot('fixtures/flavours/google-forms.csv'))} }
${extra}`;

test('report --out: a spec error found after the data was read leaves the last run in place', async () => {
  const dir = fresh('report-out');
  const spec = fresh('survey.yaml');
  writeFileSync(spec, SPEC(''));
  assert.equal((await run(['report', spec, '--out', dir])).code, 0);
  const before = snapshot(dir);
  // An answer the question does not have: only known once the export has been read.
  writeFileSync(spec, SPEC('weighting:\n  rake:\n    see_new_privacy_policy: { "Not an answer": 1 }\n'));
  const r = await run(['report', spec, '--out', dir]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /SURVEY_SPEC_INVALID: weighting\.rake\.see_new_privacy_policy\.Not an answer: 'Not an answer' is not an answer/);
  assert.deepEqual(snapshot(dir), before);
  assertNoLeftovers(dir);
});

test('report --out: a file that cannot be written leaves every other file of the last run as it was', async () => {
  const dir = fresh('report-in-the-way');
  const spec = fresh('survey.yaml');
  writeFileSync(spec, SPEC(''));
  assert.equal((await run(['report', spec, '--out', dir])).code, 0);
  rmSync(join(dir, 'tables.xlsx'));
  mkdirSync(join(dir, 'tables.xlsx'));
  const before = snapshot(dir);
  // A new title changes report.html, tables.md and more: none of them may be written.
  writeFileSync(spec, SPEC('').replace('No data lost', 'A new title'));
  const r = await run(['report', spec, '--out', dir]);
  assert.equal(r.code, 4, r.err);
  assert.match(r.err, /tables\.xlsx: error SURVEY_IO_WRITE: cannot write the file: it is a folder \(EISDIR\)/);
  assert.deepEqual(snapshot(dir), before);
  assertNoLeftovers(dir);
});

test('clean: the clean data and the rejects are written together, or not at all', async () => {
  const dir = fresh('clean');
  mkdirSync(dir);
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC('filters:\n  - { rule: required, questions: [see_new_privacy_policy] }\n'));
  mkdirSync(join(dir, 'rejects.csv'));
  const r = await run(['clean', spec, '-o', join(dir, 'clean.csv'), '--rejects', join(dir, 'rejects.csv')]);
  assert.equal(r.code, 4, r.err);
  assert.equal(existsSync(join(dir, 'clean.csv')), false, 'no clean data without its rejects');
  assertNoLeftovers(dir);
  rmSync(join(dir, 'rejects.csv'), { recursive: true });
  assert.equal((await run(['clean', spec, '-o', join(dir, 'clean.csv'), '--rejects', join(dir, 'rejects.csv')])).code, 0);
  assert.deepEqual(readdirSync(dir).sort(), ['clean.csv', 'rejects.csv', 'survey.yaml']);
});

test('init -o into a folder in the way: a clean error and nothing written', async () => {
  const dir = fresh('init');
  mkdirSync(join(dir, 'survey.yaml'), { recursive: true });
  const r = await run(['init', 'fixtures/flavours/google-forms.csv', '-o', join(dir, 'survey.yaml')]);
  assert.equal(r.code, 4);
  assert.match(r.err, /error SURVEY_IO_WRITE: cannot write the file: it is a folder \(EISDIR\)\n$/);
  assertNoLeftovers(dir);
});

test('init -o over an existing spec: refused (its edits would be lost), nothing touched; --force replaces it', async () => {
  const dir = fresh('init-twice');
  mkdirSync(dir);
  const target = join(dir, 'survey.yaml');
  writeFileSync(target, '# edited by hand\n');
  const r = await run(['init', 'fixtures/flavours/google-forms.csv', '-o', target]);
  assert.equal(r.code, 2);
  assert.match(r.err, /error SURVEY_USAGE: -o .*survey\.yaml: the file exists .* would be overwritten\n.*--force/);
  assert.equal(readFileSync(target, 'utf8'), '# edited by hand\n');
  const forced = await run(['init', 'fixtures/flavours/google-forms.csv', '-o', target, '--force']);
  assert.equal(forced.code, 0, forced.err);
  assert.match(readFileSync(target, 'utf8'), /^questions:/m);
});

test('an output named like the export, the spec or another output is refused before any work, and nothing is touched', async () => {
  const dir = fresh('overwrite');
  mkdirSync(dir);
  const csv = 'id,fruit\n1,Apple\n2,Banana\n3,\n';
  writeFileSync(join(dir, 'data.csv'), csv);
  const spec = 'version: 1\ninput: { file: data.csv }\nfilters:\n  - { rule: required, questions: [fruit] }\ntables:\n  - { type: frequency, question: fruit }\n';
  writeFileSync(join(dir, 'survey.yaml'), spec);
  const cases: [string[], RegExp][] = [
    [['clean', 'survey.yaml', '-o', 'data.csv'], /-o data\.csv: that is the export, which would be overwritten/],
    [['clean', 'survey.yaml', '-o', 'c.csv', '--rejects', './c.csv'], /--rejects \.\/c\.csv: that is the file -o writes/],
    [['clean', 'survey.yaml', '-o', 'survey.yaml'], /-o survey\.yaml: that is the spec/],
    [['report', 'survey.yaml', '--rejects', 'survey.yaml'], /--rejects survey\.yaml: that is the spec/],
    [['report', 'survey.yaml', '--rejects', 'data.csv'], /--rejects data\.csv: that is the export/],
    [['init', 'data.csv', '-o', 'data.csv'], /-o data\.csv: that is the export/],
  ];
  // A figure file named like the export: an export called funnel.csv, written over by --out .
  writeFileSync(join(dir, 'funnel.csv'), csv);
  writeFileSync(join(dir, 'funnel.yaml'), spec.replace('data.csv', 'funnel.csv'));
  writeFileSync(join(dir, 'tables.csv'), csv);
  cases.push([['report', 'funnel.yaml', '--out', '.'], /--out funnel\.csv: that is the export/], [['analyze', 'tables.csv', '--out', '.'], /--out tables\.csv: that is the export/]);
  const before = snapshot(dir);
  for (const [args, message] of cases) {
    const io = captureIo({ cwd: dir });
    assert.equal(await main(args, io), 2, args.join(' '));
    assert.match(io.stderr.text, message);
    assert.match(io.stderr.text, /SURVEY_USAGE/);
  }
  assert.deepEqual(snapshot(dir), before, 'no file changed, none added');
  // --check writes nothing, --rejects included.
  const out = join(dir, 'out');
  assert.equal(await main(['report', 'survey.yaml', '--out', 'out'], captureIo({ cwd: dir })), 0);
  const io = captureIo({ cwd: dir });
  assert.equal(await main(['report', 'survey.yaml', '--out', 'out', '--check', '--rejects', 'r.csv'], io), 0, io.stderr.text);
  assert.ok(!existsSync(join(dir, 'r.csv')));
  assert.match(io.stderr.text, /--check writes nothing: r\.csv was not written/);
  assert.ok(existsSync(out));
});
