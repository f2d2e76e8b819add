/**
 * The CLI in-process through main(argv, io): exit codes, what goes to stdout and
 * stderr in each format, error lines for broken exports, personal data never
 * printed, terminal escapes stripped and NO_COLOR respected.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parse as parseCsv } from 'csv-parse/sync';
import Ajv2020 from 'ajv/dist/2020.js';
import { main } from '../../src/cli/main.js';
import type { AnalysisResult, CrosstabTable, FrequencyTable, Table } from '../../src/spec/result.js';
import { captureIo, fromRoot, type CaptureOptions } from '../helpers/io.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], options: CaptureOptions = {}): Promise<Run> {
  const io = captureIo(options);
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

const GF = 'fixtures/flavours/google-forms.csv';
/** Control characters other than tab and newline, C1 included: none may reach a terminal. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const STACK = '    at ';

const scratch = mkdtempSync(join(tmpdir(), 'survey-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------- help ----

test('--help: exit 0, the commands and the exit codes on stdout', async () => {
  const r = await run(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.err, '');
  assert.match(r.out, /^Usage: survey /);
  assert.match(r.out, /^\s+analyze \[options\] <file>/m);
  assert.match(r.out, /^\s+init \[options\] <file>/m);
  assert.match(r.out, /Exit codes:/);
  for (const [code, what] of [
    [0, 'success'],
    [1, 'check failed'],
    [2, 'usage error'],
    [3, 'not a readable survey export'],
    [4, 'could not be read or written'],
    [70, 'a bug in survey'],
  ] as const) {
    assert.match(r.out, new RegExp(`^\\s+${code}\\s+.*${what}`, 'm'), `exit code ${code}`);
  }
});

test('a bug (not a user mistake) exits 70, not 3 (bad data), and asks for a report', async () => {
  const io = captureIo();
  // An output that fails in a way no user causes.
  io.stdout.write = () => {
    throw new TypeError('boom');
  };
  const code = await main(['analyze', 'fixtures/whatsapp-privacy-2021/responses.csv'], io);
  assert.equal(code, 70);
  assert.match(io.stderr.text, /^survey: internal error \(a bug in survey, please report it\): boom/);
});

test('analyze --help: the options and examples', async () => {
  const r = await run(['analyze', '--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--by <question>', '--format <format>', '--encoding <name>', '--delimiter <char>', '--header-rows <n>', '--no-color']) {
    assert.ok(r.out.includes(flag), flag);
  }
  assert.match(r.out, /Examples:/);
});

test('--version: the package version and exit 0', async () => {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };
  const r = await run(['--version']);
  assert.deepEqual(r, { code: 0, out: `${pkg.version}\n`, err: '' });
});

// ------------------------------------------------------------- analyze ----

test('analyze: exit 0 and a frequency table per question on stdout', async () => {
  const r = await run(['analyze', GF]);
  assert.equal(r.code, 0);
  // Beside the tables, on stderr only: that the dates' order is a guess.
  assert.equal(r.err.replace(/^info SURVEY_DATE_ORDER_GUESSED: Timestamp: every date reads both ways .*\n/, ''), '');
  assert.ok(!r.out.includes('SURVEY_DATE_ORDER_GUESSED') && !r.out.includes('every date reads'), 'stdout holds the tables only');
  assert.ok(r.out.includes(GF), r.out.slice(0, 120));
  assert.match(r.out, /\b14 respondents\b/);
  assert.ok(r.out.includes('How do you see the new privacy policy?'));
  // Answer, count and percent of those answering (6 of 13), in one row.
  assert.match(r.out, /^\s+Not good, but I can live with it\s+6\s+46\.2%/m);
  assert.match(r.out, /^\s+A serious breach of my privacy\s+5\s+38\.5%/m);
  assert.match(r.out, /^\s+Email, SMS or phone calls\s+5\s+38\.5%/m);
  assert.match(r.out, /Withheld as personal data.*Email Address/);
  // A grid is one table, an item a row, with the ids that name its items in a spec and in --by.
  assert.ok(r.out.includes('How much do you agree with each statement? [much_agree_each_statement]'));
  assert.match(r.out, /^\s+The policy is clear\s+14\.3%\s+35\.7%\s+14\.3%\s+21\.4%\s+14\.3%\s+14$/m);
  assert.match(r.out, /items \(much_agree_each_statement\.<item>\): policy_clear, /);
  assert.ok(!CONTROL.test(r.out), 'no colour when stdout is not a terminal');
});

test('analyze --format json: the result contract', async () => {
  const r = await run(['analyze', GF, '--format', 'json']);
  assert.equal(r.code, 0);
  const result = JSON.parse(r.out) as AnalysisResult;
  for (const key of ['input', 'questions', 'tables', 'withheld', 'diagnostics']) assert.ok(key in result, key);
  assert.deepEqual(result.input, { file: GF, rows: 14, encoding: 'utf-8', delimiter: ',', headerRows: 1 });
  assert.equal(result.questions.length, 7);
  const policy = result.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.question === 'see_new_privacy_policy');
  assert.ok(policy);
  assert.deepEqual(
    policy.rows.map((row) => [row.label, row.count]),
    [
      ['Not good, but I can live with it', 6],
      ['A serious breach of my privacy', 5],
      ["It doesn't matter to me", 2],
    ],
  );
  assert.deepEqual([policy.base, policy.missing], [13, 1]);
  // A grid item's table keeps its grid's id in 'question', its label in 'item', and adds its own id.
  const item = result.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.item === 'The policy is clear');
  assert.deepEqual([item?.question, item?.itemId], ['much_agree_each_statement', 'policy_clear']);
});

test('analyze --format csv: one tidy row per answer, parseable', async () => {
  const r = await run(['analyze', GF, '--format', 'csv']);
  assert.equal(r.code, 0);
  const rows = parseCsv(r.out, { columns: true }) as Record<string, string>[];
  const row = rows.find((x) => x['answer'] === 'Not good, but I can live with it');
  assert.ok(row, 'the answer with a comma survives quoting');
  assert.equal(row['count'], '6');
  assert.equal(row['base'], '13');
  assert.equal(Number(row['percent']).toFixed(1), '46.2');
  const apps = rows.filter((x) => x['question'] === 'messaging_apps_use_tick_apply');
  assert.deepEqual(
    apps.map((x) => [x['answer'], x['count']]),
    [
      ['WhatsApp', '7'],
      ['Email, SMS or phone calls', '5'],
      ['Signal', '5'],
      ['Telegram', '4'],
    ],
  );
  // A grid item is named as a spec names it (grid.item, by id), its label said once.
  const sw = parseCsv((await run(['analyze', 'fixtures/fivethirtyeight/star-wars-survey/StarWars.csv', '--format', 'csv'])).out, { columns: true }) as Record<string, string>[];
  const han = sw.find((x) => x['question']!.endsWith('.han_solo'))!;
  assert.equal(han['question'], 'state_whether_view_following_characters.han_solo');
  assert.equal(han['label'], 'Please state whether you view the following characters favorably, unfavorably, or are unfamiliar with him/her. | Han Solo');
});

test('analyze --format md: Markdown tables', async () => {
  const r = await run(['analyze', GF, '--format', 'md']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^## How do you see the new privacy policy\?$/m);
  assert.match(r.out, /^\| Answer \| Count \|/m);
  assert.match(r.out, /^\| Not good, but I can live with it \| 6 \| 46\.2% \|/m);
});

test('analyze: every flavour fixture runs with exit 0 and nothing on stderr', async () => {
  const dir = fromRoot('fixtures', 'flavours');
  const files = readdirSync(dir).filter((f) => /\.(csv|tsv|txt)$/.test(f));
  assert.ok(files.length >= 18, files.join(' '));
  for (const f of files) {
    const r = await run(['analyze', `fixtures/flavours/${f}`, '--format', 'json']);
    assert.deepEqual([r.code, r.err], [0, ''], f);
    assert.ok((JSON.parse(r.out) as AnalysisResult).tables.length > 0, f);
  }
});

test('analyze --encoding / --delimiter / --header-rows override detection', async () => {
  const r = await run(['analyze', 'fixtures/flavours/surveymonkey.csv', '--header-rows', '1', '--format', 'json']);
  assert.equal(r.code, 0);
  // With one header row the "Response" row becomes a respondent.
  assert.deepEqual((JSON.parse(r.out) as AnalysisResult).input.rows, 13);
  const tab = await run(['analyze', 'fixtures/flavours/tab-delimited.tsv', '--delimiter', 'tab', '--format', 'json']);
  assert.equal((JSON.parse(tab.out) as AnalysisResult).input.delimiter, '\t');
  const latin = await run(['analyze', 'fixtures/flavours/windows-1252.csv', '--encoding', 'windows-1252', '--format', 'json']);
  assert.equal((JSON.parse(latin.out) as AnalysisResult).input.encoding, 'windows-1252');
});

test('analyze --by a question named __proto__: crosstabs with exact counts', async () => {
  const r = await run(['analyze', 'fixtures/flavours/special-headers.csv', '--by', '__proto__', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult;
  const x = result.tables.find((t): t is CrosstabTable => t.kind === 'crosstab' && t.row === 'constructor');
  assert.ok(x);
  assert.equal(x.column, 'proto');
  assert.deepEqual(x.rowLabels, ['Builder', 'Architect', 'Engineer']);
  assert.deepEqual(x.columnLabels, ['Yes', 'No']);
  assert.deepEqual(x.counts, [
    [4, 2],
    [2, 1],
    [2, 1],
  ]);
  for (const by of ['constructor', 'toString', 'hasOwnProperty', 'col_4']) {
    const byRun = await run(['analyze', 'fixtures/flavours/special-headers.csv', '--by', by, '--format', 'json']);
    assert.equal(byRun.code, 0, `${by}: ${byRun.err}`);
  }
});

test('analyze --where that keeps no row: a warning naming the answers it is compared with; csv and md say it on stderr; a slip is refused', async () => {
  // A slip in an answer's spelling is refused, as in a spec, with the answer meant.
  const slip = await run(['analyze', GF, '--where', 'see_new_privacy_policy == "a serious breach of my privacy"']);
  assert.equal(slip.code, 2);
  assert.match(slip.err, /^error SURVEY_OPTION_INVALID: --where: 'a serious breach of my privacy' is not an answer of 'see_new_privacy_policy', did you mean 'A serious breach of my privacy'\?/);
  const r = await run(['analyze', GF, '--where', 'see_new_privacy_policy == "A serious breach of my privacy" and see_new_privacy_policy == "Not good, but I can live with it"', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  // The rows it left out are a step of the funnel, as a report's rules are.
  assert.deepEqual((JSON.parse(r.out) as { funnel: unknown[] }).funnel, [
    { rule: 'read', removed: 0, remaining: 14 },
    { rule: 'where see_new_privacy_policy == "A serious breach of my privacy" and see_new_privacy_policy == "Not good, but I can live with it"', removed: 14, remaining: 0 },
  ]);
  const none = (JSON.parse(r.out) as AnalysisResult).diagnostics.find((d) => d.code === 'SURVEY_WHERE_NONE');
  assert.ok(none, r.out.slice(-400));
  assert.match(none.message, /kept no row: every table is empty \(answers are compared exactly, case included: see_new_privacy_policy: "Not good, but I can live with it", "A serious breach of my privacy"/);
  for (const format of ['csv', 'md']) {
    const t = await run(['analyze', GF, '--where', 'see_new_privacy_policy == "x"', '--format', format]);
    assert.equal(t.code, 0);
    assert.match(t.err, /^info SURVEY_WHERE: 14 rows excluded by --where/m);
    assert.match(t.err, /^warning SURVEY_WHERE_NONE: --where .* kept no row/m);
    assert.ok(!t.out.includes('kept no row'), 'stdout holds the tables only');
  }
});

test('report: warnings and info lines go to stderr with their codes, in every format (JSON: warnings; it holds the rest); stdout holds the result alone', async () => {
  writeFileSync(join(scratch, 'w.csv'), 'Q1,Q2\nYes,A\n,\nNo,B\nYes,B\n');
  // Answers of the data, but no row holds both.
  writeFileSync(join(scratch, 'w.yaml'), 'version: 1\ninput: { file: w.csv }\ntables:\n  - { type: frequency, question: q1, filter: \'q2 == "A" and q2 == "B"\' }\n');
  for (const format of ['text', 'csv', 'md', 'json']) {
    const r = await run(['report', join(scratch, 'w.yaml'), '--format', format]);
    assert.equal(r.code, 0, r.err);
    // At the filter's spec line, as an error would be.
    assert.match(r.err, /^\S*w\.yaml:4: warning SURVEY_TABLE_FILTER_NONE: tables\[0\]\.filter .* matched no kept row/m, format);
    if (format === 'json') {
      assert.doesNotMatch(r.err, /SURVEY_EMPTY_ROWS/, 'an info line is in the JSON only');
      assert.deepEqual((JSON.parse(r.out) as AnalysisResult).diagnostics.map((d) => d.code).sort(), ['SURVEY_EMPTY_ROWS', 'SURVEY_TABLE_FILTER_NONE']);
    } else {
      assert.match(r.err, /^info SURVEY_EMPTY_ROWS: 1 row with every cell empty/m, format);
      assert.ok(!r.out.includes('matched no kept row') && !r.out.includes('every cell empty'), `${format}: stdout holds the tables only`);
    }
  }
});

test('analyze --where comparing with an unquoted word: told to quote the answer, with the expression rewritten', async () => {
  const r = await run(['analyze', GF, '--where', 'see_new_privacy_policy==Serious']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error SURVEY_EXPR_INVALID: --where: 'Serious' in "see_new_privacy_policy==Serious" is not a question; an answer is text in quotes\n {2}hint: write see_new_privacy_policy == "Serious"$/m);
});

test('analyze --by: a crosstab\'s test line reads "p < 0.001", never "p = < 0.001"', async () => {
  const r = await run(['analyze', 'fixtures/fivethirtyeight/star-wars-survey/StarWars.csv', '--by', 'gender']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /chi-square = [\d.]+, df = \d+, p < 0\.001, Cramér's V/);
  assert.ok(!r.out.includes('p = <'));
});

test('--out naming a file fails at once (exit 4, nothing printed); --vega-lite without --out says it does nothing', async () => {
  for (const argv of [['analyze', GF], ['report', 'fixtures/whatsapp-privacy-2021/survey.yaml']]) {
    const r = await run([...argv, '--out', 'package.json']);
    assert.equal(r.code, 4, r.err);
    assert.equal(r.out, '', 'no table printed before the failure');
    assert.match(r.err, /error SURVEY_IO_WRITE: --out package\.json: a file is there, not a folder/);
  }
  const v = await run(['analyze', GF, '--vega-lite']);
  assert.equal(v.code, 0);
  assert.match(v.err, /^info: --vega-lite does nothing without --out <dir>$/m);
});

test('text tables mark nets and answers declared missing, as the HTML report does', async () => {
  const r = await run(['report', 'fixtures/whatsapp-privacy-2021/survey.yaml']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ {2}Open to switching \(net\) +407 +72\.0%/m);
  assert.match(r.out, /^ {2}Prefer not to say \(not in base\) +15 +2\.7%/m);
  // ... and say what that percentage is of, as the HTML and Markdown notes do.
  assert.match(r.out, /^ {2}Base: 550 answering · 15 missing · answers not in base: a % of everyone asked$/m);
});

test('analyze --by a personal-data column: exit 2, it is never tabulated', async () => {
  const r = await run(['analyze', GF, '--by', 'Email Address']);
  assert.equal(r.code, 2);
  assert.match(r.err, /error SURVEY_OPTION_INVALID: --by: 'email_address' is personal data and is never tabulated/);
});

test('analyze --by an unknown question: exit 2 with a suggestion', async () => {
  const r = await run(['analyze', 'fixtures/flavours/special-headers.csv', '--by', 'colur']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error SURVEY_QUESTION_UNKNOWN: --by: unknown question 'colur', did you mean 'colour'\?\n/);
  assert.ok(!r.err.includes(STACK));
});

test('analyze --by a question with no id close to it (sex for gender): the ids --by takes are listed, not only `survey init`', async () => {
  const r = await run(['analyze', 'fixtures/fivethirtyeight/steak-survey/steak-risk-survey.csv', '--by', 'sex']);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error SURVEY_QUESTION_UNKNOWN: --by: unknown question 'sex'\n {2}hint: --by takes one of: consider_following_hypothetical_situatio, ever_smoke_cigarettes, .*, gender, age, household_income, education, location_census_region\n$/);
  // Personal data is no id --by takes; a close one is still suggested alone.
  assert.doesNotMatch(r.err, /respondentid/);
  assert.match((await run(['analyze', 'fixtures/fivethirtyeight/steak-survey/steak-risk-survey.csv', '--by', 'gendr'])).err, /unknown question 'gendr', did you mean 'gender'\?/);
  // Many ids: the first twenty, and how many more.
  const many = await run(['analyze', 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv', '--by', 'sex']);
  assert.match(many.err, /hint: --by takes one of: celebrate_thanksgiving, (\w+, ){19}and \d+ more \(`survey init FILE` lists them all\)\n$/);
});

test('analyze --weight naming no question and none close: the numeric questions listed, or that there are none', async () => {
  const none = await run(['analyze', 'fixtures/fivethirtyeight/steak-survey/steak-risk-survey.csv', '--weight', 'wt']);
  assert.equal(none.code, 2);
  assert.match(none.err, /^error SURVEY_QUESTION_UNKNOWN: --weight: unknown question 'wt'\n {2}hint: no question of the file is numeric, so none can weight: weights are a column of numbers\n$/);
  const one = await run(['analyze', 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv', '--weight', 'factor']);
  assert.equal(one.code, 2);
  assert.match(one.err, /^error SURVEY_QUESTION_UNKNOWN: --weight: unknown question 'factor'\n {2}hint: --weight takes one of: weight\n$/);
  // A close one is still suggested alone.
  assert.match((await run(['analyze', 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv', '--weight', 'wieght'])).err, /unknown question 'wieght', did you mean 'weight'\?/);
});

test('analyze --by a grid item (grid.item, by id or label): every other question and item crossed by it', async () => {
  const r = await run(['analyze', GF, '--by', 'much_agree_each_statement.policy_clear', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const crosstabs = (JSON.parse(r.out) as AnalysisResult).tables.filter((t) => t.kind === 'crosstab');
  const rows = crosstabs.map((t) => (t.kind === 'crosstab' ? t.row : ''));
  assert.ok(rows.includes('see_new_privacy_policy') && rows.includes('much_agree_each_statement.i_trust_company'), rows.join(' '));
  assert.ok(!rows.includes('much_agree_each_statement.policy_clear'), 'not the item by itself');
  assert.ok(crosstabs.every((t) => t.kind === 'crosstab' && t.column === 'much_agree_each_statement.policy_clear'));
  const byLabel = await run(['analyze', GF, '--by', 'much_agree_each_statement.The policy is clear', '--format', 'json']);
  assert.equal(byLabel.out, r.out);
  // Or by the column's header, as the export wrote it.
  const byHeader = await run(['analyze', GF, '--by', 'How much do you agree with each statement? [The policy is clear]', '--format', 'json']);
  assert.equal(byHeader.out, r.out);
  const typo = await run(['analyze', GF, '--by', 'much_agree_each_statement.policy']);
  assert.equal(typo.code, 2);
  assert.match(typo.err, /did you mean 'much_agree_each_statement\.policy_clear'\?/);
  // The whole grid cannot split a crosstab: the hint names one of its items.
  const grid = await run(['analyze', GF, '--by', 'much_agree_each_statement']);
  assert.equal(grid.code, 2);
  assert.match(grid.err, /hint: name one of its items, e\.g\. much_agree_each_statement\.policy_clear/);
});

// ---------------------------------------------------------------- init ----

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const validateSpec = ajv.compile(JSON.parse(readFileSync(fromRoot('schema', 'survey-spec.schema.json'), 'utf8')) as object);

test('init: YAML that parses and validates against schema/survey-spec.schema.json', async () => {
  for (const f of ['google-forms.csv', 'surveymonkey.csv', 'qualtrics.csv', 'special-headers.csv', 'semicolon-bom.csv', 'utf16le-bom.txt', 'pii.csv', 'control-chars.csv']) {
    const file = `fixtures/flavours/${f}`;
    const r = await run(['init', file]);
    assert.deepEqual([r.code, r.err], [0, ''], f);
    assert.match(r.out, /^# yaml-language-server: \$schema=schema\/survey-spec\.schema\.json\n/, f);
    const spec = parseYaml(r.out) as { input: Record<string, unknown>; questions: { id: string }[] };
    assert.ok(validateSpec(spec), `${f}: ${ajv.errorsText(validateSpec.errors)}`);
    const analysis = JSON.parse((await run(['analyze', file, '--format', 'json'])).out) as AnalysisResult;
    const { file: _, rows: __, ...input } = analysis.input;
    assert.deepEqual(spec.input, { file, ...input }, f);
    assert.deepEqual(
      spec.questions.map((q) => q.id),
      analysis.questions.map((q) => q.id),
      f,
    );
  }
});

test('init: the spec describes questions, layouts and scales', async () => {
  const r = await run(['init', 'fixtures/flavours/qualtrics.csv']);
  const spec = parseYaml(r.out) as { questions: Record<string, unknown>[] };
  const byId = new Map(spec.questions.map((q) => [q['id'], q]));
  // Columns are referenced by their unique first-row names: Qualtrics' short names.
  const q3 = byId.get('Q3')!;
  assert.deepEqual(
    { id: q3['id'], label: q3['label'], type: q3['type'], column: q3['column'], separator: q3['separator'], options: q3['options'] },
    { id: 'Q3', label: 'Which features do you use? Select all that apply.', type: 'multi', column: 'Q3', separator: ',', options: ['Dark mode', 'Notifications', 'Widgets', 'Offline sync'] },
  );
  assert.deepEqual(byId.get('Q2')!['items'], [
    { id: 'app_easy_use', label: 'The app is easy to use', column: 'Q2_1' },
    { id: 'app_fast', label: 'The app is fast', column: 'Q2_2' },
    { id: 'i_recommend_app', label: 'I would recommend the app', column: 'Q2_3' },
  ]);
  assert.equal(byId.get('Q2')!['scale'], 'agreement');
  assert.equal(byId.get('ResponseId')!['type'], 'pii');
  // Blank and duplicate header names cannot be referenced by name: column numbers instead.
  const dup = parseYaml((await run(['init', 'fixtures/flavours/special-headers.csv'])).out) as { questions: Record<string, unknown>[] };
  assert.deepEqual(
    dup.questions.map((q) => q['column']),
    ['__proto__', 'constructor', 'toString', 4, 5, 6, 'hasOwnProperty'],
  );
  // Google grid items by their whole header; SurveyMonkey option columns (blank first-row cells) by number.
  const gf = parseYaml((await run(['init', GF])).out) as { questions: Record<string, unknown>[] };
  assert.deepEqual(
    (gf.questions.find((q) => q['id'] === 'much_agree_each_statement')!['items'] as Record<string, unknown>[]).map((i) => i['column']),
    ['How much do you agree with each statement? [The policy is clear]', 'How much do you agree with each statement? [I trust the company]', 'How much do you agree with each statement? [I will keep using the app]'],
  );
  const sm = parseYaml((await run(['init', 'fixtures/flavours/surveymonkey.csv'])).out) as { questions: Record<string, unknown>[] };
  assert.deepEqual(
    (sm.questions.find((q) => q['id'] === 'these_fruits_eat_least_once')!['items'] as Record<string, unknown>[]).map((i) => i['column']),
    // The "Other (please specify)" column is an option too (typed in is chosen), and its text a question of its own.
    [10, 11, 12, 13],
  );
  assert.equal(sm.questions.find((q) => q['id'] === 'age')!['column'], 'What is your age?');
});

test('init: answers off the scale (N/A) get a comment saying how to take them out of the base, which works as it says', async () => {
  const r = await run(['init', 'fixtures/fivethirtyeight/star-wars-survey/StarWars.csv']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^ {6}- Unfamiliar \(N\/A\)\n {6}# missing: \["Unfamiliar \(N\/A\)"\] would leave it out of the base/m);
  // Uncommented, it does: the grid's items are based on those who rated.
  const spec = join(scratch, 'sw-missing.yaml');
  writeFileSync(spec, r.out.replace('file: fixtures/', `file: ${fromRoot('fixtures')}/`).replace(/^( {6})# (missing: .*) would leave .*$/m, '    $2'));
  const out = await run(['report', spec, '--format', 'json']);
  assert.equal(out.code, 0, out.err);
  const han = (JSON.parse(out.out) as AnalysisResult).tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.item === 'Han Solo')!;
  assert.ok(!han.rows.some((row) => row.label === 'Unfamiliar (N/A)'));
});

test("NA written by R in many columns: no answer, said so; init writes it as the study's missing code, and report bases agree", async () => {
  const data = 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv';
  const a = await run(['analyze', data, '--format', 'json']);
  assert.equal(a.code, 0, a.err);
  const result = JSON.parse(a.out) as AnalysisResult;
  assert.ok(result.diagnostics.some((d) => d.code === 'SURVEY_NA_MISSING' && d.level === 'info'));
  const q0014 = (r: AnalysisResult) => r.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.question === 'q0014')!;
  // 735 respondents were not asked (not employed): the base is the 880 who were.
  assert.deepEqual([q0014(result).base, q0014(result).missing, q0014(result).rows.some((r) => r.label === 'NA')], [880, 735, false]);
  const init = await run(['init', data]);
  assert.match(init.out, /^# NA: .*\nmissing:\n {2}- NA\nquestions:/m);
  const spec = join(scratch, 'masculinity.yaml');
  writeFileSync(spec, init.out.replace('file: fixtures/', `file: ${fromRoot('fixtures')}/`));
  const r = await run(['report', spec, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const reported = q0014(JSON.parse(r.out) as AnalysisResult);
  assert.deepEqual(reported.rows, q0014(result).rows);
});

test('analyze --weight: tables weighted as R survey weighs them; without it, a column named weight is pointed out', async () => {
  const data = 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv';
  const R = JSON.parse(readFileSync(fromRoot('tests/oracles/output/survey-stats.json'), 'utf8'));
  const r = await run(['analyze', data, '--weight', 'weight', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult & { weights: { effectiveBase: number; question: string } };
  assert.equal(result.weights.question, 'weight');
  assert.ok(Math.abs(result.weights.effectiveBase - R.weightsSummary.kishNeff) < 1e-6);
  const q0001 = result.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.question === 'q0001')!;
  for (const [label, c] of Object.entries(R.weighted.q0001.categories) as [string, { weightedProportion: number }][]) {
    assert.ok(Math.abs(q0001.rows.find((row) => row.label === label)!.percent! / 100 - c.weightedProportion) < 1e-9, label);
  }
  // The weights themselves are not tabulated; dates count respondents, not weights.
  const of = (id: string) => result.tables.filter((t) => t.kind !== 'crosstab' && t.kind !== 'banner' && t.question === id);
  assert.equal(of('weight').length, 0);
  const start = of('startdate')[0] as { n: number };
  assert.equal(start.n, 1615);
  const plain = JSON.parse((await run(['analyze', data, '--format', 'json'])).out) as AnalysisResult;
  assert.match(plain.diagnostics.find((d) => d.code === 'SURVEY_WEIGHT_UNUSED')?.message ?? '', /'weight' looks like a column of weights: .*--weight weight/);
  assert.ok(!result.diagnostics.some((d) => d.code === 'SURVEY_WEIGHT_UNUSED'));
  assert.match((await run(['analyze', data, '--weight', 'weight'])).out, /^Weighted by 'weight': effective base 526\.2, design effect 3\.07/m);
  const wrong = await run(['analyze', data, '--weight', 'age3']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /error SURVEY_OPTION_INVALID: --weight: 'age3' is a choice question; weights must be numbers/);
  const item = await run(['analyze', data, '--weight', 'q0007.q0007_0001']);
  assert.equal(item.code, 2);
  assert.match(item.err, /error SURVEY_OPTION_INVALID: --weight: 'q0007\.q0007_0001' is a grid's item/);
});

test('analyze --weight with a negative weight: exit 3 naming the file, the line and column of the first, and how many; rows --where leaves out are not counted', async () => {
  const file = join(scratch, 'negative-weights.csv');
  writeFileSync(file, ['answer,score,wt', 'Yes,1,1.5', 'No,2,-2', 'Yes,3,', 'No,4,0.5', 'Yes,5,-0.25', 'No,6,1'].join('\n') + '\n');
  const r = await run(['analyze', file, '--weight', 'wt']);
  assert.equal(r.code, 3, r.err);
  assert.equal(r.out, '');
  assert.equal(r.err, `${file}:3:3: error SURVEY_WEIGHT_NEGATIVE: weight 'wt' is -2 here, and negative in 2 kept rows in all: a sampling weight is 0 or more\n  hint: correct the weights, or blank them (a blank weight counts with weight 0, with a warning); a negative weight is no sampling weight (Stata refuses it; R's survey would use it as it is)\n`);
  const one = await run(['analyze', file, '--weight', 'wt', '--where', 'score != 2']);
  assert.equal(one.code, 3, one.err);
  assert.match(one.err, /:6:3: error SURVEY_WEIGHT_NEGATIVE: weight 'wt' is -0\.25 here, the one kept row with a negative weight: /);
  const none = await run(['analyze', file, '--weight', 'wt', '--where', 'score != 2 and score != 5', '--format', 'json']);
  assert.equal(none.code, 0, none.err);
});

test("a spec's export that is not there: named at the spec's line, with where it was looked for and the closest file", async () => {
  const dir = join(scratch, 'missing-input');
  mkdirSync(join(dir, 'study'), { recursive: true });
  writeFileSync(join(dir, 'study', 'flying-etiquette.csv'), 'a,b\n1,2\n');
  writeFileSync(join(dir, 'study', 'survey.yaml'), 'version: 1\ninput:\n  file: flying_etiquette.csv\n');
  const r = await run(['report', 'study/survey.yaml'], { cwd: dir });
  assert.equal(r.code, 4);
  assert.equal(
    r.err,
    'study/survey.yaml:3: error SURVEY_IO_READ: input.file: no such file "flying_etiquette.csv" (looked for at study/flying_etiquette.csv, from the spec\'s folder)\n  hint: did you mean "flying-etiquette.csv"?\n',
  );
});

test('init -o: writes the spec to a file, with the export path relative to it', async () => {
  const target = join(scratch, 'spec', 'survey.yaml');
  const r = await run(['init', GF, '-o', target]);
  assert.deepEqual(r, { code: 0, out: '', err: '' });
  const spec = parseYaml(readFileSync(target, 'utf8')) as { input: { file: string } };
  assert.ok(validateSpec(spec));
  assert.ok(spec.input.file.endsWith('fixtures/flavours/google-forms.csv'));
  assert.ok(!spec.input.file.startsWith('/'), spec.input.file);
});

test('init then report: the spec reproduces every table analyze makes, for every flavour', async () => {
  const summary = (tables: Table[]) =>
    tables.map((t) => {
      if (t.kind === 'frequency') return [t.question, t.item ?? '', t.base, t.missing, t.rows.map((r) => [r.label, r.count])];
      if (t.kind === 'numeric') return [t.question, t.n, t.missing, t.mean];
      if (t.kind === 'text') return [t.question, t.n, t.missing, t.distinct];
      if (t.kind === 'crosstab') return [t.row, t.column, t.counts];
      return [t.label, t.sections.map((s) => s.counts)];
    });
  const dir = fromRoot('fixtures', 'flavours');
  for (const f of readdirSync(dir).filter((x) => /\.(csv|tsv|txt)$/.test(x))) {
    const spec = join(scratch, 'roundtrip', `${f}.yaml`);
    const init = await run(['init', `fixtures/flavours/${f}`, '-o', spec]);
    assert.equal(init.code, 0, `${f}: ${init.err}`);
    const report = await run(['report', spec, '--format', 'json']);
    assert.equal(report.code, 0, `${f}: ${report.err}`);
    const analyze = await run(['analyze', `fixtures/flavours/${f}`, '--format', 'json']);
    assert.deepEqual(summary((JSON.parse(report.out) as AnalysisResult).tables), summary((JSON.parse(analyze.out) as AnalysisResult).tables), f);
  }
});

// --------------------------------------------------------------- errors ----

/** [file, exit code, error code, line or null, has a hint] */
const BROKEN: [string, number, string, number | string | null, boolean][] = [
  ['fixtures/broken/unclosed_quote_broken.csv', 3, 'SURVEY_CSV_QUOTE_NOT_CLOSED', '5:3', true],
  ['fixtures/broken/ragged_row_broken.csv', 3, 'SURVEY_CSV_RAGGED_ROW', '5:4', true],
  ['fixtures/broken/crlf_ragged_row_broken.csv', 3, 'SURVEY_CSV_RAGGED_ROW', '5:4', true],
  ['fixtures/broken/short_row_broken.csv', 3, 'SURVEY_CSV_RAGGED_ROW', 5, true],
  ['fixtures/broken/empty_broken.csv', 3, 'SURVEY_CSV_EMPTY', null, false],
  ['fixtures/broken/header_only_broken.csv', 3, 'SURVEY_CSV_HEADER_ONLY', null, false],
  ['fixtures/broken/binary_broken.csv', 3, 'SURVEY_CSV_BINARY', null, false],
  ['fixtures/broken/xlsx_broken.csv', 3, 'SURVEY_XLSX_UNREADABLE', null, true],
  ['fixtures/broken/xls_broken.csv', 3, 'SURVEY_CSV_NOT_CSV', null, true],
  ['fixtures/broken/html_broken.csv', 3, 'SURVEY_CSV_NOT_CSV', null, false],
  ['fixtures/broken/does-not-exist.csv', 4, 'SURVEY_IO_READ', null, false],
];

/** One `file[:line]: error CODE: message` line, then at most a hint; no stack trace, nothing on stdout. */
function assertErrorLine(r: Run, file: string, exit: number, code: string, line: number | string | null, hint: boolean): void {
  assert.equal(r.code, exit, `${file}: exit code`);
  assert.equal(r.out, '', `${file}: stdout`);
  const where = line === null ? file : `${file}:${line}`;
  assert.ok(r.err.startsWith(`${where}: error ${code}: `), `${file}: ${JSON.stringify(r.err)}`);
  assert.ok(r.err.endsWith('\n'));
  const lines = r.err.slice(0, -1).split('\n');
  assert.equal(lines.length, hint ? 2 : 1, `${file}: ${JSON.stringify(r.err)}`);
  if (hint) assert.match(lines[1]!, /^ {2}hint: \S/);
  assert.ok(!r.err.includes(STACK), `${file}: stack trace`);
  assert.ok(!CONTROL.test(r.err));
}

for (const [file, exit, code, line, hint] of BROKEN) {
  test(`analyze ${file.split('/').pop()}: exit ${exit}, ${code}${line === null ? '' : ` at line ${line}`}`, async () => {
    assertErrorLine(await run(['analyze', file]), file, exit, code, line, hint);
  });
}

test('init on a broken export fails the same way', async () => {
  const [file, exit, code, line, hint] = BROKEN[0]!;
  assertErrorLine(await run(['init', file]), file, exit, code, line, hint);
});

test('the messages say what is wrong', async () => {
  const err = async (file: string) => (await run(['analyze', file])).err;
  assert.match(await err('fixtures/broken/ragged_row_broken.csv'), /this row has 4 fields but the header has 3 \(field 4 is the first past the header's last column\)\n {2}hint: a field holds an unquoted delimiter: quote it\n$/);
  assert.match(await err('fixtures/broken/short_row_broken.csv'), /this row has 2 fields but the header has 3: none for 'Comments'\n/);
  assert.match(await err('fixtures/broken/xlsx_broken.csv'), /Excel/);
  assert.match(await err('fixtures/broken/html_broken.csv'), /HTML page/);
  assert.match(await err('fixtures/broken/does-not-exist.csv'), /ENOENT/);
});

test('a row cut short names the columns it has no field for: three at most, each on one line and cut to 40 characters, blank headers by number, contact details masked', async () => {
  const file = join(scratch, 'short-named.csv');
  const long = `Please tell us, in as much detail as you like,\nwhy ${'very '.repeat(2000)}much`;
  writeFileSync(file, `gender,age,colour,city\nMale,34,red,Paris\nFemale,22\n`);
  let r = await run(['analyze', file]);
  assert.equal(r.code, 3);
  assert.equal(r.err.split('\n')[0], `${file}:3: error SURVEY_CSV_RAGGED_ROW: this row has 2 fields but the header has 4: none for 'colour' and 'city'`);
  writeFileSync(file, `a,b,"${long}",,Call me: jo@example.com,f,g\n1,2,3,4,5,6,7\n1\n`);
  r = await run(['analyze', file]);
  assert.equal(r.code, 3);
  assert.equal(r.err.split('\n')[0], `${file}:4: error SURVEY_CSV_RAGGED_ROW: this row has 1 field but the header has 7: none for 'b', 'Please tell us, in as much detail as yo…', 'column 4' and 3 more`);
  writeFileSync(file, `a,b,Call me: jo@example.com\n1,2,3\n1,2\n`);
  r = await run(['analyze', file]);
  assert.match(r.err, /none for 'Call me: \[e-mail\]'\n/);
  assert.ok(!r.err.includes('jo@example.com'));
  // An address past the 40th character: masked before the name is cut, so no part of it is printed.
  writeFileSync(file, `a,b,Or write to the organiser at survey.organiser@example.org\n1,2,3\n1,2\n`);
  r = await run(['analyze', file]);
  assert.match(r.err, /none for 'Or write to the organiser at \[e-mail\]'\n/);
  assert.ok(!r.err.includes('survey.organiser'), r.err);
});

test('an unknown flag: exit 2, one line with the stable code SURVEY_USAGE, no stack trace', async () => {
  const r = await run(['analyze', '--frobnicate', GF]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
  assert.match(r.err, /^error SURVEY_USAGE: .*--frobnicate/);
  assert.ok(!r.err.includes(STACK));
});

test('other usage errors: bad values, a missing argument, an unknown command: exit 2', async () => {
  for (const argv of [
    ['analyze', GF, '--format', 'xml'],
    ['analyze', GF, '--header-rows', '4'],
    ['analyze', GF, '--delimiter', 'x'],
    ['analyze', GF, '--encoding', 'latin-9'],
    ['analyze'],
    ['frobnicate'],
  ]) {
    const r = await run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    assert.match(r.err, /^error SURVEY_USAGE: \S/, argv.join(' '));
    assert.equal(r.err.trimEnd().split('\n').length, 1, r.err);
    assert.ok(!r.err.includes(STACK), argv.join(' '));
  }
});

// ------------------------------------------------------------------ PII ----

/** Non-blank cells of the given 0-based columns of a fixture's data rows. */
function cells(file: string, columns: number[], headerRows = 1, delimiter = ','): string[] {
  const rows = parseCsv(readFileSync(fromRoot(file)), { relax_column_count: true, delimiter }) as string[][];
  return rows
    .slice(headerRows)
    .flatMap((r) => columns.map((c) => r[c] ?? ''))
    .filter((v) => v !== '');
}

const PII: [file: string, values: string[]][] = [
  ['fixtures/flavours/pii.csv', cells('fixtures/flavours/pii.csv', [0, 1, 2, 3, 4, 5, 6, 7, 8])],
  [GF, cells(GF, [1])],
  ['fixtures/flavours/surveymonkey.csv', cells('fixtures/flavours/surveymonkey.csv', [0, 1, 4, 5, 6, 7], 2)],
  ['fixtures/flavours/qualtrics.csv', cells('fixtures/flavours/qualtrics.csv', [3, 8, 13, 14], 3)],
  // The sep= line and the header: two rows to skip.
  ['fixtures/flavours/excel-sep.csv', cells('fixtures/flavours/excel-sep.csv', [3, 4], 2, ';')],
];

test('personal data never appears in any output format, nor in init', async () => {
  assert.equal(PII[0]![1].length, 108);
  assert.equal(PII[1]![1].length, 14);
  assert.equal(PII[2]![1].length, 12 * 3 + 3 * 3);
  assert.equal(PII[3]![1].length, 48);
  assert.equal(PII[4]![1].length, 18);
  for (const [file, values] of PII) {
    for (const argv of [['analyze', file], ['analyze', file, '--format', 'json'], ['analyze', file, '--format', 'csv'], ['analyze', file, '--format', 'md'], ['init', file]]) {
      const r = await run(argv);
      assert.equal(r.code, 0, argv.join(' '));
      for (const v of values) {
        assert.ok(!r.out.includes(v), `${argv.join(' ')}: "${v}" on stdout`);
        assert.ok(!r.err.includes(v), `${argv.join(' ')}: "${v}" on stderr`);
      }
    }
  }
});

test('personal data is named as withheld, and never written by --out', async () => {
  const r = await run(['analyze', 'fixtures/flavours/pii.csv']);
  assert.match(r.out, /Withheld as personal data/);
  for (const column of ['Respondent ID', 'First Name', 'Email', 'Phone', 'IP Address', 'Contact details', 'How can we reach you?', 'Connected from']) {
    assert.ok(r.out.includes(column), column);
  }
  const out = join(scratch, 'pii-out');
  // Read by its full path, as a user's /Users/jane.doe/... would be: published files name only the file.
  const written = await run(['analyze', fromRoot('fixtures/flavours/pii.csv'), '--out', out, '--format', 'json']);
  assert.equal(written.code, 0, written.err);
  const files = (readdirSync(out, { recursive: true }) as string[]).filter((f) => statSync(join(out, f)).isFile()).sort();
  for (const f of ['results.json', 'tables.csv', 'tables.md']) assert.ok(files.includes(f), `${f} in ${files.join(' ')}`);
  for (const f of files) {
    const text = readFileSync(join(out, f), 'utf8');
    for (const v of PII[0]![1]) assert.ok(!text.includes(v), `${f}: ${v}`);
    assert.ok(!text.includes(fromRoot('fixtures')), `${f} names the folders the export was read from`);
  }
  assert.ok(readFileSync(join(out, 'report.html'), 'utf8').includes('pii.csv'));
});

// ------------------------------------------------- terminals and colour ----

test('terminal control characters in data never reach text and Markdown output: each is shown as its picture, escape sequences too', async () => {
  for (const format of ['text', 'md']) {
    const r = await run(['analyze', 'fixtures/flavours/control-chars.csv', '--format', format]);
    assert.equal(r.code, 0);
    assert.ok(!CONTROL.test(r.out), `${format}: ${JSON.stringify(r.out.match(CONTROL))}`);
    assert.ok(r.out.includes('Favourite'), format);
    assert.match(r.out, /Red/, format);
    assert.match(r.out, /Green/, format);
  }
  const text = (await run(['analyze', 'fixtures/flavours/control-chars.csv'])).out;
  // Shown, not dropped: a red "Red" stays apart from a plain one.
  assert.match(text, /^\s+\u241b\[31mRed\u241b\[0m\s+5\s+41\.7%/m);
  // "Green" followed by a BEL: shown as ␇, so that it never reads as another "Green".
  assert.match(text, /^\s+Green\u2407\s+3\s+25\.0%/m);
  assert.match(text, /^Favourite \u241b\[2Jcolour \[/m);
});

test('terminal control characters in data are stripped from --format csv on a terminal', async () => {
  const r = await run(['analyze', 'fixtures/flavours/control-chars.csv', '--format', 'csv'], { isTTY: true });
  assert.equal(r.code, 0);
  const lines = r.out.replace(/\r\n/g, '\n');
  assert.ok(!CONTROL.test(lines), JSON.stringify(lines.match(CONTROL)));
});

test('terminal control characters in a file name never reach error messages', async () => {
  const r = await run(['analyze', 'fixtures/broken/\u001b[2Jnope\u0007.csv']);
  assert.equal(r.code, 4);
  assert.ok(!CONTROL.test(r.err), JSON.stringify(r.err));
  assert.match(r.err, /broken\/\u241b\[2Jnope\u2407\.csv: error SURVEY_IO_READ/);
});

const ANSI = '\u001b[';

test('colour on a terminal; never with NO_COLOR, --no-color, or when piped', async () => {
  const tty = await run(['analyze', GF], { isTTY: true });
  assert.ok(tty.out.includes(ANSI), 'a terminal gets colour');
  const noColor = await run(['analyze', GF], { isTTY: true, env: { NO_COLOR: '1' } });
  assert.ok(!noColor.out.includes(ANSI), 'NO_COLOR=1');
  const both = await run(['analyze', GF], { isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
  assert.ok(!both.out.includes(ANSI), 'NO_COLOR wins over FORCE_COLOR');
  const flag = await run(['analyze', GF, '--no-color'], { isTTY: true });
  assert.ok(!flag.out.includes(ANSI), '--no-color');
  const piped = await run(['analyze', GF]);
  assert.ok(!piped.out.includes(ANSI), 'a pipe');
  const forced = await run(['analyze', GF], { env: { FORCE_COLOR: '1' } });
  assert.ok(forced.out.includes(ANSI), 'FORCE_COLOR on a pipe');
  // Same text apart from the escapes.
  // eslint-disable-next-line no-control-regex
  assert.equal(tty.out.replace(/\u001b\[[0-9;]*m/g, ''), piped.out);
});

test('NO_COLOR is respected on stderr too', async () => {
  const tty = await run(['analyze', 'fixtures/broken/empty_broken.csv'], { isTTY: true });
  assert.ok(tty.err.includes(ANSI));
  const noColor = await run(['analyze', 'fixtures/broken/empty_broken.csv'], { isTTY: true, env: { NO_COLOR: '1' } });
  assert.equal(noColor.err, 'fixtures/broken/empty_broken.csv: error SURVEY_CSV_EMPTY: the file is empty\n');
});

test('slashed dates all on days 1-12: read month-first and said to be a guess; init writes the order out; a spec that sets it hears no more', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-dates-'));
  try {
    writeFileSync(join(dir, 'uk.csv'), 'Timestamp,Q1\n05/01/2021 10:00:00,Yes\n06/01/2021 11:00:00,No\n11/01/2021 12:00:00,Yes\n');
    const analyzed = await run(['analyze', join(dir, 'uk.csv')]);
    assert.match(analyzed.err + analyzed.out, /Timestamp: every date reads both ways \(day and month both 12 or under\), so they are read month-first, as in the US \(05\/01 is May 1\); give the question dateOrder: dmy/);
    const init = await run(['init', join(dir, 'uk.csv')]);
    const spec = parseYaml(init.out) as { questions: { id: string; dateOrder?: string }[] };
    assert.equal(spec.questions.find((q) => q.id === 'timestamp')?.dateOrder, 'mdy');
    writeFileSync(join(dir, 'survey.yaml'), init.out.replace('dateOrder: mdy', 'dateOrder: dmy').replace(/file: .*/, 'file: uk.csv'));
    const report = await run(['report', join(dir, 'survey.yaml'), '--format', 'json']);
    assert.equal(report.code, 0, report.err);
    const result = JSON.parse(report.out) as AnalysisResult;
    assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SURVEY_DATE_ORDER_GUESSED'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out is named as it was given when the files are written', async () => {
  const out = join(scratch, 'named-out');
  const r = await run(['report', 'fixtures/whatsapp-privacy-2021/survey.yaml', '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, new RegExp(`wrote \\d+ files to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
  // A donut leaves its net out by design: the chart says so, and the run is not warned of it each time.
  assert.doesNotMatch(r.err, /SURVEY_CHART/);
  assert.match(readFileSync(join(out, 'charts', 'graph4.svg'), 'utf8'), /Not drawn: the net /);
});

test('a file that reads as one column (a README, a missed delimiter) is warned about', async () => {
  const notes = join(scratch, 'notes.md');
  writeFileSync(notes, '# Steak survey\n\nThe data behind the story.\n\nSee the article.\n');
  const r = await run(['analyze', notes]);
  assert.equal(r.code, 0);
  assert.match(r.err, /warning SURVEY_ONE_COLUMN: the file reads as one column \(delimiter ","\)/);
  assert.doesNotMatch((await run(['analyze', GF])).err, /SURVEY_ONE_COLUMN/);
});

test('a table of published results (masculinity-survey.csv) is warned about first; its raw responses are not', async () => {
  const r = await run(['analyze', 'fixtures/fivethirtyeight/masculinity-survey/masculinity-survey.csv']);
  assert.equal(r.code, 0);
  assert.match(r.err.split('\n')[0]!, /^warning SURVEY_RESULTS_TABLE: 10 of the file's 12 columns hold percentages \("37%"\), as a table of published results does/);
  const json = await run(['analyze', 'fixtures/fivethirtyeight/masculinity-survey/masculinity-survey.csv', '--format', 'json']);
  assert.equal((JSON.parse(json.out) as AnalysisResult).diagnostics[0]?.code, 'SURVEY_RESULTS_TABLE');
  assert.doesNotMatch((await run(['analyze', 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv'])).err, /SURVEY_RESULTS_TABLE/);
});

test('init says what analyze warns of about the file (published results, one column) on stderr, and writes the spec as before', async () => {
  const file = 'fixtures/fivethirtyeight/masculinity-survey/masculinity-survey.csv';
  const r = await run(['init', file]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /^warning SURVEY_RESULTS_TABLE: 10 of the file's 12 columns hold percentages \("37%"\), as a table of published results does/);
  assert.doesNotMatch(r.out, /SURVEY_RESULTS_TABLE|warning/);
  assert.ok(validateSpec(parseYaml(r.out)));
  // -o: the spec in the file, the warning on stderr.
  const target = join(scratch, 'published.yaml');
  const o = await run(['init', file, '-o', target]);
  assert.equal(o.out, '');
  assert.match(o.err, /^warning SURVEY_RESULTS_TABLE: /);
  const written = readFileSync(target, 'utf8');
  assert.doesNotMatch(written, /SURVEY_RESULTS_TABLE|warning/);
  assert.ok(validateSpec(parseYaml(written)));
  const notes = join(scratch, 'init-notes.md');
  writeFileSync(notes, '# Steak survey\n\nThe data behind the story.\n\nSee the article.\n');
  assert.match((await run(['init', notes])).err, /^warning SURVEY_ONE_COLUMN: the file reads as one column/);
  // Notes (info) are not repeated: the spec writes them out (missing: [NA]).
  assert.equal((await run(['init', 'fixtures/fivethirtyeight/masculinity-survey/raw-responses.csv'])).err, '');
});

test("thanksgiving's lone checkbox column: Macy's Parade is 502 of the 1,058 respondents, not 100% of those who ticked it", async () => {
  const r = await run(['analyze', 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv', '--format', 'json']);
  const t = (JSON.parse(r.out) as AnalysisResult).tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === 'will_watch_any_following_programs')!;
  assert.deepEqual([t.type, t.base, t.rows[0]!.label, t.rows[0]!.count, t.oneCheckbox], ['multi', 1058, "Macy's Parade", 502, true]);
  const text = await run(['analyze', 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv']);
  assert.match(text.out, /Macy's Parade +502 +47\.4%.*\n {2}Base: 1058 respondents \(one checkbox, which cannot tell a blank from a skip: everyone is in the base, and \"Not ticked\" counts everyone who left the box blank, including anyone who was never shown it\)\n/);
  // No "% answ." column: one option's answers are all of them (100%).
  assert.match(text.out, /\[will_watch_any_following_programs\]\n {2}Answer +Count +%\n/);
  // A crosstab's long row labels take three lines before they are cut: the end that tells them apart stays.
  const by = await run(['analyze', 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv', '--by', 'What is your gender?']);
  assert.match(by.out, /Thanksgiving is out of town but +[\d.]+%.*\n {2}not too far--it's a drive of a\n {2}few hours or less\n/);
  // Markdown says it too, not "0 missing".
  const md = await run(['analyze', 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv', '--format', 'md']);
  assert.match(md.out, /\| Macy's Parade \| 502 \| 47\.4% \|.*\n\nBase: 1058 respondents \(one checkbox, which cannot tell a blank from a skip: everyone is in the base, and \"Not ticked\" counts everyone who left the box blank, including anyone who was never shown it\)\./);
});

test("a lone checkbox down a crosstab's side is tested, ticked or not, as a yes/no question would be (weighted too)", async () => {
  const file = 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv';
  const r = await run(['analyze', file, '--by', 'describe_where_live', '--format', 'json']);
  const t = (JSON.parse(r.out) as AnalysisResult).tables.find((x): x is CrosstabTable => x.kind === 'crosstab' && x.row === 'will_watch_any_following_programs')!;
  // scipy's chi2_contingency([[267, 114, 119], [229, 122, 97]], correction=False): ticked, and not, by suburban, urban, rural.
  assert.ok(t.stats, 'tested');
  assert.ok(Math.abs(t.stats.chi2 - 2.5786554282524925) < 1e-9 && Math.abs(t.stats.p - 0.2754559059694567) < 1e-9, JSON.stringify(t.stats));
  assert.equal(t.stats.df, 2);
  const text = await run(['analyze', file, '--by', 'describe_where_live']);
  assert.match(text.out, /Macy's Parade +53\.8% +48\.3% +55\.1% +52\.7%\n.*\n {2}One checkbox, which cannot tell [^\n]*\n {2}[^\n]*never shown it\.\n {2}chi-square = 2\.58, df = 2, p = 0\.275/);
  // Weighted: the Rao-Scott test of the same answers written as a yes/no question.
  const rows = Array.from({ length: 40 }, (_, i) => [100 + i, i % 3 === 0 || i % 5 === 0, i % 2 ? 'North' : 'South', 1 + (i % 4) * 0.5] as const);
  writeFileSync(join(scratch, 'box.csv'), ['RespondentID,Will you watch any of the following programs? Please select all that apply. - Parade,Region,wt', ...rows.map(([id, x, g, w]) => `${id},${x ? 'Parade' : ''},${g},${w}`)].join('\n'));
  writeFileSync(join(scratch, 'yesno.csv'), ['RespondentID,Watch,Region,wt', ...rows.map(([id, x, g, w]) => `${id},${x ? 'Yes' : 'No'},${g},${w}`)].join('\n'));
  const stats = async (f: string) => (JSON.parse((await run(['analyze', join(scratch, f), '--by', 'Region', '--weight', 'wt', '--format', 'json'])).out) as AnalysisResult).tables.find((x): x is CrosstabTable => x.kind === 'crosstab')!.stats;
  const [box, yesNo] = [await stats('box.csv'), await stats('yesno.csv')];
  assert.ok(box && yesNo);
  assert.deepEqual(box, yesNo);
});

test('--by a lone checkbox: respondents split into ticked and not ticked, tested as a yes/no question would be (weighted too)', async () => {
  const file = 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv';
  const r = await run(['analyze', file, '--by', 'will_watch_any_following_programs', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const t = (JSON.parse(r.out) as AnalysisResult).tables.find((x): x is CrosstabTable => x.kind === 'crosstab' && x.row === 'describe_where_live')!;
  assert.deepEqual(t.columnLabels, ["Macy's Parade", 'Not ticked']);
  // The same respondents as the test with the checkbox down the side: scipy's chi2_contingency([[267, 229], [114, 122], [119, 97]], correction=False).
  assert.deepEqual(t.counts.map((row) => row), [[267, 229], [114, 122], [119, 97]]);
  assert.equal(t.multi, undefined);
  assert.ok(t.stats, 'tested');
  assert.ok(Math.abs(t.stats.chi2 - 2.5786554282524925) < 1e-9 && Math.abs(t.stats.p - 0.2754559059694567) < 1e-9, JSON.stringify(t.stats));
  // Everyone answering the row question is in one column or the other: the columns add up to the Total.
  assert.equal(t.columnBases[0]! + t.columnBases[1]!, t.base);
  const text = await run(['analyze', file, '--by', 'will_watch_any_following_programs']);
  assert.match(text.out, /\[celebrate_thanksgiving x will_watch_any_following_programs\]\n {2}column % +Macy's Parade +Not ticked +Total\n {2}Yes +100\.0% +86\.0% +92\.6%\n.*\n {2}Base \(n\) +502 +556 +1058\n {2}One checkbox, which cannot tell [^\n]*\n {2}[^\n]*never shown it\.\n {2}chi-square = /);
  // Weighted, and in a banner: the Rao-Scott test and the columns of the same answers written as a yes/no question.
  const rows = Array.from({ length: 40 }, (_, i) => [100 + i, i % 3 === 0 || i % 5 === 0, i % 2 ? 'North' : 'South', 1 + (i % 4) * 0.5] as const);
  writeFileSync(join(scratch, 'box-by.csv'), ['RespondentID,Will you watch any of the following programs? Please select all that apply. - Parade,Region,wt', ...rows.map(([id, x, g, w]) => `${id},${x ? 'Parade' : ''},${g},${w}`)].join('\n'));
  writeFileSync(join(scratch, 'yesno-by.csv'), ['RespondentID,Watch,Region,wt', ...rows.map(([id, x, g, w]) => `${id},${x ? 'Yes' : 'No'},${g},${w}`)].join('\n'));
  const crosstab = async (f: string, by: string) => (JSON.parse((await run(['analyze', join(scratch, f), '--by', by, '--weight', 'wt', '--format', 'json'])).out) as AnalysisResult).tables.find((x): x is CrosstabTable => x.kind === 'crosstab' && x.row === 'region')!;
  const [box, yesNo] = [await crosstab('box-by.csv', 'will_watch_any_following_programs'), await crosstab('yesno-by.csv', 'watch')];
  assert.ok(box.stats && yesNo.stats);
  assert.deepEqual(box.stats, yesNo.stats);
  assert.deepEqual(box.counts, yesNo.counts);
  writeFileSync(join(scratch, 'box-banner.yaml'), `version: 1\ninput: { file: box-by.csv }\ntables:\n  - { type: banner, rows: [region], columns: [will_watch_any_following_programs] }\n`);
  const banner = await run(['report', join(scratch, 'box-banner.yaml'), '--format', 'json']);
  assert.equal(banner.code, 0, banner.err);
  const b = (JSON.parse(banner.out) as AnalysisResult).tables.find((x) => x.kind === 'banner')!;
  assert.deepEqual(b.kind === 'banner' && b.columns.map((c) => c.label), ['Total', 'Parade', 'Not ticked']);
});

test('a multi-select of which the export kept one answer counts each respondent once: no "more than one row" note, as for a single choice', async () => {
  writeFileSync(join(scratch, 'one-app.csv'), ['Apps,Group', ...Array.from({ length: 40 }, (_, i) => `${i < 25 ? 'Signal' : ''},${i % 2 ? 'A' : 'B'}`)].join('\n'));
  writeFileSync(join(scratch, 'one-app.yaml'), 'version: 1\ninput: { file: one-app.csv }\nquestions:\n  - { id: apps, column: Apps, type: multi, separator: ", " }\ntables:\n  - { type: crosstab, row: apps, column: group }\n  - { type: crosstab, row: group, column: apps }\n');
  const r = await run(['report', join(scratch, 'one-app.yaml')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\[apps x group\]\n.*\n {2}Signal +100\.0% +100\.0% +100\.0%\n {2}Base \(n\) +12 +13 +25\n\n/);
  assert.doesNotMatch(r.out, /more than one row/);
  const json = JSON.parse((await run(['report', join(scratch, 'one-app.yaml'), '--format', 'json'])).out) as AnalysisResult;
  for (const t of json.tables) if (t.kind === 'crosstab') assert.equal(t.multi, undefined, t.label);
  // Two answers: a respondent can give both, and the note stays.
  writeFileSync(join(scratch, 'two-apps.csv'), ['Apps,Group', ...Array.from({ length: 40 }, (_, i) => `"${i < 25 ? 'Signal' : i < 30 ? 'Signal, WhatsApp' : 'WhatsApp'}",${i % 2 ? 'A' : 'B'}`)].join('\n'));
  writeFileSync(join(scratch, 'two-apps.yaml'), readFileSync(join(scratch, 'one-app.yaml'), 'utf8').replace('one-app.csv', 'two-apps.csv'));
  assert.match((await run(['report', join(scratch, 'two-apps.yaml')])).out, /multi-select: a respondent can be counted in more than one row or column, so no chi-square test/);
});

test('a joined multi-select of which one answer was given is no lone checkbox: those who left it blank are missing, as the outputs say', async () => {
  writeFileSync(join(scratch, 'apps.csv'), ['Apps,Age', ...Array.from({ length: 40 }, (_, i) => `${i < 25 ? 'Signal' : ''},${20 + (i % 30)}`)].join('\n'));
  writeFileSync(join(scratch, 'apps.yaml'), 'version: 1\ninput: { file: apps.csv }\nquestions:\n  - { id: apps, column: Apps, type: multi, separator: ", " }\n');
  const md = await run(['report', join(scratch, 'apps.yaml'), '--format', 'md']);
  assert.match(md.out, /Base: 25 answering; 15 missing\./);
  assert.doesNotMatch(md.out, /one checkbox/);
});

test("--header-rows that would read a respondent's row as a header is refused, naming the line and column, never the address", async () => {
  writeFileSync(join(scratch, 'hdr.csv'), ['Timestamp,Email Address,Age', '2021/01/14 05:54:00 PM GMT+5:30,zk.private@example.org,30-44', '2021/01/14 06:00:00 PM GMT+5:30,mb@example.org,18-29'].join('\n'));
  const r = await run(['analyze', join(scratch, 'hdr.csv'), '--header-rows', '2']);
  assert.equal(r.code, 2);
  assert.match(r.err, /hdr\.csv:2:2: error SURVEY_OPTION_INVALID: 2 header rows were asked for, but this row holds an e-mail address \(column 2\): it is a respondent's answers, not a header/);
  assert.doesNotMatch(r.err + r.out, /zk\.private/);
});

test('a first row holding IP addresses is refused as a header when it is a respondent\'s (the column under it holds other addresses, or the row a timestamp), never naming the address', async () => {
  const cases: [string, string[]][] = [
    ['ip-export.csv', ['2021-01-14 17:54:00,10.0.0.1,18-29,Yes', '2021-01-14 18:00:00,192.168.4.20,30-44,No', '2021-01-14 18:02:00,172.16.0.9,18-29,No']],
    // No timestamp: the addresses under it say it is a column of addresses.
    ['ip-no-time.csv', ['R1,10.0.0.1,18-29,Yes', 'R2,192.168.4.20,30-44,No', 'R3,172.16.0.9,18-29,No']],
    // The same address below (one respondent twice), and a timestamp in the row.
    ['ip-same.csv', ['01/14/2021 05:54:00 PM,10.0.0.1,18-29,Yes', '01/14/2021 06:00:00 PM,10.0.0.1,30-44,No']],
    // Blank addresses below, and a day-first timestamp in the row.
    ['ip-blank-below.csv', ['Yes,10.0.0.1,14/01/2021 17:54,18-29', 'No,,14/01/2021 18:00,30-44']],
    // A file of one row: nothing under it to tell by.
    ['ip-one-row.csv', ['R1,10.0.0.1,18-29,Yes']],
  ];
  for (const [name, lines] of cases) {
    writeFileSync(join(scratch, name), lines.join('\n'));
    const r = await run(['analyze', join(scratch, name)]);
    assert.equal(r.code, 3, `${name}: ${r.err}`);
    const column = lines[0]!.split(',').indexOf('10.0.0.1') + 1;
    assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}:1:${column}: error SURVEY_CSV_NO_HEADER: the first row, read as the header, holds an IP address \\(column ${column}\\)`), name);
    assert.doesNotMatch(r.err + r.out, /10\.0\.0\.1/, `${name}: the address is never shown`);
  }
  // Asked for two header rows, the second a respondent's: refused as before.
  writeFileSync(join(scratch, 'ip-hdr.csv'), ['When,IP,Age', '2021-01-14 17:54:00,10.0.0.1,18-29', '2021-01-14 18:00:00,192.168.4.20,30-44'].join('\n'));
  const forced = await run(['analyze', join(scratch, 'ip-hdr.csv'), '--header-rows', '2']);
  assert.equal(forced.code, 2, forced.err);
  assert.match(forced.err, /ip-hdr\.csv:2:2: error SURVEY_OPTION_INVALID: 2 header rows were asked for, but this row holds an IP address \(column 2\)/);
});

test('a header naming an option "10.0.0.1" or "1.0.0.1" (a version, in a multi-select export) is read: the column under it repeats the label or is coded, and no cell of the row is a respondent\'s', async () => {
  const rows = (tick: (on: boolean, label: string) => string) =>
    ['Respondent,Age group,1.0.0.1,10.0.0.1,2.3', ...Array.from({ length: 12 }, (_, i) => `R${i + 1},${i % 3 ? '18-29' : '30-44'},${tick(i % 2 === 0, '1.0.0.1')},${tick(i % 3 === 0, '10.0.0.1')},${tick(i % 4 === 0, '2.3')}`)];
  const files: [string, string[]][] = [
    ['versions-label.csv', rows((on, label) => (on ? label : ''))],
    ['versions-coded.csv', rows((on) => (on ? '1' : '0'))],
    // Nobody in the first rows ticked it: nothing under the label to tell by, but the row holds no respondent's cell either.
    ['versions-late.csv', rows((on, label) => (on ? label : '')).map((l, i) => (i > 0 && i < 3 ? l.replace(/,10\.0\.0\.1,/, ',,') : l))],
  ];
  for (const [name, lines] of files) {
    writeFileSync(join(scratch, name), lines.join('\n'));
    const r = await run(['analyze', join(scratch, name), '--format', 'json']);
    assert.equal(r.code, 0, `${name}: ${r.err}`);
    assert.doesNotMatch(r.err, /SURVEY_CSV_NO_HEADER/, name);
    const json = JSON.parse(r.out) as AnalysisResult;
    assert.equal(json.input.rows, 12, `${name}: every row is a respondent's: ${JSON.stringify(json.input)}`);
    assert.ok(r.out.includes('10.0.0.1') && r.out.includes('1.0.0.1'), `${name}: the labels are read as the header`);
  }
  // A two-row export (SurveyMonkey's): the option labels are on the second header row, checked when asked for.
  const two = ['Respondent ID,Which firmware have you installed?,,,Gender', ',1.0.0.1,10.0.0.1,Other (please specify),Response', ...Array.from({ length: 6 }, (_, i) => `${100 + i},${i % 2 ? '1.0.0.1' : ''},${i % 3 ? '' : '10.0.0.1'},,${i % 2 ? 'Male' : 'Female'}`)];
  writeFileSync(join(scratch, 'versions-two.csv'), two.join('\n'));
  for (const argv of [[], ['--header-rows', '2']]) {
    const r = await run(['analyze', join(scratch, 'versions-two.csv'), '--format', 'json', ...argv]);
    assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    assert.equal((JSON.parse(r.out) as AnalysisResult).input.rows, 6);
  }
});

test("an \"Other (please specify)\" column is an option once: thanksgiving's side dishes keep their own Other checkbox, and a spec question on the typed text leaves the multi-select in place", async () => {
  const file = 'fixtures/fivethirtyeight/thanksgiving-2015/thanksgiving-2015-poll-data.csv';
  const r = await run(['analyze', file, '--format', 'json']);
  const sides = (JSON.parse(r.out) as AnalysisResult).tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === 'these_side_dishes_aretypically_served')!;
  assert.equal(sides.rows.filter((x) => /^Other/.test(x.label)).length, 1);
  assert.equal(sides.responses, 4996);
  writeFileSync(join(scratch, 'other.yaml'), `version: 1\ninput: { file: ${JSON.stringify(fromRoot(file))} }\nquestions:\n  - { id: sides_other_text, type: text, column: 26 }\n`);
  const spec = await run(['report', join(scratch, 'other.yaml'), '--format', 'json']);
  assert.equal(spec.code, 0, spec.err);
  const tables = (JSON.parse(spec.out) as AnalysisResult).tables;
  assert.ok(tables.some((x) => x.kind === 'frequency' && x.question === 'these_side_dishes_aretypically_served'), 'the multi-select stays');
  assert.equal(tables.filter((x) => x.kind === 'text' && x.question === 'sides_other_text').length, 1);
});

test("'-' reads the export from standard input (copied first, as the engine reads twice); a device is refused, not read as empty", async () => {
  const { Readable } = await import('node:stream');
  const csv = readFileSync(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'));
  const io = captureIo();
  const piped = Object.assign(Readable.from([csv.subarray(0, 70_000), csv.subarray(70_000)]), { isTTY: false });
  const code = await main(['analyze', '-', '--format', 'json'], { ...io, stdin: piped });
  assert.equal(code, 0, io.stderr.text);
  const result = JSON.parse(io.stdout.text) as AnalysisResult;
  assert.deepEqual([result.input.file, result.input.rows], ['stdin', 1022]);
  // No room for the copy: an I/O error (exit 4), not a bug.
  const saved = process.env['TMPDIR'];
  process.env['TMPDIR'] = join(scratch, 'no-such-folder');
  try {
    const full = captureIo();
    assert.equal(await main(['analyze', '-'], { ...full, stdin: Object.assign(Readable.from([csv]), { isTTY: false }) }), 4);
    assert.match(full.stderr.text, /^stdin: error SURVEY_IO_WRITE: cannot write the file: no such file \(ENOENT\): the copy of stdin in /);
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
  const tty = captureIo();
  assert.equal(await main(['analyze', '-'], { ...tty, stdin: Object.assign(Readable.from([]), { isTTY: true }) }), 2);
  assert.match(tty.stderr.text, /SURVEY_USAGE: '-' reads the export from standard input, which is a terminal here/);
  if (process.platform === 'linux') {
    const dev = await run(['analyze', '/dev/zero']);
    assert.equal(dev.code, 4);
    assert.match(dev.err, /^\/dev\/zero: error SURVEY_IO_READ: a device, not an export/);
    // init and report --input take the same path (it was "a pipe or a device, not a file" for them).
    for (const argv of [['init', '/dev/zero'], ['report', 'fixtures/whatsapp-privacy-2021/survey.yaml', '--input', '/dev/zero']]) {
      const r = await run(argv);
      assert.equal(r.code, 4, argv.join(' '));
      assert.match(r.err, /^\/dev\/zero: error SURVEY_IO_READ: a device, not an export\n$/, argv.join(' '));
    }
  }
  // A folder given for the export is a folder (it was "a pipe or a device, not a file").
  const folder = await run(['analyze', 'fixtures']);
  assert.equal(folder.code, 4);
  assert.equal(folder.err, 'fixtures: error SURVEY_IO_READ: a folder, not a file\n  hint: give the export file in it\n');
});

test("report --input -, init - and a spec's input.file that is a pipe: read through the same private copy as analyze -, removed after the run", async () => {
  const { Readable } = await import('node:stream');
  const csvPath = 'fixtures/whatsapp-privacy-2021/responses.csv';
  const csv = readFileSync(fromRoot(csvPath));
  const piped = () => Object.assign(Readable.from([csv.subarray(0, 50_000), csv.subarray(50_000)]), { isTTY: false });
  const spec = 'fixtures/whatsapp-privacy-2021/survey.yaml';
  const saved = process.env['TMPDIR'];
  const temp = join(scratch, 'tmp-stdin');
  mkdirSync(temp, { recursive: true });
  process.env['TMPDIR'] = temp;
  try {
    // report --input -: the same tables as from the file, the input named stdin.
    const io = captureIo();
    assert.equal(await main(['report', spec, '--input', '-', '--format', 'json'], { ...io, stdin: piped() }), 0, io.stderr.text);
    const fromStdin = JSON.parse(io.stdout.text) as AnalysisResult;
    const fromFile = JSON.parse((await run(['report', spec, '--input', csvPath, '--format', 'json'])).out) as AnalysisResult;
    assert.deepEqual([fromStdin.input.file, fromStdin.input.rows], ['stdin', 1022]);
    assert.deepEqual(fromStdin.tables, fromFile.tables);
    assert.deepEqual(fromStdin.funnel, fromFile.funnel);
    assert.deepEqual(readdirSync(temp), [], 'the copy is removed');
    // A terminal is refused, as for analyze -.
    const tty = captureIo();
    assert.equal(await main(['report', spec, '--input', '-'], { ...tty, stdin: Object.assign(Readable.from([]), { isTTY: true }) }), 2);
    assert.match(tty.stderr.text, /SURVEY_USAGE: '-' reads the export from standard input, which is a terminal here/);
    // init -: a spec without input.file (a copy has no path worth keeping), saying where it was read from;
    // report runs it with --input -.
    const init = captureIo();
    assert.equal(await main(['init', '-'], { ...init, stdin: piped() }), 0, init.stderr.text);
    assert.match(init.stdout.text, /^# read from stdin: add file: with the export's path \(relative to this spec\), or give survey report --input\ninput:\n {2}encoding: utf-8\n/m);
    assert.equal((parseYaml(init.stdout.text) as { input: Record<string, unknown> }).input['file'], undefined);
    const inferred = join(scratch, 'from-stdin.yaml');
    writeFileSync(inferred, init.stdout.text);
    const again = captureIo();
    assert.equal(await main(['report', inferred, '--input', '-', '--format', 'json'], { ...again, stdin: piped() }), 0, again.stderr.text);
    assert.equal((JSON.parse(again.stdout.text) as AnalysisResult).input.rows, 1022);
    assert.deepEqual(readdirSync(temp), []);
  } finally {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  }
  if (process.platform !== 'linux') return;
  // A named pipe, as --input and as a spec's input.file (report and clean), read once into the copy.
  const { execFileSync } = await import('node:child_process');
  const { createWriteStream } = await import('node:fs');
  const fifoDir = join(scratch, 'fifo');
  mkdirSync(fifoDir, { recursive: true });
  const fifo = join(fifoDir, 'export.csv');
  execFileSync('mkfifo', [fifo]);
  const feed = () => {
    const w = createWriteStream(fifo);
    w.end(csv);
    return new Promise<void>((done) => w.on('close', () => done()));
  };
  const [viaFlag] = await Promise.all([run(['report', spec, '--input', fifo, '--format', 'json']), feed()]);
  assert.equal(viaFlag.code, 0, viaFlag.err);
  assert.equal((JSON.parse(viaFlag.out) as AnalysisResult).input.rows, 1022);
  const fifoSpec = join(fifoDir, 'survey.yaml');
  writeFileSync(fifoSpec, readFileSync(fromRoot(spec), 'utf8').replace(/^(\s*file:).*$/m, '$1 export.csv'));
  const [viaSpec] = await Promise.all([run(['report', fifoSpec, '--format', 'json']), feed()]);
  assert.equal(viaSpec.code, 0, viaSpec.err);
  assert.deepEqual((JSON.parse(viaSpec.out) as AnalysisResult).tables, (JSON.parse(viaFlag.out) as AnalysisResult).tables);
  const cleaned = join(fifoDir, 'clean.csv');
  const [clean] = await Promise.all([run(['clean', fifoSpec, '-o', cleaned]), feed()]);
  assert.equal(clean.code, 0, clean.err);
  assert.match(clean.err, /^read 1022, kept \d+, rejected \d+; wrote /m);
});

test("report: a table's heading is tagged by the spec's table id where it gives one (it was the question's), else by its question(s); JSON keeps id and question", async () => {
  const dir = join(scratch, 'table-ids');
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'survey.yaml');
  writeFileSync(
    spec,
    `version: 1
input: { file: ${JSON.stringify(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'))} }
questions:
  - { id: view, column: "How do you see WhatsApp's new privacy policy?" }
  - { id: gov, column: What should the government do about it? }
tables:
  - { id: graph1, type: frequency, question: view }
  - { type: frequency, question: gov }
  - { id: view_by_gov, type: crosstab, row: view, column: gov }
  - { type: crosstab, row: gov, column: view }
  - { id: book, type: banner, row: view, columns: [gov], title: Book }
`,
  );
  const r = await run(['report', spec, '--out', join(dir, 'out')]);
  assert.equal(r.code, 0, r.err);
  const tags = r.out.split('\n').filter((l) => /\[[^\]]+\]$/.test(l)).map((l) => l.slice(l.lastIndexOf('[')));
  assert.deepEqual(tags, ['[graph1]', '[gov]', '[view_by_gov]', '[gov x view]', '[book]']);
  // JSON: the spec's id (only where given) beside the question, as before: nothing renamed.
  const json = JSON.parse((await run(['report', spec, '--format', 'json'])).out) as AnalysisResult;
  assert.deepEqual(
    json.tables.map((t) => [t.id, t.kind === 'frequency' ? t.question : t.kind === 'crosstab' ? `${t.row} x ${t.column}` : t.kind]),
    [['graph1', 'view'], [undefined, 'gov'], ['view_by_gov', 'view x gov'], [undefined, 'gov x view'], ['book', 'banner']],
  );
  // The per-table files are named by the same ids.
  assert.deepEqual(readdirSync(join(dir, 'out', 'tables')).filter((f) => f.endsWith('.md')).sort(), ['book.md', 'gov.md', 'gov_by_view.md', 'graph1.md', 'view_by_gov.md']);
  // analyze has no spec ids: its tags are the questions', as before.
  const analyze = await run(['analyze', 'fixtures/whatsapp-privacy-2021/responses.csv']);
  assert.match(analyze.out, /^How do you see WhatsApp's new privacy policy\? \[see_whatsapps_new_privacy_policy\]$/m);
});

test('FiveThirtyEight steak survey: Lottery A before Lottery B (lettered options in their order; B was chosen more often and came first), in the table, a crosstab and the spec init writes', async () => {
  const file = 'fixtures/fivethirtyeight/steak-survey/steak-risk-survey.csv';
  const r = await run(['analyze', file, '--format', 'json', '--by', 'gender']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult;
  const lottery = result.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.question === 'consider_following_hypothetical_situatio')!;
  assert.deepEqual(lottery.rows.map((x) => [x.label, x.count]), [['Lottery A', 267], ['Lottery B', 279]]);
  const byGender = result.tables.find((t): t is CrosstabTable => t.kind === 'crosstab' && t.row === 'consider_following_hypothetical_situatio')!;
  assert.deepEqual(byGender.rowLabels, ['Lottery A', 'Lottery B']);
  const init = await run(['init', file]);
  assert.match(init.out, /options:\n {6}- Lottery A\n {6}- Lottery B\n {4}scale: codes\n/);
});
