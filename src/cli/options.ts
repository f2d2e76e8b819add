/** Options shared by several commands: defined once, spelled the same everywhere. */
import { InvalidArgumentError, Option } from 'commander';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ENCODINGS, type Encoding } from '../ingest/detect.js';
import { SurveyError } from '../errors/survey-error.js';
import type { Io } from './io.js';

export const FORMATS = ['text', 'json', 'csv', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export function encodingOption(): Option {
  return new Option('--encoding <name>', 'input encoding instead of detecting it').choices(ENCODINGS);
}

export function delimiterOption(): Option {
  return new Option('--delimiter <char>', 'field delimiter instead of sniffing it (, ; tab |)').argParser(parseDelimiter);
}

export function headerRowsOption(): Option {
  return new Option('--header-rows <n>', 'number of header rows instead of detecting the layout (1, 2 or 3)').argParser(parseHeaderRows);
}

/**
 * `otherwise`: the worksheet read without the flag, said in the help (commander shows no default
 * description for an option whose default is undefined, so it is written into the text).
 */
export function sheetOption(otherwise = 'the first visible tab'): Option {
  return new Option('--sheet <name>', `the worksheet of an .xlsx workbook to read, by its tab name (default: ${otherwise})`);
}

export function formatOption(): Option {
  return new Option('--format <format>', 'output format on stdout').choices(FORMATS).default('text');
}

/** The folder a command writes its figures to; what goes there is the command's to say. */
export function outOption(description: string): Option {
  return new Option('--out <dir>', description);
}

export function vegaLiteOption(): Option {
  return new Option('--vega-lite', "with --out: also write each chart's Vega-Lite spec (charts/*.vl.json) to restyle it");
}

/** analyze has no spec to give its charts a `source:` line; report reads the spec's. */
export function sourceOption(): Option {
  return new Option('--source <text>', "with --out: a source line under every chart, printed as written, e.g. 'Source: Acme poll, 3-9 May 2024'");
}

export function rejectsOption(): Option {
  return new Option('--rejects <file>', 'also write every removed row (personal data left out) with its rule and reason');
}

/** Commander reads `--no-color` as `color: false` (true when not given). */
export function noColorOption(): Option {
  return new Option('--no-color', 'no colour, even on a terminal');
}

/**
 * Commander's collector for a repeatable option: each use adds its value to the list. The list
 * starts undefined rather than as a default `[]`, which help would print as "(default: [])".
 */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function parseDelimiter(value: string): string {
  const v = value === 'tab' || value === '\\t' ? '\t' : value;
  if (![',', ';', '\t', '|'].includes(v)) throw new InvalidArgumentError('expected one of , ; tab |');
  return v;
}

export function parseHeaderRows(value: string): number {
  if (!/^[123]$/.test(value)) throw new InvalidArgumentError('expected 1, 2 or 3');
  return Number(value);
}

export interface CsvFlags {
  encoding?: Encoding;
  delimiter?: string;
  headerRows?: number;
  sheet?: string;
}

/** Keeps only the flags that were given (exact optional types forbid explicit undefined). */
export function csvFlags(opts: CsvFlags): CsvFlags {
  const out: CsvFlags = {};
  if (opts.encoding !== undefined) out.encoding = opts.encoding;
  if (opts.delimiter !== undefined) out.delimiter = opts.delimiter;
  if (opts.headerRows !== undefined) out.headerRows = opts.headerRows;
  if (opts.sheet !== undefined) out.sheet = opts.sheet;
  return out;
}

export function minCellOption(): Option {
  return new Option('--min-cell <k>', 'suppress published cells with fewer than k respondents (and enough others that they cannot be recovered)').argParser(parseMinCell);
}

export function parseMinCell(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number of respondents, 1 or more');
  return Number(value);
}

/** The flags of outOption, vegaLiteOption and sourceOption. */
export interface OutFlags {
  out?: string;
  vegaLite?: boolean;
  source?: string;
}

/**
 * Checked before any work: an --out that names a file fails at once, not after every table
 * was printed; --vega-lite or --source without --out is said to do nothing, not silently dropped.
 */
export function checkOutFlags(io: Io, flags: OutFlags): void {
  if (flags.out !== undefined) {
    let isFile = false;
    try {
      isFile = !statSync(resolve(io.cwd, flags.out)).isDirectory();
    } catch {
      // Missing: it is made when the files are written.
    }
    if (isFile) throw new SurveyError('SURVEY_IO_WRITE', `--out ${flags.out}: a file is there, not a folder`, { hint: 'give a folder (it is made if missing)' });
  } else {
    if (flags.vegaLite === true) io.stderr.write('info: --vega-lite does nothing without --out <dir>\n');
    if (flags.source !== undefined) io.stderr.write('info: --source does nothing without --out <dir>\n');
  }
}

/** A file to write and the flag that named it. */
export interface FileToWrite {
  flag: string;
  /** As the user typed it. */
  name: string;
  file: string;
}

/**
 * Checked before any work: a file to write must not be the export, the spec or another file
 * to write (a typo such as `-o responses.csv` would replace the raw data with the clean data).
 */
export function checkOutputs(outputs: readonly FileToWrite[], inputs: readonly { what: string; file: string }[]): void {
  // A report writes hundreds of files into a few folders: each folder's real path is found once.
  const folders = new Map<string, string>();
  const folderOf = (dir: string): string => {
    let real = folders.get(dir);
    if (real === undefined) {
      try {
        real = realpathSync(dir);
      } catch {
        real = resolve(dir);
      }
      folders.set(dir, real);
    }
    return real;
  };
  // The real path, links followed; of a file not written yet, its folder's real path and its name.
  const key = (f: string): string => {
    try {
      return realpathSync(f);
    } catch {
      return join(folderOf(dirname(f)), basename(f));
    }
  };
  const seen = new Map(inputs.map((i) => [key(i.file), i.what]));
  for (const o of outputs) {
    const k = key(o.file);
    const what = seen.get(k);
    if (what !== undefined) throw new SurveyError('SURVEY_USAGE', `${o.flag} ${o.name}: that is ${what}, which would be overwritten`, { hint: 'write to another file' });
    seen.set(k, `the file ${o.flag} writes`);
  }
}
