/**
 * The tokenizer against csv-parse (the parser it replaced, kept as a test oracle):
 * the same records and fields for any input cut into chunks anywhere, the same lines
 * whenever a file's line endings are consistent, and the same unclosed-quote errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CsvScanner, ScanError, forEachRecord } from '../../../src/ingest/scan.js';

type Out = [number, string[]][] | string;

function scanner(text: string, cuts: number[], delimiter = ','): Out {
  const out: [number, string[]][] = [];
  const sc = new CsvScanner(delimiter, 1);
  const sink = (f: string[], l: number) => void out.push([l, f]);
  try {
    let from = 0;
    for (const to of [...cuts, text.length]) {
      forEachRecord(sc.push(text.slice(from, to)), sink);
      from = to;
    }
    forEachRecord(sc.end(), sink);
    return out;
  } catch (e) {
    if (e instanceof ScanError) return `${e.code}@${e.line}`;
    throw e;
  }
}

function csvParse(text: string, delimiter = ','): Out {
  try {
    const recs = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    // csv-parse counts a CRLF inside quotes as two lines: the old reader took them back off.
    let next = 1;
    let doubled = 0;
    return recs.map((r) => {
      const line = next;
      for (const f of r.record) doubled += f.split('\r\n').length - 1;
      next = r.info.lines + 1 - doubled;
      return [line, r.record];
    });
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const consistentEndings = (s: string) => !/\r(?!\n)/.test(s) && !(/\r\n/.test(s) && /(?<!\r)\n/.test(s));
const fieldsOnly = (o: Out) => (typeof o === 'string' ? o : o.map((r) => r[1]));

test('scanner: the records csv-parse reads, cut into chunks anywhere (random inputs)', () => {
  for (const [seed, alphabet] of [
    [1, ['a', 'b', ',', '"', '\n', '\r', '\r\n', ' ', 'é', ';']],
    [2, ['a', ',', '"', '\r\n', ' ', 'é']],
    [3, ['x', ';', '"', '\n', '""', ',']],
  ] as const) {
    const rnd = random(seed);
    for (let t = 0; t < 8_000; t++) {
      let text = '';
      const len = Math.floor(rnd() * 30);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const cuts: number[] = [];
      for (let at = Math.floor(rnd() * 4); at < text.length; at += 1 + Math.floor(rnd() * 5)) cuts.push(at);
      const delimiter = seed === 3 ? ';' : ',';
      const ours = scanner(text, cuts, delimiter);
      const theirs = typeof ours === 'string' ? ours : csvParse(text, delimiter);
      if (typeof ours === 'string') {
        // Both refuse an unclosed quote.
        assert.throws(() => parse(text, { delimiter, relax_column_count: true, relax_quotes: true }), /Quote Not Closed/i, JSON.stringify(text));
        continue;
      }
      if (consistentEndings(text)) assert.deepEqual(ours, theirs, JSON.stringify(text));
      else assert.deepEqual(fieldsOnly(ours), fieldsOnly(theirs), JSON.stringify(text));
    }
  }
});

test('scanner: quotes, line endings and lines', () => {
  const all = (text: string) => scanner(text, []);
  assert.deepEqual(all('a,"b,c"\n"x""y",z\n'), [
    [1, ['a', 'b,c']],
    [2, ['x"y', 'z']],
  ]);
  // A quoted line break is a line; CR-only and CRLF files count lines the same.
  assert.deepEqual(all('h\r"a\rb"\rc\r'), [
    [1, ['h']],
    [2, ['a\rb']],
    [4, ['c']],
  ]);
  assert.deepEqual(all('h\r\n"a\r\nb"\r\nc'), [
    [1, ['h']],
    [2, ['a\r\nb']],
    [4, ['c']],
  ]);
  // Blank lines are records of one empty field (the reader skips them) and still lines.
  assert.deepEqual(all('a\n\nb\n'), [
    [1, ['a']],
    [2, ['']],
    [3, ['b']],
  ]);
  // relax_quotes: a quote inside a field is a character; a "closing" quote followed by text keeps both quotes.
  assert.deepEqual(all('5 "big" ones,"say "hi" now",x\n'), [[1, ['5 "big" ones', '"say "hi" now"', 'x']]]);
  // Trailing delimiter: an empty last field.
  assert.deepEqual(all('a,b,\n'), [[1, ['a', 'b', '']]]);
  assert.equal(all('a,b\n1,"open\n2,x\n'), 'QUOTE_NOT_CLOSED@2');
});

test('scanner: a record longer than the limit is refused, naming its line', () => {
  const sc = new CsvScanner(',', 1, 10);
  sc.push('a,b\n"');
  assert.throws(() => sc.push('x'.repeat(20)), (e: unknown) => e instanceof ScanError && e.code === 'RECORD_TOO_LONG' && e.line === 2);
});
