import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isQuestionAboutContact, looksLikeIds, piiFromHeader, piiFromValues } from '../../../src/codebook/pii.js';

const kind = (name: string, question = name) => piiFromHeader(name, question)?.kind ?? null;

test('piiFromHeader: the platforms\' own names for personal data', () => {
  const cases: [string, string][] = [
    ['Email Address', 'email'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['RecipientEmail', 'email'],
    ['Your e-mail (optional)', 'email'],
    ['Phone', 'phone'],
    ['Phone number (WhatsApp)', 'phone'],
    ['Mobile number', 'phone'],
    ['IP Address', 'ip'],
    ['IPAddress', 'ip'],
    ['First Name', 'name'],
    ['Last Name', 'name'],
    ['LastName', 'name'],
    ['Your name', 'name'],
    ['Name', 'name'],
    ['RecipientFirstName', 'name'],
    ['RecipientLastName', 'name'],
    ['Respondent ID', 'id'],
    ['RespondentID', 'id'],
    ['CollectorID', 'id'],
    ['ResponseId', 'id'],
    ['Response ID', 'id'],
    ['participant_id', 'id'],
    ['ExternalReference', 'id'],
    ['id', 'id'],
    ['uuid', 'id'],
    ['Street address', 'address'],
    ['Zip code', 'address'],
    ['LocationLatitude', 'address'],
    // Typeform, LimeSurvey and others.
    ['#', 'id'],
    ['Network ID', 'id'],
    ['Submission ID', 'id'],
    ['token', 'id'],
    ['Participant token', 'id'],
    ['Access code', 'id'],
    ['ipaddr', 'ip'],
    ['refurl', 'id'],
    ['Referrer URL', 'id'],
    ['Username', 'id'],
    ['Social Security number', 'id'],
    ['National Insurance number', 'id'],
    ['SSN', 'id'],
    ['Twitter handle', 'id'],
    ['Address line 1', 'address'],
    ['Address 2', 'address'],
    ['Zip', 'address'],
    // Names asked as questions, and in the languages forms are often written in.
    ["What's your first name?", 'name'],
    ['What is your name?', 'name'],
    ['Please enter your full name', 'name'],
    ['Your name (optional)', 'name'],
    ['Who should we contact? (name)', 'name'],
    ['Hi! What should we call you?', 'name'],
    ['Nome', 'name'],
    ['Vorname', 'name'],
    ['Nombre completo', 'name'],
    ['Prénom', 'name'],
    // Panels' and crowd-work sites' respondent ids, and SurveyMonkey's Custom Data.
    ['PROLIFIC_PID', 'id'],
    ['workerId', 'id'],
    ['assignmentId', 'id'],
    ['Custom Data 1', 'id'],
    ['psid', 'id'],
    ['Name (optional)', 'name'],
    ['Name:', 'name'],
    ['Name and surname', 'name'],
    ['Student name', 'name'],
    ['Contact name', 'name'],
  ];
  for (const [header, expected] of cases) assert.equal(kind(header), expected, header);
});

test('piiFromHeader: a Qualtrics short name or its question text may name it', () => {
  assert.equal(kind('Q12', 'Email'), 'email');
  assert.equal(kind('QID5', 'What is your phone number?'), 'phone');
  assert.match(piiFromHeader('Email Address', 'Email Address')!.reason, /^header "Email Address" names an e-mail address$/);
  const long = `Name${'x'.repeat(80)}`;
  assert.equal(piiFromHeader(`${long} phone`, '')?.reason.length, `header "" names a phone number`.length + 60);
});

test('piiFromHeader: questions and metadata that are not personal data', () => {
  for (const header of ['Timestamp', 'Which plan are you on?', 'Gender', 'What is your age?', 'Name of your favourite café?', 'Address the issue?', 'StartDate', 'Progress', 'Status', 'Q1', 'Identity', 'Hidden', 'Valid', 'iPhone or Android?', 'Did you get a token of thanks?', 'Do you have a Twitter account?', 'How did you hear about us?', 'Address this first?', '# of children', 'lastpage', 'startlanguage', 'seed', 'Start Date (UTC)', 'Name of your favourite brand?', 'Is your name on the mailing list right?', 'Company name', 'Which name do you prefer for the product?', 'Nominal income', 'Study ID']) {
    assert.equal(kind(header), null, header);
  }
});

test('piiFromValues: e-mails (half is enough), IPs, phone numbers', () => {
  assert.equal(piiFromValues(['zk.private@example.org', 'mbali.home@example.org', 'n/a', 'none'])?.kind, 'email');
  assert.equal(piiFromValues(['192.0.2.10', '192.0.2.11', '198.51.100.201', '10.0.0.1', '255.255.255.255'])?.kind, 'ip');
  assert.equal(piiFromValues(['2001:db8::1', '2001:db8:85a3::8a2e:370:7334', 'fe80::1'])?.kind, 'ip');
  assert.equal(piiFromValues(['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8:0:0:1:0:0:1'])?.kind, 'ip');
  assert.equal(piiFromValues(['(555) 010-2233', '+44 20 7946 0958', '555.010.2244', '+917997273722', '9455171565'])?.kind, 'phone');
  assert.match(piiFromValues(['a@b.co'])!.reason, /e-mail/);
});

test('piiFromValues: answers that only look a bit like personal data', () => {
  assert.equal(piiFromValues([]), null);
  assert.equal(piiFromValues(['Yes', 'No']), null);
  // Ages, years, amounts and scores: numbers, not phone numbers.
  assert.equal(piiFromValues(['23', '35', '1990', '2021', '150000']), null);
  assert.equal(piiFromValues(['1234567.89', '0.123456789', '-12345678']), null);
  assert.equal(piiFromValues(['1/6/2021 10:31:41', '1/7/2021 9:05:13']), null, 'timestamps');
  assert.equal(piiFromValues(['1.2.3', '300.1.1.1', '1.2.3.4.5']), null, 'version numbers, not IPs');
  // Times of day and durations have the shape of IPv6 addresses (hex groups and colons), not their groups.
  assert.equal(piiFromValues(['10:31:41', '18:00:00', '36:00:00', '09:05:00', '23:59:59']), null, 'times, not IPs');
  assert.equal(piiFromValues(['@handle', 'me at example dot com', 'x@y']), null);
  assert.equal(piiFromValues(['18-29', '30-44', '45-60']), null);
});

test('isQuestionAboutContact: "Do you have a mobile phone?" is a question, not a phone number', () => {
  const answers = (...pairs: [string, number][]) => new Map(pairs);
  assert.ok(isQuestionAboutContact('phone', answers(['Yes', 9], ['No', 3])));
  assert.ok(isQuestionAboutContact('email', answers(['Daily', 5], ['Weekly', 4], ['Never', 3])));
  // Any contact detail among the answers keeps the column withheld.
  assert.ok(!isQuestionAboutContact('phone', answers(['N/A', 20], ['none', 10], ['(555) 010-2233', 1])));
  assert.ok(!isQuestionAboutContact('phone', answers(['N/A', 20], ['call 0102 after 6', 1])));
  assert.ok(!isQuestionAboutContact('email', answers(['none', 20], ['ana@example.com', 1])));
  assert.ok(!isQuestionAboutContact('email', answers(['none', 20], ['ana at example', 1], ['x@', 1])));
  // Mostly different answers, or too few to tell: keep it withheld.
  assert.ok(!isQuestionAboutContact('email', answers(['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 1], ['f', 1])));
  assert.ok(!isQuestionAboutContact('phone', answers(['Yes', 2], ['No', 1])));
  assert.ok(!isQuestionAboutContact('phone', new Map()));
  // Only e-mail and phone headers are ever questions about them here.
  assert.ok(!isQuestionAboutContact('name', answers(['Ana', 9], ['Bo', 3])));
  assert.ok(!isQuestionAboutContact('id', answers(['1', 9], ['2', 3])));
});

test('looksLikeIds: codes no two respondents share are ids; numbers, words and repeated codes are not', () => {
  const ids = (f: (i: number) => string, n = 25) => new Map(Array.from({ length: n }, (_, i) => [f(i), 1]));
  assert.ok(looksLikeIds(ids((i) => `5f3a${String(i).padStart(4, '0')}c9e1`)), 'Prolific-like hex');
  assert.ok(looksLikeIds(ids((i) => `A${i}B3XK9Q2`)), 'an MTurk worker id');
  assert.ok(looksLikeIds(ids((i) => `cust-${900000 + i}`)), 'Custom Data');
  assert.ok(!looksLikeIds(ids((i) => String(1000 + i))), 'numbers (durations, amounts)');
  assert.ok(!looksLikeIds(ids((i) => `answer ${i}`)), 'words with a space');
  assert.ok(!looksLikeIds(ids((i) => `R_${i}x`, 10)), 'too few to tell');
  assert.ok(!looksLikeIds(new Map([...ids((i) => `A${i}B3XK9Q2`), ['A1B3XK9Q2', 2]])), 'a code given twice');
  assert.ok(!looksLikeIds(ids((i) => `2023-01-${String(1 + i).padStart(2, '0')}T09:00:33Z`)), 'timestamps to the second');
  assert.ok(!looksLikeIds(ids((i) => `${String(1 + i).padStart(2, '0')}-Jan-2023`)), 'dates with a month name');
});

test('isQuestionAboutContact: a question about a name answered from a list is a question; names repeated are names', () => {
  const answers = (...pairs: [string, number][]) => new Map(pairs);
  assert.ok(isQuestionAboutContact('name', answers(['Yes', 12], ['No', 9])), 'Can we publish your name?');
  assert.ok(isQuestionAboutContact('name', answers(['Yes', 5], ['No', 7], ['Not married', 4])), 'Did you change your surname?');
  assert.ok(!isQuestionAboutContact('name', answers(['Ana', 9], ['Bo', 3])));
});
