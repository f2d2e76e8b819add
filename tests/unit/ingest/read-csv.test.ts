import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCsv, EncodingFallback } from '../../../src/ingest/read-csv.js';
import type { CsvOptions, CsvRecord } from '../../../src/ingest/input.js';
import { SurveyError } from '../../../src/errors/survey-error.js';
import { analyzeFile } from '../../../src/engine/analyze.js';
import { releaseReadingThread, takeReadingThread } from '../../../src/ingest/reading-thread.js';
import { fromRoot } from '../../helpers/io.js';

const flavour = (name: string) => fromRoot('fixtures', 'flavours', name);
const broken = (name: string) => fromRoot('fixtures', 'broken', name);

const scratch = mkdtempSync(join(tmpdir(), 'survey-read-csv-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
function temp(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options: CsvOptions = {}): Promise<CsvRecord[]> {
  const input = await openCsv(path, options);
  const out: CsvRecord[] = [];
  for await (const r of input.records()) out.push(r);
  return out;
}

/** The SurveyError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<SurveyError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof SurveyError, `expected a SurveyError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}

test('openCsv: encoding, why, delimiter and size of each flavour', async () => {
  const cases: [string, string, string, string][] = [
    ['google-forms.csv', 'utf-8', 'valid UTF-8', ','],
    ['semicolon-bom.csv', 'utf-8', 'UTF-8 byte-order mark', ';'],
    ['tab-delimited.tsv', 'utf-8', 'valid UTF-8', '\t'],
    ['pipe-delimited.csv', 'utf-8', 'valid UTF-8', '|'],
    ['utf16le-bom.txt', 'utf-16le', 'UTF-16 LE byte-order mark', '\t'],
    ['utf16be-bom.csv', 'utf-16be', 'UTF-16 BE byte-order mark', ','],
    ['windows-1252.csv', 'windows-1252', 'not valid UTF-8, read as Windows-1252', ','],
  ];
  for (const [name, encoding, reason, delimiter] of cases) {
    const input = await openCsv(flavour(name));
    assert.deepEqual([input.encoding, input.encodingReason, input.delimiter], [encoding, reason, delimiter], name);
  }
  assert.equal((await openCsv(flavour('utf16le-bom.txt'))).size, 788);
});

test('records: fields and the line each record starts on (a quoted line break spans two lines)', async () => {
  const recs = await readAll(flavour('google-forms.csv'));
  assert.equal(recs.length, 15);
  assert.deepEqual(
    recs.map((r) => r.line),
    [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
  );
  assert.ok(recs.every((r) => r.fields.length === 9));
  assert.equal(recs[3]!.fields[8], "I'm worried about my data,\nreally worried.");
  assert.equal(recs[2]!.fields[8], 'He said "no way" and left.');
  assert.equal(recs[2]!.fields[2], 'Not good, but I can live with it');
});

test('records: LF, CRLF and CR-only files give the same records on the same lines', async () => {
  const lines = [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  for (const [name, eol] of [
    ['line-endings-lf.csv', '\n'],
    ['line-endings-crlf.csv', '\r\n'],
    ['line-endings-cr.csv', '\r'],
  ] as const) {
    const recs = await readAll(flavour(name));
    assert.deepEqual(
      recs.map((r) => r.line),
      lines,
      name,
    );
    assert.equal(recs[0]!.fields[2], `Which pet do you like best?${eol}(pick one)`, name);
    assert.deepEqual(recs[12]!.fields, ['3/4/2024 20:00:00', 'Yes', 'Dog'], name);
  }
});

test('records: byte-order marks are not part of the first header', async () => {
  assert.equal((await readAll(flavour('semicolon-bom.csv')))[0]!.fields[0], 'id');
  assert.equal((await readAll(flavour('utf16le-bom.txt')))[0]!.fields[0], 'City');
  assert.equal((await readAll(flavour('utf16be-bom.csv')))[0]!.fields[0], 'City');
  assert.deepEqual((await readAll(flavour('utf16be-bom.csv')))[4]!.fields, ['東京', 'Very satisfied', '55']);
});

test('records: Windows-1252 bytes decode to the characters Excel meant', async () => {
  const recs = await readAll(flavour('windows-1252.csv'));
  assert.equal(recs[0]!.fields[2], 'What\u2019s your favourite pastry?');
  assert.deepEqual(recs[1]!.fields, ['Café Amélie', 'Excellent', 'Crème brûlée']);
});

test('records: blank lines are skipped but still counted as lines', async () => {
  const recs = await readAll(temp('blank-lines.csv', 'a,b\n\n1,2\n\n\n3,4\n'));
  assert.deepEqual(
    recs.map((r) => [r.line, r.fields]),
    [
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [6, ['3', '4']],
    ],
  );
});

test('records: a last line without a newline is still a record', async () => {
  const recs = await readAll(temp('no-final-newline.csv', 'a,b\n1,2\n3,4'));
  assert.deepEqual(recs.at(-1), { fields: ['3', '4'], line: 3 });
});

test('options: a forced encoding or delimiter is used as given', async () => {
  const input = await openCsv(flavour('google-forms-partial.csv'), { delimiter: ';' });
  assert.equal(input.delimiter, ';');
  const latin = await openCsv(flavour('semicolon-bom.csv'), { encoding: 'windows-1252' });
  assert.deepEqual([latin.encoding, latin.encodingReason], ['windows-1252', 'set by --encoding']);
  const recs = [];
  for await (const r of latin.records()) recs.push(r);
  // UTF-8 read as Windows-1252: Ö becomes two characters, but the BOM is still not text.
  assert.equal(recs[0]!.fields[0], 'id');
  assert.equal(recs[2]!.fields[2], '\u00c3\u2013sterreich');
  // UTF-16 forced to be read as UTF-8 is mostly NUL bytes: refused as binary, not tabulated as garbage.
  const forced = await failure(openCsv(flavour('utf16le-bom.txt'), { encoding: 'utf-8' }));
  assert.equal(forced.code, 'SURVEY_CSV_BINARY');
});

test('errors: an unclosed quote names the line where the bad record starts', async () => {
  const e = await failure(readAll(broken('unclosed_quote_broken.csv'), { displayName: 'unclosed.csv' }));
  assert.equal(e.code, 'SURVEY_CSV_QUOTE_NOT_CLOSED');
  assert.equal(e.exitCode, 3);
  // Line 5, where the record starts; column 3, the field whose quote is never closed.
  assert.deepEqual(e.location, { file: 'unclosed.csv', line: 5, column: 3 });
  assert.match(e.hint ?? '', /""/);
});

test('errors: an unclosed quote after CRLF records with a CRLF inside quotes still names the right line', async () => {
  const path = temp('unclosed-crlf.csv', 'a,b\r\n1,"two\r\nlines"\r\n2,x\r\n3,"never closed\r\n4,y\r\n');
  const e = await failure(readAll(path));
  assert.equal(e.code, 'SURVEY_CSV_QUOTE_NOT_CLOSED');
  assert.equal(e.location?.line, 5);
  assert.equal(e.location?.file, path, 'without a display name, the path');
});

test('errors: files that are empty, missing, binary or not CSV at all', async () => {
  const cases: [string, string, number][] = [
    ['empty_broken.csv', 'SURVEY_CSV_EMPTY', 3],
    ['binary_broken.csv', 'SURVEY_CSV_BINARY', 3],
    ['xls_broken.csv', 'SURVEY_CSV_NOT_CSV', 3],
    ['html_broken.csv', 'SURVEY_CSV_NOT_CSV', 3],
    ['does-not-exist.csv', 'SURVEY_IO_READ', 4],
  ];
  for (const [name, code, exit] of cases) {
    const e = await failure(openCsv(broken(name), { displayName: `shown/${name}` }));
    assert.deepEqual([e.code, e.exitCode, e.location], [code, exit, { file: `shown/${name}` }], name);
  }
  const xls = await failure(openCsv(broken('xls_broken.csv')));
  assert.match(xls.hint ?? '', /export the sheet as CSV/);
  // A ZIP opens as a workbook; a damaged one fails when read, naming the file as shown.
  const xlsx = await failure(readAll(broken('xlsx_broken.csv'), { displayName: 'shown/xlsx_broken.csv' }));
  assert.deepEqual([xlsx.code, xlsx.exitCode, xlsx.location], ['SURVEY_XLSX_UNREADABLE', 3, { file: 'shown/xlsx_broken.csv' }]);
  assert.match(xlsx.hint ?? '', /export the sheet as CSV/);
  const missing = await failure(openCsv(broken('does-not-exist.csv')));
  assert.equal(missing.message, 'cannot read the file: no such file (ENOENT)');
  const dir = await failure(readAll(fromRoot('fixtures', 'broken')));
  assert.equal(dir.code, 'SURVEY_IO_READ', 'a folder is not a file');
});

test('a byte that is not UTF-8 past the sniffed first MiB: the reader asks for a re-read as Windows-1252', async () => {
  const row = 'Paris,Good,Fine\n';
  const body = row.repeat(Math.ceil((1 << 20) / row.length) + 100);
  const path = temp('late-latin1.csv', Buffer.concat([Buffer.from(`City,Rating,Comment\n${body}`), Buffer.from([0x4e, 0x69, 0xe9, 0x2c, 0x47, 0x6f, 0x6f, 0x64, 0x2c, 0x4f, 0x6b, 0x0a])]));
  const input = await openCsv(path);
  assert.equal(input.encoding, 'utf-8', 'the first MiB is plain ASCII');
  await assert.rejects(
    async () => {
      for await (const _ of input.records());
    },
    (e: unknown) => e instanceof EncodingFallback && e.encoding === 'windows-1252',
  );
  // analyzeFile re-reads it and says so.
  const { result } = await analyzeFile(path, { displayName: 'late-latin1.csv' });
  const rows = body.length / row.length + 1;
  assert.deepEqual([result.input.encoding, result.input.rows], ['windows-1252', rows]);
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['SURVEY_ENCODING_FALLBACK'],
  );
  const city = result.tables.find((t) => t.kind === 'frequency' && t.question === 'city');
  assert.ok(city && city.kind === 'frequency');
  assert.deepEqual(
    city.rows.map((r) => [r.label, r.count]),
    [
      ['Paris', rows - 1],
      ['Nié', 1],
    ],
  );
});

test('the re-read as Windows-1252 of a UTF-8 file with a BOM still skips the BOM', async () => {
  const row = '7,Good\n';
  const body = row.repeat(Math.ceil((1 << 20) / row.length) + 10);
  const path = temp('bom-late-latin1.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,Rating\n${body}`), Buffer.from([0x38, 0x2c, 0x47, 0x6f, 0x6f, 0x64, 0xa0, 0x0a])]));
  const { result } = await analyzeFile(path);
  assert.equal(result.input.encoding, 'windows-1252');
  assert.deepEqual(
    result.questions.map((q) => [q.id, q.label, q.type]),
    [
      ['id', 'id', 'pii'],
      ['rating', 'Rating', 'single'],
    ],
  );
  assert.deepEqual(result.withheld.map((w) => w.column), ['id']);
});

test('an Excel "sep=" first line sets the delimiter and is skipped, lines still counted', async () => {
  const input = await openCsv(flavour('excel-sep.csv'));
  assert.equal(input.delimiter, ';');
  const recs: CsvRecord[] = [];
  for await (const r of input.records()) recs.push(r);
  assert.equal(recs.length, 13);
  assert.deepEqual(recs[0], { fields: ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'How satisfied are you with the training?', 'Rate the trainer (1-5)'], line: 2 });
  assert.equal(recs[12]!.line, 14);
  // In UTF-16 the directive is two bytes a character; a forced delimiter still skips it.
  const utf16 = temp('sep-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sep=|\nA|B\n1|2\n', 'utf16le')]));
  assert.deepEqual(
    (await readAll(utf16)).map((r) => [r.line, r.fields]),
    [
      [2, ['A', 'B']],
      [3, ['1', '2']],
    ],
  );
  assert.deepEqual(
    (await readAll(utf16, { delimiter: ',' })).map((r) => r.fields),
    [['A|B'], ['1|2']],
  );
  // Errors after it name the line in the file, directive included.
  const e = await failure(analyzeFile(temp('sep-ragged.csv', 'sep=,\r\nName,Age\r\nA,1\r\nB,2,3\r\n')));
  assert.deepEqual([e.code, e.location?.line], ['SURVEY_CSV_RAGGED_ROW', 4]);
  // Only at the very start, and only naming a delimiter.
  assert.deepEqual((await readAll(temp('sep-late.csv', 'a,b\nsep=;,x\n')))[1]!.fields, ['sep=;', 'x']);
  assert.equal((await openCsv(temp('sep-odd.csv', 'sep=x\na,b\n1,2\n'))).delimiter, ',');
});

test('the reading thread gives the same records, lines and errors as reading here', async () => {
  const scanAll = async (path: string, worker: boolean): Promise<CsvRecord[] | string> => {
    const out: CsvRecord[] = [];
    try {
      const input = await openCsv(path, { worker });
      await input.scan((cells, line) => void out.push({ fields: cells.toArray(), line }));
      return out;
    } catch (e) {
      return e instanceof SurveyError ? `${e.code}@${e.location?.line}` : e instanceof EncodingFallback ? 'fallback' : String(e);
    }
  };
  const files = ['google-forms.csv', 'line-endings-crlf.csv', 'line-endings-cr.csv', 'semicolon-bom.csv', 'utf16le-bom.txt', 'windows-1252.csv', 'excel-sep.csv'].map(flavour);
  files.push(broken('unclosed_quote_broken.csv'));
  // Large enough for many chunks, with multi-byte characters cut by chunk ends and quoted line breaks.
  const row = (i: number) => `${i},"Zürich, ""naïve""\nline",日本語${'x'.repeat(i % 50)}\r\n`;
  files.push(temp('many-chunks.csv', `id,text,more\r\n${Array.from({ length: 20_000 }, (_, i) => row(i)).join('')}`));
  files.push(temp('late-unclosed.csv', `a,b\n${'1,2\n'.repeat(50_000)}3,"open\n4,5\n`));
  for (const f of files) {
    const here = await scanAll(f, false);
    assert.deepEqual(await scanAll(f, true), here, f);
    if (typeof here !== 'string') assert.deepEqual(await readAll(f), here, `records() agrees: ${f}`);
  }
  assert.equal(await scanAll(temp('late-unclosed-2.csv', `a,b\n${'1,2\n'.repeat(50_000)}3,"open\n4,5\n`), true), 'SURVEY_CSV_QUOTE_NOT_CLOSED@50002');
  // A byte that is not UTF-8 far into the file asks for a re-read, from the thread too.
  const late = temp('late-latin1-worker.csv', Buffer.concat([Buffer.from(`City,Rating\n${'Paris,Good\n'.repeat(200_000)}`), Buffer.from([0x4e, 0x69, 0xe9, 0x2c, 0x47, 0x0a])]));
  assert.equal(await scanAll(late, true), 'fallback');
  // Stopping early stops the thread.
  const input = await openCsv(files.at(-2)!, { worker: true });
  let seen = 0;
  await input.scan(() => ++seen < 10);
  assert.equal(seen, 10);
});

test('one reading thread serves one reading after another; a reading stopped early leaves nothing in the next', async () => {
  const file = temp('readings.csv', `id,answer\n${Array.from({ length: 60_000 }, (_, i) => `${i},${i % 7 === 0 ? '"a\nb"' : 'yes'}\n`).join('')}`);
  const input = await openCsv(file, { worker: true });
  const lines = async (stopAt = Infinity): Promise<number[]> => {
    const out: number[] = [];
    await input.scan((cells, line) => {
      out.push(line, Number(cells.get(0)));
      return out.length / 2 < stopAt;
    });
    return out;
  };
  const whole = await lines();
  assert.equal(whole.length, 2 * 60_001, "the header and 60,000 rows");
  const thread = takeReadingThread();
  releaseReadingThread(thread);
  // The sample, then the main pass: the second starts from the first row, the first's batches still on their way are dropped.
  assert.deepEqual(await lines(5), whole.slice(0, 10));
  assert.deepEqual(await lines(), whole);
  assert.deepEqual(await lines(30_000), whole.slice(0, 60_000));
  assert.deepEqual(await lines(), whole);
  const again = takeReadingThread();
  assert.equal(again, thread, 'the same thread read every time');
  releaseReadingThread(again);
});
