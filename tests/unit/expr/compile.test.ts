/** Expressions a user writes that would crash, hang or quietly misread are refused before any row is read. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile } from '../../../src/expr/compile.js';
import { isSurveyError } from '../../../src/errors/survey-error.js';

const refused = (source: string): string => {
  try {
    compile(source);
  } catch (e) {
    assert.ok(isSurveyError(e), `a SurveyError, not ${String(e)}`);
    assert.equal(e.code, 'SURVEY_EXPR_INVALID');
    return e.message;
  }
  return assert.fail(`accepted: ${source.slice(0, 60)}`);
};

test('thousands of terms, or of signs, are refused as nested too deeply (they overflowed the stack)', () => {
  assert.match(refused(Array(5000).fill('age > 1').join(' and ')), /nested too deeply/);
  assert.match(refused(`${'-'.repeat(5000)}age < 0`), /nested too deeply/);
  // A long but ordinary expression is fine.
  assert.equal(compile(Array(200).fill('age > 1').join(' and ')).names.length, 1);
});

test('a function is given as many arguments as it takes', () => {
  assert.match(refused('len() > 2'), /len\(\) takes 1 argument, not 0/);
  assert.match(refused('lower(gender, fav) == "x"'), /lower\(\) takes 1 argument, not 2/);
  assert.deepEqual(compile('lower(gender) == "x"').names, ['gender']);
});

test('a pattern is checked when written: invalid, or a repeat in a repeated group (exponential on one answer)', () => {
  assert.match(refused('comment matches "^(x+x+)+y$"'), /repeats a group that itself repeats/);
  assert.match(refused('comment matches "(a*){2,}"'), /repeats a group/);
  assert.match(refused('comment matches "(unclosed"'), /bad regular expression/);
  for (const ok of ['^(yes|no)$', '(ab)+', 'x+y*', '\\(x+\\)+']) assert.equal(compile(`comment matches ${JSON.stringify(ok)}`).names[0], 'comment', ok);
});

test('an expression that chooses no rows (a name, a number, arithmetic, lower()) is refused: it kept whatever was not blank or 0', () => {
  for (const bad of ['age', '"x"', 'age + 1', 'lower(gender)', 'grid.item', '3']) assert.match(refused(bad), /it chooses no rows/, bad);
  for (const ok of ['age > 1', 'not blank(age)', 'blank(age)', 'gender == "Male" or age > 30', 'true', '"a" in apps', 'age > 1 ? gender == "Male" : true']) assert.ok(compile(ok), ok);
  assert.match(refused('recline not in ["No"]'), /one expression expected/);
  // Inside and/or/not too: `age` alone kept every non-blank age.
  assert.match(refused('gender == "Male" and age'), /`age` chooses no rows/);
  assert.match(refused('not lower(gender)'), /`lower\(\.\.\.\)` chooses no rows/);
  // A misspelt function keeps its own error.
  assert.match(refused('isBlank(age)'), /unknown function isBlank\(\)/);
});
