/**
 * Answers a spec names, checked against the data's: expression literals, recode keys, a
 * question's missing answers; raking targets' totals; raking with no row left. Each slip that
 * would give wrong numbers silently is a spec error, at its path; what cannot be wrong is let be.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/config/load-spec.js';
import { runReport, type ReportOptions, type ReportResult } from '../../src/engine/report.js';
import { compile } from '../../src/expr/compile.js';
import { targetScale } from '../../src/engine/weighting.js';
import type { FrequencyTable } from '../../src/spec/result.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-answers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// 40 respondents; "Sometimes" first comes on line 37, after a 20-row sample.
const GENDERS = ['Female', 'Male', 'Other (please specify)'];
const AGES = ['18-29', '30-44', '45+'];
const FREQS = ['Never', 'Rarely', 'Often', 'Often'];
const APPS = ['Signal', 'Telegram', '"Signal, Telegram"'];
const rows = Array.from({ length: 40 }, (_, i) => [GENDERS[i % 3], AGES[Math.floor(i / 3) % 3], i === 35 ? 'Sometimes' : FREQS[i % 4], String(1 + (i % 5)), APPS[i % 3]].join(','));
writeFileSync(join(dir, 'r.csv'), ['Gender,Age,Freq,Rating,Apps', ...rows].join('\n'));

const HEAD = `version: 1
input: { file: r.csv }
questions:
  - { id: gender, column: Gender }
  - { id: age, column: Age }
  - { id: freq, column: Freq }
  - { id: rating, column: Rating, type: single }
  - { id: apps, column: Apps, type: multi }
`;

async function report(extra: string, options: ReportOptions = {}): Promise<ReportResult> {
  return (await runReport(parseSpec(HEAD + extra, 'survey.yaml'), join(dir, 'survey.yaml'), options)).result;
}

/** The spec error a spec gets: code, line, message and hint. */
async function refused(extra: string, options: ReportOptions = {}): Promise<{ code: string | undefined; line: number | undefined; message: string; hint?: string }> {
  return report(extra, options).then(
    () => assert.fail(`a spec error: ${extra}`),
    (e: Error & { code?: string; hint?: string; location?: { line?: number } }) => ({ code: e.code, line: e.location?.line, message: e.message, ...(e.hint !== undefined ? { hint: e.hint } : {}) }),
  );
}

const rule = (expr: string) => `filters:\n  - { rule: expression, name: r, remove: '${expr}' }\n`;

test('an expression records each name compared with a literal, either way round, and each element of a list', () => {
  assert.deepEqual(compile('freq == "Never"').comparisons, [{ name: 'freq', op: '==', value: 'Never' }]);
  assert.deepEqual(compile('30 > age and -1 <= n').comparisons, [{ name: 'age', op: '<', value: 30 }, { name: 'n', op: '>=', value: -1 }]);
  assert.deepEqual(compile('freq in ["A", "B"] or "x" in apps or apps contains "y" or g.item != 2').comparisons, [
    { name: 'freq', op: '==', value: 'A' },
    { name: 'freq', op: '==', value: 'B' },
    { name: 'apps', op: 'has', value: 'x' },
    { name: 'apps', op: 'has', value: 'y' },
    { name: 'g.item', op: '!=', value: 2 },
  ]);
  assert.deepEqual(compile('lower(freq) == "never" or freq == other or freq == null or blank(freq)').comparisons, [], 'no name beside a literal');
});

test('a rule comparing with a misspelt answer is a spec error before any row is read, with the answer meant', async () => {
  let read = false;
  const e = await refused(rule('freq == "never"'), { onCodebook: () => void (read = true) });
  assert.equal(read, false, 'refused before the main pass');
  assert.equal(e.code, 'SURVEY_SPEC_INVALID');
  assert.equal(e.line, 10);
  assert.equal(e.message, `filters[0].remove: expression: 'never' is not an answer of 'freq', did you mean 'Never'? (answers are compared exactly, case included: freq: "Often", "Sometimes", "Rarely", "Never")`);
  // Either way round, != too (it would remove everyone), each element of a list, a test rule's `when`, a table's filter.
  assert.match((await refused(rule('"never" != freq'))).message, /'never' is not an answer of 'freq', did you mean 'Never'\?/);
  assert.match((await refused(rule('freq in ["Never", "Rarly"]'))).message, /'Rarly' is not an answer of 'freq', did you mean 'Rarely'\?/);
  assert.match((await refused('filters:\n  - { rule: test, when: \'gender == "female"\' }\n')).message, /^filters\[0\]\.when: test: 'female' is not an answer of 'gender', did you mean 'Female'\?/);
  assert.match((await refused('tables:\n  - { type: frequency, question: age, filter: \'freq == "often"\' }\n')).message, /^tables\[0\]\.filter: 'often' is not an answer of 'freq', did you mean 'Often'\?/);
  // One answer of a multi-select: `in` tests membership, exactly.
  assert.match((await refused(rule('"signal" in apps'))).message, /'signal' is not an answer of 'apps', did you mean 'Signal'\?/);
});

test('a literal like no answer of the sample is let through until every row is read; one no row holds is then warned about (a spec reused on a wave without it)', async () => {
  // "Sometimes" first comes after the sample: no warning, and its row is removed.
  const late = await report(rule('freq == "Sometimes"'), { sampleRows: 20 });
  assert.deepEqual(late.funnel.map((s) => s.remaining), [40, 39]);
  assert.deepEqual(late.diagnostics, []);
  const unseen = await report(rule('age == "under 30"'), { sampleRows: 20 });
  assert.deepEqual(unseen.funnel.map((s) => s.remaining), [40, 40]);
  assert.deepEqual(unseen.diagnostics.map((d) => [d.level, d.code, d.message]), [
    ['warning', 'SURVEY_ANSWER_UNSEEN', `filters[0].remove: expression: 'under 30' is not an answer of 'age' (answers are compared exactly, case included: age: "18-29", "30-44", "45+"): no row holds it, so it matches none`],
  ]);
  // It points at its line, as an error would (HEAD's 8 lines, then filters: and the rule).
  assert.deepEqual(unseen.diagnostics[0]!.location, { file: 'survey.yaml', line: 10 });
  // A question whose answers the spec lists is closed: an answer outside the list is refused, not warned about.
  const listed = HEAD.replace('{ id: age, column: Age }', '{ id: age, column: Age, options: ["18-29", "30-44", "45+"] }');
  const e = await runReport(parseSpec(listed + rule('age == "under 30"'), 'survey.yaml'), join(dir, 'survey.yaml'), { sampleRows: 20 }).then(
    () => assert.fail('refused'),
    (err: { code?: string; message: string; hint?: string }) => err,
  );
  assert.equal(e.code, 'SURVEY_SPEC_INVALID');
  assert.match(e.message, /^filters\[0\]\.remove: expression: 'under 30' is not an answer of 'age'/);
  assert.equal(e.hint, "the spec lists the answers of 'age' in its options: if this is one, list it there");
  // A number compares with answers that are numbers, and is no slip of one: let through, then warned about.
  assert.match((await report(rule('rating == 6'), { sampleRows: 20 })).diagnostics[0]!.message, /^filters\[0\]\.remove: expression: '6' is not an answer of 'rating' \(/);
  // One close to an answer of the whole file is a slip: refused.
  assert.match((await refused(rule('freq == "sometimes"'), { sampleRows: 20 })).message, /'sometimes' is not an answer of 'freq', did you mean 'Sometimes'\?/);
});

test('a rule comparing with answers the data has is let be, even when it removes no one', async () => {
  const r = await report(`${rule('freq == "Never" and freq == "Often"')}tables:\n  - { type: frequency, question: freq, filter: 'rating == 3 or "Telegram" in apps or freq contains "ft"' }\n`);
  assert.deepEqual(r.funnel.map((s) => s.removed), [0, 0]);
  assert.deepEqual(r.diagnostics, []);
});

test('an order on a choice question is a spec error unless its answers are numbers; == on a multi-select too', async () => {
  const e = await refused(rule('age < 30'));
  assert.equal(e.message, `filters[0].remove: expression: 'age' is a choice question, not a number: < would compare its answers as text (age: "18-29", "30-44", "45+")`);
  assert.equal(e.hint, 'compare with its answers (age == "18-29", or age in ["18-29", ...]), or band a numeric question with derive');
  assert.match((await refused(rule('"30-44" >= age'))).message, /'age' is a choice question, not a number: <= would compare/);
  // Answers 1-5 are numbers: the order is theirs.
  const r = await report(rule('rating < 3'));
  assert.equal(r.funnel[1]!.removed, 16);
  const multi = await refused(rule('apps == "Signal"'));
  assert.match(multi.message, /'apps' is a multi-select question: == compares the whole list/);
  assert.equal(multi.hint, 'test one answer with "Signal" in apps');
});

test('a recode key or a question\'s missing answer that no row holds is a spec error at its line, with the answer meant (the export\'s answers, not the labels recoded to)', async () => {
  const spec = (q: string) => HEAD.replace('  - { id: gender, column: Gender }\n', q);
  const error = async (text: string) =>
    runReport(parseSpec(text, 'survey.yaml'), join(dir, 'survey.yaml')).then(
      () => assert.fail('a spec error'),
      (e: Error & { code?: string; hint?: string; location?: { line?: number } }) => [e.code, e.location?.line, e.message, e.hint],
    );
  assert.deepEqual(await error(spec('  - id: gender\n    column: Gender\n    recode: { Male: Man, Femal: Woman }\n')), [
    'SURVEY_SPEC_INVALID', 6,
    `questions[0].recode.Femal: 'Femal' is not an answer of 'gender', did you mean 'Female'? (recode keys match answers in any case: gender: "Female", "Other (please specify)", "Male")`,
    'a recode key is an answer as the export writes it, its value the label to count it under',
  ]);
  assert.deepEqual((await error(spec('  - id: gender\n    column: Gender\n    missing: [Female, "Other (please specfy)"]\n'))).slice(1, 3), [
    6,
    `questions[0].missing[1]: 'Other (please specfy)' is not an answer of 'gender', did you mean 'Other (please specify)'? (answers are compared exactly, case included: gender: "Male", "Other (please specify)")`,
  ]);
});

test('recode keys match in any case, spaces around them aside, and answers first seen after the sample; the study-wide missing is not checked', async () => {
  const text = `${HEAD.replace('  - { id: gender, column: Gender }\n', '  - { id: gender, column: Gender, recode: { " female ": Woman }, missing: [Woman] }\n').replace('  - { id: freq, column: Freq }\n', '  - { id: freq, column: Freq, recode: { sometimes: Often } }\n')}missing: [NA, Refused]\ntables:\n  - { type: frequency, question: gender }\n  - { type: frequency, question: freq }\n`;
  const { result } = await runReport(parseSpec(text, 'survey.yaml'), join(dir, 'survey.yaml'), { sampleRows: 20 });
  const t = (q: string) => result.tables.find((x): x is FrequencyTable => x.kind === 'frequency' && x.question === q)!;
  assert.deepEqual(t('gender').rows.map((r) => [r.label, r.count]), [['Male', 13], ['Other (please specify)', 13]]);
  assert.equal(t('gender').missing, 14, 'Female, recoded to Woman, declared missing');
  assert.equal(t('freq').rows.find((r) => r.label === 'Often')?.count, 20, 'the late "Sometimes" counted as Often');
  assert.ok(!t('freq').rows.some((r) => r.label === 'Sometimes'));
});

test('raking targets: shares, percentages adding up to 100 and counts of one total are met; mixed or disagreeing totals are spec errors', async () => {
  assert.deepEqual([{ a: 0.3, b: 0.7 }, { a: 30, b: 70 }, { a: 300, b: 700 }, { a: 52, b: 49 }].map(targetScale), ['shares', 'percentages', 'counts', 'counts']);
  const shares = (r: ReportResult, q: string) => (r.tables.find((x) => x.kind === 'frequency' && x.question === q) as FrequencyTable).rows.map((x) => Number(x.percent!.toFixed(6)));
  const tables = 'tables:\n  - { type: frequency, question: gender }\n  - { type: frequency, question: age }\n';
  // Percentages beside shares, raked last: both relative to the sample's total weight.
  const pct = await report(`weighting:\n  rake:\n    age: { "18-29": 0.2, "30-44": 0.3, "45+": 0.5 }\n    gender: { Female: 50, Male: 30, "Other (please specify)": 20 }\n${tables}`);
  assert.deepEqual(pct.diagnostics, [], 'converged');
  assert.deepEqual(shares(pct, 'gender'), [50, 30, 20]);
  assert.deepEqual(shares(pct, 'age'), [20, 30, 50]);
  assert.ok(Math.abs(pct.weights!.sum - 40) < 1e-9, 'weights add up to the respondents');
  // Counts of one total: the weights add up to it.
  const counts = await report(`weighting:\n  rake:\n    gender: { Female: 500, Male: 300, "Other (please specify)": 200 }\n    age: { "18-29": 200, "30-44": 300, "45+": 500 }\n${tables}`);
  assert.ok(Math.abs(counts.weights!.sum - 1000) < 1e-6);
  assert.deepEqual(shares(counts, 'age'), [20, 30, 50]);
  const mixed = await refused('weighting:\n  rake:\n    gender: { Female: 52, Male: 48, "Other (please specify)": 1 }\n    age: { "18-29": 0.3, "30-44": 0.4, "45+": 0.3 }\n');
  assert.deepEqual([mixed.line, mixed.message, mixed.hint], [
    11,
    "weighting.rake.gender: 'gender' has population counts (adding up to 101) and 'age' shares (adding up to 1): every variable needs one kind of target",
    "percentages must add up to 100: those of 'gender' add up to 101",
  ]);
  const totals = await refused('weighting:\n  rake:\n    gender: { Female: 510, Male: 480, "Other (please specify)": 10 }\n    age: { "18-29": 300, "30-44": 300, "45+": 300 }\n');
  assert.deepEqual([totals.line, totals.message], [12, "weighting.rake.age: the population counts of 'age' add up to 900 and those of 'gender' to 1000: raking cannot meet both totals"]);
  assert.match((await refused('weighting:\n  rake:\n    gender: { Female: 500, Male: 500, "Other (please specify)": 0 }\n    age: { "18-29": 30, "30-44": 30, "45+": 40 }\n')).message, /'age' has percentages \(adding up to 100\) and 'gender' population counts \(adding up to 1000\)/);
  assert.match((await refused('weighting:\n  rake:\n    gender: { Female: 0, Male: 0 }\n')).message, /the targets of 'gender' add up to 0/);
});

test('raking with no row left, or none that weighs anything, is not run: a warning says why, and no message holds NaN', async () => {
  const rake = 'weighting:\n  rake:\n    gender: { Female: 0.5, Male: 0.4, "Other (please specify)": 0.1 }\ntables:\n  - { type: frequency, question: freq }\n';
  const none = await report(`${rule('rating > 0')}${rake}`);
  assert.deepEqual(none.diagnostics.map((d) => [d.code, d.message]), [
    ['SURVEY_RAKE_NOT_RUN', 'raking was not run: the rules left no row'],
    ['SURVEY_RULE_REMOVED_ALL', "rule 'r' removed every row that reached it (40): check its settings against the answers in the data"],
  ]);
  // The rule is found at its spec line, as an error's would be.
  const removedAll = none.diagnostics.find((d) => d.code === 'SURVEY_RULE_REMOVED_ALL')!;
  assert.deepEqual(removedAll.location, { file: 'survey.yaml', line: (HEAD + rule('rating > 0')).split('\n').findIndex((l) => l.includes('rating > 0')) + 1 });
  assert.equal(none.weights?.raking, undefined);
  assert.ok(Object.values(none.weights!).every((x) => typeof x !== 'number' || Number.isFinite(x)), JSON.stringify(none.weights));
  writeFileSync(join(dir, 'w0.csv'), ['Gender,w', 'Female,0', 'Male,0', 'Male,0'].join('\n'));
  const zero = await runReport(parseSpec('version: 1\ninput: { file: w0.csv }\nquestions:\n  - { id: w, column: w, type: numeric }\nweighting:\n  weight: w\n  rake:\n    gender: { Female: 0.5, Male: 0.5 }\n', 'survey.yaml'), join(dir, 'survey.yaml'));
  assert.deepEqual(zero.result.diagnostics.map((d) => d.message), ['raking was not run: the 3 kept rows answering every raking variable all weigh 0']);
});

test("a declared missing answer is out of the bases, not out of expressions' sight; an answer compared as the export wrote it before a recode is refused with its new label; a net may name it", async () => {
  const head = HEAD.replace('{ id: freq, column: Freq }', '{ id: freq, column: Freq, missing: [Rarely], recode: { Often: Frequently }, nets: { Regular: [Often, Never] } }');
  const kept = (await runReport(parseSpec(`${head}${rule('freq == "Rarely"')}tables:\n  - { type: frequency, question: freq }\n`, 'survey.yaml'), join(dir, 'survey.yaml'))).result;
  // Rows 1, 5, 9, ... answered Rarely: 10 of 40, removed by the rule; the table's base has none of them anyway.
  assert.deepEqual(kept.funnel.map((s) => s.remaining), [40, 30]);
  assert.deepEqual(kept.diagnostics, []);
  const net = (kept.tables[0] as FrequencyTable).rows.find((r) => r.net)!;
  assert.deepEqual([net.label, net.members], ['Regular', ['Frequently', 'Never']]);
  const e = await runReport(parseSpec(`${head}${rule('freq == "Often"')}`, 'survey.yaml'), join(dir, 'survey.yaml')).then(
    () => assert.fail('refused'),
    (err: { message: string; hint?: string }) => err,
  );
  assert.equal(e.message, "filters[0].remove: expression: 'Often' is recoded to 'Frequently' in 'freq', so no row holds it");
  assert.equal(e.hint, 'expressions see answers after recode: compare with "Frequently"');
});

test('a net compared with in an expression is refused with its answers to test instead; a bare answer, with its quotes', async () => {
  const head = HEAD.replace('{ id: freq, column: Freq }', '{ id: freq, column: Freq, nets: { Regular: [Often, Rarely] } }');
  const refused = (source: string, where = 'rule') =>
    runReport(parseSpec(where === 'rule' ? `${head}${rule(source)}` : `${head}tables:\n  - { type: frequency, question: gender, filter: '${source}' }\n`, 'survey.yaml'), join(dir, 'survey.yaml')).then(
      () => assert.fail(`refused: ${source}`),
      (err: { message: string; hint?: string }) => [err.message, err.hint],
    );
  // It used to say 'Regular' is not an answer, and to hint at listing it among the options.
  assert.deepEqual(await refused('freq == "Regular"'), ["filters[0].remove: expression: 'Regular' is a net of 'freq', not an answer: expressions see the answers a row holds", 'write freq in ["Often", "Rarely"]']);
  assert.deepEqual((await refused('freq != "Regular"'))[1], 'write not (freq in ["Often", "Rarely"])');
  // It used to say "unknown question 'Never'".
  assert.deepEqual(await refused('freq == Never'), [`filters[0].remove: 'Never' in "freq == Never" is not a question; an answer is text in quotes`, 'write freq == "Never"']);
  assert.deepEqual(await refused('freq == Never', 'table'), [`tables[0].filter: 'Never' in "freq == Never" is not a question; an answer is text in quotes`, 'write freq == "Never"']);
  // Every bare answer is quoted in the hint, not only the first; questions compared with each other stay as they are.
  assert.deepEqual((await refused('freq == Never or freq == Often or gender == age'))[1], 'write freq == "Never" or freq == "Often" or gender == age');
});
