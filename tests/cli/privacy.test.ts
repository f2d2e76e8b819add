/**
 * Privacy by default: an export full of e-mail addresses, phone numbers, IP addresses, names and
 * respondent ids — in columns of their own and typed into other answers — goes through every
 * command and every output (text, JSON, CSV, Markdown, --out with charts, report.html and
 * tables.xlsx, init, report --rejects, clean, and the messages of failed runs), read from its CSV
 * and from the same export as an Excel workbook; not one byte of any output holds any of those values.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { MASK } from '../../src/privacy/mask.js';
import { captureIo, fromRoot } from '../helpers/io.js';
import { zipEntries } from '../helpers/zip.js';

const FILE = 'fixtures/flavours/pii-free-text.csv';
const dir = mkdtempSync(join(tmpdir(), 'survey-privacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const rows = parseCsv(readFileSync(fromRoot(FILE))) as string[][];
const header = rows[0]!;
const data = rows.slice(1);
const col = (name: string) => data.map((r) => r[header.indexOf(name)]!).filter((v) => v !== '');

/** Every personal value of the fixture: its personal-data columns, and what was typed into other answers. */
const PII = [
  ...['Email Address', 'Full name', 'Phone number', 'IP Address', 'Respondent ID', 'Contact', 'Reach me on', 'Connected from'].flatMap(col),
  // Typed into "Other (please specify)" and "Any comments?" (a full name too, as a sign-off: "Thanks, Anna Kowalska").
  'chen.wei.home@example.org',
  '020 7946 0999',
  'bruno.private@example.org',
  '+44 7700 900 104',
  '203.0.113.77',
  '2001:db8:85a3::8a2e:370:7334',
  '07700 900109',
  'kofi.m.work@example.org',
];
/** Fragments that identify a value even when it is cut, wrapped or re-encoded. */
const FRAGMENTS = [...new Set(PII.flatMap((v) => [v, ...v.split(/[@\s]/).filter((p) => p.length >= 6 && /[\d.]/.test(p) && !/^[a-z]+\.[a-z]+$/.test(p))]))];

test('the fixture holds what the test looks for', () => {
  assert.equal(data.length, 12);
  assert.equal(PII.length, 8 * 12 + 8);
  for (const v of PII.slice(-8)) assert.ok(readFileSync(fromRoot(FILE), 'utf8').includes(v), v);
});

/** Every byte a run left: stdout, stderr, and each file (xlsx: its cells, and every XML part inflated). */
async function everything(out: string, err: string, files: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>([
    ['stdout', out],
    ['stderr', err],
  ]);
  for (const f of files) {
    const bytes = readFileSync(f);
    texts.set(f, bytes.toString('utf8'));
    if (!f.endsWith('.xlsx')) continue;
    for (const [name, part] of zipEntries(bytes)) texts.set(`${f}!${name}`, part.toString('utf8'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const cells: string[] = [wb.title ?? '', wb.creator ?? '', wb.subject ?? '', wb.description ?? ''];
    for (const ws of wb.worksheets) {
      cells.push(ws.name);
      ws.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text))));
    }
    texts.set(`${f} (cells)`, cells.join('\n'));
  }
  return texts;
}

function filesUnder(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return (readdirSync(p, { recursive: true }) as string[]).map((f) => join(p, f)).filter((f) => statSync(f).isFile());
}

function assertNoPii(texts: Map<string, string>, what: string): void {
  for (const [where, text] of texts) {
    // HTML and XML escape & < > ' ": compare on unescaped text too.
    const plain = text.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const v of FRAGMENTS) {
      assert.ok(!text.includes(v) && !plain.includes(v), `${what}: ${JSON.stringify(v)} in ${where}`);
    }
  }
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env });
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

test('analyze: no personal value in any format, nor in --out (tables, charts, workbook, manifest)', async () => {
  for (const format of ['text', 'json', 'csv', 'md']) {
    const r = await run(['analyze', FILE, '--format', format]);
    assert.equal(r.code, 0, r.err);
    assertNoPii(await everything(r.out, r.err, []), `analyze --format ${format}`);
  }
  const out = join(dir, 'analyze-out');
  const r = await run(['analyze', FILE, '--out', out, '--vega-lite', '--by', 'plan', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const files = filesUnder(out);
  assert.ok(files.some((f) => f.endsWith('.svg')) && files.some((f) => f.endsWith('tables.xlsx')), files.join(' '));
  assertNoPii(await everything(r.out, r.err, files), 'analyze --out');
  // Comments typed by a few respondents, each once, are free text: counted, never listed (the
  // rejects below keep them, masked). So is an "Other (please specify)" where two answers hold
  // contact details: answers picked from a list hold none (a lone one stays a choice, listed masked: tests/unit/privacy/mask.test.ts, tests/unit/codebook/infer.test.ts).
  const types = (JSON.parse(r.out) as { questions: { id: string; type: string }[] }).questions;
  assert.equal(types.find((q) => q.id === 'any_comments')?.type, 'text');
  assert.equal(types.find((q) => q.id === 'other_specify')?.type, 'text');
  assert.ok(!r.out.includes('ask for me') && !r.out.includes('call '));
  assert.ok(!r.out.includes('logged in from'));
});

const SPEC = `version: 1
title: Renewals
input: { file: ${JSON.stringify(fromRoot(FILE))} }
filters:
  - { rule: required, questions: [plan] }
  - { rule: expression, name: unhappy, remove: 'likely_renew == "Very unlikely"' }
tables:
  - { id: plan, type: frequency, question: plan }
  - { id: other, type: frequency, question: other_specify }
  - { id: comments, type: frequency, question: any_comments }
  - { id: renew_by_plan, type: crosstab, row: likely_renew, column: plan }
`;

test('report --out with report.html and tables.xlsx, and --rejects: no personal value', async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC);
  const out = join(dir, 'report-out');
  const rejects = join(dir, 'rejects.csv');
  const r = await run(['report', spec, '--out', out, '--rejects', rejects, '--format', 'md']);
  assert.equal(r.code, 0, r.err);
  assert.ok(filesUnder(out).some((f) => f.endsWith('report.html')));
  assertNoPii(await everything(r.out, r.err, [...filesUnder(out), rejects]), 'report');
  // The rejects keep the removed rows' answers, contact details masked, personal columns left out.
  const removed = parseCsv(readFileSync(rejects)) as string[][];
  assert.deepEqual(removed[0], ['line', 'rule', 'reason', 'Timestamp', 'Which plan are you on?', 'How likely are you to renew?', 'Other (please specify)', 'Any comments?']);
  assert.deepEqual(
    removed.slice(1).map((x) => [x[0], x[1], x[6], x[7]]),
    [
      ['6', 'required', `call ${MASK.phone}`, `The app crashed when I logged in from ${MASK.ip}`],
      ['7', 'unhappy', 'None', `Support never answered my mail to ${MASK.email}`],
      ['10', 'required', 'None', `Text me: ${MASK.phone}`],
      ['12', 'unhappy', `ask for me: ${MASK.email}`, `Cancel please. ${MASK.email}`],
    ],
  );
});

test('the same export as an Excel workbook: analyze and report give the same results, and no personal value', async () => {
  const book = 'fixtures/xlsx/pii-free-text.xlsx';
  const fromBook = await run(['analyze', book, '--format', 'json']);
  const fromCsv = await run(['analyze', FILE, '--format', 'json']);
  assert.equal(fromBook.code, 0, fromBook.err);
  const body = (json: string) => ({ ...(JSON.parse(json) as Record<string, unknown>), input: null });
  assert.deepEqual(body(fromBook.out), body(fromCsv.out));
  const out = join(dir, 'xlsx-out');
  const r = await run(['analyze', book, '--out', out, '--format', 'md']);
  assert.equal(r.code, 0, r.err);
  assertNoPii(await everything(r.out, r.err, filesUnder(out)), 'analyze workbook --out');
  const spec = join(dir, 'survey-xlsx.yaml');
  writeFileSync(spec, SPEC);
  const rejects = join(dir, 'rejects-xlsx.csv');
  const report = await run(['report', spec, '--input', fromRoot(book), '--out', join(dir, 'report-xlsx'), '--rejects', rejects]);
  assert.equal(report.code, 0, report.err);
  assertNoPii(await everything(report.out, report.err, [...filesUnder(join(dir, 'report-xlsx')), rejects]), 'report workbook');
});

test('init: the spec names the personal columns but copies no personal value', async () => {
  const r = await run(['init', FILE]);
  assert.equal(r.code, 0, r.err);
  assertNoPii(await everything(r.out, r.err, []), 'init');
  assert.match(r.out, /id: email_address\n\s+label: Email Address\n\s+type: pii/);
  const target = join(dir, 'init', 'survey.yaml');
  assert.equal((await run(['init', FILE, '-o', target])).code, 0);
  assertNoPii(await everything('', '', [target]), 'init -o');
});

test('clean: the clean data and its rejects hold no personal value; pseudonyms only under a key', async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC);
  const clean = join(dir, 'clean.csv');
  const rejects = join(dir, 'clean-rejects.csv');
  const r = await run(['clean', spec, '-o', clean, '--rejects', rejects]);
  assert.equal(r.code, 0, r.err);
  assertNoPii(await everything(r.out, r.err, [clean, rejects]), 'clean');
  const kept = parseCsv(readFileSync(clean), { columns: true }) as Record<string, string>[];
  assert.equal(kept.length, 8);
  assert.ok(kept.some((k) => k['any_comments'] === `Please write to me at ${MASK.email}, thanks`));
  assert.ok(kept.some((k) => k['any_comments'] === `Great service! Thanks, ${MASK.name}`));
  const key = 'a-key-of-at-least-16-characters';
  const pseudo = await run(['clean', spec, '-o', join(dir, 'pseudo.csv'), '--pseudonymise', 'email_address'], { SURVEY_KEY: key });
  assert.equal(pseudo.code, 0, pseudo.err);
  const texts = await everything(pseudo.out, pseudo.err, [join(dir, 'pseudo.csv')]);
  assertNoPii(texts, 'clean --pseudonymise');
  for (const t of texts.values()) assert.ok(!t.includes(key), 'the key is never written');
  // Named by its column's text instead of its id: the id meant is suggested, the personal-data questions listed.
  const misnamed = await run(['clean', spec, '-o', join(dir, 'pseudo2.csv'), '--pseudonymise', 'Email Address'], { SURVEY_KEY: key });
  assert.equal(misnamed.code, 2);
  assert.match(misnamed.err, /'Email Address' is not a personal-data question, did you mean 'email_address'\?\n  hint: personal-data questions: .*email_address/);
  assertNoPii(await everything(misnamed.out, misnamed.err, []), 'clean --pseudonymise misnamed');
});

test('failed runs: error messages quote no personal value', async () => {
  let k = 0;
  const bad = (extra: string) => {
    const spec = join(dir, `bad-${k++}.yaml`);
    writeFileSync(spec, `${SPEC}${extra}`);
    return spec;
  };
  const cases: [string[], RegExp][] = [
    // A misspelt answer in a net: the suggestion is an answer that holds an e-mail address.
    [['report', bad('questions:\n  - { id: other_specify, column: "Other (please specify)", nets: { Contact: ["ask for me: chen.wei.home@example.or"] } }\n')], /SURVEY_SPEC_INVALID/],
    // A raking target that is not an answer: the message lists the answers.
    [['report', bad('weighting:\n  rake:\n    other_specify: { "call me": 1 }\n')], /SURVEY_SPEC_INVALID: weighting\.rake/],
    // An expression quoting a value.
    [['analyze', FILE, '--where', 'email_address == "anna.kowalska@example.com" and nope == 1'], /SURVEY_EXPR_INVALID/],
    [['analyze', FILE, '--by', 'anna.kowalska@example.com'], /SURVEY_QUESTION_UNKNOWN/],
    [['clean', bad(''), '-o', join(dir, 'x.csv'), '--pseudonymise', 'full_name'], /SURVEY_OPTION_INVALID/],
  ];
  for (const [argv, expected] of cases) {
    const r = await run(argv);
    assert.notEqual(r.code, 0, argv.join(' '));
    assert.match(r.err, expected, r.err);
    assertNoPii(await everything(r.out, r.err, []), argv.slice(0, 2).join(' '));
  }
});

test('personal values typed into a spec or the command line (a rule, its name, a table filter, --where) reach no output; personal data picks no table', async () => {
  const spec = join(dir, 'typed.yaml');
  const typed = SPEC.replace(
    "  - { rule: expression, name: unhappy, remove: 'likely_renew == \"Very unlikely\"' }\n",
    "  - { rule: expression, name: unhappy, remove: 'likely_renew == \"Very unlikely\"' }\n  - { rule: expression, name: 'not kofi.m.work@example.org', remove: 'any_comments contains \"kofi.m.work@example.org\"' }\n",
  ).replace('  - { id: plan, type: frequency, question: plan }\n', "  - { id: plan, type: frequency, question: plan }\n  - { id: some, type: frequency, question: plan, filter: 'other_specify contains \"203.0.113.77\" or plan == \"Pro\"' }\n");
  writeFileSync(spec, typed);
  const out = join(dir, 'typed-out');
  const rejects = join(dir, 'typed-rejects.csv');
  const r = await run(['report', spec, '--out', out, '--rejects', rejects, '--format', 'md']);
  assert.equal(r.code, 0, r.err);
  assert.match(readFileSync(join(out, 'funnel.csv'), 'utf8'), /not \[e-mail\]/);
  assertNoPii(await everything(r.out, r.err, [...filesUnder(out), rejects]), 'report with typed values');
  const where = await run(['analyze', FILE, '--where', 'other_specify contains "chen.wei.home@example.org"', '--format', 'json', '--out', join(dir, 'where-out')]);
  assert.equal(where.code, 0, where.err);
  assertNoPii(await everything(where.out, where.err, filesUnder(join(dir, 'where-out'))), 'analyze --where');
  // Picking respondents by their e-mail would publish tables of one person.
  for (const argv of [['analyze', FILE, '--where', 'email_address == "anna.kowalska@example.com"']]) {
    const refused = await run(argv);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /SURVEY_OPTION_INVALID: --where: 'email_address' is personal data: tables of the respondents it picks could single them out/);
    assertNoPii(await everything(refused.out, refused.err, []), 'refused --where');
  }
  writeFileSync(spec, SPEC.replace('  - { id: plan, type: frequency, question: plan }\n', "  - { id: plan, type: frequency, question: plan, filter: 'ip_address == \"203.0.113.77\"' }\n"));
  const table = await run(['report', spec]);
  assert.equal(table.code, 2);
  assert.match(table.err, /tables\[0\]\.filter: 'ip_address' is personal data/);
  assertNoPii(await everything(table.out, table.err, []), 'refused table filter');
});
