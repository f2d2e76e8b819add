/**
 * Dictionary coding of choice columns: the reading thread's encoder numbers each column's
 * distinct cells in order of first appearance (the same number in every later batch, each
 * new cell sent once), up to MAX_ENTRIES per column; the main thread's Dictionary takes the
 * new cells and `Cells.local`/`get` read a record through the numbers. Whatever is numbered
 * or not, every field must read back as its text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Dictionary, DictionaryEncoder, MAX_ENTRIES } from '../../../src/ingest/dictionary.js';
import { CsvScanner, forEachCells } from '../../../src/ingest/scan.js';
import type { Batch } from '../../../src/ingest/batch.js';
import { openCsv } from '../../../src/ingest/read-csv.js';

function batches(chunks: string[]): Batch[] {
  const sc = new CsvScanner(',', 1);
  const out = chunks.map((c) => sc.push(c));
  out.push(sc.end());
  return out;
}

/** Per batch, per record, the numbers of the coded columns. */
function rowsOf(codes: Int32Array, k: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < codes.length / k; r++) out.push([...codes.subarray(r * k, r * k + k)]);
  return out;
}

test('encoder: numbers in order of first appearance, per column; added holds only new cells', () => {
  const enc = new DictionaryEncoder([0, 2]);
  const [b1, b2, b3] = batches(['Yes,x,Red\nNo,y,Red\nYes,z,Blue\n', 'Maybe,w,Blue\nNo,v,Green\nYes,u,Red\n', 'No,t,Red\n']);
  const e1 = enc.encode(b1!);
  assert.equal(b1!.records, 3);
  assert.deepEqual(rowsOf(e1.codes, 2), [
    [0, 0],
    [1, 0],
    [0, 1],
  ]);
  assert.deepEqual(e1.added, [
    ['Yes', 'No'],
    ['Red', 'Blue'],
  ]);
  const e2 = enc.encode(b2!);
  assert.deepEqual(rowsOf(e2.codes, 2), [
    [2, 1],
    [1, 2],
    [0, 0],
  ]);
  assert.deepEqual(e2.added, [['Maybe'], ['Green']], 'cells numbered in an earlier batch are not sent again');
  const e3 = enc.encode(b3!);
  assert.deepEqual(rowsOf(e3.codes, 2), [[1, 0]]);
  assert.deepEqual(e3.added, [[], []]);
  assert.equal(e3.codes.length, 2, 'records x columns numbers');
});

test('encoder: cells compared exactly (case, spaces, quotes, escapes)', () => {
  const enc = new DictionaryEncoder([1]);
  const text = ['r,Yes', 'r,yes', 'r, Yes', 'r,Yes ', 'r,"Yes"', 'r,"""Yes"""', 'r,"Ye""s"', 'r,"Ye"s', 'r,', 'r,""', 'r,Yes'].join('\n') + '\n';
  const [b] = batches([text]);
  const { codes, added } = enc.encode(b!);
  assert.deepEqual([...codes], [0, 1, 2, 3, 0, 4, 5, 6, 7, 7, 0]);
  assert.deepEqual(added, [['Yes', 'yes', ' Yes', 'Yes ', '"Yes"', 'Ye"s', '"Ye"s', '']]);
});

test('encoder: a column past a short record is an empty cell; blank lines are records too', () => {
  const enc = new DictionaryEncoder([1, 3]);
  const [b] = batches(['a,b,c,d\nshort\n\ne,,g,\ne,b\n']);
  assert.equal(b!.records, 5);
  const { codes, added } = enc.encode(b!);
  assert.deepEqual(rowsOf(codes, 2), [
    [0, 0],
    [1, 1],
    [1, 1],
    [1, 1],
    [0, 1],
  ]);
  assert.deepEqual(added, [
    ['b', ''],
    ['d', ''],
  ]);
});

test('Dictionary: slot maps columns to their place; Cells.local and get agree with the text for every field', () => {
  const columns = [1, 3, 4];
  const enc = new DictionaryEncoder(columns);
  const dict = new Dictionary(columns);
  assert.deepEqual([...dict.slot], [-1, 0, -1, 1, 2]);
  assert.deepEqual(dict.entries, [[], [], []]);
  const text = [
    'id,q1,free,q2,q3',
    '1,Yes,anything,"a, b",Red',
    '2, yes ,"multi\nline","say ""hi""",red',
    '3,Yes,,"a, b"',
    '',
    '4,No,x,"x"y,Red,extra,,',
    '5,"","","",""',
    '6,Yes,"q""uoted",c,Blue',
  ].join('\n') + '\n';
  const expected = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  const got: string[][] = [];
  // Cut so that records fall into several batches, one cut inside a quoted field.
  const cuts = [20, 45, 60, 90, text.length];
  const sc = new CsvScanner(',', 1);
  let from = 0;
  const take = (batch: Batch) => {
    const numbers = enc.encode(batch);
    dict.append(numbers.added);
    forEachCells(
      batch,
      (cells) => {
        const row: string[] = [];
        for (let i = 0; i < cells.length; i++) {
          row.push(cells.get(i));
          const n = cells.local(i);
          if (columns.includes(i)) {
            assert.ok(n >= 0, `column ${i} is numbered`);
            assert.equal(dict.entries[dict.slot[i]!]![n], cells.get(i), 'the number stands for the text');
          } else assert.equal(n, -1, `column ${i} is not numbered`);
          assert.equal(cells.size(i), cells.get(i).length);
          assert.equal(cells.is(i, cells.get(i)), true);
        }
        // Past the end of a short record: '' and no number, coded column or not.
        for (let i = cells.length; i < 6; i++) {
          assert.equal(cells.get(i), '');
          assert.equal(cells.local(i), -1);
        }
        assert.deepEqual(cells.toArray(), row);
        got.push(row);
      },
      { dictionary: dict, codes: numbers.codes },
    );
  };
  for (const to of cuts) {
    take(sc.push(text.slice(from, to)));
    from = to;
  }
  take(sc.end());
  assert.deepEqual(got, expected);
  assert.deepEqual(dict.entries, [
    // The blank line is a record too: its columns past the end are the empty cell.
    ['q1', 'Yes', ' yes ', '', 'No'],
    ['q2', 'a, b', 'say "hi"', '', '"x"y', 'c'],
    ['q3', 'Red', 'red', '', 'Blue'],
  ]);
});

test('Cells with numbers: a length cut hides numbered fields too', () => {
  const enc = new DictionaryEncoder([0, 1]);
  const dict = new Dictionary([0, 1]);
  const [b] = batches(['A,B,,\n']);
  const numbers = enc.encode(b!);
  dict.append(numbers.added);
  forEachCells(
    b!,
    (cells) => {
      assert.equal(cells.local(1), 0);
      cells.length = 1;
      assert.equal(cells.get(1), '');
      assert.equal(cells.local(1), -1);
      assert.deepEqual(cells.toArray(), ['A']);
      assert.equal(cells.get(0), 'A');
    },
    { dictionary: dict, codes: numbers.codes },
  );
});

test(`cap: past ${MAX_ENTRIES} distinct cells a column's new cells get -1 and still read as their text`, () => {
  const DISTINCT = 70_000;
  assert.ok(DISTINCT > MAX_ENTRIES);
  // Column 0: a distinct cell per row, and every tenth row repeats an early cell; column 1: three answers.
  const lines: string[] = ['code,answer'];
  const cell0: string[] = [];
  for (let i = 0; i < DISTINCT; i++) {
    cell0.push(`c${i}`);
    lines.push(`c${i},${['Yes', 'No', 'Maybe'][i % 3]}`);
    if (i % 10 === 9 && i >= 100) {
      const again = `c${i % 97}`;
      cell0.push(again);
      lines.push(`${again},Yes`);
    }
  }
  // A cell numbered before the cap, seen again after it, keeps its number.
  lines.push('c5,No');
  cell0.push('c5');
  const text = lines.join('\n') + '\n';
  const enc = new DictionaryEncoder([0, 1]);
  const dict = new Dictionary([0, 1]);
  const sc = new CsvScanner(',', 1);
  let row = -1; // the header is record -1
  let minus = 0;
  let numbered = 0;
  const firstNumber = new Map<string, number>();
  const take = (batch: Batch) => {
    const numbers = enc.encode(batch);
    for (const a of numbers.added) for (const s of a) assert.ok(typeof s === 'string');
    dict.append(numbers.added);
    assert.ok(dict.entries[0]!.length <= MAX_ENTRIES);
    forEachCells(
      batch,
      (cells) => {
        const expect0 = row < 0 ? 'code' : cell0[row]!;
        assert.equal(cells.get(0), expect0);
        assert.equal(cells.is(0, expect0), true);
        const n = cells.local(0);
        if (n < 0) {
          minus++;
          // Only cells never seen before the cap go unnumbered.
          assert.equal(firstNumber.has(expect0), false, `${expect0} was numbered before`);
        } else {
          numbered++;
          assert.equal(dict.entries[0]![n], expect0);
          const before = firstNumber.get(expect0);
          if (before !== undefined) assert.equal(n, before, `${expect0}: same cell, same number`);
          else firstNumber.set(expect0, n);
        }
        // The other column keeps its numbers: the cap is per column.
        assert.ok(cells.local(1) >= 0);
        assert.equal(dict.entries[1]![cells.local(1)], cells.get(1));
        row++;
      },
      { dictionary: dict, codes: numbers.codes },
    );
  };
  // Batches of about 64 KiB, as the reader makes them.
  for (let from = 0; from < text.length; from += 1 << 16) take(sc.push(text.slice(from, from + (1 << 16))));
  take(sc.end());
  assert.equal(row, cell0.length);
  assert.equal(dict.entries[0]!.length, MAX_ENTRIES, 'exactly MAX_ENTRIES cells numbered');
  // The header took number 0; then c0, c1, ... in order.
  assert.equal(dict.entries[0]![0], 'code');
  assert.equal(dict.entries[0]![1], 'c0');
  assert.equal(dict.entries[0]![MAX_ENTRIES - 1], `c${MAX_ENTRIES - 2}`);
  assert.equal(firstNumber.size, MAX_ENTRIES, 'every numbered cell (the header and the data)');
  assert.equal(minus, DISTINCT - (MAX_ENTRIES - 1), 'every distinct cell after the cap, once each (no repeats of them in the data)');
  assert.equal(numbered + minus, cell0.length + 1);
  assert.deepEqual(dict.entries[1], ['answer', 'Yes', 'No', 'Maybe']);
  // The repeated early cell after the cap kept its number.
  assert.equal(firstNumber.get('c5'), 6);
});

test('openCsv on a reading thread: numbers for the dictionary columns only, standing for the text; on this thread: no numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-dict-'));
  try {
    const rows = ['id,color,free,size'];
    for (let i = 0; i < 20_000; i++) rows.push(`${i},${['Red', 'Blue', '"Gre""en"', ' red', '"x"y'][i % 5]},"text ${i}, with a comma",${i % 7 === 0 ? '' : ['S', 'M', 'L'][i % 3]}${i % 1000 === 5 ? ',,' : ''}`);
    rows.push('20000,Red');
    const text = rows.join('\n') + '\n';
    const file = join(dir, 'd.csv');
    writeFileSync(file, text);
    assert.ok(text.length > 8 << 16, 'several chunks');
    const expected = parse(text, { relax_column_count: true, relax_quotes: true }) as string[][];
    for (const worker of [true, false]) {
      const input = await openCsv(file, { worker });
      const got: string[][] = [];
      let numbered = 0;
      let first = true;
      await input.scan(
        (cells) => {
          if (first) {
            // Hold the main thread so that the reading thread runs ahead (batches waiting).
            first = false;
            const until = Date.now() + 300;
            while (Date.now() < until);
          }
          const d = cells.dictionary;
          const numbers = [0, 1, 2, 3, 4, 5].map((i) => cells.local(i));
          for (const i of [0, 2, 4, 5]) assert.equal(numbers[i], -1, `column ${i} is not numbered`);
          // A record's coded columns are numbered together, or not at all (a batch sent as text).
          if (numbers[1]! >= 0) {
            numbered++;
            assert.ok(worker, 'numbers only from a reading thread');
            assert.ok(d);
            assert.equal(d.entries[d.slot[1]!]![numbers[1]!], cells.get(1));
            if (cells.length >= 4) {
              assert.ok(numbers[3]! >= 0);
              assert.equal(d.entries[d.slot[3]!]![numbers[3]!], cells.get(3));
            } else assert.equal(numbers[3], -1, 'past the end of the short row: no number');
          } else assert.equal(numbers[3], -1);
          got.push(cells.toArray());
        },
        // Unsorted and repeated: the reader sorts and dedupes.
        { dictionary: [3, 1, 3] },
      );
      assert.deepEqual(got, expected, `worker ${worker}`);
      if (worker) assert.ok(numbered > 0, 'a reading thread that has run ahead numbers the cells');
      else assert.equal(numbered, 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
