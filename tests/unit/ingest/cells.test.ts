/**
 * Cells: a record as a view of the scanned text. Built from strings (`Cells.of`) or pointed
 * at a scanned batch (`forEachCells`), it must read back the very fields csv-parse reads:
 * plain ranges of the text, and the fields held apart as strings (`""` escapes, relaxed quotes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { Cells } from '../../../src/ingest/cells.js';
import { CsvScanner, forEachCells } from '../../../src/ingest/scan.js';
import type { Batch } from '../../../src/ingest/batch.js';

/** Every accessor of `cells` agrees with `fields`, including past the end. */
function assertReads(cells: Cells, fields: readonly string[], what: string): void {
  assert.equal(cells.length, fields.length, `${what}: length`);
  assert.deepEqual(cells.toArray(), fields, `${what}: toArray`);
  fields.forEach((f, i) => {
    assert.equal(cells.get(i), f, `${what}: get(${i})`);
    assert.equal(cells.size(i), f.length, `${what}: size(${i})`);
    assert.equal(cells.is(i, f), true, `${what}: is(${i}, ${JSON.stringify(f)})`);
    // Neither a prefix nor a longer string nor another string of the same length is the field.
    if (f.length > 0) {
      assert.equal(cells.is(i, f.slice(0, -1)), false, `${what}: is(${i}) with a prefix`);
      assert.equal(cells.is(i, f.slice(1)), false, `${what}: is(${i}) with a suffix`);
      assert.equal(cells.is(i, f.slice(0, -1) + String.fromCharCode(f.charCodeAt(f.length - 1) ^ 1)), false, `${what}: is(${i}) same length, last char differs`);
    }
    assert.equal(cells.is(i, f + 'x'), false, `${what}: is(${i}) with a longer string`);
    assert.equal(cells.is(i, f + ','), false, `${what}: is(${i}) with the delimiter after`);
    assert.equal(cells.local(i), -1, `${what}: no dictionary, no number`);
    // Where a field lies in the text, when it lies there plainly (fields held apart: -1).
    const a = cells.start(i);
    assert.ok(a >= -1, `${what}: start(${i}) is -1 or a position`);
    if (a >= 0) assert.equal(cells.source.slice(a, cells.end(i)), f, `${what}: source.slice(start, end) of ${i}`);
  });
  for (const past of [fields.length, fields.length + 1, fields.length + 100]) {
    assert.equal(cells.get(past), '', `${what}: get past the end`);
    assert.equal(cells.size(past), 0, `${what}: size past the end`);
    assert.equal(cells.is(past, ''), true, `${what}: past the end is ''`);
    assert.equal(cells.is(past, 'a'), false, `${what}: past the end is not 'a'`);
    assert.equal(cells.local(past), -1, `${what}: local past the end`);
    assert.equal(cells.start(past), -1, `${what}: start past the end`);
  }
}

/** Scans `text` (cut into chunks at `cuts`) and copies each record's fields and the Cells' reads. */
function scanCells(text: string, cuts: number[] = []): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const sc = new CsvScanner(',', 1);
  const take = (batch: Batch) =>
    forEachCells(batch, (cells, line) => {
      const fields = cells.toArray();
      assertReads(cells, fields, `record on line ${line}`);
      // get/size/is agree with toArray for every field (checked above); keep a copy.
      out.push({ fields, line });
    });
  let from = 0;
  for (const to of [...cuts, text.length]) {
    take(sc.push(text.slice(from, to)));
    from = to;
  }
  take(sc.end());
  return out;
}

test('Cells.of: get, size, is, toArray round-trip, including empty fields', () => {
  for (const fields of [
    [],
    [''],
    ['', ''],
    ['a'],
    ['a', '', 'bc', '', ''],
    ['', 'x'],
    ['Yes', 'yes', 'Yes ', ' Yes'],
    ['with, comma', 'with "quote"', 'line\nbreak', 'é✓😀'],
    ['abc', 'abcabc', 'ab', 'abcd'],
  ]) {
    const cells = Cells.of(fields);
    assertReads(cells, fields, JSON.stringify(fields));
  }
});

test('Cells.of: toArray is a copy, exactly as long as the record', () => {
  const src = ['a', 'b', 'c'];
  const cells = Cells.of(src);
  const arr = cells.toArray();
  assert.notEqual(arr, src);
  arr[0] = 'changed';
  assert.equal(cells.get(0), 'a');
  assert.equal(cells.toArray().length, 3);
  assert.equal(src[0], 'a');
});

test('Cells.is: adjacent fields never run into each other', () => {
  // The text behind Cells.of is the fields end to end: "abc" followed by "def".
  const cells = Cells.of(['abc', 'def', '', 'g']);
  assert.equal(cells.is(0, 'abcdef'), false);
  assert.equal(cells.is(0, 'abcd'), false);
  assert.equal(cells.is(1, 'def'), true);
  assert.equal(cells.is(1, 'defg'), false);
  assert.equal(cells.is(2, ''), true);
  assert.equal(cells.is(2, 'g'), false);
  assert.equal(cells.is(3, 'g'), true);
  assert.equal(cells.size(2), 0);
});

test('Cells.length cut: fields past the new length read as past the end', () => {
  const cells = Cells.of(['a', 'b', '', ' ']);
  cells.length = 2;
  assert.deepEqual(cells.toArray(), ['a', 'b']);
  assert.equal(cells.get(2), '');
  assert.equal(cells.get(3), '', 'a blank but non-empty field is gone after the cut');
  assert.equal(cells.size(3), 0);
  assert.equal(cells.is(3, ' '), false);
  assert.equal(cells.is(3, ''), true);
  assert.equal(cells.get(1), 'b');
});

test('scanned Cells: plain, quoted, "" escapes and relaxed quotes (extras) read as csv-parse reads them', () => {
  const text = [
    'id,plain,quoted,escaped,relaxed',
    '1,a,"b, c","say ""hi""","x"y',
    '2,,"","""","a"b"c"',
    '3,  spaced  ,"multi\nline","he said ""a, b""\nthen left","q""r"s',
    '4,last,"",,"z"',
    '',
    '5,"only one"',
    '6,a,b,c,d,,,',
  ].join('\n') + '\n';
  const expected = parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  const got = scanCells(text);
  assert.deepEqual(
    got.map((r) => r.fields),
    expected,
  );
  // The fields held apart as strings are among them.
  assert.deepEqual(got[1]!.fields.slice(3), ['say "hi"', '"x"y']);
  assert.deepEqual(got[2]!.fields.slice(1), ['', '', '"', '"a"b"c"']);
  assert.deepEqual(got[3]!.fields.slice(3), ['he said "a, b"\nthen left', '"q"r"s']);
  assert.deepEqual(got[5]!.fields, ['']);
  assert.deepEqual(got[7]!.fields, ['6', 'a', 'b', 'c', 'd', '', '', '']);
  assert.deepEqual(
    got.map((r) => r.line),
    [1, 2, 3, 4, 7, 8, 9, 10],
  );
});

test('scanned Cells: the same fields however the text is cut into chunks', () => {
  const text = 'h1,h2,h3\r\n"a ""b"" c","x"y,\r\n"multi\r\nline",plain,"q"\r\n,,\r\n"""",z,"e""nd"\r\n';
  const whole = scanCells(text).map((r) => r.fields);
  assert.deepEqual(whole, parse(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  for (let cut = 1; cut < text.length; cut++) {
    assert.deepEqual(
      scanCells(text, [cut]).map((r) => r.fields),
      whole,
      `cut at ${cut}`,
    );
  }
  for (let a = 1; a < text.length; a += 3) {
    for (let b = a + 1; b < text.length; b += 4) assert.deepEqual(scanCells(text, [a, b]).map((r) => r.fields), whole, `cuts at ${a}, ${b}`);
  }
});

test('scanned Cells: is() compares extras and ranges without confusing their neighbours', () => {
  const text = 'a,"b""c",d\n"e"f,"g",h\n';
  const seen: boolean[][] = [];
  const sc = new CsvScanner(',', 1);
  const batch = sc.push(text);
  const check = (cells: Cells) => {
    seen.push([cells.is(0, 'a'), cells.is(1, 'b"c'), cells.is(1, 'b""c'), cells.is(1, 'b'), cells.is(2, 'd'), cells.is(0, '"e"f'), cells.is(1, 'g'), cells.is(1, '"g"'), cells.is(2, 'h')]);
  };
  forEachCells(batch, check);
  forEachCells(sc.end(), check);
  assert.deepEqual(seen, [
    [true, true, false, false, true, false, false, false, false],
    [false, false, false, false, false, true, true, false, true],
  ]);
});

test('scanned Cells: toArray keeps a record once the reader has moved on', () => {
  const sc = new CsvScanner(',', 1);
  const kept: string[][] = [];
  const views: Cells[] = [];
  forEachCells(sc.push('a,b\n"c""",d,e\nf\n'), (cells) => {
    views.push(cells);
    kept.push(cells.toArray());
  });
  assert.deepEqual(kept, [['a', 'b'], ['c"', 'd', 'e'], ['f']]);
  // The views themselves were valid during the call only: one object may have been moved on.
  assert.deepEqual(views.at(-1)!.toArray(), ['f']);
});

test('Cells.start: -1 for fields held apart ("" escapes), for numbered fields and past the end', async () => {
  const { Dictionary } = await import('../../../src/ingest/dictionary.js');
  const batch = new CsvScanner(',').push('a,"x""y","p""q",plain\n');
  const seen: number[][] = [];
  forEachCells(batch, (cells) => seen.push([0, 1, 2, 3, 4].map((i) => cells.start(i))));
  assert.deepEqual(seen[0]!.map((a) => a >= 0), [true, false, false, true, false]);
  assert.deepEqual(seen[0]!.slice(1, 3), [-1, -1], 'not the raw place of the string held apart');
  // A field the reading thread numbered is read by its number, not from the text.
  const dictionary = new Dictionary([3]);
  dictionary.append([['plain']]);
  forEachCells(batch, (cells) => {
    assert.equal(cells.local(3), 0);
    assert.equal(cells.start(3), -1);
    assert.equal(cells.get(3), 'plain');
    assert.ok(cells.start(0) >= 0);
  }, { dictionary, codes: new Int32Array([0]) });
});

test('Cells.hold: a record held after one the reading thread numbered and keyed keeps nothing of it', async () => {
  const { Dictionary } = await import('../../../src/ingest/dictionary.js');
  const dictionary = new Dictionary([0]);
  dictionary.append([['yes']]);
  const cells = new Cells();
  cells.point({ text: 'yes', meta: new Int32Array([1, 1, 0, 3]), records: 1, extras: [] }, 2, 1);
  cells.numbered(dictionary, new Int32Array([0]), 0);
  cells.seenBefore = 7;
  assert.equal(cells.get(0), 'yes');
  cells.hold(['no', 'x']);
  assert.deepEqual([cells.get(0), cells.local(0), cells.seenBefore, cells.length, cells.start(0)], ['no', -1, -1, 2, -1]);
  assertReads(cells, ['no', 'x'], 'held after a numbered record');
  // Another width, then the first again.
  cells.hold(['a', '', ' b ']);
  assertReads(cells, ['a', '', ' b '], 'held, three fields');
  cells.hold(['c', 'd']);
  assertReads(cells, ['c', 'd'], 'held, two again');
});
