/**
 * Coding cells by the reading thread's numbers (OptionIndex.cellCodeAt, MultiCoder.read,
 * MatrixCoder.read): the same codes and answer labels, added in the same order, as coding
 * the text, with only the rows actually read computed. The header row is numbered too (it is
 * the first record the reading thread sees) and must never become an answer; a new pass
 * brings a new dictionary whose numbers may mean other cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixCoder, MultiCoder, OptionIndex, SingleCoder, MISSING_CODE } from '../../../src/coding/coder.js';
import type { Question } from '../../../src/spec/codebook.js';
import { Cells } from '../../../src/ingest/cells.js';
import { Dictionary, DictionaryEncoder } from '../../../src/ingest/dictionary.js';
import { CsvScanner, forEachCells } from '../../../src/ingest/scan.js';
import type { Batch } from '../../../src/ingest/batch.js';

function question(q: Partial<Question> & Pick<Question, 'id' | 'type' | 'columns'>): Question {
  return { label: q.id, options: [], items: [], ...q };
}

/**
 * Reads `text` as the reading thread would send it, cut into `chunks` batches, every batch
 * numbered for `columns` (or only the batches `numberBatch` allows), and hands each record
 * after the first `skip` (the header) to `read`.
 */
function feed(text: string, columns: number[], read: (cells: Cells, record: number) => void, options: { cuts?: number[]; skip?: number; numberBatch?: (i: number) => boolean } = {}): Dictionary {
  const sc = new CsvScanner(',', 1);
  const enc = new DictionaryEncoder(columns);
  const dict = new Dictionary(columns);
  const skip = options.skip ?? 1;
  let record = 0;
  let b = 0;
  const take = (batch: Batch) => {
    if (batch.records === 0) return;
    const numbered = options.numberBatch?.(b++) ?? true;
    const numbers = numbered ? enc.encode(batch) : null;
    if (numbers) dict.append(numbers.added);
    forEachCells(
      batch,
      (cells) => {
        if (record++ < skip) return;
        if (cells.length === 1 && cells.size(0) === 0) return;
        read(cells, record - 1);
      },
      numbers ? { dictionary: dict, codes: numbers.codes } : undefined,
    );
  };
  let from = 0;
  for (const to of [...(options.cuts ?? []), text.length]) {
    take(sc.push(text.slice(from, to)));
    from = to;
  }
  take(sc.end());
  return dict;
}

/** Rows of records for a single column, in text. */
function csv(header: string[], rows: string[][]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n';
}

test('OptionIndex.cellCodeAt: by number, the same codes and labels as from the text; the header is not an answer', () => {
  const answers = ['Yes', 'No', ' yes', 'Maybe', '', 'YES ', 'Prefer not to say', 'No', 'Other, please', 'say "hi"', 'Yes'];
  const text = csv(['id', 'q1'], answers.map((a, i) => [String(i), a]));
  const q = question({ id: 'q1', type: 'single', columns: [1], foldCase: true, missing: ['Prefer not to say'] });
  const byText = new OptionIndex([], q);
  const textCodes = answers.map((a) => byText.cellCodeAt(Cells.of(['', a]), 1));
  for (const cuts of [[], [12], [20, 40, 60]]) {
    const byNumber = new OptionIndex([], q);
    const codes: number[] = [];
    let numbered = 0;
    const dict = feed(
      text,
      [1],
      (cells) => {
        if (cells.local(1) >= 0) numbered++;
        codes.push(byNumber.cellCodeAt(cells, 1));
      },
      { cuts },
    );
    assert.equal(numbered, answers.length, 'every cell came with a number');
    assert.equal(dict.entries[0]![0], 'q1', 'the header cell took number 0');
    assert.deepEqual(codes, textCodes, `cuts ${cuts}`);
    assert.deepEqual(byNumber.labels, byText.labels);
    assert.ok(!byNumber.labels.includes('q1'), `the header is not an answer: ${byNumber.labels.join(' / ')}`);
  }
  assert.deepEqual(byText.labels, ['Yes', 'No', 'Maybe', 'Other, please', 'say "hi"']);
  assert.deepEqual(textCodes, [0, 1, 0, 2, -1, 0, MISSING_CODE, 1, 3, 4, 0]);
});

test('cellCodeAt: a header cell that is also an answer is counted from the first data row holding it, in order', () => {
  // The header "q1" is number 0; it is an answer too, first met in the third data row.
  const answers = ['b', 'a', 'q1', 'b', 'q1', ''];
  const text = csv(['id', 'q1'], answers.map((a, i) => [String(i), a]));
  const idx = new OptionIndex([]);
  const codes: number[] = [];
  feed(text, [1], (cells) => codes.push(idx.cellCodeAt(cells, 1)));
  assert.deepEqual(idx.labels, ['b', 'a', 'q1']);
  assert.deepEqual(codes, [0, 1, 2, 0, 2, -1]);
});

test('SingleCoder, MultiCoder and MatrixCoder read by number as they read the text', () => {
  const header = ['id', 'single_h', 'multi_h', 'g1_h', 'g2_h', 'r_h', 'b_h'];
  const rows: string[][] = [];
  const singles = ['Red', 'Blue', ' red', 'Green', 'RED', '', 'Prefer not to say'];
  const multis = ['Telegram, Signal', 'Signal', '', 'Other', 'Telegram, Other, Signal', 'signal', 'Telegram, New app'];
  const grid = ['Agree', 'Disagree', ' agree', 'Neutral', '', 'Strongly agree'];
  const picks = ['Red', '', 'Not selected', 'Yes'];
  for (let i = 0; i < 400; i++) rows.push([String(i), singles[(i * 3) % singles.length]!, multis[(i * 5) % multis.length]!, grid[i % grid.length]!, grid[(i * 7) % grid.length]!, picks[i % 4]!, picks[(i * 3) % 4]!]);
  const text = csv(header, rows);
  const qs = {
    single: question({ id: 's', type: 'single', columns: [1], foldCase: true, missing: ['Prefer not to say'] }),
    multi: question({ id: 'm', type: 'multi', columns: [2], options: ['Telegram', 'Signal', 'Other'], foldCase: true, layout: { kind: 'joined', separator: ', ' } }),
    matrix: question({ id: 'g', type: 'matrix', columns: [3, 4], options: ['Agree', 'Neutral', 'Disagree'], foldCase: true, items: [{ id: 'a', label: 'A', column: 3 }, { id: 'b', label: 'B', column: 4 }] }),
    picks: question({ id: 'p', type: 'multi', columns: [5, 6], options: [], layout: { kind: 'columns' }, items: [{ id: 'r', label: 'R', column: 5 }, { id: 'b', label: 'B', column: 6 }] }),
  };
  const make = () => ({ s: new SingleCoder(qs.single), m: new MultiCoder(qs.multi), g: new MatrixCoder(qs.matrix), p: new MultiCoder(qs.picks) });
  type Coders = ReturnType<typeof make>;
  const snapshot = (c: Coders) => JSON.stringify([c.s.value, c.s.missingAnswer, [...c.m.chosen], c.m.answered, [...c.g.values], [...c.p.chosen], c.p.answered]);
  const readAll = (c: Coders, cells: Cells) => {
    c.s.read(cells);
    c.m.read(cells);
    c.g.read(cells);
    c.p.read(cells);
  };
  const byText = make();
  const expected = rows.map((r) => {
    readAll(byText, Cells.of(r));
    return snapshot(byText);
  });
  // Every batch numbered; and every other batch sent as text (a reading thread that does not always number).
  for (const numberBatch of [undefined, (i: number) => i % 2 === 1]) {
    const byNumber = make();
    const got: string[] = [];
    let numbered = 0;
    feed(
      text,
      [1, 2, 3, 4, 5, 6],
      (cells) => {
        if (cells.local(1) >= 0) numbered++;
        readAll(byNumber, cells);
        got.push(snapshot(byNumber));
      },
      { cuts: [500, 1500, 2600, 4000, 6000], ...(numberBatch ? { numberBatch } : {}) },
    );
    assert.ok(numbered > 50, `${numbered} rows came numbered`);
    assert.deepEqual(got, expected);
    for (const k of ['s', 'm', 'g', 'p'] as const) {
      assert.deepEqual(byNumber[k].options.labels, byText[k].options.labels, `${k} labels`);
      for (const h of header) assert.ok(!byNumber[k].options.labels.includes(h), `${k}: header '${h}' is not an answer`);
    }
  }
  assert.deepEqual(byText.s.options.labels, ['Red', 'Green', 'Blue']);
  assert.deepEqual(byText.m.options.labels, ['Telegram', 'Signal', 'Other', 'New app']);
  assert.deepEqual(byText.g.options.labels, ['Agree', 'Neutral', 'Disagree', 'Strongly agree']);
});

test('a new pass, a new dictionary: numbers that now mean other cells are not taken from the last pass', () => {
  const q = question({ id: 'q', type: 'single', columns: [1] });
  const coder = new SingleCoder(q);
  const pass = (answers: string[]) => {
    const values: string[] = [];
    feed(csv(['id', 'q'], answers.map((a, i) => [String(i), a])), [1], (cells) => {
      coder.read(cells);
      values.push(coder.options.labels[coder.value] ?? '');
    });
    return values;
  };
  assert.deepEqual(pass(['a', 'b', 'c']), ['a', 'b', 'c']);
  // Number 1 was "a" and is now "c", and so on.
  assert.deepEqual(pass(['c', 'a', 'b', 'c']), ['c', 'a', 'b', 'c']);
  const multi = new MultiCoder(question({ id: 'm', type: 'multi', columns: [1], options: ['x', 'y'], layout: { kind: 'joined', separator: ', ' } }));
  const multiPass = (answers: string[]) => {
    const values: string[][] = [];
    feed(csv(['id', 'm'], answers.map((a, i) => [String(i), a])), [1], (cells) => {
      multi.read(cells);
      values.push(multi.chosen.map((c) => multi.options.labels[c]!));
    });
    return values;
  };
  assert.deepEqual(multiPass(['x', 'x, y']), [['x'], ['x', 'y']]);
  assert.deepEqual(multiPass(['y', 'x']), [['y'], ['x']]);
});
