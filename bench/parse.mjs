#!/usr/bin/env node
/**
 * Reads a CSV file and counts its records and fields, nothing else: `node bench/parse.mjs PARSER FILE`.
 * survey (its reader as the job uses it: a second thread for large files; every field made a
 * string), survey-1-thread, survey-views (records as views, no field made a string),
 * and the npm parsers it was measured against, each with its fastest streaming options.
 */
import { createReadStream } from 'node:fs';
import { openCsv } from '../dist/src/ingest/read-csv.js';

const [parser, file] = process.argv.slice(2);
let records = 0;
let fields = 0;
const count = (row) => {
  records++;
  fields += row.length;
};
const text = () => createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });

switch (parser) {
  case 'survey':
  case 'survey-1-thread': {
    // Every field made a string, as the other parsers give them.
    const input = await openCsv(file, parser === 'survey' ? {} : { worker: false });
    await input.scan((cells) => count(cells.toArray()));
    break;
  }
  case 'survey-views': {
    // Records as views of the scanned text, fields left unread: what the job starts from.
    const input = await openCsv(file);
    await input.scan(count);
    break;
  }
  case 'csv-parse': {
    const { parse } = await import('csv-parse');
    for await (const row of createReadStream(file, { highWaterMark: 1 << 16 }).pipe(parse({ relax_column_count: true, relax_quotes: true }))) count(row);
    break;
  }
  case 'papaparse': {
    const Papa = (await import('papaparse')).default;
    await new Promise((resolve, reject) => Papa.parse(text(), { step: (r) => count(r.data), complete: resolve, error: reject }));
    break;
  }
  case 'udsv': {
    const { inferSchema, initParser } = await import('udsv');
    let p = null;
    for await (const chunk of text()) {
      p ??= initParser(inferSchema(chunk));
      p.chunk(chunk, p.stringArrs, count);
    }
    p?.end();
    break;
  }
  default:
    throw new Error(`unknown parser ${parser}`);
}
process.stdout.write(`${parser} ${records} records ${fields} fields\n`);
