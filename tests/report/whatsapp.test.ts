/**
 * The reference study, regenerated from its raw export by fixtures/whatsapp-privacy-2021/survey.yaml.
 * Every published percentage (reference/whatsapp-privacy-2021.md) is asserted, rounded as published,
 * from the JSON of `survey report`; the funnel and crosstab exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';
import type { CrosstabTable, FrequencyTable } from '../../src/spec/result.js';
import type { ReportResult } from '../../src/engine/report.js';
import { captureIo } from '../helpers/capture.js';
import { fromRoot } from '../helpers/paths.js';
import { parse as parseCsv } from 'csv-parse/sync';

const SPEC = 'fixtures/whatsapp-privacy-2021/survey.yaml';

async function report(): Promise<ReportResult> {
  const io = captureIo();
  const code = await main(['report', SPEC, '--format', 'json'], io);
  assert.equal(code, 0, io.err());
  return JSON.parse(io.out()) as ReportResult;
}

const result = await report();
const table = (id: string) => {
  const t = result.tables.find((x) => x.id === id);
  assert.ok(t, `table ${id}`);
  return t;
};
const published = (id: string, pick: 'percent' | 'percentOfResponses' = 'percent'): Record<string, number> => {
  const t = table(id) as FrequencyTable;
  return Object.fromEntries(t.rows.map((r) => [r.label, Math.round(r[pick] ?? NaN)]));
};

test('funnel: 1,022 submissions, four rules in order, 565 valid', () => {
  assert.deepEqual(
    result.funnel.map((s) => [s.removed, s.remaining]),
    [
      [0, 1022],
      [248, 774],
      [8, 766],
      [117, 649],
      [84, 565],
    ],
  );
  assert.deepEqual(result.funnel.map((s) => s.rule), ['read', 'outside fieldwork (9-25 Jan 2021 IST)', 'test entries', 'incomplete', 'duplicate submissions']);
});

test('Graph1: how respondents see the policy change (37 / 45 / 18)', () => {
  assert.equal((table('graph1') as FrequencyTable).base, 565);
  assert.deepEqual(published('graph1'), { 'A serious breach of my privacy': 37, 'Not good, but I can live with it': 45, 'Does not bother me at all': 18 });
});

test('Graph2: first reaction (17 / 45 / 12 / 26)', () => {
  assert.deepEqual(Object.values(published('graph2')), [17, 45, 12, 26]);
});

test('Graph3a and Graph3b: awareness (80 / 20) and understanding (18 / 47 / 29 / 6)', () => {
  assert.deepEqual(published('graph3a'), { Yes: 80, No: 20 });
  assert.deepEqual(published('graph3b'), { 'Fully well': 18, 'Reasonably well': 47, 'Not well enough': 29, 'Not at all': 6 });
});

test('Graph4 and its net: 24 / 43 / 33, 67% want the government to step in', () => {
  const t = table('graph4') as FrequencyTable;
  assert.deepEqual(published('graph4'), { 'Ask WhatsApp to roll back the change': 24, 'Bring in more holistic regulation': 43, 'Let users be the best judge': 33, 'Government should step in': 67 });
  assert.equal(t.rows.find((r) => r.net)?.label, 'Government should step in');
  assert.equal(t.rows.filter((r) => r.net).length, 1);
});

test('Graph5: a multi-select published as % of responses (34 / 24 / 15 / 26), base labelled', () => {
  const t = table('graph5') as FrequencyTable;
  assert.equal(t.type, 'multi');
  assert.equal(t.base, 565);
  assert.equal(t.responses, 712);
  assert.deepEqual(published('graph5', 'percentOfResponses'), { Telegram: 34, Signal: 24, 'WhatsApp, while also using or considering other apps': 15, 'Only WhatsApp': 26, Other: 1 });
  // The same counts as % of respondents sum past 100: both bases are reported.
  assert.deepEqual(published('graph5'), { Telegram: 43, Signal: 30, 'WhatsApp, while also using or considering other apps': 19, 'Only WhatsApp': 33, Other: 1 });
});

test('Graph6 and its net: 18 / 25 / 29 / 28, 72% open to switching', () => {
  assert.deepEqual(published('graph6'), { 'Already quit': 18, 'Within a week': 25, 'Within a month': 29, 'No plans to quit': 28, 'Open to switching': 72 });
});

test('Graph7: the respondent profile is tabulated on the valid base', () => {
  for (const id of ['graph7_user_type', 'graph7_age', 'graph7_occupation']) assert.equal((table(id) as FrequencyTable).base, 565, id);
  // "Prefer not to say" is a declared missing code: shown, outside the base.
  const gender = table('graph7_gender') as FrequencyTable;
  assert.equal(gender.base + gender.missing, 565);
  assert.ok(gender.rows.some((r) => r.missing && r.label === 'Prefer not to say'));
});

test('crosstab government preference x understanding: among "let users judge", 21.5 / 52.2 / 26.3', () => {
  const x = table('understanding_by_gov') as CrosstabTable;
  // expected.json (from the generator) holds counts[column][row].
  const expected = JSON.parse(readFileSync(fromRoot('fixtures/whatsapp-privacy-2021/expected.json'), 'utf8')) as { crosstab: { counts: Record<string, Record<string, number>> } };
  const want = x.rowLabels.map((r) => x.columnLabels.map((c) => expected.crosstab.counts[c]![r]!));
  assert.deepEqual(x.counts, want);
  assert.equal(x.base, 565);
  const judge = x.columnLabels.indexOf('Let users be the best judge');
  const col = x.columnPercents.map((r) => r[judge]!);
  assert.equal(col[0]!.toFixed(1), '21.5');
  assert.equal(col[1]!.toFixed(1), '52.2');
  assert.equal((col[2]! + col[3]!).toFixed(1), '26.3');
  assert.equal(x.columnBases[judge], 186);
  // A filtered table gives the same shares on its own base.
  const sub = table('understanding_among_let_users_judge') as FrequencyTable;
  assert.equal(sub.base, 186);
  assert.equal(sub.rows[0]!.percent!.toFixed(1), '21.5');
});

test('no personal data reaches the result', () => {
  const json = JSON.stringify(result);
  const raw = readFileSync(fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'), 'utf8');
  const emails = raw.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
  assert.ok(emails.length > 500);
  for (const e of new Set(emails)) assert.ok(!json.includes(e), `e-mail ${e} leaked`);
  assert.deepEqual(result.withheld.map((w) => w.kind).sort(), ['email', 'name', 'phone']);
});

test('crosstab statistics match scipy on the filtered data (tests/oracles/whatsapp_report.py)', () => {
  const x = table('understanding_by_gov') as CrosstabTable;
  const oracle = JSON.parse(readFileSync(fromRoot('tests/oracles/output/whatsapp-report.json'), 'utf8')) as {
    funnel: { removed: number; remaining: number }[];
    crosstab: { rowLabels: string[]; columnLabels: string[]; counts: number[][]; chi2: number; df: number; p: number; cramersV: number; lowExpectedShare: number };
  };
  assert.deepEqual(result.funnel.map((s) => s.remaining), oracle.funnel.map((s) => s.remaining));
  const o = oracle.crosstab;
  for (const [i, rl] of o.rowLabels.entries()) for (const [j, cl] of o.columnLabels.entries()) assert.equal(x.counts[x.rowLabels.indexOf(rl)]![x.columnLabels.indexOf(cl)], o.counts[i]![j]);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  assert.ok(x.stats);
  assert.ok(near(x.stats.chi2, o.chi2), `chi2 ${x.stats.chi2} vs ${o.chi2}`);
  assert.equal(x.stats.df, o.df);
  assert.ok(near(x.stats.p, o.p), `p ${x.stats.p} vs ${o.p}`);
  assert.ok(near(x.stats.cramersV, o.cramersV));
  assert.equal(x.stats.lowExpected, o.lowExpectedShare);
});

test("tables.csv tells answers from nets and from missing answers shown outside the base (row_type): a question's answers add up to 100%", () => {
  const csv = readFileSync(fromRoot('fixtures/whatsapp-privacy-2021/report/tables.csv'), 'utf8');
  assert.equal(csv.slice(0, csv.indexOf('\r\n')), 'kind,question,label,answer,column,count,percent,percent_of_responses,base,row_type', 'row_type added last: the other columns keep their places');
  const rows = (parseCsv(csv, { columns: true }) as Record<string, string>[]).map((r) => ({ kind: r['kind']!, question: r['question']!, answer: r['answer']!, percent: Number(r['percent']), type: r['row_type']! }));
  const freq = (q: string) => rows.filter((r) => r.question === q && r.kind === 'frequency');
  assert.deepEqual(freq('gov').map((r) => [r.answer, r.type]), [
    ['Ask WhatsApp to roll back the change', 'answer'],
    ['Bring in more holistic regulation', 'answer'],
    ['Let users be the best judge', 'answer'],
    ['Government should step in', 'net'],
  ]);
  assert.ok(freq('gender').some((r) => r.answer === 'Prefer not to say' && r.type === 'missing'), 'a declared missing answer shown is outside the base');
  for (const q of ['gov', 'quit', 'gender']) {
    const sum = freq(q).filter((r) => r.type === 'answer').reduce((a, r) => a + r.percent, 0);
    assert.ok(Math.abs(sum - 100) < 1e-9, `${q}: answers add up to ${sum}`);
  }
  const crosstab = rows.filter((r) => r.kind === 'crosstab');
  assert.ok(crosstab.length > 0 && crosstab.every((r) => r.type === 'answer'), 'the crosstab has no nets');
});
