/**
 * Names that are properties of every JavaScript object (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`, `valueOf`) are ordinary data: as headers, as answers and as every kind of
 * spec key (question ids, recode keys, net names, rake targets, table ids, chart config). The
 * counts come out right, and no run changes Object.prototype.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import type { AnalysisResult, CrosstabTable, FrequencyTable, Table } from '../../src/spec/result.js';
import type { ReportResult } from '../../src/engine/report.js';
import { captureIo, fromRoot } from '../helpers/io.js';

const FILE = 'fixtures/flavours/proto-names.csv';
const dir = mkdtempSync(join(tmpdir(), 'survey-proto-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Everything about Object.prototype that pollution would change: its keys, their values, its own prototype. */
function snapshot(): unknown[] {
  const proto = Object.prototype as Record<string | symbol, unknown>;
  return [Object.getPrototypeOf(proto), ...Reflect.ownKeys(proto).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)?.value ?? Object.getOwnPropertyDescriptor(proto, k)?.get])];
}
const before = snapshot();

function assertUnpolluted(what: string): void {
  assert.deepEqual(snapshot(), before, `${what}: Object.prototype changed`);
  const o = {} as Record<string, unknown>;
  for (const k of ['polluted', 'Yes', 'No', 'isPrototypeOf_x', 'weight']) assert.equal(o[k], undefined, `${what}: ({}).${k}`);
  assert.equal(typeof o['toString'], 'function', `${what}: ({}).toString`);
  assert.equal(Object.getPrototypeOf(o), Object.prototype, what);
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  assertUnpolluted(argv.join(' '));
  return { code, out: io.stdout.text, err: io.stderr.text };
}

const freq = (ts: Table[], q: string) => ts.find((t): t is FrequencyTable => t.kind === 'frequency' && (t.id ?? t.question) === q)!;
const counts = (t: FrequencyTable) => t.rows.map((r) => [r.label, r.count] as const);

test('headers and answers named after object properties: counted like any others', async () => {
  const r = await run(['analyze', FILE, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult;
  assert.deepEqual(
    result.questions.map((q) => [q.id, q.label, q.type]),
    [
      ['proto', '__proto__', 'single'],
      ['constructor', 'constructor', 'multi'],
      ['tostring', 'toString', 'single'],
      ['hasownproperty', 'hasOwnProperty', 'numeric'],
      ['valueof', 'valueOf', 'single'],
      ['comment', 'Comment', 'single'],
    ],
  );
  assert.deepEqual(counts(freq(result.tables, 'proto')), [
    ['__proto__', 4],
    ['constructor', 3],
    ['hasOwnProperty', 2],
    ['toString', 2],
    ['valueOf', 1],
  ]);
  assert.deepEqual(counts(freq(result.tables, 'constructor')), [
    ['toString', 5],
    ['valueOf', 5],
    ['__proto__', 4],
    ['constructor', 4],
  ]);
  assert.equal(freq(result.tables, 'constructor').responses, 18);
  // Answers that name Object.prototype members that are not in the data are never invented.
  assert.ok(!JSON.stringify(result).includes('isPrototypeOf_x'));
});

test('--by and --where on questions named after object properties', async () => {
  for (const by of ['__proto__', 'constructor', 'toString', 'valueOf', 'proto', 'tostring']) {
    const r = await run(['analyze', FILE, '--by', by, '--format', 'json']);
    assert.equal(r.code, 0, `${by}: ${r.err}`);
    assert.ok((JSON.parse(r.out) as AnalysisResult).tables.some((t) => t.kind === 'crosstab'), by);
  }
  const where = await run(['analyze', FILE, '--where', 'proto == "__proto__" or "toString" in constructor', '--format', 'json']);
  assert.equal(where.code, 0, where.err);
  const result = JSON.parse(where.out) as AnalysisResult;
  // Rows with __proto__ (1, 5, 8, 12) or toString chosen (1, 3, 7, 8, 11): 1, 3, 5, 7, 8, 11, 12.
  assert.equal(freq(result.tables, 'proto').base, 7);
  const unknown = await run(['analyze', FILE, '--where', 'hasOwnProperty == 1']);
  assert.equal(unknown.code, 2, 'ids are case-sensitive: hasOwnProperty is not hasownproperty, and not found on a prototype');
  assert.match(unknown.err, /SURVEY_EXPR_INVALID: --where: unknown question 'hasOwnProperty'.*did you mean 'hasownproperty'/);
  for (const name of ['constructor.name', 'toString', '__proto__', 'valueOf']) {
    const r = await run(['analyze', FILE, '--where', `${name} == "x"`, '--format', 'json']);
    assert.ok(r.code === 0 || r.code === 2, `${name}: ${r.err}`);
    if (r.code === 2) assert.match(r.err, /^error SURVEY_EXPR_INVALID: --where: unknown question/, name);
  }
});

const SPEC = `version: 1
title: Object property names
input: { file: ${JSON.stringify(fromRoot(FILE))}, headerRows: 1 }
questions:
  - id: __proto__
    column: __proto__
    recode: { __proto__: constructor, toString: hasOwnProperty }
    nets: { __proto__: [constructor, valueOf], constructor: [hasOwnProperty] }
  - id: constructor
    column: constructor
    type: multi
    separator: ";"
    recode: { valueOf: toString }
    nets: { hasOwnProperty: [__proto__, toString] }
  - id: toString
    column: toString
    recode: { Yes: __proto__ }
  - id: hasOwnProperty
    column: hasOwnProperty
    type: numeric
  - id: valueOf
    column: valueOf
    missing: [propertyIsEnumerable]
derive:
  - id: isPrototypeOf
    from: hasOwnProperty
    bands: [{ label: __proto__, max: 1 }, { label: constructor, min: 1.01 }]
filters:
  - { rule: required, name: __proto__, questions: [__proto__, toString] }
  - { rule: expression, name: constructor, remove: 'len(constructor) > 3' }
weighting:
  weight: hasOwnProperty
  rake:
    __proto__: { constructor: 0.6, hasOwnProperty: 0.3, valueOf: 0.1 }
tables:
  - { id: __proto__, type: frequency, question: __proto__, chart: { config: { __proto__: { polluted: 1 }, constructor: { polluted: 2 }, toString: 3 } } }
  - { id: constructor, type: frequency, question: constructor }
  - { id: toString, type: crosstab, row: constructor, column: __proto__ }
  - { id: valueOf, type: frequency, question: isPrototypeOf, filter: 'toString == "__proto__"' }
  - { id: hasOwnProperty, type: frequency, question: valueOf }
`;

test('a spec whose ids, recodes, nets, rake targets and table ids are object property names', async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC);
  const out = join(dir, 'out');
  const r = await run(['report', spec, '--format', 'json', '--out', out, '--rejects', join(dir, 'rejects.csv')]);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as ReportResult;
  // Recodes: __proto__ -> constructor, toString -> hasOwnProperty (raw: 4 __proto__, 3 constructor, 2 hasOwnProperty, 2 toString, 1 valueOf).
  const proto = freq(result.tables, '__proto__');
  assert.deepEqual(
    proto.rows.filter((x) => !x.net).map((x) => [x.label, x.n]),
    [
      ['constructor', 7],
      ['hasOwnProperty', 4],
      ['valueOf', 1],
    ],
  );
  assert.deepEqual(
    proto.rows.filter((x) => x.net).map((x) => [x.label, x.members]),
    [
      ['__proto__', ['constructor', 'valueOf']],
      ['constructor', ['hasOwnProperty']],
    ],
  );
  // Raked to 60/30/10 on the recoded answers: the weighted shares are the targets.
  const shares = proto.rows.filter((x) => !x.net).map((x) => Number(x.percent!.toFixed(6)));
  assert.deepEqual(shares, [60, 30, 10]);
  // valueOf is recoded to toString: a respondent who chose both (rows 3 and 11) counts once.
  const multi = freq(result.tables, 'constructor');
  assert.deepEqual(
    multi.rows.map((x) => [x.label, x.n]),
    [
      ['toString', 8],
      ['__proto__', 4],
      ['constructor', 4],
      ['hasOwnProperty', 10],
    ],
  );
  assert.ok(multi.rows.some((x) => x.net && x.label === 'hasOwnProperty'));
  assert.ok(!multi.rows.some((x) => x.label === 'valueOf'), 'valueOf recoded to toString');
  const derived = freq(result.tables, 'valueOf');
  assert.deepEqual(derived.rows.map((x) => x.label), ['__proto__', 'constructor']);
  assert.ok(result.tables.some((t): t is CrosstabTable => t.kind === 'crosstab' && t.id === 'toString'));
  // "propertyIsEnumerable" is a missing code: 5 respondents are out of the base.
  assert.equal(freq(result.tables, 'hasOwnProperty').rows.some((x) => x.label === 'propertyIsEnumerable'), false);
  assert.deepEqual(
    result.funnel.map((s) => s.rule),
    ['read', '__proto__', 'constructor'],
  );
  // Every file is written, named by the table ids.
  const files = (readdirSync(out, { recursive: true }) as string[]).map((f) => f.replace(/\\/g, '/'));
  for (const f of ['tables/__proto__.csv', 'tables/constructor.json', 'tables/toString.md', 'charts/__proto__.svg', 'report.html', 'tables.xlsx']) assert.ok(files.includes(f), f);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'tables.xlsx')) as unknown as ExcelJS.Buffer);
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    ['Contents', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'],
  );
  assertUnpolluted('xlsx read back');
});

test('a spec with a chart config holding __proto__ does not change the chart of another table', async () => {
  const spec = join(dir, 'survey.yaml');
  writeFileSync(spec, SPEC);
  const out = join(dir, 'out-2');
  assert.equal((await run(['report', spec, '--out', out, '--vega-lite'])).code, 0);
  const vl = JSON.parse(readFileSync(join(out, 'charts', '__proto__.vl.json'), 'utf8')) as { config: Record<string, unknown> };
  assert.equal(Object.getPrototypeOf(vl.config), Object.prototype);
  assert.ok(!JSON.stringify(vl).includes('polluted'), 'keys that name object properties are dropped from chart config');
  assertUnpolluted('vega-lite');
});
