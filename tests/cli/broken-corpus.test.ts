/**
 * The broken corpus: every `fixtures/broken/*_broken.csv` (and a few exports too big to commit,
 * generated here into a temporary folder) through `analyze`, `init` and `report --input`, each
 * with its expected exit code and message. A broken file ends in one line naming the file (and
 * the line where the bad record starts), a stable code and a plain message, or it is read: never
 * a stack trace, never a hang, never a crash.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { AnalysisResult, FrequencyTable } from '../../src/spec/result.js';
import { captureIo, fromRoot } from '../helpers/io.js';
import { makeZip, zipEntries } from '../helpers/zip.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[]): Promise<Run> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.text, err: io.stderr.text };
}

const dir = mkdtempSync(join(tmpdir(), 'survey-broken-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const spec = join(dir, 'survey.yaml');
writeFileSync(spec, 'version: 1\n');

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A file that must be refused: its code, the line to blame (or null) and what the message says. */
interface Refused {
  file: string;
  exit: 3 | 4;
  code: string;
  /** A line, or `line:column`. */
  line: number | string | null;
  message: RegExp;
  hint?: RegExp;
}

/** A file that must be read: what the result must show. */
interface Read {
  file: string;
  exit: 0;
  check(result: AnalysisResult, run: Run): void;
}

const B = (name: string) => `fixtures/broken/${name}`;
const freq = (r: AnalysisResult, id: string) => r.tables.find((t): t is FrequencyTable => t.kind === 'frequency' && t.question === id)!;
const counts = (t: FrequencyTable) => Object.fromEntries(t.rows.map((r) => [r.label, r.count]));

const CORPUS: (Refused | Read)[] = [
  // Line 5, field 3: where the record starts, and the field whose quote is open.
  { file: B('unclosed_quote_broken.csv'), exit: 3, code: 'SURVEY_CSV_QUOTE_NOT_CLOSED', line: '5:3', message: /^a quoted field \(field 3 of the record starting on this line\) is never closed$/, hint: /must close with "/ },
  // Line 5, field 4: the first field past the header's 3 columns, named as such.
  { file: B('ragged_row_broken.csv'), exit: 3, code: 'SURVEY_CSV_RAGGED_ROW', line: '5:4', message: /^this row has 4 fields but the header has 3 \(field 4 is the first past the header's last column\)$/, hint: /unquoted delimiter/ },
  { file: B('crlf_ragged_row_broken.csv'), exit: 3, code: 'SURVEY_CSV_RAGGED_ROW', line: '5:4', message: /^this row has 4 fields but the header has 3 \(field 4 is the first past the header's last column\)$/, hint: /unquoted delimiter/ },
  // A row cut short has no field to blame: the line alone, and the columns it has no field for.
  { file: B('short_row_broken.csv'), exit: 3, code: 'SURVEY_CSV_RAGGED_ROW', line: 5, message: /^this row has 2 fields but the header has 3: none for 'Comments'$/, hint: /cut short/ },
  { file: B('utf16_odd_broken.csv'), exit: 3, code: 'SURVEY_CSV_RAGGED_ROW', line: 4, message: /^this row has 1 field but the header has 2: none for 'Rating'$/, hint: /cut short/ },
  // An export saved without its header row: the first respondent's e-mail would be a question's
  // name, shown everywhere, and the respondent lost. Named by line and column, never quoted.
  { file: B('no_header_broken.csv'), exit: 3, code: 'SURVEY_CSV_NO_HEADER', line: '1:3', message: /^the first row, read as the header, holds an e-mail address \(column 3\): it is a respondent's answers, so the file has no header row$/, hint: /add a first row naming each column/ },
  { file: B('empty_broken.csv'), exit: 3, code: 'SURVEY_CSV_EMPTY', line: null, message: /^the file is empty$/ },
  { file: B('bom_only_broken.csv'), exit: 3, code: 'SURVEY_CSV_EMPTY', line: null, message: /^the file is empty$/ },
  { file: B('blank_lines_broken.csv'), exit: 3, code: 'SURVEY_CSV_EMPTY', line: null, message: /^the file is empty$/ },
  { file: B('header_only_broken.csv'), exit: 3, code: 'SURVEY_CSV_HEADER_ONLY', line: null, message: /^the file has a header but no responses$/ },
  { file: B('empty_rows_broken.csv'), exit: 3, code: 'SURVEY_CSV_HEADER_ONLY', line: null, message: /^the file has a header but no responses$/ },
  { file: B('binary_broken.csv'), exit: 3, code: 'SURVEY_CSV_BINARY', line: null, message: /binary data/ },
  { file: B('nul_padding_broken.csv'), exit: 3, code: 'SURVEY_CSV_BINARY', line: null, message: /control bytes \(binary data\)/ },
  // A ZIP is read as an .xlsx workbook whatever its name: this one is cut short.
  { file: B('xlsx_broken.csv'), exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: null, message: /^cannot read this Excel workbook \(.+\): it may be damaged or cut short$/, hint: /save it again as \.xlsx, or export the sheet as CSV/ },
  { file: fromRoot('fixtures', 'xlsx', 'not-a-workbook.xlsx'), exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: null, message: /^this ZIP archive holds no worksheet: it is not an Excel \.xlsx workbook$/, hint: /export the sheet as CSV/ },
  { file: fromRoot('fixtures', 'xlsx', 'missing-sheet.xlsx'), exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: null, message: /^cannot read this Excel workbook \(its first sheet, xl\/worksheets\/sheet1\.xml, is not in it\)/, hint: /save it again/ },
  { file: fromRoot('fixtures', 'xlsx', 'bad-shared-string.xlsx'), exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: 2, message: /^cannot read this Excel workbook \(xl\/worksheets\/sheet1\.xml, row 2: a cell refers to shared string 99, of 7\)/, hint: /save it again/ },
  { file: fromRoot('fixtures', 'xlsx', 'binary-workbook.xlsb'), exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: null, message: /^this is an Excel binary workbook \(\.xlsb\), which survey does not read$/, hint: /save it again as \.xlsx/ },
  { file: fromRoot('fixtures', 'xlsx', 'password-protected.xlsx'), exit: 3, code: 'SURVEY_CSV_NOT_CSV', line: null, message: /a password-protected Excel workbook$/, hint: /without the password/ },
  { file: B('xls_broken.csv'), exit: 3, code: 'SURVEY_CSV_NOT_CSV', line: null, message: /old Excel \.xls workbook/, hint: /save it as \.xlsx, or export the sheet as CSV/ },
  { file: B('html_broken.csv'), exit: 3, code: 'SURVEY_CSV_NOT_CSV', line: null, message: /an HTML page/ },
  { file: B('pdf_broken.csv'), exit: 3, code: 'SURVEY_CSV_NOT_CSV', line: null, message: /a PDF document/ },
  { file: B('does-not-exist.csv'), exit: 4, code: 'SURVEY_IO_READ', line: null, message: /^cannot read the file: no such file \(ENOENT\)$/ },
  {
    file: B('invalid_utf8_broken.csv'),
    exit: 0,
    check(r) {
      // Not valid UTF-8, so every byte is read as Windows-1252: the UTF-8 "é" becomes two characters.
      assert.equal(r.input.encoding, 'windows-1252');
      assert.deepEqual(counts(freq(r, 'town')), { 'CafÃ© town': 1, 'Naïve town': 1, 'Zürich': 1 });
      assert.ok(freq(r, 'comment').rows.some((x) => x.label === 'it’s far'));
    },
  },
  {
    // A UTF-16 LE mark on UTF-16 BE text: read as the text is, not as one header of gibberish ("no responses").
    file: B('utf16_wrong_bom_broken.csv'),
    exit: 0,
    check(r) {
      assert.equal(r.input.encoding, 'utf-16be');
      assert.equal(r.input.rows, 3);
      assert.deepEqual(counts(freq(r, 'city')), { 'São Paulo': 1, Zürich: 1, 東京: 1 });
    },
  },
  {
    file: B('nul_bytes_broken.csv'),
    exit: 0,
    check(r, { out }) {
      assert.equal(r.input.rows, 4);
      assert.deepEqual(counts(freq(r, 'was')), { Good: 2, Bad: 1, 'Ba\u0000d': 1 });
      // JSON escapes the NUL; no other output carries it (checked on every format below).
      assert.ok(!out.includes('\u0000'));
    },
  },
  {
    file: B('duplicate_headers_broken.csv'),
    exit: 0,
    check(r) {
      assert.deepEqual(
        r.questions.map((q) => [q.id, q.type, q.label]),
        [
          ['rating', 'single', 'Rating'],
          ['rating_2', 'single', 'Rating'],
          ['rating_3', 'single', 'Rating'],
          ['comment', 'single', 'Comment'],
          ['comment_2', 'single', 'Comment'],
          ['proto', 'single', '__proto__'],
          ['proto_2', 'single', '__proto__'],
          ['col_8', 'pii', 'Column 8'],
          ['col_9', 'single', 'Column 9'],
        ],
      );
      assert.deepEqual(counts(freq(r, 'rating_3')), { Good: 2, Bad: 1 });
      assert.deepEqual(counts(freq(r, 'proto_2')), { No: 2, Yes: 1 });
    },
  },
];

test('the corpus lists every *_broken.csv in fixtures/broken/', () => {
  const files = readdirSync(fromRoot('fixtures', 'broken')).filter((f) => f.endsWith('_broken.csv')).sort();
  assert.deepEqual(files, CORPUS.map((c) => c.file.split('/').pop()!).filter((f) => f.endsWith('_broken.csv')).sort());
  assert.equal(files.length, 21);
});

/** One `file[:line]: error CODE: message` line, then at most a hint; nothing on stdout. */
function assertRefused(r: Run, c: Refused, what: string): void {
  assert.equal(r.code, c.exit, `${what}: exit code\n${r.err}`);
  assert.equal(r.out, '', `${what}: stdout`);
  const [first, second, ...rest] = r.err.slice(0, -1).split('\n');
  const where = c.line === null ? c.file : `${c.file}:${c.line}`;
  const prefix = `${where}: error ${c.code}: `;
  assert.ok(first!.startsWith(prefix), `${what}: ${JSON.stringify(r.err)}`);
  assert.match(first!.slice(prefix.length), c.message, what);
  if (c.hint) assert.match(second ?? '', new RegExp(`^ {2}hint: .*${c.hint.source}`), what);
  else assert.equal(second, undefined, `${what}: one line`);
  assert.deepEqual(rest, [], what);
  assert.ok(r.err.endsWith('\n') && !r.err.includes('    at ') && !CONTROL.test(r.err), what);
}

for (const c of CORPUS) {
  test(`${c.file.split('/').pop()}: exit ${c.exit}${'code' in c ? `, ${c.code}${c.line === null ? '' : ` at line ${c.line}`}` : ', read'}`, async () => {
    const runs: [string, string[]][] = [
      ['analyze', ['analyze', c.file]],
      ['analyze --format json', ['analyze', c.file, '--format', 'json']],
      ['init', ['init', c.file]],
      ['report --input', ['report', spec, '--input', c.file, '--format', 'csv']],
    ];
    for (const [what, argv] of runs) {
      const r = await run(argv);
      if (c.exit !== 0) {
        assertRefused(r, c, what);
        continue;
      }
      assert.equal(r.code, 0, `${what}: ${r.err}`);
      // Nothing on stderr but, for a file of slashed dates all on days 1-12, that their order is a guess.
      assert.equal(r.err.replace(/^info SURVEY_DATE_ORDER_GUESSED: \w+: every date reads both ways .*\n/m, ''), '', what);
      if (what === 'analyze --format json') c.check(JSON.parse(r.out) as AnalysisResult, r);
      // JSON escapes control characters; the other formats never print them.
      if (!what.includes('json')) assert.ok(!CONTROL.test(r.out.replace(/\r\n/g, '\n')), `${what}: ${JSON.stringify(r.out.match(CONTROL))}`);
    }
  });
}

// ------------------------------------------- broken XML in a workbook ----

test('broken XML inside an .xlsx names the part and, in the sheet, the row', async () => {
  const base = zipEntries(readFileSync(fromRoot('fixtures', 'xlsx', 'surveymonkey.xlsx')));
  const broken = (part: string, edit: (xml: string) => string): string => {
    const entries = new Map(base);
    entries.set(part, Buffer.from(edit(base.get(part)!.toString('utf8'))));
    const file = join(dir, `broken-${part.replace(/\W/g, '-')}-${entries.size}-${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, makeZip(entries, true));
    return file;
  };
  const sheet = 'xl/worksheets/sheet1.xml';
  const rowAt = (xml: string, r: number): number => xml.indexOf(`<row r="${r}"`);
  const cases: { file: string; line: number | null; reason: RegExp }[] = [
    // Cut short inside row 5: the row is named, and is the error's line (a workbook's lines are its rows).
    { file: broken(sheet, (x) => x.slice(0, rowAt(x, 5) + 80)), line: 5, reason: /^xl\/worksheets\/sheet1\.xml, row 5: unclosed tag: \w+$/ },
    // A broken tag between rows 3 and 4: the last row read.
    { file: broken(sheet, (x) => `${x.slice(0, rowAt(x, 4))}<<${x.slice(rowAt(x, 4))}`), line: null, reason: /^xl\/worksheets\/sheet1\.xml, after row 3: / },
    // Before any row: the part alone.
    { file: broken(sheet, (x) => `<${x}`), line: null, reason: /^xl\/worksheets\/sheet1\.xml: disallowed character in tag name$/ },
    // The other parts: named too.
    { file: broken('xl/sharedStrings.xml', (x) => x.slice(0, x.length >> 1)), line: null, reason: /^xl\/sharedStrings\.xml: unclosed tag: / },
    { file: broken('xl/workbook.xml', (x) => x.replace('</sheets>', '</sheetz>')), line: null, reason: /^xl\/workbook\.xml: / },
    { file: broken('xl/_rels/workbook.xml.rels', (x) => x.slice(0, x.length >> 1)), line: null, reason: /^xl\/_rels\/workbook\.xml\.rels: / },
  ];
  for (const c of cases) {
    const reason = new RegExp(`^cannot read this Excel workbook \\(${c.reason.source.slice(1, -1)}${c.reason.source.endsWith('$') ? '' : '.*'}\\): it may be damaged or cut short$`);
    assertRefused(await run(['analyze', c.file]), { file: c.file, exit: 3, code: 'SURVEY_XLSX_UNREADABLE', line: c.line, message: reason, hint: /save it again as \.xlsx/ }, c.file);
  }
});

// ------------------------------------------------- too big to commit ----

test('a 10 MB single field: read, in seconds, and never printed whole to a terminal', { timeout: 120_000 }, async () => {
  const file = join(dir, 'huge_field.csv');
  writeFileSync(file, `Respondent,Comment,Rating\n1,"${'long answer, '.repeat(800_000)}",Good\n2,short,Bad\n3,"a ""quoted"" one",Good\n`);
  const started = Date.now();
  const r = await run(['analyze', file]);
  assert.equal(r.code, 0, r.err);
  assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
  assert.match(r.out, /3 respondents/);
  assert.ok(r.out.length < 20_000, `the terminal gets a truncated label, not 10 MB (${r.out.length} characters)`);
  const json = await run(['analyze', file, '--format', 'json']);
  const t = freq(JSON.parse(json.out) as AnalysisResult, 'rating');
  assert.deepEqual(counts(t), { Good: 2, Bad: 1 });
});

test('100,000 columns: read, in reasonable time', { timeout: 120_000 }, async () => {
  const file = join(dir, 'wide.csv');
  const width = 100_000;
  const header = Array.from({ length: width }, (_, i) => `Q${i}`).join(',');
  const row = (answer: string) => Array.from({ length: width }, () => answer).join(',');
  writeFileSync(file, `${header}\n${row('Yes')}\n${row('No')}\n${row('Yes')}\n`);
  const started = Date.now();
  const r = await run(['analyze', file, '--format', 'csv']);
  const ms = Date.now() - started;
  assert.equal(r.code, 0, r.err);
  assert.ok(ms < 60_000, `${ms} ms`);
  // A table per column, two answers each: a header line and 2 rows per question.
  assert.equal(r.out.trimEnd().split('\r\n').length, 1 + 2 * width);
});

test('an invalid UTF-8 byte after the first MiB: the whole file is re-read as Windows-1252, with a note', { timeout: 60_000 }, async () => {
  const file = join(dir, 'late_1252.csv');
  // About 1.4 MB of valid UTF-8 first, so the stray byte is past the sample the encoding is chosen from.
  const rows = Array.from({ length: 150_000 }, (_, i) => `${i % 2 === 0 ? 'Caf\u00e9' : 'Bar'},${i % 3 === 0 ? 'Good' : 'Bad'}`).join('\n');
  writeFileSync(file, Buffer.concat([Buffer.from(`Place,Rating\n${rows}\n`, 'utf8'), Buffer.from('Z\u00fcrich,Good\n', 'latin1')]));
  const r = await run(['analyze', file, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult;
  assert.equal(result.input.encoding, 'windows-1252');
  assert.equal(result.input.rows, 150_001);
  assert.ok(result.diagnostics.some((d) => d.code === 'SURVEY_ENCODING_FALLBACK'), JSON.stringify(result.diagnostics));
  assert.deepEqual(counts(freq(result, 'place')), { 'CafÃ©': 75_000, Bar: 75_000, 'Zürich': 1 });
});

test('Mac OS Roman bytes spread thinly past the first MiB: the whole file decides, not the chunk with the first of them', { timeout: 60_000 }, async () => {
  const file = join(dir, 'late_mac.csv');
  // One "Not much" + CA (a no-break space in Mac OS Roman) every 10,000 rows (80 KB) past the 1 MiB sample: one per 64 KiB chunk at most.
  const rows = Array.from({ length: 200_000 }, (_, i) => (i >= 150_000 && i % 10_000 === 0 ? 'Not much\xca,1' : `${i % 2 === 0 ? 'A lot' : 'Some'},${i % 7}`)).join('\n');
  writeFileSync(file, Buffer.from(`Interest,Code\n${rows}\n`, 'latin1'));
  const r = await run(['analyze', file, '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const result = JSON.parse(r.out) as AnalysisResult;
  assert.equal(result.input.encoding, 'macintosh');
  assert.ok(result.diagnostics.some((d) => d.code === 'SURVEY_ENCODING_FALLBACK' && d.message.includes('Mac OS Roman')), JSON.stringify(result.diagnostics));
  assert.equal(counts(freq(result, 'interest'))['Not much'], 5);
});

test('--encoding utf-8 on a file that is not: exit 3, SURVEY_CSV_ENCODING with a hint, no stack trace', async () => {
  const r = await run(['analyze', fromRoot('fixtures/flavours/windows-1252.csv'), '--encoding', 'utf-8']);
  assert.equal(r.code, 3);
  // The line and field of the first byte that is not UTF-8: the header's first cell ("Which café...").
  assert.match(r.err, /windows-1252\.csv:1:1: error SURVEY_CSV_ENCODING: bytes that are not UTF-8 found \(first in field 1 of the record starting on this line\), though --encoding utf-8 was given\n  hint: leave --encoding out/);
  assert.ok(!r.err.includes('    at '), r.err);
});

test('--encoding utf-16 on a file the bytes show to be another: SURVEY_CSV_ENCODING naming both (it was "header but no responses")', async () => {
  const r = await run(['analyze', fromRoot('fixtures/whatsapp-privacy-2021/responses.csv'), '--encoding', 'utf-16le']);
  assert.equal(r.code, 3);
  assert.match(r.err, /responses\.csv:1: error SURVEY_CSV_ENCODING: the file is utf-8, not utf-16le \(valid UTF-8\), though --encoding utf-16le was given\n  hint: leave --encoding out/);
  const le = await run(['analyze', fromRoot('fixtures/flavours/utf16le-bom.txt'), '--encoding', 'utf-16be']);
  assert.match(le.err, /error SURVEY_CSV_ENCODING: the file is utf-16le, not utf-16be \(UTF-16 LE byte-order mark\)/);
  assert.equal((await run(['analyze', fromRoot('fixtures/flavours/utf16le-bom.txt'), '--encoding', 'utf-16le'])).code, 0);
});

test("the spec's input.encoding on a file that is not in it: the message says so, with the line of the first odd byte", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-enc-'));
  try {
    const rows = ['id,fruit', ...Array.from({ length: 40 }, (_, i) => `${i},Apple`), '40,Caf\xe9', '41,Banana'];
    writeFileSync(join(dir, 'data.csv'), Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1'));
    // A surrogate written as UTF-8 (CESU) on line 3 is not UTF-8 either: the line named is 3.
    const cesu = Buffer.concat([Buffer.from('id,fruit\n0,Apple\n1,'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n2,Caf\u00e9\n')]);
    writeFileSync(join(dir, 'cesu.csv'), cesu);
    const c = await run(['analyze', join(dir, 'cesu.csv'), '--encoding', 'utf-8']);
    assert.match(c.err, /cesu\.csv:3:2: error SURVEY_CSV_ENCODING: bytes that are not UTF-8 found \(first in field 2 of the record starting on this line\)/);
    // Counted as the reader counts: a quoted field of two lines (its "," and line break inside the
    // quotes) is one field; the byte on the record's second line is in field 3 of the record on line 2.
    writeFileSync(join(dir, 'quoted.csv'), Buffer.from('id,fruit,note\r\n1,Apple,"two, \r\nlines \xe9"\r\n2,B,c\r\n', 'latin1'));
    assert.match((await run(['analyze', join(dir, 'quoted.csv'), '--encoding', 'utf-8'])).err, /quoted\.csv:2:3: error SURVEY_CSV_ENCODING: bytes that are not UTF-8 found \(first in field 3 /);
    // After a sep= line, in a field with "" inside its quotes; and a character cut short by the end of the file.
    writeFileSync(join(dir, 'sep.csv'), Buffer.from('sep=;\nid;fruit;note\n1;Apple;x\n2;"B ""q"" \xe9";c\n', 'latin1'));
    assert.match((await run(['analyze', join(dir, 'sep.csv'), '--encoding', 'utf-8'])).err, /sep\.csv:4:2: error SURVEY_CSV_ENCODING/);
    writeFileSync(join(dir, 'cut.csv'), Buffer.from('id,fruit,note\n1,Apple,x\n2,B,c\xe2\x82', 'latin1'));
    assert.match((await run(['analyze', join(dir, 'cut.csv'), '--encoding', 'utf-8'])).err, /cut\.csv:3:3: error SURVEY_CSV_ENCODING/);
    writeFileSync(join(dir, 'survey.yaml'), 'version: 1\ninput: { file: data.csv, encoding: utf-8 }\n');
    const r = await run(['report', join(dir, 'survey.yaml')]);
    assert.equal(r.code, 3);
    assert.match(r.err, /data\.csv:42:2: error SURVEY_CSV_ENCODING: bytes that are not UTF-8 found \(first in field 2 of the record starting on this line\), though the spec's input\.encoding is utf-8\n  hint: remove input\.encoding from the spec/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('line endings that change part-way (CRLF, then LF): the ragged row says rows ran together, not that a delimiter wants quotes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'survey-eol-'));
  try {
    writeFileSync(join(dir, 'mixed.csv'), 'a,b,c\r\n1,2,3\r\n4,5,6\n7,8,9\n');
    const r = await run(['analyze', join(dir, 'mixed.csv')]);
    assert.equal(r.code, 3);
    assert.match(r.err, /mixed\.csv:3:4: error SURVEY_CSV_RAGGED_ROW: this row has 5 fields but the header has 3 \(field 4 is the first past the header's last column\)\n  hint: rows run together here: the file's line endings change/);
    // A row too wide for another reason keeps its hint, a quoted cell of two lines beside it too.
    writeFileSync(join(dir, 'wide.csv'), 'a,b\r\n1,2,3\r\n');
    assert.match((await run(['analyze', join(dir, 'wide.csv')])).err, /hint: a field holds an unquoted delimiter: quote it/);
    writeFileSync(join(dir, 'quoted.csv'), 'a,b,c\r\nx,"l1\r\nl2",y\r\nq,"m\r\nn",r,s\r\n');
    assert.match((await run(['analyze', join(dir, 'quoted.csv')])).err, /hint: a field holds an unquoted delimiter: quote it/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
