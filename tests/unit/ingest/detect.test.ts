import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { controlShare, detectEncoding, detectNotText, SingleByteEvidence, singleByteEncoding } from '../../../src/ingest/detect.js';
import { fromRoot } from '../../helpers/io.js';

const bytes = (...b: number[]) => Buffer.from(b);
const fixture = (dir: string, name: string) => readFileSync(fromRoot('fixtures', dir, name));

/** UTF-16 BE bytes of a string (Node only encodes LE). */
function utf16be(s: string): Buffer {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

test('detectEncoding: byte-order marks decide, and say how long they are', () => {
  assert.deepEqual(detectEncoding(Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('a,b\n1,2\n')]), true), { encoding: 'utf-8', bomLength: 3, reason: 'UTF-8 byte-order mark' });
  assert.deepEqual(detectEncoding(Buffer.concat([bytes(0xff, 0xfe), Buffer.from('a,b\n', 'utf16le')]), true), { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 LE byte-order mark' });
  assert.deepEqual(detectEncoding(Buffer.concat([bytes(0xfe, 0xff), utf16be('a,b\n')]), true), { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 BE byte-order mark' });
  // A BOM wins over the content: Windows-1252 bytes after a UTF-8 BOM are still "UTF-8" (the decoder falls back later).
  assert.equal(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x63, 0x61, 0x66, 0xe9), true).encoding, 'utf-8');
});

test('detectEncoding: a byte-order mark its text contradicts gives way to the text, read past the mark (it read as a header alone, "no responses")', () => {
  const text = 'gender,age\nMale,34\nFemale,22\nMale,40\n';
  const le = bytes(0xff, 0xfe);
  const be = bytes(0xfe, 0xff);
  const utf8 = bytes(0xef, 0xbb, 0xbf);
  // A UTF-16 mark of one byte order, text in the other.
  assert.deepEqual(detectEncoding(Buffer.concat([le, utf16be(text)]), true), { encoding: 'utf-16be', bomLength: 2, reason: 'UTF-16 without byte-order mark (NUL byte pattern), though the file starts with a UTF-16 LE byte-order mark that says otherwise' });
  assert.deepEqual(detectEncoding(Buffer.concat([be, Buffer.from(text, 'utf16le')]), true), { encoding: 'utf-16le', bomLength: 2, reason: 'UTF-16 without byte-order mark (NUL byte pattern), though the file starts with a UTF-16 BE byte-order mark that says otherwise' });
  // A UTF-16 mark on UTF-8 text: no NUL, and line breaks UTF-16 does not see.
  assert.deepEqual(detectEncoding(Buffer.concat([le, Buffer.from('Stadt,Zürich\n1,2\n')]), true), { encoding: 'utf-8', bomLength: 2, reason: 'valid UTF-8, though the file starts with a UTF-16 LE byte-order mark that says otherwise' });
  // A UTF-8 mark on UTF-16 text (it read as binary data), and two marks one after the other.
  assert.deepEqual(detectEncoding(Buffer.concat([utf8, Buffer.from(text, 'utf16le')]), true).encoding, 'utf-16le');
  assert.deepEqual(detectEncoding(Buffer.concat([utf8, le, Buffer.from(text, 'utf16le')]), true), { encoding: 'utf-16le', bomLength: 5, reason: 'UTF-16 LE byte-order mark, though the file starts with a UTF-8 byte-order mark that says otherwise' });
  // UTF-16 of a script with no ASCII at all in its first bytes, and Windows-1252 after a UTF-8 mark: the mark stands.
  assert.equal(detectEncoding(Buffer.concat([le, Buffer.from('東京大阪名古屋札幌福岡,京都神戸横浜\n', 'utf16le')]), true).encoding, 'utf-16le');
  assert.equal(detectEncoding(Buffer.concat([utf8, Buffer.from('caf\xe9,1\nthe,2\n', 'latin1')]), true).encoding, 'utf-8');
});

test('detectEncoding: UTF-16 without a BOM is recognised by its NUL bytes', () => {
  const text = 'City,Minutes\nZürich,20\nKraków,35\n';
  assert.deepEqual(detectEncoding(Buffer.from(text, 'utf16le'), true), { encoding: 'utf-16le', bomLength: 0, reason: 'UTF-16 without byte-order mark (NUL byte pattern)' });
  assert.equal(detectEncoding(utf16be(text), true).encoding, 'utf-16be');
  // Too short to tell: 3 bytes are not a pattern.
  assert.equal(detectEncoding(Buffer.from('a', 'utf16le'), true).encoding, 'utf-8');
});

test('detectEncoding: valid UTF-8 is UTF-8, anything else Windows-1252', () => {
  assert.deepEqual(detectEncoding(Buffer.from('plain,ascii\n1,2\n'), true), { encoding: 'utf-8', bomLength: 0, reason: 'valid UTF-8' });
  assert.equal(detectEncoding(Buffer.from('Café,Crème brûlée,東京,😀\n'), true).encoding, 'utf-8');
  // é as the single byte E9, ’ as 92: Excel's "CSV (Comma delimited)".
  assert.deepEqual(detectEncoding(bytes(0x63, 0x61, 0x66, 0xe9, 0x2c, 0x92, 0x0a), true), { encoding: 'windows-1252', bomLength: 0, reason: 'not valid UTF-8, read as Windows-1252' });
});

test('detectEncoding: Mac OS Roman when its punctuation follows small letters (Excel for Mac), else Windows-1252', () => {
  // "Not much" + CA (a no-break space in Mac OS Roman, Ê in Windows-1252), "You" + D5 + "re" (’ / Õ).
  const mac = Buffer.from('Answer\nNot much\xca\nNot at all\xca\nYou\xd5re right\n', 'latin1');
  assert.deepEqual(detectEncoding(mac, true), { encoding: 'macintosh', bomLength: 0, reason: "not valid UTF-8, read as Mac OS Roman (Excel for Mac's CSV)" });
  assert.equal(new TextDecoder('macintosh').decode(mac), 'Answer\nNot much\u00a0\nNot at all\u00a0\nYou\u2019re right\n');
  // One such byte decides nothing; French words with Windows-1252's small accented letters outweigh a few.
  assert.equal(singleByteEncoding(Buffer.from('Not much\xca\n', 'latin1')), 'windows-1252');
  assert.equal(singleByteEncoding(Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e \xe9t\xe9 much\xca all\xca', 'latin1')), 'windows-1252');
  // Mac OS Roman's small accented letters without any of its punctuation ("Montr\x8Eal", "Cr\x8Fme", "Z\x9Frich").
  assert.equal(singleByteEncoding(Buffer.from('Montr\x8eal,Cr\x8fme,Z\x9frich', 'latin1')), 'macintosh');
  // Counted across chunks: the byte before a chunk is remembered.
  const evidence = new SingleByteEvidence().add(Buffer.from('Not much', 'latin1')).add(Buffer.from('\xca\nall', 'latin1')).add(Buffer.from('\xca', 'latin1'));
  assert.equal(evidence.encoding, 'macintosh');
  // Capitals after capitals are Windows-1252 words ("JOS\xC9", "A\xD1O").
  assert.equal(singleByteEncoding(Buffer.from('JOS\xc9,A\xd1O,CAF\xc9,NI\xd1O', 'latin1')), 'windows-1252');
});

test('detectEncoding: a multi-byte character cut at the end of a sample is not invalid UTF-8', () => {
  const e = Buffer.from('a,b\n1,é'); // é = C3 A9
  const cut = e.subarray(0, e.length - 1); // ends with a lone C3
  assert.equal(detectEncoding(cut, false).encoding, 'utf-8', 'the sample continues: the character is just cut');
  assert.equal(detectEncoding(cut, true).encoding, 'windows-1252', 'the whole file ends mid-character: not UTF-8');
  const emoji = Buffer.from('x,😀'); // F0 9F 98 80
  for (let cutAt = 1; cutAt <= 3; cutAt++) assert.equal(detectEncoding(emoji.subarray(0, emoji.length - cutAt), false).encoding, 'utf-8', `cut ${cutAt}`);
});

test('detectEncoding on the fixtures', () => {
  const cases: [string, string, number][] = [
    ['google-forms.csv', 'utf-8', 0],
    ['semicolon-bom.csv', 'utf-8', 3],
    ['utf16le-bom.txt', 'utf-16le', 2],
    ['utf16be-bom.csv', 'utf-16be', 2],
    ['windows-1252.csv', 'windows-1252', 0],
    ['mac-roman.csv', 'macintosh', 0],
    ['line-endings-cr.csv', 'utf-8', 0],
  ];
  for (const [name, encoding, bomLength] of cases) {
    const d = detectEncoding(fixture('flavours', name), true);
    assert.deepEqual([d.encoding, d.bomLength], [encoding, bomLength], name);
  }
});

test('detectNotText: spreadsheets, PDFs and web pages saved as .csv', () => {
  assert.equal(detectNotText(fixture('broken', 'xlsx_broken.csv'))?.kind, 'zip');
  assert.match(detectNotText(fixture('broken', 'xlsx_broken.csv'))!.what, /ZIP archive/);
  assert.deepEqual(detectNotText(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)), { kind: 'xls', what: 'an old Excel .xls workbook' });
  assert.equal(detectNotText(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))?.kind, 'pdf');
  assert.equal(detectNotText(fixture('broken', 'html_broken.csv'))?.kind, 'html');
  assert.equal(detectNotText(Buffer.from('\n\n  <HTML><body>Error 500</body></HTML>'))?.kind, 'html');
  assert.equal(detectNotText(Buffer.from('<?xml version="1.0"?><html><head></head><body></body></html>'))?.kind, 'html');
});

test('detectNotText: real exports are text, even when a cell starts with <', () => {
  for (const name of ['google-forms.csv', 'surveymonkey.csv', 'qualtrics.csv', 'pipe-delimited.csv', 'windows-1252.csv']) {
    assert.equal(detectNotText(fixture('flavours', name)), null, name);
  }
  assert.equal(detectNotText(Buffer.from('<18,18-29\n1,2\n')), null);
  assert.equal(detectNotText(Buffer.from('PK,name\n1,2\n')), null, '"PK" as a header is not a ZIP signature');
  assert.equal(detectNotText(Buffer.alloc(0)), null);
});

test('controlShare: the share of control bytes in decoded text', () => {
  assert.equal(controlShare(''), 0);
  assert.equal(controlShare('a,b\r\n1,\t2\n'), 0, 'tab, CR and LF are text');
  assert.equal(controlShare('ab\u0000\u0001'), 0.5);
  assert.equal(controlShare('ab\ufffd\ufffd'), 0.5, 'replacement characters count: undecodable bytes');
  assert.ok(controlShare(new TextDecoder('windows-1252').decode(fixture('broken', 'binary_broken.csv'))) > 0.1);
  assert.ok(controlShare(fixture('flavours', 'control-chars.csv').toString('utf8')) < 0.1, 'a few escape sequences in answers are not binary');
});
