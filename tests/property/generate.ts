/**
 * Generators for the property tests: small survey exports (a header and rows of answers) with
 * single choices, multi-selects joined by ", " or ";", numbers, blanks and free text, and header
 * names that have broken parsers and object lookups before (`__proto__`, quotes, commas, line
 * breaks, non-Latin scripts). Plus the harness every property runs under: a fixed seed (override
 * with FC_SEED), a modest number of runs (scale with FC_RUNS) and a timeout on every run.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Names that are properties of every object: as headers, answers and spec keys they must stay data. */
export const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'] as const;

/** Answers that have tripped CSV writers, splitters and renderers: delimiters, quotes, line breaks, scripts. */
const TRICKY = ['a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '  padded  ', 'Ünïcödé', '東京', 'مرحبا', '🙂 ok', 'x|y', 'tab\there', '=1+1', '+33', '@home', '<b>bold</b>', '[link](x)', 'back\\slash', 'N/A'];
const WORDS = ['Yes', 'No', 'Maybe', 'Red', 'Green', 'Blue', 'Agree', 'Disagree', 'Often', 'Never', 'Tea', 'Coffee', 'Other'];
/** Multi-select options: none holds a joiner (", " or ";"), so every joined cell splits back into them. */
const ATOMS = ['Email', 'SMS', 'Phone', 'WhatsApp', 'Signal', 'Télégram', '__proto__', 'constructor', 'toString', 'A/B', 'x "q"', '東京'];
/** Cells that mean "no answer". */
const BLANKS = ['', '', '', ' ', '-'];

export type ColumnKind = 'single' | 'multi-comma' | 'multi-semicolon' | 'numeric' | 'blank' | 'text';

export interface Column {
  header: string;
  kind: ColumnKind;
  cells: string[];
}

export interface Export {
  columns: Column[];
  rows: number;
}

/** Header names: ordinary words, object-property names, and text that needs quoting. */
export const headerName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROTO_NAMES) },
  { weight: 3, arbitrary: fc.constantFrom('How old are you?', 'Which apps do you use?', 'Gender', 'Q1', 'Colour', 'Comments', '', 'Name of "the" thing', 'City, Country', 'Line\nbreak', 'Crlf\r\nbreak', 'Ünïcödé header', '東京はどうですか', '  spaced  ', '=HYPERLINK("x")', 'Fruit [Apple]', 'Fruit [Pear]', 'Email address', 'IP Address') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }) },
);

function answerPool(): fc.Arbitrary<string[]> {
  const answer = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 2, arbitrary: fc.constantFrom(...PROTO_NAMES) }, { weight: 2, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) });
  return fc.uniqueArray(answer, { minLength: 1, maxLength: 6 });
}

function cellsOf(rows: number, cell: fc.Arbitrary<string>, blanks = 1): fc.Arbitrary<string[]> {
  const blankOr = fc.oneof({ weight: 6, arbitrary: cell }, { weight: blanks, arbitrary: fc.constantFrom(...BLANKS) });
  return fc.array(blankOr, { minLength: rows, maxLength: rows });
}

/** Cells naming 1-3 of a few options, joined: options recur, so they can be told from prose. */
function joined(rows: number, joiner: string): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.constantFrom(...ATOMS), { minLength: 2, maxLength: 4 }).chain((atoms) => cellsOf(rows, fc.shuffledSubarray(atoms, { minLength: 1, maxLength: Math.min(3, atoms.length) }).map((a) => a.join(joiner))));
}

function column(rows: number): fc.Arbitrary<Column> {
  const kinds: fc.Arbitrary<{ kind: ColumnKind; cells: string[] }>[] = [
    answerPool().chain((pool) => cellsOf(rows, fc.constantFrom(...pool)).map((c) => ({ kind: 'single' as const, cells: c }))),
    joined(rows, ', ').map((c) => ({ kind: 'multi-comma' as const, cells: c })),
    joined(rows, ';').map((c) => ({ kind: 'multi-semicolon' as const, cells: c })),
    cellsOf(rows, fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => String(Math.round(x * 100) / 100)))).map((c) => ({ kind: 'numeric' as const, cells: c })),
    cellsOf(rows, fc.string({ unit: 'grapheme', minLength: 0, maxLength: 30 })).map((c) => ({ kind: 'text' as const, cells: c })),
    fc.array(fc.constantFrom(...BLANKS), { minLength: rows, maxLength: rows }).map((c) => ({ kind: 'blank' as const, cells: c })),
  ];
  return fc.tuple(headerName, fc.oneof(...kinds)).map(([header, c]) => ({ header, ...c }));
}

/**
 * Several adjacent columns of one question: a grid (`Question [Item]` headers, answers on one
 * scale) or one column per option (the option's name when chosen, blank or "Not selected" when not).
 */
function group(rows: number): fc.Arbitrary<Column[]> {
  const stem = fc.constantFrom('Rate each', 'constructor', '__proto__', 'Which, if any?', 'Q5');
  const items = fc.uniqueArray(fc.constantFrom('A', 'B', 'toString', 'hasOwnProperty', 'x "y"', 'é'), { minLength: 2, maxLength: 3 });
  const grid = fc.tuple(stem, items, answerPool()).chain(([q, its, pool]) =>
    fc.tuple(...its.map(() => cellsOf(rows, fc.constantFrom(...pool)))).map((cols) => cols.map((cells, i) => ({ header: `${q} [${its[i]}]`, kind: 'single' as const, cells }))),
  );
  const options = fc.tuple(stem, items, fc.boolean()).chain(([q, its, notSelected]) =>
    fc.tuple(...its.map((it) => fc.array(fc.oneof(fc.constant(it), fc.constant(notSelected ? 'Not selected' : '')), { minLength: rows, maxLength: rows }))).map((cols) => cols.map((cells, i) => ({ header: `${q} [${its[i]}]`, kind: 'single' as const, cells }))),
  );
  return fc.oneof({ weight: 4, arbitrary: column(rows).map((c) => [c]) }, { weight: 1, arbitrary: grid }, { weight: 1, arbitrary: options });
}

/** An export of 1-5 questions (up to 15 columns) and 1-40 rows. */
export const surveyExport: fc.Arbitrary<Export> = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }))
  .chain(([width, rows]) => fc.array(group(rows), { minLength: width, maxLength: width }).map((groups) => ({ columns: groups.flat(), rows })));

/**
 * A CSV field, quoted when it holds a quote, a line break or any delimiter the sniffer weighs
 * (so the export is unambiguously comma-separated, whatever its answers).
 */
export function csvField(s: string): string {
  return /[",;\t|\r\n]/.test(s) || s.trimStart() !== s ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsOf(e: Export): string[][] {
  return Array.from({ length: e.rows }, (_, r) => e.columns.map((c) => c.cells[r]!));
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[], eol = '\n'): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join(eol) + eol;
}

export function exportCsv(e: Export, order?: readonly number[]): string {
  const rows = rowsOf(e);
  return toCsv(
    e.columns.map((c) => c.header),
    order ? order.map((i) => rows[i]!) : rows,
  );
}

/** Rows with a cell that is not empty or white space: the respondents (the other rows are skipped). */
export function respondents(e: Export): number {
  return rowsOf(e).filter(answersSomething).length;
}

/** A row with a cell that is not empty or white space: a respondent (the others are skipped and counted). */
export function answersSomething(row: readonly string[]): boolean {
  return row.some((c) => c.trim() !== '');
}

// ---------------------------------------------------------------- harness ----

const SEED = process.env['FC_SEED'] === undefined ? 20260507 : process.env['FC_SEED'] === 'random' ? Date.now() : Number(process.env['FC_SEED']);
const SCALE = Number(process.env['FC_RUNS'] ?? '1');

/**
 * Parameters for fc.assert: a fixed seed (so CI is reproducible; FC_SEED=random or a number
 * explores), `runs` scaled by FC_RUNS, and a per-run timeout so a hang fails instead of stalling.
 */
export function params<T>(runs: number, timeoutMs = 5000): fc.Parameters<T> {
  return { seed: SEED, numRuns: Math.max(1, Math.round(runs * SCALE)), timeout: timeoutMs, includeErrorInReport: true };
}

/** A scratch folder for the files a property writes; removed by `dispose`. */
export function scratch(prefix: string): { dir: string; file(name: string, content: string | Uint8Array): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), `survey-${prefix}-`));
  let n = 0;
  return {
    dir,
    file(name, content) {
      const path = join(dir, `${n++}-${name}`);
      writeFileSync(path, content);
      return path;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
