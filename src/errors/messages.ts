/** Every user-facing message, as a function, so tests compare against the same text. */
import { maskContacts } from '../privacy/mask.js';

/** What an expression that kept no row was compared against: `gender: "Female", "Male"`. */
function comparedWith(answers: readonly string[]): string {
  return answers.length > 0 ? ` (answers are compared exactly, case included: ${answers.join('; ')})` : '';
}

/** The system error codes a user meets, in words; the code itself follows, for a search. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
};

/** `freq: "Often", "Rarely", "Never"`: a question's answers as shown beside a comparison with them (the first six). */
export function answersShown(name: string, answers: readonly string[]): string {
  // Each answer masked on its own: a name given in one ("Name: Ana Lee") is masked only where it opens the text.
  return `${name}: ${answers.slice(0, 6).map((a) => JSON.stringify(maskContacts(a))).join(', ')}${answers.length > 6 ? ', ...' : ''}`;
}

/** `'never' is not an answer of 'freq', did you mean 'Never'?` */
function notAnAnswerOf(value: string | number, name: string, near: string | undefined): string {
  return `'${typeof value === 'string' ? maskContacts(value) : value}' is not an answer of '${name}'${near !== undefined ? `, did you mean '${maskContacts(near)}'?` : ''}`;
}

/**
 * `'colour', 'city' and 3 more`: the first three names, each cut to 40 characters and on one line.
 * Contact details are masked before the cut: cut first, an address loses the end that the mask
 * recognises it by, and its start is printed.
 */
function listColumns(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => {
    const one = maskContacts(n.replace(/\s+/g, ' ').trim());
    return `'${[...one].length > 40 ? `${[...one].slice(0, 39).join('')}…` : one}'`;
  });
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function contactKind(kind: string): string {
  return kind === 'email' ? 'an e-mail address' : kind === 'ip' ? 'an IP address' : 'a phone number';
}

export const messages = {
  emptyFile: () => 'the file is empty',
  notAFile: () => 'a pipe or a device, not a file',
  isAFolder: () => 'a folder, not a file',
  headerOnly: () => 'the file has a header but no responses',
  notCsv: (what: string) => `this is not a CSV export: it looks like ${what}`,
  xlsxUnreadable: (reason: string) => `cannot read this Excel workbook (${reason}): it may be damaged or cut short`,
  xlsxNoSheet: () => 'this ZIP archive holds no worksheet: it is not an Excel .xlsx workbook',
  xlsxSheetUnknown: (wanted: string, names: string) => `this workbook has no worksheet named ${JSON.stringify(wanted)}; it has ${names}`,
  xlsxBinary: () => 'this is an Excel binary workbook (.xlsb), which survey does not read',
  binaryFile: () => 'this is not a text export: it is full of control bytes (binary data)',
  inputMissing: (given: string, path: string) => `input.file: no such file ${JSON.stringify(given)} (looked for at ${path}, from the spec's folder)`,
  /** A YAML flow list split an answer at its comma: `[Yes, very rude]` is two entries. */
  commaSplit: (answer: string) => `an answer with a comma is split in a [..] list unless quoted: write "${answer}"`,
  cannotRead: (reason: string) => `cannot read the file${SYSTEM_ERRORS[reason] ? `: ${SYSTEM_ERRORS[reason]}` : ''} (${reason})`,
  cannotMakeFolder: (reason: string, parent: string) =>
    reason === 'ENOENT'
      ? `cannot make this folder: ${parent} is there but takes no new folder (ENOENT: a system folder, or a drive that is gone)`
      : reason === 'EEXIST'
        ? 'cannot make this folder: something that is not a folder has its name (EEXIST: a link to a folder that is gone?)'
        : `cannot make this folder${SYSTEM_ERRORS[reason] ? `: ${SYSTEM_ERRORS[reason]}` : ''} (${reason})`,
  cannotWrite: (reason: string) => `cannot write the file${SYSTEM_ERRORS[reason] ? `: ${SYSTEM_ERRORS[reason]}` : ''} (${reason})`,
  quoteNotClosed: (field?: number) => `a quoted field${field !== undefined ? ` (field ${field} of the record starting on this line)` : ''} is never closed`,
  invalidQuote: () => 'a closing quote is followed by text before the delimiter',
  recordTooLong: (max: number) => `a record is longer than ${Math.round(max / 1048576)} MiB (an unclosed quote?)`,
  csvParse: (detail: string) => `cannot parse the file: ${detail}`,
  mixedLineEnds: () => "rows run together here: the file's line endings change (CRLF, LF or CR on the first line, another kind further on, as in a file edited on two systems), and a row ends only with the first line's kind; re-save it with one kind of line ending",
  /** `missing`: the columns a row cut short has no field for, by their headers. */
  raggedRow: (got: number, expected: number, missing: readonly string[] = []) =>
    `this row has ${got} field${got === 1 ? '' : 's'} but the header has ${expected}${got > expected ? ` (field ${expected + 1} is the first past the header's last column)` : missing.length > 0 ? `: none for ${listColumns(missing)}` : ''}`,
  unknownQuestion: (name: string, suggestion?: string) =>
    `unknown question '${name}'${suggestion ? `, did you mean '${suggestion}'?` : ''}`,
  notCategorical: (name: string, type: string) => `question '${name}' is ${type}, not a choice question: it cannot split a crosstab`,
  invalidOption: (flag: string, value: string, allowed: readonly string[]) =>
    `invalid ${flag} '${value}' (expected ${allowed.join(', ')})`,
  headerRows: (value: string) => `invalid --header-rows '${value}' (expected 1, 2 or 3)`,
  encodingFallback: (encoding: string) => `bytes that are not UTF-8 found: read as ${encoding === 'macintosh' ? 'Mac OS Roman (macintosh)' : encoding}`,
  notInEncoding: (encoding: string, fromSpec = false, field?: number) => `bytes that are not ${encoding === 'utf-8' ? 'UTF-8' : encoding} found${field !== undefined ? ` (first in field ${field} of the record starting on this line)` : ''}, though ${fromSpec ? `the spec's input.encoding is ${encoding}` : `--encoding ${encoding} was given`}`,
  unknownTimeZone: (tz: string) => `unknown time zone '${tz}'`,
  timeZoneHint: () => 'use an IANA name such as Asia/Kolkata, Europe/Paris or UTC',
  otherEncoding: (asked: string, found: string, why: string, fromSpec: boolean) =>
    `the file is ${found}, not ${asked} (${why}), though ${fromSpec ? `the spec's input.encoding is ${asked}` : `--encoding ${asked} was given`}`,
  optionIgnored: (names: readonly string[], kind: string) => `the input is ${kind}: ${names.map((n) => `the ${n} given`).join(' and ')} ${names.length === 1 ? 'does' : 'do'} not apply and ${names.length === 1 ? 'was' : 'were'} left aside`,
  dateOrderGuessed: (label: string) => `${label}: every date reads both ways (day and month both 12 or under), so they are read month-first, as in the US (05/01 is May 1); give the question dateOrder: dmy in a spec if they are day-first`,
  naMissing: (code: string) =>
    `${code} (how R and pandas write a missing value) fills cells of several columns: taken as no answer in every question, outside the bases; a spec's top-level missing: [] counts it as an answer`,
  emptyRows: (n: number) => `${n} row${n === 1 ? '' : 's'} with every cell empty or blank skipped (not respondents)`,
  answersAsHeader: (rows: number, kind: string, column: number) => `${rows} header rows were asked for, but this row holds ${contactKind(kind)} (column ${column}): it is a respondent's answers, not a header`,
  answersAsFirstRow: (kind: string, column: number) => `the first row, read as the header, holds ${contactKind(kind)} (column ${column}): it is a respondent's answers, so the file has no header row`,
  answersAsFirstRowHint: () => 'add a first row naming each column (the questions), as the survey platform exports it',
  whereExcluded: (n: number, expr: string) => `${n} row${n === 1 ? '' : 's'} excluded by --where ${expr}`,
  /** Named by the spec's table id where it gives one, as report.html and the files in --out name the table. */
  tableFilterNone: (index: number, id: string | undefined, expr: string, answers: readonly string[]) =>
    `${id !== undefined ? `table '${id}': filter` : `tables[${index}].filter`} ${JSON.stringify(expr)} matched no kept row: the table is empty${comparedWith(answers)}`,
  /** A table of the respondents a personal detail picks could single them out. */
  piiSelects: (name: string) => `'${name}' is personal data: tables of the respondents it picks could single them out`,
  piiSelectsHint: () => "a spec's validity rules may use it to remove rows (rule: expression, or duplicates)",
  unquotedAnswer: (name: string, source: string) => `'${name}' in ${JSON.stringify(source)} is not a question; an answer is text in quotes`,
  netInExpression: (net: string, name: string) => `'${net}' is a net of '${name}', not an answer: expressions see the answers a row holds`,
  /** A literal an expression compares with, or a question's own missing answer: both compared exactly. */
  notAnAnswer: (value: string | number, name: string, near: string | undefined, answers: readonly string[]) => `${notAnAnswerOf(value, name, near)}${comparedWith(answers)}`,
  recodedAnswer: (value: string, name: string, to: string) => `'${value}' is recoded to '${to}' in '${name}', so no row holds it`,
  /** A recode key: matched in any case, spaces around it aside. */
  recodeKeyUnknown: (key: string, name: string, near: string | undefined, answers: readonly string[]) =>
    `${notAnAnswerOf(key, name, near)}${answers.length > 0 ? ` (recode keys match answers in any case: ${answers.join('; ')})` : ''}`,
  orderedChoice: (name: string, op: string, answers: readonly string[]) => `'${name}' is a choice question, not a number: ${op} would compare its answers as text (${answers.join('; ')})`,
  orderedChoiceHint: (name: string, answer: string | undefined) =>
    `compare with its answers (${name} == ${JSON.stringify(answer ?? 'answer')}, or ${name} in [${JSON.stringify(answer ?? 'answer')}, ...]), or band a numeric question with derive`,
  multiEquals: (name: string, op: string) => `'${name}' is a multi-select question: ${op} compares the whole list of a respondent's answers with one answer, which never equals it`,
  whereNone: (expr: string, answers: readonly string[]) => `--where ${expr} kept no row: every table is empty${comparedWith(answers)}`,
  outsideBands: (id: string, from: string, n: number, first: string, where: string) =>
    `'${id}': ${n} row${n === 1 ? ' has a' : 's have a'} value of '${from}' in no band (first ${first}, ${where}), missing from its tables${where.startsWith('between') ? '; bands hold both bounds: for decimals, end a band with below: where the next begins' : ''}`,
  oneColumn: (delimiter: string | null) =>
    `the file reads as one column${delimiter !== null ? ` (delimiter ${JSON.stringify(delimiter)})` : ''}, where a survey export has one per question: is it an export${delimiter !== null ? ', and if so, which delimiter (--delimiter)' : ''}?`,
  resultsTable: (percent: number, filled: number, example: string) =>
    `${percent} of the file's ${filled} columns hold percentages (${JSON.stringify(example)}), as a table of published results does, not respondents' answers: each line is counted as a respondent, so these tables mean nothing; is there an export with a row per respondent?`,
  weightUnused: (id: string) => `'${id}' looks like a column of weights: the tables are unweighted; --weight ${id} weights them`,
  weightMissing: (n: number, kinds: { blank: number; notNumber: number }, lines: readonly number[] = []) => {
    const why = [kinds.blank > 0 ? `${kinds.blank} blank` : '', kinds.notNumber > 0 ? `${kinds.notNumber} not a number` : ''].filter((x) => x !== '').join(', ');
    return `${n} kept row${n === 1 ? ' has' : 's have'} no valid weight (${why}) and count${n === 1 ? 's' : ''} with weight 0${lines.length > 0 ? `: line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}${n > lines.length ? ', ...' : ''}` : ''}`;
  },
  weightNegative: (id: string, rows: number, first: number) =>
    `weight '${id}' is ${first} here${rows > 1 ? `, and negative in ${rows} kept rows in all` : ', the one kept row with a negative weight'}: a sampling weight is 0 or more`,
  weightNegativeHint: () => 'correct the weights, or blank them (a blank weight counts with weight 0, with a warning); a negative weight is no sampling weight (Stata refuses it; R\'s survey would use it as it is)',
  lowExpected: (table: string, share: number) => `${table}: ${Math.round(share * 100)}% of expected counts are under 5, so the chi-square test is unreliable`,
  internal: (detail: string) => `internal error (a bug in survey, please report it): ${detail}`,
};
