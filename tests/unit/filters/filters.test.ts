/** Each validity rule on a small export written inline; the funnel always reconciles. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../../src/config/load-spec.js';
import { runReport } from '../../../src/engine/report.js';
import { normalizePhone } from '../../../src/keys/key.js';
import { medianOf } from '../../../src/filters/speeders.js';
import { headerOffset } from '../../../src/filters/fieldwork.js';
import type { Rejection } from '../../../src/filters/apply.js';
import { funnelText, plain } from '../../../src/render/table/text.js';
import { funnelCsv } from '../../../src/render/table/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'survey-filters-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const CSV = [
  'Timestamp,Email,Phone,Name,Duration,Q1,Grid [A],Grid [B],Grid [C],Attention',
  '1/8/2021 23:59:59,a@x.com,98123 45678,Ann,300,Yes,Agree,Agree,Agree,Blue', // 2: before the window (IST)
  '1/9/2021 0:00:00,b@x.com,+91 98765 43210,Bob,20,Yes,Agree,Disagree,Agree,Blue', // 3: fast
  '1/12/2021 10:00:00,test@x.com,,Test,400,No,Agree,Disagree,Agree,Blue', // 4: test
  '1/13/2021 10:00:00,c@x.com,,Cy,500,,Agree,Disagree,Agree,Blue', // 5: no Q1
  '1/14/2021 10:00:00, B@X.com ,,Bob again,350,No,Agree,Disagree,Agree,Blue', // 6: same e-mail as 3
  '1/15/2021 10:00:00,d@x.com,09876543210,Dee,360,Yes,Agree,Disagree,Agree,Blue', // 7: same phone as 3
  '1/16/2021 10:00:00,e@x.com,,Eve,330,Yes,Agree,Agree,Agree,Blue', // 8: straight-liner
  '1/17/2021 10:00:00,f@x.com,,Fay,310,Yes,Agree,Disagree,Agree,Red', // 9: attention failed
  '1/25/2021 23:40:00,g@x.com,,Gus,320,No,Agree,Disagree,Disagree,Blue', // 10: kept (inside in IST)
  '1/26/2021 2:00:00,h@x.com,,Hal,340,No,Agree,Disagree,Agree,Blue', // 11: after the window
].join('\n');
writeFileSync(join(dir, 'r.csv'), CSV);

async function run(filters: string, extra = ''): Promise<{ funnel: { rule: string; removed: number; remaining: number }[]; rejects: Rejection[] }> {
  const text = `version: 1\ninput: { file: r.csv, timezone: Asia/Kolkata }\nquestions:\n  - { id: ts, column: Timestamp, type: date }\n  - { id: email, column: Email, type: pii }\n  - { id: phone, column: Phone, type: pii }\n  - { id: name, column: Name, type: pii }\n  - { id: secs, column: Duration, type: numeric }\n${extra}filters:\n${filters}`;
  const rejects: Rejection[] = [];
  const { result } = await runReport(parseSpec(text, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  const last = result.funnel[result.funnel.length - 1]!;
  assert.equal(result.funnel[0]!.remaining, 10);
  assert.equal(last.remaining + rejects.length, 10, 'kept + rejected = read');
  return { funnel: result.funnel, rejects };
}

test('fieldwork: Google Forms wall-clock times in the spec zone; days inclusive', async () => {
  const { rejects } = await run('  - { rule: fieldwork, question: ts, from: 2021-01-09, to: 2021-01-25 }\n');
  assert.deepEqual(rejects.map((r) => r.line), [2, 11]);
  assert.match(rejects[0]!.reason, /before the fieldwork window/);
  assert.match(rejects[1]!.reason, /2021-01-26T02:00:00 \(Asia\/Kolkata\), after/);
});

test('fieldwork: day-first timestamps (Google Forms in India) are read day-first, inferred or declared', async () => {
  const csv = ['Timestamp,Q1', '08/01/2021 23:59:59,Yes', '09/01/2021 00:00:00,Yes', '12/01/2021 10:00:00,No', '25/01/2021 23:40:00,No', '26/01/2021 02:00:00,No'].join('\n');
  writeFileSync(join(dir, 'dmy.csv'), csv);
  // Only the first four rows' dates are ambiguous: the 25th and 26th show the order.
  writeFileSync(join(dir, 'dmy-ambiguous.csv'), csv.split('\n').slice(0, 4).join('\n'));
  const window = 'filters:\n  - { rule: fieldwork, question: ts, from: 2021-01-09, to: 2021-01-25 }\n';
  const linesRemoved = async (file: string, question: string) => {
    const spec = `version: 1\ninput: { file: ${file}, timezone: Asia/Kolkata }\nquestions:\n  - ${question}\n${window}`;
    const rejects: Rejection[] = [];
    await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
    return rejects.map((r) => [r.line, r.reason.replace(/ \(Asia\/Kolkata\).*/, '')]);
  };
  const expected = [[2, 'submitted 2021-01-08T23:59:59'], [6, 'submitted 2021-01-26T02:00:00']];
  assert.deepEqual(await linesRemoved('dmy.csv', '{ id: ts, column: Timestamp }'), expected);
  // Month first, 12/01 would be 1 December, after the window: the spec settles what the data cannot.
  assert.deepEqual(await linesRemoved('dmy-ambiguous.csv', '{ id: ts, column: Timestamp }'), [[2, 'submitted 2021-08-01T23:59:59'], [3, 'submitted 2021-09-01'], [4, 'submitted 2021-12-01T10:00:00']]);
  assert.deepEqual(await linesRemoved('dmy-ambiguous.csv', '{ id: ts, column: Timestamp, dateOrder: dmy }'), [expected[0]]);
});

test('fieldwork: bounds given as instants in another zone are compared in the spec zone', async () => {
  // 2021-01-25T18:29:59Z is 23:59:59 IST: the 23:40 submission is inside, 2:00 on the 26th outside.
  const { rejects } = await run('  - { rule: fieldwork, question: ts, from: "2021-01-08T18:30:00Z", to: "2021-01-25T18:29:59Z" }\n');
  assert.deepEqual(rejects.map((r) => r.line), [2, 11]);
});

test('test entries, required answers, duplicates by e-mail or phone (first kept)', async () => {
  const { funnel, rejects } = await run(
    [
      '  - { rule: test, when: \'lower(trim(name)) startsWith "test" or lower(trim(email)) startsWith "test"\' }',
      '  - { rule: required, questions: [q1] }',
      '  - rule: duplicates',
      '    keys: [{ question: email, normalize: email }, { question: phone, normalize: phone, countryCode: "91" }]',
      '',
    ].join('\n'),
    '  - { id: q1, column: Q1 }\n',
  );
  assert.deepEqual(funnel.map((s) => s.removed), [0, 1, 1, 2]);
  assert.deepEqual(rejects.map((r) => [r.line, r.rule]), [[4, 'test'], [5, 'required'], [6, 'duplicates'], [7, 'duplicates']]);
  assert.equal(rejects[2]!.reason, 'same e-mail as line 3');
  assert.equal(rejects[3]!.reason, 'same phone number as line 3');
  for (const r of rejects) assert.ok(!/@|9876/.test(r.reason), 'reasons never show personal data');
});

test('duplicates keep last: the latest submission of each person stays', async () => {
  const { rejects } = await run('  - { rule: duplicates, keep: last, keys: [{ question: email, normalize: email }] }\n');
  assert.deepEqual(rejects.map((r) => r.line), [3]);
  assert.equal(rejects[0]!.reason, 'same e-mail as line 6 (kept: the last)');
});

test('duplicates before raking: the raking pass applies the rules too, and the main pass starts with no key seen', async () => {
  // One key and two, so that both ways of keeping keys are reset between the passes.
  for (const keys of ['[{ question: email, normalize: email }]', '[{ question: email, normalize: email }, { question: phone, normalize: phone, countryCode: "91" }]']) {
    const { rejects } = await run(`  - { rule: duplicates, keys: ${keys} }\n`, '  - { id: q1, column: Q1 }\nweighting: { rake: { q1: { "Yes": 0.5, "No": 0.5 } } }\n');
    const expected = keys.includes('phone') ? [6, 7] : [6];
    assert.deepEqual(rejects.map((r) => r.line), expected, keys);
    assert.equal(rejects[0]!.reason, 'same e-mail as line 3');
  }
});

test('speeders: an absolute floor, and a fraction of the median (two passes)', async () => {
  assert.deepEqual((await run('  - { rule: speeders, duration: secs, minSeconds: 60 }\n')).rejects.map((r) => r.line), [3]);
  // Median of 300,20,400,500,350,360,330,310,320,340 is 335 (the mean of the middle two, as pandas and R take it): half is 167.5.
  const half = await run('  - { rule: speeders, duration: secs, fractionOfMedian: 0.5 }\n');
  assert.deepEqual(half.rejects.map((r) => r.line), [3]);
  assert.match(half.rejects[0]!.reason, /finished in 20 s, under 168 s/);
});

test('speeders on start and end times: a row that ends before it starts is removed for that, not as a speeder, and leaves the median alone', async () => {
  const csv = ['Q1,Start,End', 'Yes,2021-01-10 12:58:00,2021-01-10 13:05:00', 'No,2021-01-10 12:58:00,2021-01-10 01:05:00', 'Yes,2021-01-10 10:00:00,2021-01-10 10:00:30', 'No,2021-01-10 09:00:00,2021-01-10 09:06:40'].join('\n');
  writeFileSync(join(dir, 'times.csv'), csv);
  const rejects: Rejection[] = [];
  const spec = 'version: 1\ninput: { file: times.csv }\nquestions:\n  - { id: start, column: Start, type: date }\n  - { id: end, column: End, type: date }\nfilters:\n  - { rule: speeders, start: start, end: end, fractionOfMedian: 0.5 }\n';
  const { result } = await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  // Durations 420, -42780, 30, 400: the median of the three possible ones is 400, half is 200.
  assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [[3, 'ends 42780 s before it starts: its times cannot be right'], [4, 'finished in 30 s, under 200 s']]);
  // The funnel counts the impossible one apart, so that the speeders' count is not quoted as 2.
  assert.deepEqual(result.funnel![1], { rule: 'speeders', removed: 2, remaining: 2, apart: { label: 'end before they start', removed: 1 } });
  assert.match(funnelText(result.funnel!, plain), /speeders \(1 of them end before they start\) +-2 +2/);
  assert.equal(funnelCsv(result.funnel!), 'rule,removed,remaining,apart,apart_removed\r\nread,0,4,,\r\nspeeders,2,2,end before they start,1\r\n');
});

test('medianOf: the middle duration, or the mean of the middle two, of exact durations', () => {
  const h = (xs: number[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());
  assert.equal(medianOf(h([100, 101, 50.1, 200, 300, 50.2])), 100.5);
  assert.equal(medianOf(h([3, 1, 2])), 2);
  assert.equal(medianOf(h([5, 5, 5, 9])), 5);
  assert.equal(medianOf(h([1, 1, 9, 9])), 5);
  assert.equal(medianOf(h([7])), 7);
  assert.equal(medianOf(new Map()), 0);
});

test('speeders: a blank duration is kept (unknown, not 0 s); a duration question of words is a spec error', async () => {
  const csv = ['Q1,Duration (in seconds),Gender', 'Yes,300,Male', 'No,310,', 'Yes,,Female', 'No,300,Male', 'Yes,45,Female'].join('\n');
  writeFileSync(join(dir, 'blank-duration.csv'), csv);
  const rejected = async (filter: string) => {
    const rejects: Rejection[] = [];
    await runReport(parseSpec(`version: 1\ninput: { file: blank-duration.csv }\nfilters:\n  - ${filter}\n`, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
    return rejects.map((r) => r.line);
  };
  // Few round durations: read as a choice of numbers, and still a duration.
  assert.deepEqual(await rejected('{ rule: speeders, duration: duration_seconds, minSeconds: 60 }'), [6]);
  await assert.rejects(rejected('{ rule: speeders, duration: gender, minSeconds: 60 }'), (e: Error) => {
    assert.match(e.message, /speeders: 'gender' is single \(answers: .*Male.*\), not a duration in seconds/);
    return true;
  });
});

test('rules that need the whole file each see only the rows the rules before them keep (a pass each)', async () => {
  const csv = (rows: string[]) => ['Email,Q1,Secs', ...rows].join('\n');
  const funnel = async (file: string, rows: string[], filters: string) => {
    writeFileSync(join(dir, file), csv(rows));
    const rejects: Rejection[] = [];
    const spec = `version: 1\ninput: { file: ${file} }\nquestions:\n  - { id: email, column: Email, type: pii }\n  - { id: secs, column: Secs, type: numeric }\nfilters:\n${filters}`;
    const { result } = await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
    return { removed: result.funnel.slice(1).map((s) => s.removed), lines: rejects.map((r) => r.line) };
  };
  const speedersThenLast = '  - { rule: speeders, duration: secs, fractionOfMedian: 0.5 }\n  - { rule: duplicates, keep: last, keys: [{ question: email, normalize: email }] }\n';
  // Line 4, the last of a@x.com, is a speeder: line 2 is then that person's last kept submission and stays.
  assert.deepEqual(await funnel('speed-last.csv', ['a@x.com,Yes,300', 'b@x.com,No,310', 'A@X.com ,Yes,5', 'c@x.com,No,320', 'd@x.com,Yes,290'], speedersThenLast), { removed: [1, 0], lines: [4] });
  const lastThenSpeeders = '  - { rule: duplicates, keep: last, keys: [{ question: email, normalize: email }] }\n  - { rule: speeders, duration: secs, fractionOfMedian: 0.5 }\n';
  // The median is of the 4 rows left after the duplicates (12, 100, 100, 30: 65), not of all 6 (30).
  assert.deepEqual(await funnel('last-speed.csv', ['a@x.com,Yes,10', 'a@x.com,No,11', 'a@x.com,Yes,12', 'b@x.com,No,100', 'c@x.com,Yes,100', 'd@x.com,No,30'], lastThenSpeeders), { removed: [2, 2], lines: [2, 3, 4, 7] });
});

test('straight-lining on a grid, attention checks and expressions', async () => {
  assert.deepEqual((await run('  - { rule: straightlining, grid: grid }\n', '  - { id: grid, items: [{ column: 7 }, { column: 8 }, { column: 9 }] , type: matrix }\n')).rejects.map((r) => r.line), [2, 8]);
  // A check inside a grid names its item; the whole grid is refused with the item's name as a hint.
  const inGrid = await run('  - { rule: attention, question: grid.c, answer: Agree }\n', '  - { id: grid, items: [{ id: a, column: 7 }, { id: b, column: 8 }, { id: c, column: 9 }], type: matrix }\n');
  assert.deepEqual(inGrid.rejects.map((r) => [r.line, r.reason]), [[10, 'attention check grid.c failed']]);
  await assert.rejects(run('  - { rule: attention, question: grid, answer: Agree }\n', '  - { id: grid, items: [{ id: a, column: 7 }, { id: b, column: 8 }, { id: c, column: 9 }], type: matrix }\n'), (e: Error & { hint?: string }) => {
    assert.match(e.message, /'grid' is matrix; an attention check needs a single-choice question, a grid's item or a numeric question/);
    assert.equal(e.hint, "name the grid's item: grid.a");
    return true;
  });
  assert.deepEqual((await run('  - { rule: attention, question: att, answer: Blue }\n', '  - { id: att, column: Attention }\n')).rejects.map((r) => r.line), [9]);
  assert.deepEqual((await run('  - { rule: expression, name: short, remove: "secs < 300" }\n')).rejects.map((r) => [r.line, r.rule]), [[3, 'short']]);
});

test('phone numbers: prefixes, separators and country code', () => {
  for (const p of ['9812345678', '98123 45678', '+91 98123-45678', '+919812345678', '09812345678', '0091 9812345678', '091-9812345678']) {
    assert.equal(normalizePhone(p, '91'), '9812345678', p);
  }
  assert.equal(normalizePhone('9112345678', '91'), '9112345678', 'a 10-digit number starting with 91 keeps it');
  assert.equal(normalizePhone('NA', '91'), null);
  assert.equal(normalizePhone('no', '91'), null);
});

test("fieldwork: timestamps with a GMT offset (Google Forms' own CSV download) are read as instants, the window's days in the spec zone", async () => {
  const csv = ['Timestamp,Q1', '2021/01/12 10:15:32 AM GMT+5:30,Yes', '2021/01/13 1:05:02 PM GMT+5:30,No', '2021/01/25 11:59:59 PM GMT+5:30,No', '2021/01/26 12:00:01 AM GMT+5:30,Yes', '2021/01/25 7:00:00 PM GMT+0,Yes'].join('\n');
  writeFileSync(join(dir, 'forms-gmt.csv'), csv);
  const rejects: Rejection[] = [];
  const spec = 'version: 1\ninput: { file: forms-gmt.csv, timezone: Asia/Kolkata }\nfilters:\n  - { rule: fieldwork, question: timestamp, from: 2021-01-13, to: 2021-01-25 }\n';
  const { result } = await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  assert.equal(result.questions.find((q) => q.id === 'timestamp')?.type, 'date', 'inferred a date');
  // 7 PM GMT on the 25th is 00:30 on the 26th in Kolkata: after the window.
  assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [
    [2, 'submitted 2021-01-12T10:15:32 (Asia/Kolkata), before the fieldwork window'],
    [5, 'submitted 2021-01-26T00:00:01 (Asia/Kolkata), after the fieldwork window'],
    [6, 'submitted 2021-01-26T00:30:00 (Asia/Kolkata), after the fieldwork window'],
  ]);
});

test('a rule that could only remove everyone is a spec error, and a rule that did is a warning', async () => {
  const specError = async (filter: string, extra = '') => {
    const text = `version: 1\ninput: { file: r.csv, timezone: Asia/Kolkata }\nquestions:\n  - { id: email, column: Email, type: pii }\n${extra}filters:\n  - ${filter}\n`;
    return runReport(parseSpec(text, 'survey.yaml'), join(dir, 'survey.yaml')).then(
      () => assert.fail(`a spec error: ${filter}`),
      (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
    );
  };
  assert.match(await specError('{ rule: attention, question: attention, answer: blue }'), /^SURVEY_SPEC_INVALID: .*attention: 'blue' is not an answer of 'attention', did you mean 'Blue'\? \(answers are compared exactly, case included: attention: "Blue", "Red"\)/);
  assert.match(await specError('{ rule: attention, question: q1, answer: [Yes, Noo] }'), /filters\[0\]\.answer\[1\]: attention: 'Noo' is not an answer of 'q1', did you mean 'No'\?/);
  assert.match(await specError('{ rule: fieldwork, question: q1, from: 2021-01-09, to: 2021-01-25 }'), /fieldwork: 'q1' is single, not a date/);
  assert.match(await specError('{ rule: attention, question: email, answer: x }'), /'email' is pii; an attention check needs a single-choice question/);
  // An answer like none of the sample's may first come after it: no error; the warning below catches a wrong one.
  const late = await runReport(parseSpec('version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: email, column: Email, type: pii }\nfilters:\n  - { rule: attention, question: attention, answer: Purple }\n', 'survey.yaml'), join(dir, 'survey.yaml'));
  assert.deepEqual(late.result.diagnostics.map((d) => d.code), ['SURVEY_RULE_REMOVED_ALL']);
  // With foldCase the check matches whatever spelling the data settles on.
  const folded: Rejection[] = [];
  await runReport(parseSpec('version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: email, column: Email, type: pii }\n  - { id: att, column: Attention, foldCase: true }\nfilters:\n  - { rule: attention, question: att, answer: BLUE }\n', 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => folded.push(r) });
  assert.deepEqual(folded.map((r) => r.line), [9]);
  // A numeric attention check ("type 300") compares numbers.
  const rejects: Rejection[] = [];
  await runReport(parseSpec('version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: email, column: Email, type: pii }\n  - { id: secs, column: Duration, type: numeric }\nfilters:\n  - { rule: attention, question: secs, answer: "300" }\n', 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  assert.equal(rejects.length, 9);
  // A number needs no quotes.
  const unquoted: Rejection[] = [];
  await runReport(parseSpec('version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: email, column: Email, type: pii }\n  - { id: secs, column: Duration, type: numeric }\nfilters:\n  - { rule: attention, question: secs, answer: [300, 310] }\n', 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => unquoted.push(r) });
  assert.equal(unquoted.length, 8);
  // A window that misses every submission: the funnel says so, and a warning names the rule.
  const { result } = await runReport(parseSpec('version: 1\ninput: { file: r.csv, timezone: Asia/Kolkata }\nquestions:\n  - { id: email, column: Email, type: pii }\nfilters:\n  - { rule: required, questions: [q1] }\n  - { rule: fieldwork, name: fieldwork 2020, question: timestamp, from: 2020-01-01, to: 2020-12-31 }\n', 'survey.yaml'), join(dir, 'survey.yaml'));
  assert.deepEqual(result.funnel.map((s) => s.remaining), [10, 9, 0]);
  assert.deepEqual(result.diagnostics.filter((d) => d.code === 'SURVEY_RULE_REMOVED_ALL').map((d) => d.message), ["rule 'fieldwork 2020' removed every row that reached it (9): check its settings against the answers in the data"]);
});

test("a rule's expression that does not parse is a spec error at its line and path; one = gets the == hint", async () => {
  const error = async (filter: string) => {
    const text = `version: 1\ninput: { file: r.csv }\nquestions:\n  - { id: email, column: Email, type: pii }\nfilters:\n  - ${filter}\n`;
    return runReport(parseSpec(text, 'survey.yaml'), join(dir, 'survey.yaml')).then(
      () => assert.fail('a spec error'),
      (e: Error & { code?: string; hint?: string; location?: { line: number } }) => [e.code, e.location?.line, e.message, e.hint],
    );
  };
  assert.deepEqual(await error(`{ rule: expression, remove: 'q1 = "Yes"' }`), [
    'SURVEY_SPEC_INVALID', 6, 'filters[0].remove: expression: invalid expression "q1 = \\"Yes\\"": Unexpected "=" at character 3', 'compare with == (one = is not a comparison): q1 == "Yes"',
  ]);
  const [code, line, message, hint] = await error(`{ rule: test, when: 'lower(name) startsWith "a = b" and' }`);
  assert.deepEqual([code, line], ['SURVEY_SPEC_INVALID', 6]);
  assert.match(String(message), /^filters\[0\]\.when: test: invalid expression/);
  // An = inside quotes is an answer: the usual hint, not the == one.
  assert.match(String(hint), /^operators: /);
  assert.equal((await error(`{ rule: expression, remove: 'secs =< 60' }`))[3], 'write <= and >= with the = last');
});

test('fieldwork: a timestamp header that names UTC (Typeform\'s "Submit Date (UTC)") holds instants, compared in the spec zone', async () => {
  writeFileSync(join(dir, 'typeform.csv'), ['#,Q1,Submit Date (UTC)', 'abc1,Yes,2021-01-25 19:05:00', 'abc2,No,2021-01-08 19:05:00', 'abc3,No,2021-01-10 10:05:00'].join('\n'));
  const rejects: Rejection[] = [];
  const spec = 'version: 1\ninput: { file: typeform.csv, timezone: Asia/Kolkata }\nfilters:\n  - { rule: fieldwork, question: submit_date_utc, from: 2021-01-09, to: 2021-01-25 }\n';
  await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  // 19:05 UTC on the 25th is 00:35 on the 26th in Kolkata; 19:05 UTC on the 8th is 00:35 on the 9th, inside.
  assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [[2, 'submitted 2021-01-26T00:35:00 (Asia/Kolkata), after the fieldwork window']]);
});

test('fieldwork and speeders take a column read as text (junk among the timestamps or durations) cell by cell', async () => {
  const csv = ['When,Secs,Q1', '2021-01-10 10:00:00,300,Yes', 'unknown,NA,No', '2021-01-30 10:00:00,20,Yes', 'pending,310,No', '2021-01-11 10:00:00,NA,Yes', 'later,290,No'].join('\n');
  writeFileSync(join(dir, 'junk.csv'), csv);
  const rejects: Rejection[] = [];
  const spec = 'version: 1\ninput: { file: junk.csv }\nfilters:\n  - { rule: fieldwork, question: when, from: 2021-01-09, to: 2021-01-25 }\n';
  const { result } = await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
  assert.notEqual(result.questions.find((q) => q.id === 'when')?.type, 'date', 'not inferred a date');
  assert.deepEqual(rejects.map((r) => [r.line, r.reason.split(' (')[0]]), [[3, 'unreadable timestamp'], [4, 'submitted 2021-01-30T10:00:00'], [5, 'unreadable timestamp'], [7, 'unreadable timestamp']]);
  const fast: Rejection[] = [];
  await runReport(parseSpec('version: 1\ninput: { file: junk.csv }\nfilters:\n  - { rule: speeders, duration: secs, minSeconds: 60 }\n', 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => fast.push(r) });
  assert.deepEqual(fast.map((r) => r.line), [4], '"NA" is no duration: kept');
});

test('headerOffset: the zone a timestamp header names', () => {
  assert.deepEqual(['Submit Date (UTC)', 'Timestamp (GMT+5:30)', 'Start (UTC-08:00)', 'Recorded GMT', 'Timestamp', 'UTCode', 'Submitted'].map(headerOffset), [0, 330, -480, 0, null, null, null]);
});

test("fieldwork: a timestamp header naming an offset (GMT+5:30) is read at that offset; the spec's label for the question changes nothing", async () => {
  writeFileSync(join(dir, 'offset.csv'), ['Timestamp (GMT+5:30),Q1', '2021-01-25 23:30:00,Yes', '2021-01-26 00:30:00,No'].join('\n'));
  writeFileSync(join(dir, 'typeform2.csv'), ['Submit Date (UTC),Q1', '2021-01-25 19:05:00,Yes', '2021-01-08 19:05:00,No'].join('\n'));
  const lines = async (file: string, question: string) => {
    const rejects: Rejection[] = [];
    const spec = `version: 1\ninput: { file: ${file}, timezone: Asia/Kolkata }\nquestions:\n  - ${question}\nfilters:\n  - { rule: fieldwork, question: ts, from: 2021-01-09, to: 2021-01-25 }\n`;
    await runReport(parseSpec(spec, 'survey.yaml'), join(dir, 'survey.yaml'), { onReject: (r) => rejects.push(r) });
    return rejects.map((r) => r.line);
  };
  assert.deepEqual(await lines('offset.csv', '{ id: ts, column: "Timestamp (GMT+5:30)" }'), [3]);
  assert.deepEqual(await lines('typeform2.csv', '{ id: ts, column: "Submit Date (UTC)", label: Submitted }'), [2]);
});

test("an answer listed in a message is masked on its own: a name given in it ('Name: Zelda Quux') never reaches stderr", async () => {
  const { answersShown, messages } = await import('../../../src/errors/messages.js');
  assert.equal(answersShown('fav', ['Blue', 'Name: Zelda Quux', 'Thanks, Anna Kowalska', 'mail me: jo@example.com']), 'fav: "Blue", "Name: [name]", "Thanks, [name]", "mail me: [e-mail]"');
  assert.equal(messages.notAnAnswer('x', 'fav', 'Name: Zelda Quux', []), "'x' is not an answer of 'fav', did you mean 'Name: [name]'?");
});

test('rule: test takes remove:, as rule: expression does; when:, its first name, is still read the same', async () => {
  const expr = `'lower(trim(name)) startsWith "test" or lower(trim(email)) startsWith "test"'`;
  const byRemove = await run(`  - { rule: test, remove: ${expr} }\n`);
  const byWhen = await run(`  - { rule: test, when: ${expr} }\n`);
  assert.deepEqual(byRemove.rejects.map((r) => [r.line, r.rule, r.reason]), [[4, 'test', 'test entry']]);
  assert.deepEqual(byRemove, byWhen);
  // An expression error names the key written.
  const refused = (filter: string) =>
    runReport(parseSpec(`version: 1\ninput: { file: r.csv }\nfilters:\n  - ${filter}\n`, 'survey.yaml'), join(dir, 'survey.yaml')).then(
      () => assert.fail('a spec error'),
      (e: Error & { code?: string; hint?: string; location?: { line: number } }) => [e.code, e.location?.line, e.message, e.hint],
    );
  assert.match(String((await refused(`{ rule: test, remove: 'q1 ==' }`))[2]), /^filters\[0\]\.remove: test: invalid expression/);
  assert.match(String((await refused(`{ rule: test, when: 'q1 ==' }`))[2]), /^filters\[0\]\.when: test: invalid expression/);
});

test('a wrong key on rule: test or rule: expression points to remove:', () => {
  const refused = (filter: string): [string | undefined, number | undefined, string, string | undefined] => {
    try {
      parseSpec(`version: 1\ninput: { file: r.csv }\nfilters:\n  - { rule: required, questions: [q1] }\n  - ${filter}\n`, 'survey.yaml');
    } catch (e) {
      const s = e as Error & { code?: string; hint?: string; location?: { line: number } };
      return [s.code, s.location?.line, s.message, s.hint];
    }
    return assert.fail(`${filter}: accepted`);
  };
  // when: on rule: expression (the other rule's old name): named, and the key to write instead.
  assert.deepEqual(refused(`{ rule: expression, when: 'q1 == "No"' }`), ['SURVEY_SPEC_INVALID', 5, 'filters[1].when: rule: expression takes its expression as remove: (an expression true for the rows to remove), not when:', 'rename when: to remove: (rule: test reads either)']);
  // Any other key is an attempt at the expression: remove:, not the nearest spelling ('where' is not 'when').
  assert.deepEqual(refused(`{ rule: test, where: 'q1 == "No"' }`), ['SURVEY_SPEC_INVALID', 5, "filters[1].where: unknown key 'where', did you mean 'remove'?", 'rule: test takes its expression as remove: (an expression true for the rows to remove)']);
  assert.deepEqual(refused(`{ rule: expression, filter: 'q1 == "No"' }`)[2], "filters[1].filter: unknown key 'filter', did you mean 'remove'?");
  // A misspelt name is still a name.
  assert.match(refused(`{ rule: test, nmae: x, remove: 'q1 == "No"' }`)[2], /unknown key 'nmae', did you mean 'name'\?/);
  // Neither key, or both.
  assert.equal(refused('{ rule: test }')[2], "filters[1]: missing 'remove'");
  assert.equal(refused('{ rule: expression }')[2], "filters[1]: missing 'remove'");
  assert.deepEqual(refused(`{ rule: test, remove: 'q1 == "No"', when: 'q1 == "No"' }`).slice(2), ["filters[1].when: give remove: or when:, not both: when: is rule: test's first name for remove:", 'keep remove:']);
});
