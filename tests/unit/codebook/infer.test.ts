import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inferCodebook } from '../../../src/codebook/infer.js';
import { mergeHeader, type HeaderLayout } from '../../../src/codebook/header.js';
import type { Question } from '../../../src/spec/codebook.js';

/** Infers a codebook from a header row (or rows) and data rows, as analyzeFile would. */
function infer(header: string[][], rows: string[][], layout: HeaderLayout = 'single', decimalComma = false): Question[] {
  return inferCodebook(mergeHeader(header, layout, header[0]!.length), rows, { decimalComma }).questions;
}
const column = (...cells: string[]) => cells.map((c) => [c]);
const brief = (q: Question) => ({ id: q.id, type: q.type, options: q.options, ...(q.pii ? { pii: q.pii.kind } : {}) });

test('dates: day-first when more of the column reads that way; month-first when nothing tells', () => {
  const [uk] = infer([['Timestamp']], column('05/01/2021 10:00:00', '12/01/2021 11:30:00', '23/01/2021 09:15:00', '31/01/2021 20:00:00', '02/02/2021 08:00:00'));
  assert.deepEqual([uk!.type, uk!.dateOrder], ['date', 'dmy']);
  const [us] = infer([['Timestamp']], column('1/5/2021 10:00:00', '1/12/2021 11:30:00', '1/23/2021 9:15:00', '1/31/2021 20:00:00'));
  assert.deepEqual([us!.type, us!.dateOrder], ['date', undefined]);
  const [ambiguous] = infer([['Timestamp']], column('05/01/2021', '06/01/2021', '07/02/2021'));
  assert.deepEqual([ambiguous!.type, ambiguous!.dateOrder], ['date', undefined], 'US order, as before; the spec can say dmy');
  // ... and said to be a guess (analyze prints it; init writes dateOrder: mdy), which the others are not.
  assert.deepEqual([ambiguous!.dateOrderGuessed, uk!.dateOrderGuessed, us!.dateOrderGuessed], [true, undefined, undefined]);
  // Dotted dates are day-first whatever the order: nothing to say.
  const [dotted] = infer([['Datum']], column('23.11.2026 14:05', '01.12.2026 09:00', '02.12.2026 10:30'));
  assert.deepEqual([dotted!.type, dotted!.dateOrder], ['date', undefined]);
});

test('dates: one order per export, so that a start and an end time agree', () => {
  // Every start falls on days 1-12; the end times show the order (13/01).
  const [start, end, iso] = infer(
    [['Start', 'End', 'Recorded']],
    [
      ['05/01/2021 10:00', '05/01/2021 10:12', '2021-01-05 10:12:00'],
      ['12/01/2021 23:55', '13/01/2021 00:07', '2021-01-13 00:07:00'],
      ['07/01/2021 09:00', '07/01/2021 09:20', '2021-01-07 09:20:00'],
    ],
  );
  assert.deepEqual([start!.dateOrder, end!.dateOrder, iso!.dateOrder], ['dmy', 'dmy', undefined]);
  // One mistyped date among US dates decides nothing, for its column or the others.
  const us = infer(
    [['StartDate', 'Birthday']],
    Array.from({ length: 12 }, (_, i) => [`3/${i + 1}/2021`, i === 0 ? '13/2/1990' : `${(i % 12) + 1}/5/1990`]),
  );
  assert.deepEqual(us.map((q) => [q.type, q.dateOrder]), [['date', undefined], ['date', undefined]]);
});

test('a question about phones or e-mail is a question, not personal data', () => {
  const [phone] = infer([['Do you have a mobile phone?']], column('Yes', 'No', 'Yes', 'Yes', 'Yes', 'No', 'Yes', 'Yes'));
  assert.deepEqual(brief(phone!), { id: 'mobile_phone', type: 'single', options: ['Yes', 'No'] });
  const [email] = infer([['How often do you check your email?']], column('Daily', 'Daily', 'Weekly', 'Never', 'Daily', 'Weekly'));
  assert.deepEqual(brief(email!), { id: 'often_check_email', type: 'single', options: ['Daily', 'Weekly', 'Never'] });
});

test('a contact column stays withheld, whatever else it holds', () => {
  const phone = infer([['Phone']], column('N/A', 'N/A', 'N/A', 'none', 'N/A', '+44 20 7946 0958', 'N/A'));
  assert.deepEqual(brief(phone[0]!), { id: 'phone', type: 'pii', options: [], pii: 'phone' });
  const email = infer([['Email Address']], column('', '', ''));
  assert.deepEqual(brief(email[0]!), { id: 'email_address', type: 'pii', options: [], pii: 'email' });
  const names = infer([['Your name']], column('Ana', 'Ana', 'Ana', 'Bo', 'Ana', 'Bo'));
  assert.equal(names[0]!.type, 'pii', 'names repeat, yet are names');
});

test('a Google Forms grid with items named Email and Phone stays one grid', () => {
  const header = [['How often do you use each? [Email]', 'How often do you use each? [Phone]', 'How often do you use each? [Chat]']];
  const rows = [
    ['Daily', 'Weekly', 'Never'],
    ['Weekly', 'Daily', 'Daily'],
    ['Daily', 'Daily', 'Weekly'],
    ['Never', 'Weekly', 'Daily'],
    ['Daily', 'Never', 'Daily'],
    ['Weekly', 'Daily', 'Never'],
  ];
  const [grid, ...rest] = infer(header, rows);
  assert.deepEqual(rest, []);
  assert.equal(grid!.type, 'matrix');
  assert.deepEqual(
    grid!.items.map((i) => [i.id, i.label, i.column]),
    [
      ['email', 'Email', 0],
      ['phone', 'Phone', 1],
      ['chat', 'Chat', 2],
    ],
  );
  assert.deepEqual(grid!.options, ['Daily', 'Weekly', 'Never']);
});

test('an unnamed column of unique whole numbers is a row id; one of repeated numbers is not', () => {
  const [id] = infer([['', 'Q']], [['1', 'a'], ['2', 'b'], ['3', 'a']]);
  assert.deepEqual(brief(id!), { id: 'col_1', type: 'pii', options: [], pii: 'id' });
  const [codes] = infer([['', 'Q']], [['1', 'a'], ['2', 'b'], ['1', 'a']]);
  assert.equal(codes!.type, 'single');
});

test('whole numbers: up to 11 distinct values are a scale, more are numeric', () => {
  const eleven = column(...Array.from({ length: 11 }, (_, i) => String(i)));
  assert.deepEqual(brief(infer([['Score']], eleven)[0]!), { id: 'score', type: 'single', options: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] });
  const twelve = column(...Array.from({ length: 12 }, (_, i) => String(i + 18)));
  assert.equal(infer([['Age']], twelve)[0]!.type, 'numeric');
  assert.equal(infer([['Hours']], column('1.5', '2', '2'))[0]!.type, 'numeric', 'a fraction makes it a measurement');
  assert.equal(infer([['Stunden']], column('1,5', '2', '2'), 'single', true)[0]!.type, 'numeric', 'decimal comma');
  assert.equal(infer([['Stunden']], column('1,5', '2', '2'), 'single', false)[0]!.type, 'single', 'without decimal commas "1,5" is a label');
});

test('dates: 90% of answers must parse; years alone are numbers', () => {
  assert.equal(infer([['When']], column('1/6/2021 10:31:41', '1/7/2021 9:05:13', '2021-03-05'))[0]!.type, 'date');
  assert.equal(infer([['Year']], column('1990', '1991', '1992'))[0]!.type, 'single');
});

test('a column with no answers at all is a single choice with no options', () => {
  assert.deepEqual(brief(infer([['Comments']], column('', '', '-'))[0]!), { id: 'comments', type: 'single', options: [] });
});

test('SurveyMonkey option columns: multi when someone ticked two, single when never', () => {
  const header = [
    ['Which fruits?', '', ''],
    ['Apples', 'Bananas', 'Cherries'],
  ];
  const multi = infer(header, [['Apples', 'Bananas', ''], ['', '', 'Cherries'], ['Apples', '', '']], 'surveymonkey');
  assert.deepEqual(
    multi.map((q) => [q.type, q.options, q.layout]),
    [['multi', ['Apples', 'Bananas', 'Cherries'], { kind: 'columns' }]],
  );
  const single = infer(header, [['Apples', '', ''], ['', '', 'Cherries'], ['Apples', '', ''], ['', 'Bananas', '']], 'surveymonkey');
  assert.deepEqual(
    single.map((q) => [q.type, q.options]),
    [['single', ['Apples', 'Bananas', 'Cherries']]],
  );
});

test('question ids are unique even when texts repeat', () => {
  const qs = infer([['Colour', 'Colour', 'colour']], [['a', 'b', 'c'], ['b', 'c', 'a']]);
  assert.deepEqual(
    qs.map((q) => q.id),
    ['colour', 'colour_2', 'colour_3'],
  );
});

test('typed answers (varying case) are free text, picked ones a single choice', () => {
  const towns = ['Mumbai', 'mumbai', 'MUMBAI', 'Pune', 'pune', 'Delhi', 'delhi', 'Chennai', 'Kolkata', 'Kochi', 'Goa', 'Jaipur', 'Indore', 'Nagpur', 'Patna'];
  const typed = column(...towns, ...towns, 'Mumbai, Maharashtra', 'Pune, Maharashtra', 'Mumbai, Maharashtra', 'Pune, Maharashtra');
  assert.equal(infer([['Which city or state do you live in?']], typed)[0]!.type, 'text');
  // 15 options, more than a short list, each picked three times: still a choice.
  const options = [...towns.filter((t) => t[0] === t[0]!.toUpperCase() && t !== t.toUpperCase()), 'Surat', 'Agra', 'Bhopal', 'Ranchi'];
  assert.equal(options.length, 15);
  const picked = infer([['Which city?']], column(...options.flatMap((t) => [t, t, t])))[0]!;
  assert.deepEqual([picked.type, picked.options.length], ['single', 15]);
});

test('a few comments, each typed once, are free text; a few picks of a list are a single choice', () => {
  const comments = column('Great service overall', 'The app crashed twice on login', 'Delivery was late but support helped', 'Please add dark mode to the app', '');
  assert.equal(infer([['Any other comments?']], comments)[0]!.type, 'text');
  // Short options, one respondent each: still a list.
  assert.equal(infer([['Favourite fruit']], column('Apple', 'Banana', 'Mango', 'Kiwi'))[0]!.type, 'single');
  // Long options that repeat: a list.
  const picks = column('Delivery was late or never came', 'The product arrived damaged', 'Delivery was late or never came', 'The product arrived damaged');
  assert.equal(infer([['Main problem']], picks)[0]!.type, 'single');
  // Two long answers say too little either way: a list, as before.
  assert.equal(infer([['Comments']], column('I would recommend it to a friend', 'Not what I expected at all'))[0]!.type, 'single');
});

test('"Question: item" columns answered alike are one grid; alike questions answered differently are not', () => {
  // FiveThirtyEight's religion survey: SurveyMonkey headers, one column per item.
  const often = ['Never', 'Every day', 'Once a year or less', 'A few times per week'];
  const [grid, age, region, alone] = infer(
    [
      ['How often do you: Pray in public', 'How often do you: Pray aloud before meals', 'How often do you: Wear religious clothing', 'About you: Age', 'About you: Region', 'Comments: anything else?'],
      ['Response', 'Response', 'Response', 'Response', 'Response', 'Response'],
    ],
    often.map((a, i) => [a, often[(i + 1) % 4]!, often[(i + 2) % 4]!, ['18-29', '30-44', '45-60', '> 60'][i]!, ['Pacific', 'Mountain', 'New England', 'South'][i]!, ['Yes', 'No', 'Yes', 'No'][i]!]),
    'surveymonkey',
  );
  assert.deepEqual([grid!.id, grid!.type, grid!.label, grid!.scale], ['often', 'matrix', 'How often do you', 'frequency']);
  assert.deepEqual(grid!.items.map((i) => i.label), ['Pray in public', 'Pray aloud before meals', 'Wear religious clothing']);
  assert.deepEqual(grid!.options, ['Every day', 'A few times per week', 'Once a year or less', 'Never']);
  // Same "About you" but no answer in common; and a lone "Comments:" column: questions of their own.
  assert.deepEqual([age!.type, age!.label, region!.type, region!.label, alone!.label], ['single', 'About you: Age', 'single', 'About you: Region', 'Comments: anything else?']);
});

test('"Question: item" columns of dates, numbers, personal data, or under a section heading stay apart', () => {
  // (Whole numbers of 11 values or fewer are a rating scale, and would make a grid, as a single column of them is a single choice.)
  const rows = Array.from({ length: 12 }, (_, i) => [
    `2024-03-${String(i + 1).padStart(2, '0')}`, `2024-03-${String(i + 3).padStart(2, '0')}`,
    String(5 + i), String(9 + i),
    `+1 415 555 01${String(i).padStart(2, '0')}`, `+1 415 555 02${String(i).padStart(2, '0')}`,
    i % 2 ? 'Yes' : 'No', i % 3 ? 'Yes' : 'No',
  ]);
  const qs = infer(
    [['Stay: Check-in date', 'Stay: Check-out date', 'Test score: Pre-course', 'Test score: Post-course', 'Best number to reach you: Weekdays', 'Best number to reach you: Weekends', 'Section 2: Do you smoke?', 'Section 2: Do you drink?']],
    rows,
  );
  assert.deepEqual(qs.map((q) => q.type), ['date', 'date', 'numeric', 'numeric', 'pii', 'pii', 'single', 'single']);
});

test('a grid item whose answers are phone numbers or e-mails is withheld, whatever its header says', () => {
  const rows = Array.from({ length: 10 }, (_, i) => [`+1 415 555 01${String(i).padStart(2, '0')}`, i % 2 ? 'Agree' : 'Disagree', i % 3 ? 'Agree' : 'Disagree']);
  const qs = infer([['Reach you [Weekdays]', 'Statements [Clear]', 'Statements [Fair]']], rows);
  assert.deepEqual(qs.map((q) => [q.type, q.pii?.kind]), [['pii', 'phone'], ['matrix', undefined]]);
});

test('three or more choice columns that open alike and are answered alike are one grid, items named by what differs', () => {
  // FiveThirtyEight's food-world-cup: one column per country, no grid header.
  const countries = ['Algeria:', 'Argentina.', 'Bosnia and Herzegovina.'];
  const ratings = ['1', '2', '3', '4', '5', 'N/A'];
  const [grid, apart1, apart2] = infer(
    [[...countries.map((c) => `Please rate how much you like the traditional cuisine of ${c}`), 'Do you own a car?', 'Do you own a bike?']],
    ratings.map((r, i) => [r, ratings[(i + 1) % 6]!, ratings[(i + 2) % 6]!, i % 2 ? 'Yes' : 'No', i % 3 ? 'Yes' : 'No']),
  );
  assert.deepEqual([grid!.type, grid!.label], ['matrix', 'Please rate how much you like the traditional cuisine of']);
  assert.deepEqual(grid!.items.map((i) => i.label), ['Algeria', 'Argentina', 'Bosnia and Herzegovina']);
  // Two columns, or an opening shorter than 15 characters ("Do you own a "), stay questions of their own.
  assert.deepEqual([apart1!.type, apart2!.type], ['single', 'single']);
});

test('shared openings that are not one grid: a screener and its follow-ups, repeated headers, a neighbour, bracketed waves', () => {
  const answers = ['Yes', 'No', 'Yes', 'No', 'Yes', 'No'];
  const run = (headers: string[]) => infer([headers], answers.map((_, i) => headers.map((__, k) => answers[(i + k) % 6]!))).map((q) => [q.type, q.label]);
  // A header that is the start of the others.
  assert.deepEqual(run(['Do you have health insurance?', 'Do you have health insurance through your employer?', 'Do you have health insurance through a government program?']).map(([t]) => t), ['single', 'single', 'single']);
  // The same header three times.
  assert.deepEqual(run(['How likely are you to recommend this product?', 'How likely are you to recommend this product?', 'How likely are you to recommend this product?']).map(([t]) => t), ['single', 'single', 'single']);
  // Items in brackets.
  assert.deepEqual(run(['Overall satisfaction (wave 1)', 'Overall satisfaction (wave 2)', 'Overall satisfaction (wave 3)']).map(([t]) => t), ['single', 'single', 'single']);
  // A different question beside the run is not swallowed by it.
  const stay = run(['How satisfied are you with the price?', 'How satisfied are you with the staff?', 'How satisfied are you with the cleanliness?', 'How satisfied are you overall with your stay?']);
  assert.deepEqual(stay, [['matrix', 'How satisfied are you with the'], ['single', 'How satisfied are you overall with your stay?']]);
});

test('a choice column where several answers hold contact details, a tenth of those given, was typed: free text; a write-in or two stays a choice (masked in outputs)', () => {
  const rows = (n: number, extra: string[]) => column(...Array.from({ length: n }, (_, i) => (i % 2 ? 'None' : 'Basic')), ...extra);
  const [typed] = infer([['Other (please specify)']], rows(16, ['ask for me: chen.wei@example.org', 'call 020 7946 0999']));
  assert.equal(typed!.type, 'text');
  const [one] = infer([['Other (please specify)']], rows(16, ['ask for me: chen.wei@example.org', 'ask for me: chen.wei@example.org']));
  assert.deepEqual([one!.type, one!.options.length], ['single', 3]);
  // Two write-ins among 300 picked answers: still the question it was.
  const [listed] = infer([['How did you hear about us?']], column(...Array.from({ length: 300 }, (_, i) => ['A friend', 'Social media', 'Search engine', 'Newspaper'][i % 4]!), 'My neighbour, email me at jo@example.com', 'Radio - call 020 7946 0958'));
  assert.deepEqual([listed!.type, listed!.options.length], ['single', 6]);
  // Income bands written without commas are amounts, not phone numbers.
  const [income] = infer([['Household income']], column(...['Under 25000', '25000-49999', '50000-74999', '75000-99999', '100000-149999', '150000 or more'].flatMap((b) => [b, b, b])));
  assert.deepEqual([income!.type, income!.options], ['single', ['Under 25000', '25000-49999', '50000-74999', '75000-99999', '100000-149999', '150000 or more']]);
});

test("NA, as R and pandas write a missing value: no answer where several columns hold it, an answer where one does", () => {
  const header = [['Employed', 'How much', 'Age', 'Hours', 'Region']];
  const rows = [
    ['Yes', 'A lot', '34.5', '40.5', 'NA'],
    ['Yes', 'Some', '51', 'NA', 'EU'],
    ['No', 'NA', 'NA', 'NA', 'NA'],
    ['NA', 'Some', '29', '38', 'APAC'],
    ['Yes', 'A lot', '45', '42', 'EU'],
  ];
  const cb = inferCodebook(mergeHeader(header, 'single', 5), rows, { decimalComma: false });
  assert.deepEqual(cb.missing, ['NA']);
  const [employed, much, age, hours, region] = cb.questions;
  // Typed and ordered without it: the numbers are numbers, the answers do not list it.
  assert.deepEqual([employed!.type, employed!.options, employed!.missing], ['single', ['Yes', 'No'], ['NA']]);
  assert.deepEqual([much!.options, much!.missing], [['A lot', 'Some'], ['NA']]);
  assert.deepEqual([age!.type, age!.missing, hours!.type], ['numeric', ['NA'], 'numeric']);
  assert.deepEqual(region!.missing, ['NA']);
  // One column of NA among answers is North America, or whatever the survey meant by it.
  const alone = inferCodebook(mergeHeader([['Region', 'Employed']], 'single', 2), [['NA', 'Yes'], ['EU', 'No'], ['NA', 'Yes']], { decimalComma: false });
  assert.equal(alone.missing, undefined);
  assert.deepEqual([alone.questions[0]!.options, alone.questions[0]!.missing], [['EU', 'NA'], undefined]);
});

test('coded column names with no question text: a grid or multi-select is labelled by its stem, not its first column', () => {
  const qs = infer([['q0004_0001', 'q0004_0002', 'q0004_0003', 'q0007_0001', 'q0007_0002']], [
    ['Father or father figure(s)', 'Not selected', 'Friends', 'Often', 'Rarely'],
    ['Not selected', 'Mother or mother figure(s)', 'Friends', 'Sometimes', 'Often'],
    ['Father or father figure(s)', 'Mother or mother figure(s)', 'Not selected', 'Rarely', 'Never, and not open to it'],
  ]);
  assert.deepEqual(qs.map((q) => [q.id, q.label, q.type]), [['q0004', 'q0004', 'multi'], ['q0007', 'q0007', 'matrix']]);
});

test('a lone "select all that apply" column of one answer: a one-option multi-select, everyone in its base, not a 100% choice', () => {
  const [box, other] = infer([["Will you watch any of the following programs? Please select all that apply. - Macy's Parade", 'Plays football']], [
    ["Macy's Parade", 'Yes'],
    ['', 'No'],
    ["Macy's Parade", 'Yes'],
    ['', ''],
  ]);
  assert.deepEqual([box!.type, box!.label, box!.layout, box!.items.map((i) => i.label)], ['multi', 'Will you watch any of the following programs? Please select all that apply.', { kind: 'columns' }, ["Macy's Parade"]]);
  // A column of one answer whose header asks for no ticking stays a choice.
  assert.equal(other!.type, 'single');
  const [yes] = infer([['Are you sure?']], column('Yes', 'Yes', ''));
  assert.equal(yes!.type, 'single');
});

test("Typeform's checkboxes, a column per option headed by it and holding it or a blank: each a checkbox based on everyone, never a 100% choice", () => {
  const rows = [
    ['Podcasts', '', 'YouTube', 'Alex'],
    ['', 'Newsletters', 'YouTube', 'Sam'],
    ['Podcasts', '', '', 'Kim'],
    ['', '', '', 'Lee'],
  ];
  const qs = infer([['Podcasts', 'Newsletters', 'YouTube', 'Nickname']], rows);
  assert.deepEqual(
    qs.map((q) => [q.label, q.type, q.layout?.kind === 'columns' ? q.items.map((i) => i.label) : q.options]),
    [
      ['Podcasts', 'multi', ['Podcasts']],
      ['Newsletters', 'multi', ['Newsletters']],
      ['YouTube', 'multi', ['YouTube']],
      ['Nickname', 'single', ['Alex', 'Kim', 'Lee', 'Sam']],
    ],
  );
});
