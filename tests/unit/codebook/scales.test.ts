import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNoAnswer, isNonSubstantive, isOtherOption, norm, orderOptions, rangeKey } from '../../../src/codebook/scales.js';

/** Counts from [label, count] pairs; order() orders the labels as listed. */
function order(pairs: [string, number][]) {
  return orderOptions(
    pairs.map(([l]) => l),
    new Map(pairs),
  );
}

test('orderOptions: an agreement scale runs from agree to disagree, whatever the counts and first-seen order', () => {
  assert.deepEqual(
    order([
      ['Disagree', 30],
      ['Strongly agree', 2],
      ['Neither agree nor disagree', 10],
      ['Strongly disagree', 1],
      ['Agree', 50],
    ]),
    { options: ['Strongly agree', 'Agree', 'Neither agree nor disagree', 'Disagree', 'Strongly disagree'], scale: 'agreement' },
  );
  // Normalised for matching only: case, curly quotes, trailing punctuation and spaces.
  assert.deepEqual(order([['somewhat DISAGREE.', 1], ['Somewhat  agree', 9]]), { options: ['Somewhat  agree', 'somewhat DISAGREE.'], scale: 'agreement' });
});

test('orderOptions: yes/no, with "Don\'t know" last however often it was chosen', () => {
  assert.deepEqual(order([['No', 10], ['Yes', 3]]), { options: ['Yes', 'No'], scale: 'yesNo' });
  assert.deepEqual(
    order([
      ["Don't know", 40],
      ['No', 10],
      ['Yes', 30],
    ]),
    { options: ['Yes', 'No', "Don't know"], scale: 'yesNo' },
  );
  // The curly apostrophe spelling is the same answer.
  assert.deepEqual(order([['Don\u2019t know', 40], ['Yes', 3], ['No', 2]]).options, ['Yes', 'No', 'Don\u2019t know']);
});

test('orderOptions: several non-substantive answers keep count order among themselves, after the rest', () => {
  assert.deepEqual(
    order([
      ['Prefer not to say', 2],
      ['Female', 10],
      ['Other', 5],
      ['Male', 12],
      ["Don't know", 5],
    ]).options,
    ['Male', 'Female', "Don't know", 'Other', 'Prefer not to say'],
  );
});

test('orderOptions: ranges ascending, "< 18" first and "> 60" last', () => {
  assert.deepEqual(
    order([
      ['30-44', 20],
      ['> 60', 3],
      ['18-29', 50],
      ['< 18', 1],
      ['45-60', 9],
    ]),
    { options: ['< 18', '18-29', '30-44', '45-60', '> 60'], scale: 'numeric' },
  );
  assert.deepEqual(order([['25 - 34', 1], ['Under 18', 1], ['65 and above', 1], ['18 to 24', 1], ['35-44 years', 1]]).options, ['Under 18', '18 to 24', '25 - 34', '35-44 years', '65 and above']);
  assert.deepEqual(order([['7+', 1], ['1-3', 1], ['< 1', 1], ['4-6', 1]]).options, ['< 1', '1-3', '4-6', '7+']);
});

test('orderOptions: money ranges with thousands separators, "$150,000+" last', () => {
  assert.deepEqual(
    order([
      ['$150,000+', 4],
      ['$25,000 - $49,999', 30],
      ['$0 - $24,999', 12],
      ['$100,000 - $149,999', 8],
      ['$50,000 - $99,999', 40],
      ['Prefer not to answer', 20],
    ]),
    { options: ['$0 - $24,999', '$25,000 - $49,999', '$50,000 - $99,999', '$100,000 - $149,999', '$150,000+', 'Prefer not to answer'], scale: 'numeric' },
  );
  assert.deepEqual(order([['100k+', 1], ['50k-100k', 1], ['Less than 50k', 1]]).options, ['Less than 50k', '50k-100k', '100k+']);
});

test('orderOptions: small whole numbers are numbers, not strings ("10" after "9")', () => {
  assert.deepEqual(order([['10', 1], ['9', 1], ['1', 5], ['0', 2]]), { options: ['0', '1', '9', '10'], scale: 'numeric' });
});

test('orderOptions: no natural order means by count, ties broken by label, never by first-seen order', () => {
  assert.deepEqual(order([['Telegram', 4], ['Signal', 5], ['WhatsApp', 7], ['Email, SMS or phone calls', 5]]), {
    options: ['WhatsApp', 'Email, SMS or phone calls', 'Signal', 'Telegram'],
  });
  // Words, not single letters: a, b, c are lettered options, in their own order (below).
  const a = order([['pear', 1], ['apple', 1], ['fig', 1]]);
  const b = order([['fig', 1], ['pear', 1], ['apple', 1]]);
  assert.deepEqual(a.options, ['apple', 'fig', 'pear']);
  assert.deepEqual(b.options, a.options);
  assert.equal(a.scale, undefined);
});

test('orderOptions: a partial scale still orders, a mixed list does not', () => {
  assert.deepEqual(order([['Poor', 2], ['Excellent', 1], ['Good', 9]]), { options: ['Excellent', 'Good', 'Poor'], scale: 'quality' });
  // "Maybe" is on no scale with Yes and No: by count.
  assert.deepEqual(order([['No', 2], ['Maybe', 5], ['Yes', 1]]).options, ['Maybe', 'No', 'Yes']);
  assert.equal(order([['No', 2], ['Maybe', 5], ['Yes', 1]]).scale, undefined);
});

test('orderOptions: time-line answers by their leading words', () => {
  assert.deepEqual(order([['No plans to quit', 9], ['Already quit', 3], ['Within a month', 4], ['Within a week', 2]]), {
    options: ['Already quit', 'Within a week', 'Within a month', 'No plans to quit'],
    scale: 'time',
  });
});

test('orderOptions: one substantive answer, or none', () => {
  assert.deepEqual(order([['N/A', 3], ['Yes', 1]]).options, ['Yes', 'N/A']);
  assert.deepEqual(order([]).options, []);
});

test('rangeKey: numbers, ranges and open ends', () => {
  assert.equal(rangeKey('18-29'), 18);
  assert.equal(rangeKey('< 18'), 17.5);
  assert.equal(rangeKey('> 60'), 60.5);
  assert.equal(rangeKey('$150,000+'), 150000.5);
  assert.equal(rangeKey('2.5k'), 2500);
  assert.equal(rangeKey('60 or older'), 60.5);
  assert.equal(rangeKey('Statistics 101'), null);
  assert.equal(rangeKey('3 apples'), null);
});

test('norm and isNonSubstantive', () => {
  assert.equal(norm('  Don\u2019t   Know. '), "don't know");
  assert.ok(isNonSubstantive('Prefer not to say'));
  assert.ok(isNonSubstantive('N/A'));
  assert.ok(!isNonSubstantive('No'));
  // Said in the first person too ("I don't know", "I'm not sure"): last, like "Don't know".
  for (const l of ["I don't know", "I\u2019m not sure", 'No idea']) assert.ok(isNonSubstantive(l), l);
});

test('orderOptions: a word graded by intensity, strongest first, whatever its spelling slips', () => {
  // FiveThirtyEight's religion survey: "Somewhat comfortably" is the export's own typo.
  assert.deepEqual(
    order([["I don't do this", 668], ['Extremely comfortable', 87], ['Very comfortable', 84], ['Somewhat comfortably', 50], ['Not so comfortable', 21], ['Not at all comfortable', 15]]),
    { options: ['Extremely comfortable', 'Very comfortable', 'Somewhat comfortably', 'Not so comfortable', 'Not at all comfortable', "I don't do this"], scale: 'intensity' },
  );
  // A yes or no before the grade only repeats it; "not rude at all" is "not at all rude".
  assert.deepEqual(order([['No, not rude at all', 9], ['Yes, somewhat rude', 5], ['Yes, very rude', 1]]).options, ['Yes, very rude', 'Yes, somewhat rude', 'No, not rude at all']);
  // "Moderately" is stronger than "somewhat" on a five-point scale of concern.
  assert.deepEqual(order([['Not at all concerned', 5], ['Slightly concerned', 4], ['Somewhat concerned', 3], ['Moderately concerned', 2], ['Extremely concerned', 1]]).options, [
    'Extremely concerned', 'Moderately concerned', 'Somewhat concerned', 'Slightly concerned', 'Not at all concerned',
  ]);
  // "Not applicable at all" is the scale's last point, not a "not applicable" answer.
  assert.deepEqual(order([['Not applicable at all', 9], ['Very applicable', 1], ['Not very applicable', 5], ['Somewhat applicable', 3]]), {
    options: ['Very applicable', 'Somewhat applicable', 'Not very applicable', 'Not applicable at all'], scale: 'intensity',
  });
  // Two poles: the positive one strongest first, the middle, then the opposite weakest first.
  assert.deepEqual(
    order([['Somewhat unimportant', 9], ['Very important', 1], ['Neither important nor unimportant (neutral)', 5], ['Very unimportant', 3], ['Somewhat important', 4]]).options,
    ['Very important', 'Somewhat important', 'Neither important nor unimportant (neutral)', 'Somewhat unimportant', 'Very unimportant'],
  );
});

test('orderOptions: an intensity order is only taken when it is certain', () => {
  // Graded two ways at once, different words, or no grading word at all: by count.
  // One graded label beside its bare word is no scale either ("Hispanic" / "Not Hispanic", a band's name).
  for (const labels of [['Not very likely', 'Very unlikely', 'Very likely'], ['Very red', 'Blue'], ['Red', 'Blue', 'Green'], ['Very', 'Somewhat'], ['Hispanic', 'Not Hispanic'], ['Slightly Stoopid', 'Stoopid']]) {
    assert.equal(order(labels.map((l, i) => [l, i + 1])).scale, undefined, labels.join(' / '));
  }
});

test('orderOptions: how often, most often first, from the rate each label means', () => {
  assert.deepEqual(
    order([['Once a year or less', 30], ['Once a month or less', 20], ['Never', 40], ['A few times per month', 9], ['A few times per week', 5], ['Every day', 2]]),
    { options: ['Every day', 'A few times per week', 'A few times per month', 'Once a month or less', 'Once a year or less', 'Never'], scale: 'frequency' },
  );
  assert.deepEqual(order([['Never', 5], ['Less than weekly', 9], ['Weekly or more', 3]]).options, ['Weekly or more', 'Less than weekly', 'Never']);
  assert.deepEqual(order([['1-2 times a week', 5], ['Less than once a week', 1], ['Daily', 2], ['3-4 times a week', 4]]).options, ['Daily', '3-4 times a week', '1-2 times a week', 'Less than once a week']);
  // Every other day, once every so many weeks, "or more", number words, en dashes, and "less often" (than all before it).
  assert.deepEqual(order([['Once a month', 1], ['Once every two weeks', 2], ['Every other day', 3], ['Every day', 4], ['Once a week', 5]]).options, [
    'Every day', 'Every other day', 'Once a week', 'Once every two weeks', 'Once a month',
  ]);
  assert.deepEqual(order([['1\u20132 times a week', 1], ['Never', 2], ['5 or more times a week', 3], ['Less than once a week', 4], ['3\u20134 times a week', 5]]).options, [
    '5 or more times a week', '3\u20134 times a week', '1\u20132 times a week', 'Less than once a week', 'Never',
  ]);
  assert.deepEqual(order([['Once a week', 1], ['Two or three times a week', 2], ['Four or more times a week', 3]]).options, ['Four or more times a week', 'Two or three times a week', 'Once a week']);
  assert.deepEqual(order([['Never', 1], ['Less often', 2], ['Almost every day', 3], ['Every day', 4], ['Once a week', 5]]).options, ['Every day', 'Almost every day', 'Once a week', 'Less often', 'Never']);
  // Words with no rate, or two labels of the same rate: no order taken.
  assert.equal(order([['Constructor', 1], ['Daily', 2]]).scale, undefined);
  assert.equal(order([['Every week', 1], ['Weekly', 2]]).scale, undefined);
  // A "not applicable" answer, whatever follows it, goes last like "Don't know".
  assert.deepEqual(order([['Not applicable to my religious beliefs', 50], ['Never', 5], ['Every day', 2]]).options, ['Every day', 'Never', 'Not applicable to my religious beliefs']);
});

test('orderOptions: more listed scales (how often in words, education, skill, doneness)', () => {
  assert.deepEqual(order([['Once in a while', 5], ['Usually', 4], ['Never', 3], ['Always', 2], ['About half the time', 1]]).options, ['Always', 'Usually', 'About half the time', 'Once in a while', 'Never']);
  assert.deepEqual(order([['College graduate', 9], ['Post graduate degree', 1], ['Some college', 5], ['High school or G.E.D.', 8], ["Associate's degree", 3], ['Did not complete high school', 2]]).options, [
    'Did not complete high school', 'High school or G.E.D.', 'Some college', "Associate's degree", 'College graduate', 'Post graduate degree',
  ]);
  assert.deepEqual(order([['Intermediate', 9], ['Novice', 5], ['Advanced', 4], ['Expert', 1]]).options, ['Expert', 'Advanced', 'Intermediate', 'Novice']);
  assert.deepEqual(order([['Medium rare', 9], ['Medium', 5], ['Medium Well', 4], ['Well', 3], ['Rare', 2]]).options, ['Rare', 'Medium rare', 'Medium', 'Medium Well', 'Well']);
});

test('orderOptions: heights in feet and inches, shortest first (FiveThirtyEight flying etiquette)', () => {
  const heights = [`5'4"`, `5'10"`, `Under 5 ft.`, `6'0"`, `5'0"`, `6'6" and above`, `5'11"`, `5'9"`];
  assert.deepEqual(order(heights.map((h, i) => [h, 10 - i])), { options: [`Under 5 ft.`, `5'0"`, `5'4"`, `5'9"`, `5'10"`, `5'11"`, `6'0"`, `6'6" and above`], scale: 'numeric' });
  assert.deepEqual([`5 ft 4 in`, `5' 4"`, `5'4''`, `5’4”`, `6'`, `4 ft 11 in or shorter`].map(rangeKey), [64, 64, 64, 64, 72, 58.5]);
  // Not heights: twelve inches is a foot, and a year is not a height.
  assert.deepEqual([`5'12"`, `'90s`].map(rangeKey), [null, null]);
});

test('orderOptions: counts in words, fewest first, one answer that is no count last', () => {
  assert.deepEqual(
    order([['Three times', 90], ['Twice', 80], ['Four times', 30], ['More than five times times', 20], ['Once', 70], ['It is not okay to get up during flight', 50]]),
    { options: ['Once', 'Twice', 'Three times', 'Four times', 'More than five times times', 'It is not okay to get up during flight'], scale: 'count' },
  );
  assert.deepEqual(order([['3-5 times', 5], ['Never', 9], ['6 or more times', 1], ['1-2 times', 7]]).options, ['Never', '1-2 times', '3-5 times', '6 or more times']);
  // Two answers that are no count, or one beside only two counts: no order is certain.
  assert.equal(order([['Once', 5], ['Twice', 4], ['Three times', 3], ['Sometimes', 2], ['Often', 1]]).scale, undefined);
  assert.equal(order([['Once', 5], ['Twice', 4], ['Whenever I like', 3]]).scale, undefined);
  // "Never" and "None" alone are no count scale.
  assert.equal(order([['Never', 5], ['None', 4], ['Always', 3]]).scale, undefined);
});

test('orderOptions: time-line answers by how long after the start they mean, soonest first (FiveThirtyEight sleeping alone)', () => {
  const labels = ['Within 11-15 years of our relationship', 'After 20 years of our relationship', "Immediately/ We've always slept in separate beds", 'Within the first 1-5 years of our relationship', 'Within 6-10 years of our relationship', 'Within 16-20 years of our relationship'];
  assert.deepEqual(order(labels.map((l, i) => [l, i])), {
    options: ["Immediately/ We've always slept in separate beds", 'Within the first 1-5 years of our relationship', 'Within 6-10 years of our relationship', 'Within 11-15 years of our relationship', 'Within 16-20 years of our relationship', 'After 20 years of our relationship'],
    scale: 'time',
  });
  assert.deepEqual(order([['After a year', 1], ['Within a month', 2], ['Less than a week', 3], ['Within six months', 4]]).options, ['Less than a week', 'Within a month', 'Within six months', 'After a year']);
  // "Within a year" ends where "After a year" begins; one span alone, or an answer that is no span, is no time-line.
  assert.deepEqual(order([['After a year', 1], ['Within a year', 2]]).options, ['Within a year', 'After a year']);
  assert.equal(order([['Immediately', 5], ['Within a year', 4]]).scale, undefined);
  assert.equal(order([['Within a year', 5], ['After a year', 4], ['Not sure when', 3]]).scale, undefined);
});

test('orderOptions: "None" of the options after the others by count, before "Other"; "None" beside counts is zero', () => {
  assert.deepEqual(order([['Bread-based', 836], ['None', 60], ['Rice-based', 42], ['Other (please specify)', 36]]).options, ['Bread-based', 'Rice-based', 'None', 'Other (please specify)']);
  assert.deepEqual(order([['3 or more', 5], ['None', 40], ['1', 30], ['2', 20]]), { options: ['None', '1', '2', '3 or more'], scale: 'numeric' });
  // Religion survey: "None of these" was the most chosen and led the list.
  assert.deepEqual(order([['None of these', 242], ['Christian', 200], ['Jewish', 20], ['Other', 30]]).options, ['Christian', 'Jewish', 'None of these', 'Other']);
});

test('orderOptions: "Other" goes last however the platform words it, even when it was chosen most', () => {
  for (const other of ['Other (please explain)', 'Other, please specify', 'Other (specify)', 'Other - Write In', 'Other: ', 'OTHER \u2013 please state', 'Something else (please specify)', 'Something else']) {
    assert.deepEqual(order([['Red', 5], [other, 50], ['Blue', 30], ['Green', 20]]).options, ['Blue', 'Green', 'Red', other], other);
    assert.equal(isOtherOption(other), true, other);
    assert.equal(isNoAnswer(other), false, `${other}: an answer, never left out of a base`);
  }
  // An option about others is an option like any other (masculinity survey: "Other family members").
  for (const option of ['Other family members', 'Other Christian', 'Others', 'Otherwise']) assert.equal(isOtherOption(option), false, option);
  assert.deepEqual(order([['Friends', 559], ['Other family members', 564], ['Pop culture', 303]]).options, ['Other family members', 'Friends', 'Pop culture']);
});

test('isNoAnswer: "Don\'t know" and N/A give no answer; "Other" and "None of the above" are answers off a scale', () => {
  for (const l of ["Don't know", 'N/A', 'Prefer not to answer', 'No answer', 'Unfamiliar (N/A)']) assert.equal(isNoAnswer(l), true, l);
  for (const l of ['Other', 'Other (please specify)', 'None of the above', 'Straight']) assert.equal(isNoAnswer(l), false, l);
  assert.equal(isNonSubstantive('Other'), true, 'still listed last');
});

test("the spec schema's scale names are the ones inference gives, so that init's specs validate and a misspelt one does not", async () => {
  const { readFileSync } = await import('node:fs');
  const { SCALE_NAMES } = await import('../../../src/codebook/scales.js');
  const { fromRoot } = await import('../../helpers/paths.js');
  const schema = JSON.parse(readFileSync(fromRoot('schema/survey-spec.schema.json'), 'utf8'));
  const found: string[][] = [];
  JSON.stringify(schema, (key, value) => {
    if (key === 'scale' && value?.enum) found.push(value.enum);
    return value;
  });
  assert.deepEqual(found, [[...SCALE_NAMES]]);
});

test("orderOptions: answer codes of one prefix (LimeSurvey's A1..A10, AO01) by number, not by count; mixed prefixes are no codes", () => {
  const counts = new Map([['A3', 50], ['A10', 40], ['A1', 30], ['A2', 20]]);
  assert.deepEqual(orderOptions(['A3', 'A10', 'A1', 'A2'], counts), { options: ['A1', 'A2', 'A3', 'A10'], scale: 'codes' });
  assert.deepEqual(orderOptions(['AO02', 'AO01', "Don't know"], new Map([['AO02', 5], ['AO01', 1]])).options, ['AO01', 'AO02', "Don't know"]);
  assert.equal(orderOptions(['A1', 'B2'], new Map([['B2', 2], ['A1', 1]])).scale, undefined);
});

test('orderOptions: answers that differ only by a trailing letter or number keep its order, not the counts (steak survey: Lottery A, Lottery B)', () => {
  // FiveThirtyEight's steak survey: B was chosen more often, and was listed first.
  assert.deepEqual(order([['Lottery B', 279], ['Lottery A', 267]]), { options: ['Lottery A', 'Lottery B'], scale: 'codes' });
  // Numbers as numbers (10 after 9), letters alone, lower case, a sign before the letter.
  assert.deepEqual(order([['Option 10', 9], ['Option 2', 5], ['Option 1', 1], ['Option 9', 7]]).options, ['Option 1', 'Option 2', 'Option 9', 'Option 10']);
  assert.deepEqual(order([['C', 9], ['A', 1], ['B', 5]]).options, ['A', 'B', 'C']);
  assert.deepEqual(order([['group c', 9], ['group a', 1], ['group b', 5]]).options, ['group a', 'group b', 'group c']);
  assert.deepEqual(order([['Plan-B', 9], ['Plan-A', 1]]).options, ['Plan-A', 'Plan-B']);
  assert.deepEqual(order([['Option1', 3], ['Option2', 5]]).options, ['Option1', 'Option2']);
  // A letter missing from the run (no one chose it) does not undo the order.
  assert.deepEqual(order([['Design C', 9], ['Design A', 1]]).options, ['Design A', 'Design C']);
  // "None", "Other" and "Don't know" stay after the options, as they do by count.
  assert.deepEqual(order([['Other', 50], ['Option B', 9], ["Don't know", 70], ['None', 40], ['Option A', 1]]).options, ['Option A', 'Option B', 'None', "Don't know", 'Other']);
});

test('orderOptions: no sequence unless only the trailing letter or number differs', () => {
  const byCount = (pairs: [string, number][]) => {
    const o = order(pairs);
    assert.equal(o.scale, undefined, JSON.stringify(pairs));
    return o.options;
  };
  // Another word before the letter; the letter glued to a word; mixed case; a letter and a number.
  assert.deepEqual(byCount([['Lottery A', 1], ['Raffle B', 5]]), ['Raffle B', 'Lottery A']);
  assert.deepEqual(byCount([['LotteryA', 1], ['LotteryB', 5]]), ['LotteryB', 'LotteryA']);
  assert.deepEqual(byCount([['Option a', 1], ['Option B', 5]]), ['Option B', 'Option a']);
  assert.deepEqual(byCount([['Option A', 1], ['Option 2', 5]]), ['Option 2', 'Option A']);
  // Two answers on one number; a number of more than 4 digits (an id, a year pair); words.
  assert.deepEqual(byCount([['Option 1', 1], ['Option 01', 5]]), ['Option 01', 'Option 1']);
  assert.deepEqual(byCount([['Ref 123456', 1], ['Ref 123457', 5]]), ['Ref 123457', 'Ref 123456']);
  // Digits after a decimal point or comma are no number of their own: read as 5 and 25, 0.5 came before 0.25.
  assert.deepEqual(byCount([['Dose 0.75', 9], ['Dose 0.25', 5], ['Dose 0.5', 1]]), ['Dose 0.75', 'Dose 0.25', 'Dose 0.5']);
  assert.deepEqual(byCount([['Rate 1,5', 1], ['Rate 1,25', 5]]), ['Rate 1,25', 'Rate 1,5']);
  assert.deepEqual(byCount([['Male', 1], ['Female', 5]]), ['Female', 'Male']);
  assert.deepEqual(byCount([['Lottery A', 1]]), ['Lottery A']);
});

test('orderOptions: many percentages with one odd answer keep their numeric order, the odd one after (masculinity-survey.csv\'s "No children")', () => {
  const percents: [string, number][] = Array.from({ length: 12 }, (_, i) => [`${i * 9}%`, 12 - i]);
  percents.push(['100%', 3], ['No children', 2]);
  assert.deepEqual(order(percents), { options: [...Array.from({ length: 12 }, (_, i) => `${i * 9}%`), '100%', 'No children'], scale: 'numeric' });
  // Non-substantive answers still go last; two odd answers among the numbers go by count.
  const twenty: [string, number][] = Array.from({ length: 20 }, (_, i) => [`${i * 5}%`, 20 - i]);
  assert.deepEqual(order([...twenty, ['No children', 2], ['Gay/Bisexual', 5], ["Don't know", 9]]).options.slice(-4), ['95%', 'Gay/Bisexual', 'No children', "Don't know"]);
  // Among a few numbers, a word answer may be a point of their scale: by count, as before.
  assert.deepEqual(order([['0', 5], ['1', 9], ['2', 3], ['Several', 7]]), { options: ['1', 'Several', '0', '2'] });
});
