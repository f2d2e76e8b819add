import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slug, uniqueIds } from '../../../src/codebook/ids.js';

test('slug: the first meaningful words, lowercase, joined by _', () => {
  assert.equal(slug('How do you see the policy change?'), 'see_policy_change');
  assert.equal(slug('Which messaging apps do you use? (Tick all that apply)'), 'messaging_apps_use_tick_apply');
  assert.equal(slug('Timestamp'), 'timestamp');
  assert.equal(slug('Email Address'), 'email_address');
  assert.equal(slug('  Spaces   and\ttabs  '), 'spaces_tabs');
});

test('slug: accents are folded, other scripts dropped', () => {
  assert.equal(slug('Which café did you visit?'), 'cafe_did_visit');
  assert.equal(slug('Monatliche Ausgaben (€)'), 'monatliche_ausgaben');
  assert.equal(slug('Österreich'), 'osterreich');
  assert.equal(slug('東京'), '');
});

test('slug: apostrophes join words instead of leaving stray letters', () => {
  assert.equal(slug('What\u2019s your favourite pastry?'), 'whats_favourite_pastry');
  assert.equal(slug("Anything else you'd like to tell us?"), 'anything_else_youd_like_tell');
  assert.equal(slug("How satisfied are you with our store's..."), 'satisfied_our_stores');
  assert.equal(slug('\u2018Quoted\u2019 text'), 'quoted_text');
});

test('slug: at most five words and 40 characters, never a leading digit', () => {
  assert.equal(slug('one two three four five six seven'), 'one_two_three_four_five');
  assert.equal(slug('Supercalifragilistic expialidocious antidisestablishmentarianism'), 'supercalifragilistic_expialidocious_anti');
  assert.equal(slug('Supercalifragilistic expialidocious antidisestablishmentarianism').length, 40);
  // A cut right after a word leaves no trailing underscore.
  assert.equal(slug('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb'), 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  assert.ok(!slug('Supercalifragilistic expialidocious antidisestablishmentarianism').endsWith('_'));
  assert.equal(slug('18-29'), 'q_18_29');
  assert.equal(slug('2024 plans'), 'q_2024_plans');
});

test('slug: only stop words are kept rather than dropped to nothing', () => {
  assert.equal(slug('What is it?'), 'what_is_it');
  assert.equal(slug('Which of these?'), 'these');
  assert.equal(slug('__proto__'), 'proto');
  assert.equal(slug('toString'), 'tostring');
  assert.equal(slug(''), '');
  assert.equal(slug('???'), '');
});

test('uniqueIds: repeats get _2, _3; blanks become col_N (1-based)', () => {
  assert.deepEqual(uniqueIds(['colour', 'colour', 'size', 'colour']), ['colour', 'colour_2', 'size', 'colour_3']);
  assert.deepEqual(uniqueIds(['', 'a', '']), ['col_1', 'a', 'col_3']);
});

test('uniqueIds: a suffix never collides with an id that already exists', () => {
  assert.deepEqual(uniqueIds(['age', 'age_2', 'age']), ['age', 'age_2', 'age_3']);
  assert.deepEqual(uniqueIds(['q', 'q', 'q_2', 'q_3']), ['q', 'q_4', 'q_2', 'q_3']);
  const ids = uniqueIds(['x', 'x', 'x_2', 'x', 'x_2', '', 'col_6']);
  assert.equal(new Set(ids).size, ids.length, ids.join(' '));
});

test('uniqueIds: names of Object.prototype properties are ordinary ids', () => {
  assert.deepEqual(uniqueIds(['constructor', 'toString', '__proto__', 'constructor', 'hasOwnProperty']), ['constructor', 'toString', '__proto__', 'constructor_2', 'hasOwnProperty']);
});
