/** maskContacts: e-mail addresses, phone numbers and IP addresses inside answers, and what only looks like them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsContacts, maskContacts, maskResult, maskTable, MASK } from '../../../src/privacy/mask.js';
import type { AnalysisResult, Table } from '../../../src/spec/result.js';

const { email: E, phone: P, ip: I, name: N } = MASK;

/** Each input masks to what is given, and counts as holding a contact detail. */
function assertMasked(cases: readonly [input: string, masked: string][]): void {
  for (const [input, masked] of cases) {
    assert.equal(maskContacts(input), masked, input);
    assert.equal(holdsContacts(input), true, input);
  }
}

test('masked: e-mail addresses, phone numbers in the usual notations, IPv4 and IPv6 addresses', () => {
  const cases: [string, string][] = [
    ['email me at jo.bloggs+survey@example.co.uk please', `email me at ${E} please`],
    ['<anna@example.org>; (b.c@d-e.fr)', `<${E}>; (${E})`],
    ['call +44 20 7946 0958 or (555) 010-2233', `call ${P} or ${P}`],
    ['+33 1 23 45 67 89', P],
    ['07700900123', P],
    ['Text me: 07700 900109', `Text me: ${P}`],
    ['030/12345678', P],
    ['020.7946.095', P],
    ['from 203.0.113.7, ok', `from ${I}, ok`],
    ['2001:db8::1 and fe80::1ff:fe23:4567:890a', `${I} and ${I}`],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', I],
  ];
  assertMasked(cases);
});

test('kept: dates, times, years, amounts, ranges, versions, ratios and ordinary answers', () => {
  for (const s of [
    '6/1/2024 10:31:41',
    '2021-01-15 10:31:41',
    '2021-01-15T10:31:41Z',
    'meet at 10:31:41',
    'between 1990 and 2020',
    'I earn 45,000 a year',
    '$150,000+',
    '1.250.000,00',
    '1234567.89',
    'aged 18-29',
    'version 1.2.3',
    'ratio 3:2:1',
    'C++ std::vector',
    'a::b',
    'id 123456789',
    '555-0199',
    'Not good, but I can live with it',
    'Email, SMS or phone calls',
    '@home',
    'user@localhost',
    '',
  ]) {
    assert.equal(maskContacts(s), s, s);
    assert.equal(holdsContacts(s), false, s);
  }
});

test('maskResult masks answers, options, nets and messages, and keeps question texts', () => {
  const result: AnalysisResult = {
    input: { file: 'a@b.csv', rows: 2, encoding: 'utf-8', delimiter: ',', headerRows: 1 },
    questions: [{ id: 'q', label: 'Write to support@example.com', type: 'single', options: ['x@example.com', 'No'], items: [] }],
    tables: [
      { kind: 'frequency', question: 'q', label: 'Write to support@example.com', type: 'single', base: 2, missing: 0, rows: [{ label: 'x@example.com', count: 1, percent: 50 }, { label: 'Net', count: 1, percent: 50, net: true, members: ['x@example.com'] }] },
      { kind: 'crosstab', row: 'q', column: 'q', label: 'X', rowLabels: ['x@example.com'], columnLabels: ['192.0.2.1'], counts: [[1]], columnPercents: [[100]], rowPercents: [[100]], totalPercents: [[100]], columnBases: [1], rowBases: [1], base: 1, stats: null },
    ],
    withheld: [],
    diagnostics: [{ level: 'info', code: 'SURVEY_WHERE', message: '1 row excluded by --where "q == \\"x@example.com\\""' }],
  };
  const masked = maskResult(result);
  assert.deepEqual(masked.questions[0]!.options, [E, 'No']);
  assert.equal(masked.questions[0]!.label, 'Write to support@example.com', "the survey author's own text is kept");
  const [f, x] = masked.tables;
  assert.ok(f?.kind === 'frequency' && f.rows[0]!.label === E && f.rows[1]!.members![0] === E);
  assert.ok(x?.kind === 'crosstab' && x.rowLabels[0] === E && x.columnLabels[0] === I);
  assert.ok(!masked.diagnostics[0]!.message.includes('x@example.com'));
  assert.equal(masked.input.file, 'a@b.csv');
  assert.equal((result.tables[0] as { rows: { label: string }[] }).rows[0]!.label, 'x@example.com', 'the input is not changed');
});

test('names given as names are masked: after "my name is", "Name:" opening a sentence, and as a sign-off ending the answer', () => {
  const cases: [string, string][] = [
    ['My name is Ana Lee and I love it', `My name is ${N} and I love it`],
    ['my name is ana lee, thanks', `my name is ${N}, thanks`],
    ['My name is Ana. We loved it', `My name is ${N}. We loved it`],
    ["My name's Bruno.", `My name's ${N}.`],
    ['Name: Bruno Díaz', `Name: ${N}`],
    ['Your name: Mr. Smith', `Your name: ${N}`],
    ['Thanks, Ana', `Thanks, ${N}`],
    ['Thanks\nAna', `Thanks\n${N}`],
    ['Great app! Regards,\nAna Lee.', `Great app! Regards,\n${N}.`],
    ['Great app. Cheers - Kofi M.', `Great app. Cheers - ${N}`],
    ['Thanks!\n- Ana Lee', `Thanks!\n- ${N}`],
    ['Thank you, Dr. Chen Wei!', `Thank you, ${N}!`],
    ['Email me: jo@example.com, thanks, Jo', `Email me: ${E}, thanks, ${N}`],
    // Long names, particles, lower case after a given name, scripts without capitals.
    ['My name is María José García López', `My name is ${N}`],
    ['Name: Ana de la Cruz', `Name: ${N}`],
    ['Name: Ludwig van Beethoven', `Name: ${N}`],
    ['Name: ana lee', `Name: ${N}`],
    ['my name is: ana', `my name is: ${N}`],
    ['Thanks, 李娜', `Thanks, ${N}`],
    // A degree or suffix after the name stays; the name goes.
    ['Thanks, Ana Lee, PhD', `Thanks, ${N}, PhD`],
    ['Great app! Regards,\nDr. Chen Wei, M.D.', `Great app! Regards,\n${N}, M.D.`],
    ['Cheers, Ana, RN!', `Cheers, ${N}, RN!`],
    ['Thanks, John Smith, Jr.', `Thanks, ${N}, Jr.`],
  ];
  assertMasked(cases);
});

test('kept: the same words when no name follows them, and answer labels that only look alike', () => {
  for (const s of [
    'Best Buy',
    'Best - Unlimited',
    'Best, Jo',
    'Best app ever',
    'thanks a lot',
    'Thanks, keep it up',
    'Thanks, Great job!',
    'Thanks, great job, PhD students',
    'Thanks, Great job, MD',
    'Please call me Monday',
    'Company name: Acme Corp',
    'Name: N/A',
    'My name is not important',
    'I like the Name: field',
    'Kind regards',
    'Prefer not to say',
    'Name brands only',
    // Labels of answer lists that open with a cue.
    'No thanks - Not Interested',
    'No thanks, Maybe Later',
    'No, thanks - Maybe Later',
    'Thank You - Extremely Likely',
    'Thanks - Bye',
    'Cheers - Heineken',
  ]) {
    assert.equal(maskContacts(s), s, s);
  }
});

test('long hostile answers are masked in time linear in their length (no backtracking blow-up)', () => {
  // Each took 1-13 s with an earlier pattern; tens of milliseconds at most now. The bound only catches a blow-up.
  const hostile = [
    'best-'.repeat(25_600) + '1',
    `Thanks, Ana${' '.repeat(64_000)}x1`,
    'name: '.repeat(20_000),
    `my name is ${'a-'.repeat(60_000)}`,
    'thanks, '.repeat(20_000),
    // No space for 100 KB: the e-mail pattern took 4 s on these before its parts were bounded.
    'a'.repeat(100_000) + '1234',
    '1.'.repeat(50_000),
    ('a'.repeat(100) + '@').repeat(1000),
  ];
  for (const s of hostile) {
    const t0 = performance.now();
    maskContacts(s);
    assert.ok(performance.now() - t0 < 1000, `${s.slice(0, 20)}... took ${performance.now() - t0} ms`);
  }
});

test('bands of amounts are not phone numbers; phones written in two groups still are', () => {
  for (const band of ['100000-149999', '25000-49999', '$25,000 - $49,999', '150000-199999']) assert.equal(maskContacts(band), band);
  for (const phone of ['98123-45678', '70123-80123', '12345-67890', '020-7946-0958', '555-123-4567']) assert.equal(maskContacts(phone), MASK.phone, phone);
});

test("a table's filter quoting an e-mail address is masked like an answer", () => {
  const t = { kind: 'numeric', question: 'age', label: 'Age', n: 1, missing: 0, invalid: 0, mean: 30, sd: null, median: 30, min: 30, max: 30, filter: 'email != "jane.doe@example.com"' } as unknown as Table;
  const masked = maskTable(t);
  assert.ok(!JSON.stringify(masked).includes('jane.doe@example.com'));
  assert.match(masked.filter!, /^email != "/);
});
