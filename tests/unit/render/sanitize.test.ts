import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forMarkdown, forTerminal } from '../../../src/render/sanitize.js';

test('Markdown cells keep apostrophes, quotes and a plain ampersand as written', () => {
  assert.equal(forMarkdown("Don't know"), "Don't know");
  assert.equal(forMarkdown('"Very" likely'), '"Very" likely');
  assert.equal(forMarkdown('R&D, 65 > age'), 'R&D, 65 > age');
});

test('Markdown cells never open a tag, an entity, emphasis, a link or another cell', () => {
  assert.equal(forMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)>');
  // Text that reads as an entity shows as written, not as the character it names.
  assert.equal(forMarkdown('&amp; &#39;'), '&amp;amp; &amp;#39;');
  assert.equal(forMarkdown('*a* _b_ [c](d) `e`'), '\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\`');
  assert.equal(forMarkdown('a | b \\| c'), 'a \\| b \\\\\\| c');
  assert.equal(forMarkdown('line\nbreak'), 'line break');
});

test('forTerminal: a NUL or BEL inside an answer is shown (␀, ␇), so "Ma\\0le" never reads as "Male"; so is an escape sequence', () => {
  assert.equal(forTerminal('Ma\u0000le'), 'Ma\u2400le');
  assert.notEqual(forTerminal('Ma\u0000le'), forTerminal('Male'));
  // Shown, not dropped whole: "\x1b[31mRed" and "Red" are two answers and must read as two.
  assert.equal(forTerminal('\u001b[31mRed\u001b[0m\u0007'), '\u241b[31mRed\u241b[0m\u2407');
  assert.equal(forTerminal('a\u0085b\u202ec\u007f'), 'a<U+0085>b<U+202E>c\u2421');
  assert.equal(forTerminal('two\r\nlines\there'), 'two lines here');
});
