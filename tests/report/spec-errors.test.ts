/** A wrong spec gets one line naming the spec file, line and path, with a suggestion; exit code 2. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-spec-'));
after(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'), join(dir, 'responses.csv'));
// The reference study's ages are bands ("25-34"): bands of a numeric age need ages in years.
writeFileSync(join(dir, 'ages.csv'), 'What should the government do about it?,Your age,Gender\nLet users be the best judge,34,Female\nBring in more holistic regulation,61,Male\n');

async function run(spec: string): Promise<{ code: number; err: string }> {
  writeFileSync(join(dir, 'survey.yaml'), spec);
  const io = captureIo({}, dir);
  const code = await main(['report', 'survey.yaml'], io);
  return { code, err: io.err() };
}

/** Runs a spec that must succeed, and returns its JSON result. */
async function report<T>(spec: string): Promise<T> {
  writeFileSync(join(dir, 'survey.yaml'), spec);
  const io = captureIo({}, dir);
  assert.equal(await main(['report', 'survey.yaml', '--format', 'json'], io), 0, io.err());
  return JSON.parse(io.out()) as T;
}

const cases: [string, string, string][] = [
  [
    'unknown question in a table, with the closest id',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\ntables:\n  - type: crosstab\n    row: gov_pref\n    column: gov\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: tables[0].row: unknown question 'gov_pref', did you mean 'gov'?",
  ],
  ['a misspelt key', 'version: 1\ninput: { file: responses.csv }\nfilters:\n  - rule: fieldwork\n    question: x\n    from: 2021-01-09\n    too: 2021-01-25\n', "survey.yaml:7: error SURVEY_SPEC_INVALID: filters[0]: unknown key 'too', did you mean 'to'?"],
  [
    'a chart turned on with true: told both choices',
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: frequency, question: gov, chart: true }\n',
    'survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0].chart: must be false or a mapping (false: no chart; or { type: bar | donut | stacked | grouped | heatmap | likert | histogram, percentBase: respondents | responses, source: text | false, config: {...} })',
  ],
  [
    "a banner's key on a crosstab: named as such, not as the wrong shape ('must be a list')",
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: crosstab, rows: gov, column: gov }\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0].rows: 'rows' is a key of a banner table, not of a crosstab table\n  hint: a crosstab table takes row: and column: (one question each)",
  ],
  [
    'bands from a choice question: pointed to recode',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\nderive:\n  - { id: g2, from: gov, bands: [{ label: low, max: 1 }] }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: derive[0].from: 'gov' is single; bands need a numeric question\n  hint: to group its answers, recode them (recode: {",
  ],
  ['YAML aliases that expand to millions of nodes (a billion laughs): refused as a spec, not an internal error', 'version: 1\nx0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\nx1: &x1 [*x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0, *x0]\nx2: &x2 [*x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1, *x1]\nx3: &x3 [*x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2, *x2]\nx4: &x4 [*x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3, *x3]\nx5: &x5 [*x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4, *x4]\n', 'survey.yaml:1: error SURVEY_SPEC_INVALID: invalid YAML: its aliases (*name) expand to too much to be a spec'],
  [
    'a weight naming no question and none close: the numeric questions listed',
    'version: 1\ninput: { file: ages.csv }\nquestions:\n  - { id: age, column: Your age, type: numeric }\nweight: factor\n',
    "survey.yaml:5: error SURVEY_SPEC_INVALID: weight: unknown question 'factor'\n  hint: weight takes one of: age\n",
  ],
  [
    'a weight naming no question in a file with none numeric: said so, with the column of numbers read as answers',
    'version: 1\ninput: { file: ages.csv }\nweight: wieght\n',
    "survey.yaml:3: error SURVEY_SPEC_INVALID: weight: unknown question 'wieght'\n  hint: no question of the file is numeric; age holds numbers read as answers: a spec can declare one type: numeric\n",
  ],
  [
    'a weight naming no question in a file of no numbers: said so (there was no hint at all)',
    'version: 1\ninput: { file: responses.csv }\nweight: wieght\n',
    "survey.yaml:3: error SURVEY_SPEC_INVALID: weight: unknown question 'wieght'\n  hint: no question of the file is numeric, so none can weight: weights are a column of numbers\n",
  ],
  ['two YAML documents in one file', 'version: 1\n---\nversion: 1\n', 'survey.yaml:2:1: error SURVEY_SPEC_INVALID: invalid YAML: a spec is one YAML document, and a second starts here (a line of ---)'],
  ['a wrong time zone, named where it is written (it was blamed on the fieldwork rule, or let be without one)', 'version: 1\ninput: { file: responses.csv, timezone: Mars/Olympus }\n', "survey.yaml:2: error SURVEY_SPEC_INVALID: input.timezone: unknown time zone 'Mars/Olympus'\n  hint: use an IANA name"],
  [
    "a banner column with no answers to split by: at its place in the spec (it had neither file nor line)",
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\n  - { id: why, column: What should the government do about it?, type: text }\ntables:\n  - { type: banner, rows: [gov], columns: [gov, why] }\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: tables[0].columns[1]: question 'why' is text, not a choice question",
  ],
  ['a wrong enum value', 'version: 1\ntables:\n  - { type: pie, question: x }\n', 'survey.yaml:3: error SURVEY_SPEC_INVALID: tables[0].type: must be one of "frequency", "crosstab", "banner"'],
  [
    'a misspelt choice: the one meant, as for a misspelt key',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gender, column: Gender, type: singel }\n',
    'survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].type: must be one of "single", "multi", "matrix", "numeric", "date", "text", "pii", did you mean \'single\'?\n',
  ],
  ['a misspelt rule: the one meant', 'version: 1\ninput: { file: responses.csv }\nfilters:\n  - { rule: speder, duration: x, minSeconds: 5 }\n', "survey.yaml:4: error SURVEY_SPEC_INVALID: filters[0].rule: must be one of \"fieldwork\", \"test\", \"required\", \"duplicates\", \"speeders\", \"straightlining\", \"attention\", \"expression\", did you mean 'speeders'?\n"],
  [
    "a section's keys not indented under it: said to belong under the empty key, not matched to the nearest key at their level ('file' is not 'title')",
    'version: 1\ninput:\nfile: responses.csv\n',
    "survey.yaml:3: error SURVEY_SPEC_INVALID: (top level): unknown key 'file': 'input:' just above it is empty; 'file' belongs under it\n  hint: indent 'file' (and the keys after it that go with it) deeper than 'input:'\n",
  ],
  [
    "a recode's answers not indented under it",
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: g\n    column: Gender\n    recode:\n    Male: M\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: questions[0]: unknown key 'Male': 'recode:' just above it is empty; 'Male' belongs under it\n",
  ],
  [
    'a key not indented under an empty one, that its mapping already has: the key named where it is written (it was unnamed, at the line above)',
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - type: frequency\n    question: gov\n    chart:\n    type: bar\n',
    "survey.yaml:7:5: error SURVEY_SPEC_INVALID: invalid YAML: key 'type' is given twice in one mapping (keep one)\n  hint: 'chart:' on the line above is empty: if the key belongs under it, indent it deeper",
  ],
  [
    'text where a list is wanted: the brackets that make it one',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: g, column: Gender, options: Female, nets: { Women: Female } }\n',
    'survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].nets.Women: must be a list\n  hint: a list is written in brackets: Women: [Female] (quote an answer that holds a comma: ["Yes, very"])\n',
  ],
  [
    "a question named by its text, as the export words it: the id it reads like (there was no suggestion)",
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: crosstab, row: What should the government do about it?, column: gender }\n',
    `survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0].row: unknown question 'What should the government do about it?': a spec names a question by its id, and this reads like 'should_government_about' ("What should the government do about it?")\n  hint: write should_government_about (survey init FILE lists every question's id)\n`,
  ],
  [
    "a question named by a slug of its whole text: the inferred id whose every word it holds",
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: frequency, question: what_should_the_government_do_about_it }\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0].question: unknown question 'what_should_the_government_do_about_it': a spec names a question by its id, and this reads like 'should_government_about'",
  ],
  ['a word of several ids: those ids', 'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: frequency, question: whatsapp }\n', "survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0].question: unknown question 'whatsapp'; the ids with that word: use_whatsapp, were_aware_whatsapp_changing_its, when_plan_quit_whatsapp\n"],
  ['not YAML', 'version: 1\ninput: {file: responses.csv\n', 'survey.yaml:3:1: error SURVEY_SPEC_INVALID: invalid YAML'],
  ['no input file', 'version: 1\n', "survey.yaml:1: error SURVEY_SPEC_INVALID: input: missing 'input.file'"],
  [
    'a net naming an answer that does not exist',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: gov\n    column: What should the government do about it?\n    nets:\n      Step in: [Roll back the change]\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: questions[0].nets.Step in: net 'Step in': 'Roll back the change' is not an answer of 'gov', did you mean 'Ask WhatsApp to roll back the change'?",
  ],
  [
    'a listed option misspelt (the real answer would fall to the end and the typo count 0)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: und\n    column: How well do you understand what the new policy means for users like you?\n    options: [Fuly well, Reasonably well, Not well enough]\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: questions[0].options[0]: 'Fuly well' is not an answer in the data, did you mean 'Fully well'?",
  ],
  [
    'rake shares that do not add up to 1 (read as counts, they would shrink every count)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\nweighting:\n  rake:\n    gov: { Bring in more holistic regulation: 0.5, Let users be the best judge: 0.4, Ask WhatsApp to roll back the change: 0.2 }\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: weighting.rake.gov: the shares of 'gov' add up to 1.1, not 1",
  ],
  [
    'a rake target missing for an answer kept rows give (its respondents would weigh 0)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\nweighting:\n  rake:\n    gov: { Bring in more holistic regulation: 0.6, Let users be the best judge: 0.4 }\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: weighting.rake.gov: 'Ask WhatsApp to roll back the change' is an answer of 'gov' in kept rows with no target: its respondents would weigh 0",
  ],
  [
    'two tables with one id',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\ntables:\n  - { id: g, type: frequency, question: gov }\n  - { id: g, type: frequency, question: gov, filter: \'gov == "x"\' }\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: tables[1].id: two tables have the id 'g' (tables 1 and 2); ids must be unique",
  ],
  [
    'age bands that overlap (a value in both would go to the first, unsaid)',
    'version: 1\ninput: { file: ages.csv }\nquestions:\n  - { id: age, column: Your age, type: numeric }\nderive:\n  - id: age_band\n    from: age\n    bands:\n      - { label: young, min: 18, max: 30 }\n      - { label: older, min: 30 }\n',
    "survey.yaml:10: error SURVEY_SPEC_INVALID: derive[0].bands[1]: bands 'young' and 'older' overlap (from 30 to 30): a value there would be counted in 'young' only",
  ],
  [
    'a band whose min is above its max',
    'version: 1\ninput: { file: ages.csv }\nquestions:\n  - { id: age, column: Your age, type: numeric }\nderive:\n  - { id: age_band, from: age, bands: [{ label: 18-29, min: 29, max: 18 }] }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: derive[0].bands[0]: band '18-29' runs from 29 down to 18: no value is in it",
  ],
  [
    'a misspelt key that is one letter short: the key it is short of',
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: banner, row: gov, colums: [gov] }\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: tables[0]: unknown key 'colums', did you mean 'columns'?",
  ],
  [
    'a derived question whose id another question has: pointed at where it is written',
    'version: 1\ninput: { file: ages.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\n  - { id: age, column: Your age, type: numeric }\nderive:\n  - { id: gov, from: age, bands: [{ label: young, max: 29 }, { label: older, min: 30 }] }\n',
    "survey.yaml:7: error SURVEY_SPEC_INVALID: derive[0].id: two questions have the id 'gov' (questions[0].id has it too)",
  ],
  [
    'a question id that names a grid item too (Q2.q2_1)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov.a, column: Gender }\n  - id: gov\n    type: matrix\n    items: [{ id: a, column: What should the government do about it? }, { id: b, column: Your age }]\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].id: 'gov.a' names both a question and the item 'a' of the grid 'gov'; give the question another id",
  ],
  [
    'two spec questions with one id: the later pointed at, the earlier named',
    'version: 1\ninput: { file: ages.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\n  - { id: age, column: Your age, type: numeric }\n  - { id: gov, column: Gender }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: questions[2].id: two questions have the id 'gov' (questions[0].id has it too); ids must be unique",
  ],
  [
    'a choice question of bands declared numeric (it would summarise no one, and the run succeeded with n = 0)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: age, column: Your age, type: numeric }\n',
    `survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].type: 'age' is declared numeric, but none of its answers is a number ("Under 18", "18-24", "25-34", "35-44", ...): its summary would count no one\n  hint: leave out type: numeric to tabulate its answers as a choice question (ranges such as these keep their order)`,
  ],
  [
    'a choice question declared a date',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gender, column: Gender, type: date }\n',
    `survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].type: 'gender' is declared date, but none of its answers is a date ("Male", "Female", "Non-binary", "Prefer not to say"): its summary would count no one\n  hint: leave out type: date to tabulate its answers as they are`,
  ],
  ['a column that does not exist', 'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: g, column: Gendr }\n', "survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].column: no column named 'Gendr', did you mean 'Gender'?"],
  [
    'an unknown time zone',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: ts, column: Timestamp }\nfilters:\n  - { rule: fieldwork, question: ts, from: 2021-01-09, to: 2021-01-25, timezone: India/Delhi }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: filters[0].timezone: fieldwork: unknown time zone 'India/Delhi'",
  ],
  [
    'an expression naming an unknown question',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\ntables:\n  - { type: frequency, question: gov, filter: \'gvo == "x"\' }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: tables[0].filter: unknown question 'gvo', did you mean 'gov'?",
  ],
  [
    'an expression rule comparing with an answer in the wrong case (it would remove no one)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\nfilters:\n  - { rule: expression, name: judges, remove: \'gov == "let users be the best judge"\' }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: filters[0].remove: expression: 'let users be the best judge' is not an answer of 'gov', did you mean 'Let users be the best judge'? (answers are compared exactly, case included: gov: ",
  ],
  [
    'an order on a choice question (its answers would compare as text)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: age, column: Your age }\nfilters:\n  - { rule: expression, name: young, remove: \'age < 30\' }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: filters[0].remove: expression: 'age' is a choice question, not a number: < would compare its answers as text (age: \"Under 18\", \"18-24\", \"25-34\", \"35-44\", \"45-54\", \"55 and above\")\n  hint: compare with its answers (age == \"Under 18\", or age in [\"Under 18\", ...]), or band a numeric question with derive\n",
  ],
  [
    'a recode key that no answer matches (its target would be an empty answer)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gender, column: Gender, recode: { Femal: Woman } }\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: questions[0].recode.Femal: 'Femal' is not an answer of 'gender', did you mean 'Female'?",
  ],
  [
    "a question's missing answer that no answer matches (the answer meant would stay in the base)",
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: gender\n    column: Gender\n    missing: [Prefer not to sya]\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: questions[0].missing[0]: 'Prefer not to sya' is not an answer of 'gender', did you mean 'Prefer not to say'?",
  ],
  [
    'rake percentages that add up to 101 beside shares: named, with what percentages add up to',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gender, column: Gender }\n  - { id: aware, column: 8 }\nweighting:\n  rake:\n    gender: { Male: 52, Female: 47, Non-binary: 2 }\n    aware: { "Yes": 0.6, "No": 0.4 }\n',
    "survey.yaml:8: error SURVEY_SPEC_INVALID: weighting.rake.gender: 'gender' has population counts (adding up to 101) and 'aware' shares (adding up to 1): every variable needs one kind of target\n  hint: percentages must add up to 100: those of 'gender' add up to 101\n",
  ],
  [
    'rake population counts of two totals (the variable raked last would set the total)',
    'version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gender, column: Gender }\n  - { id: aware, column: 8 }\nweighting:\n  rake:\n    gender: { Male: 510, Female: 480, Non-binary: 10 }\n    aware: { "Yes": 300, "No": 600 }\n',
    "survey.yaml:9: error SURVEY_SPEC_INVALID: weighting.rake.aware: the population counts of 'aware' add up to 900 and those of 'gender' to 1000: raking cannot meet both totals",
  ],
  [
    'a net of an answer with a comma, unquoted in a [..] list (YAML splits it): told to quote it',
    "version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: view\n    column: How do you see WhatsApp's new privacy policy?\n    nets:\n      Bothered: [A serious breach of my privacy, Not good, but I can live with it]\n",
    "survey.yaml:7: error SURVEY_SPEC_INVALID: questions[0].nets.Bothered: net 'Bothered': 'Not good' is not an answer of 'view'",
  ],
  ['a source line that is not text', 'version: 1\ninput: { file: responses.csv }\nsource: 2021\n', 'survey.yaml:3: error SURVEY_SPEC_INVALID: source: must be string'],
  ['an empty source line', 'version: 1\ninput: { file: responses.csv }\nsource: ""\n', 'survey.yaml:3: error SURVEY_SPEC_INVALID: source: must not be empty'],
  [
    "a chart's source line that is neither text nor false: told both",
    'version: 1\ninput: { file: responses.csv }\ntables:\n  - type: frequency\n    question: gov\n    chart: { source: [Better World] }\n',
    "survey.yaml:6: error SURVEY_SPEC_INVALID: tables[0].chart.source: must be string or false (this chart's source line instead of the spec's `source`, or false for none)",
  ],
  [
    "a profile chart's source line that is true",
    'version: 1\ninput: { file: responses.csv }\ncharts:\n  - { id: p, type: profile, tables: [a], source: true }\n',
    "survey.yaml:4: error SURVEY_SPEC_INVALID: charts[0].source: must be string or false",
  ],
];

for (const [name, spec, expected] of cases) {
  test(`spec error: ${name}`, async () => {
    const { code, err } = await run(spec);
    assert.equal(code, 2, err);
    assert.ok(err.startsWith(expected), `got: ${err}`);
    assert.ok(!err.includes('    at '), 'no stack trace');
  });
}

test('YAML mistakes an author makes most get a hint: an unquoted colon, a tab', async () => {
  assert.match((await run('version: 1\ntitle: Privacy: what users think\n')).err, /^survey\.yaml:2:8: error SURVEY_SPEC_INVALID: invalid YAML: .*\n {2}hint: a text holding ": " \(a colon and a space\) needs quotes/);
  assert.match((await run('version: 1\ntables:\n  - { type: frequency, question: x, title: Q: why }\n')).err, /\n {2}hint: inside \{ \} or \[ \], a text holding ": "/);
  assert.match((await run('version: 1\ninput:\n\tfile: x.csv\n')).err, /\n {2}hint: indent with spaces, not tabs\n/);
});

test('YAML: a key given twice is named; a key written a level too shallow is an indentation slip, not a colon to quote', async () => {
  assert.match((await run('version: 1\ntables:\n  - type: frequency\n    question: gov\n    question: age\n')).err, /^survey\.yaml:5:5: error SURVEY_SPEC_INVALID: invalid YAML: key 'question' is given twice in one mapping \(keep one\)/);
  assert.match((await run(`version: 1\nquestions:\n  - id: h\n    recode:\n      "5'9\\"": tall\n      "5'9\\"": short\n`)).err, /key '5'9\\"' is given twice/);
  assert.match((await run('version: 1\nquestions:\n  - id: h\n    recode:\n      a:b: x\n      a:b: y\n')).err, /key 'a:b' is given twice/);
  const shallow = await run("version: 1\nquestions:\n  - id: h\n    recode:\n    Under 5 ft.: short\n      5'0: short\n");
  assert.match(shallow.err, /^survey\.yaml:5:\d+: .*\n {2}hint: each level of a list or mapping is indented by the same number of spaces: the line after this one is indented deeper than it\n/);
  // The colon slip in a list item's first key: the next key sits where it does, so the colon hint.
  const listed = await run('version: 1\ntables:\n  - title: Privacy: what users think\n    type: frequency\n');
  assert.match(listed.err, /\n {2}hint: a text holding ": " \(a colon and a space\) needs quotes/);
  const item = await run('version: 1\ntables:\n  - id: t\n    type: frequency\n   question: gov\n');
  assert.match(item.err, /^survey\.yaml:5:\d+: .*\n {2}hint: each level of a list or mapping is indented by the same number of spaces\n/);
});

test('an answer with a thousands comma split by a [..] list (a number after it): told to quote it', async () => {
  const { err } = await run('version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: inc\n    column: 8\n    nets: { Under 50k: [$0 - $24,999, "$25,000 - $49,999"] }\n');
  assert.match(err, /^survey\.yaml:6: error SURVEY_SPEC_INVALID: questions\[0\]\.nets\.Under 50k\[1\]: must be string\n {2}hint: an answer with a comma is split in a \[\.\.\] list unless quoted: write "\$0 - \$24,999"\n/);
});

test('the comma hint names the answer to quote', async () => {
  const { err } = await run("version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: view\n    column: How do you see WhatsApp's new privacy policy?\n    nets:\n      Bothered: [A serious breach of my privacy, Not good, but I can live with it]\n");
  assert.match(err, /\n {2}hint: an answer with a comma is split in a \[\.\.\] list unless quoted: write "Not good, but I can live with it"\n/);
});

test('a table of personal data is refused', async () => {
  const { code, err } = await run('version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: frequency, question: email_address }\n');
  assert.equal(code, 2);
  assert.match(err, /tables\[0\]\.question: 'email_address' is personal data and is never tabulated/);
});

test('several problems in a spec: the first reported, the others listed by line in the hint (not just counted)', async () => {
  const { code, err } = await run('version: 1\ninput: { file: responses.csv }\ntables:\n  - { type: frequncy, question: gov }\n  - { type: crosstab, row: gov }\nfilters:\n  - { rule: speeders, duration: x, minSecond: 5 }\n');
  assert.equal(code, 2, err);
  assert.equal(err, [
    "survey.yaml:7: error SURVEY_SPEC_INVALID: filters[0]: unknown key 'minSecond', did you mean 'minSeconds'?",
    `  hint: also line 4: tables[0].type: must be one of "frequency", "crosstab", "banner", did you mean 'frequency'?; line 5: tables[1]: missing 'column'`,
    '',
  ].join('\n'));
});

test('an option a question declares missing is out of the base even when its options list it: no row of 0', async () => {
  const t = (await report<{ tables: { rows: { label: string; count: number }[]; missing: number }[] }>('version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: und\n    column: How well do you understand what the new policy means for users like you?\n    options: [Fully well, Reasonably well, Not well enough, Not at all]\n    missing: [Not at all]\ntables:\n  - { type: frequency, question: und }\n')).tables[0]!;
  assert.deepEqual(t.rows.map((r) => r.label), ['Fully well', 'Reasonably well', 'Not well enough']);
  assert.ok(t.missing > 0);
});

test('a net of a multi-select: respondents once in % of respondents, all its members\' answers in % of responses', async () => {
  const t = (await report<{ tables: { base: number; rows: { label: string; count: number; percent: number; percentOfResponses: number; net?: boolean }[] }[] }>('version: 1\ninput: { file: responses.csv }\nquestions:\n  - id: apps\n    column: Which messaging apps will you use or consider using? (Tick all that apply)\n    type: multi\n    nets: { Any alternative: [Signal, Telegram] }\ntables:\n  - { type: frequency, question: apps }\n')).tables[0]!;
  const row = (l: string) => t.rows.find((r) => r.label === l)!;
  const net = t.rows.find((r) => r.net)!;
  assert.ok(net.count < row('Signal').count + row('Telegram').count, 'some chose both: counted once');
  assert.ok(Math.abs(net.percentOfResponses - (row('Signal').percentOfResponses + row('Telegram').percentOfResponses)) < 1e-9);
});

test('a table filter that no kept row meets, its answers the data\'s, is warned about, with the answers it is compared against', async () => {
  const d = (await report<{ diagnostics: { code: string; message: string }[] }>('version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\ntables:\n  - { type: frequency, question: gov, filter: \'gov == "Let users be the best judge" and gov == "Bring in more holistic regulation"\' }\n  - { type: frequency, question: gov, filter: \'gov == "Let users be the best judge"\' }\n')).diagnostics.filter((x) => x.code === 'SURVEY_TABLE_FILTER_NONE');
  assert.equal(d.length, 1, 'only the one no row can meet');
  assert.match(d[0]!.message, /^tables\[0\]\.filter "gov == .*" matched no kept row: the table is empty \(answers are compared exactly, case included: gov: .*"Let users be the best judge"/);
});

test('a table filter that no kept row meets names the table by its spec id where it has one, as report.html and --out do', async () => {
  const d = (await report<{ diagnostics: { code: string; message: string }[] }>('version: 1\ninput: { file: responses.csv }\nquestions:\n  - { id: gov, column: What should the government do about it? }\ntables:\n  - { type: frequency, question: gov }\n  - { id: judges, type: frequency, question: gov, filter: \'gov == "Let users be the best judge" and gov == "Bring in more holistic regulation"\' }\n')).diagnostics.filter((x) => x.code === 'SURVEY_TABLE_FILTER_NONE');
  assert.equal(d.length, 1);
  assert.match(d[0]!.message, /^table 'judges': filter "gov == .*" matched no kept row: the table is empty/);
});

test('kept rows without a valid weight are named by line in the warning, and counted by why (a weight that is no number is no slip)', async () => {
  writeFileSync(join(dir, 'weights.csv'), ['Q1,w', 'Yes,1.2', 'No,', 'Yes,1', 'No,0.8', 'No,n/a', 'Yes,0.5', 'Yes,0'].join('\n'));
  const d = (await report<{ diagnostics: { code: string; message: string }[] }>('version: 1\ninput: { file: weights.csv }\nquestions:\n  - { id: w, column: w, type: numeric }\nweight: w\ntables:\n  - { type: frequency, question: q1 }\n')).diagnostics.find((x) => x.code === 'SURVEY_WEIGHT_MISSING');
  // A weight of 0 is a weight (a case left out on purpose), not a missing one.
  assert.equal(d?.message, '2 kept rows have no valid weight (1 blank, 1 not a number) and count with weight 0: lines 3, 6');
  writeFileSync(join(dir, 'blank-weights.csv'), ['Q1,w', 'Yes,1.2', 'No,', 'No,0.8'].join('\n'));
  const blank = (await report<{ diagnostics: { code: string; message: string }[] }>('version: 1\ninput: { file: blank-weights.csv }\nquestions:\n  - { id: w, column: w, type: numeric }\nweight: w\n')).diagnostics.find((x) => x.code === 'SURVEY_WEIGHT_MISSING');
  assert.equal(blank?.message, '1 kept row has no valid weight (1 blank) and counts with weight 0: line 3');
});

test('a negative weight is a data error (exit 3) naming the file, the line and column of the first, and how many kept rows have one; rows the rules remove are not counted', async () => {
  writeFileSync(join(dir, 'negative-weights.csv'), ['Q1,w,email', 'Yes,1.2,a@x.org', 'No,,b@x.org', 'Yes,-1,c@x.org', 'No,0.8,d@x.org', 'No,n/a,test@x.org', 'Yes,-0.5,e@x.org', 'Yes,-3,test2@x.org', 'Yes,0,f@x.org'].join('\n'));
  const spec = (rules: string) => `version: 1\ninput: { file: negative-weights.csv }\nquestions:\n  - { id: w, column: w, type: numeric }\nweight: w\n${rules}tables:\n  - { type: frequency, question: q1 }\n`;
  const all = await run(spec(''));
  assert.equal(all.code, 3, all.err);
  assert.equal(all.err, "negative-weights.csv:4:2: error SURVEY_WEIGHT_NEGATIVE: weight 'w' is -1 here, and negative in 3 kept rows in all: a sampling weight is 0 or more\n  hint: correct the weights, or blank them (a blank weight counts with weight 0, with a warning); a negative weight is no sampling weight (Stata refuses it; R's survey would use it as it is)\n");
  // The test rows (test@, test2@) are removed before counting: their weights are no one's business.
  const kept = await run(spec('filters:\n  - { rule: test, remove: \'email startsWith "test"\' }\n'));
  assert.equal(kept.code, 3, kept.err);
  assert.match(kept.err, /^negative-weights\.csv:4:2: error SURVEY_WEIGHT_NEGATIVE: weight 'w' is -1 here, and negative in 2 kept rows in all: /);
  assert.doesNotMatch(kept.err, /at |\.js:/, 'no stack trace');
});

test('a weight column of a few numbers read as answers is pointed to type: numeric; declared so, it weights', async () => {
  writeFileSync(join(dir, 'w.csv'), ['q,w', 'a,1', 'b,2', 'a,1', 'b,2'].join('\n'));
  const bad = await run('version: 1\ninput: { file: w.csv }\nweight: w\n');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^survey\.yaml:3: error SURVEY_SPEC_INVALID: weight: 'w' is single; weights must be a numeric question\n {2}hint: its answers are numbers read as choices: declare it type: numeric in questions:/);
  const ok = await report<{ weights: { sum: number } }>('version: 1\ninput: { file: w.csv }\nquestions:\n  - { id: w, column: w, type: numeric }\nweight: w\n');
  assert.equal(ok.weights.sum, 6);
});
