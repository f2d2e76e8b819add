/**
 * The zero-configuration pipeline, one streaming pass over the file:
 *
 *   read-csv ──► header rows ──► sample (first rows) ──► infer codebook
 *                                   │                        │
 *                                   └── replay ──► Tabulation ◄── rest of the stream
 *                                                     │
 *                                                     ▼
 *                                              AnalysisResult (tables)
 *
 * The sample is held in memory (bounded by `sampleRows`), every later row is
 * coded and counted as it streams past, so memory does not grow with rows.
 */
import { findRef, type Codebook, type Question } from '../spec/codebook.js';
import type { AnalysisResult, Diagnostic } from '../spec/result.js';
import type { ColumnHeader } from '../codebook/header.js';
import { inferCodebook, numbersReadAsAnswers } from '../codebook/infer.js';
import { looksLikeResultsTable, type ResultsTable } from '../codebook/results-table.js';
import type { CsvInput, CsvOptions } from '../ingest/input.js';
import { SurveyError } from '../errors/survey-error.js';
import { choicesOf, comparisonProblem, listedAnswers } from './check-answers.js';
import { messages } from '../errors/messages.js';
import { compile, truthy } from '../expr/compile.js';
import { Tabulation } from './tabulation.js';
import { canWeight, noWeightsHint, resolveQuestionOrItem } from './resolve.js';
import { withInput } from './input.js';
import { Sample, scanRows } from './rows.js';
import { Cells } from '../ingest/cells.js';
import { LateColumns } from '../ingest/dictionary.js';
import { checkNames } from './check-names.js';
import { summarizeWeights } from './weighting.js';
import { DEFAULT_TABLE_STATS } from '../tabulate/options.js';
import { DEFAULT_SAMPLE_ROWS, answersOf, finish, type Analysis } from './finish.js';

export interface AnalyzeOptions extends CsvOptions {
  /** Forces the number of header rows (1-3) instead of detecting the platform's layout. */
  headerRows?: number;
  /** Questions (id or text) to crosstab every choice question by. */
  by?: readonly string[];
  /** An expression: only rows where it is true are tabulated. */
  where?: string;
  /** A numeric question (id or text) holding each respondent's weight. */
  weight?: string;
  /** Rows used to infer the codebook. __Default value:__ 50,000 */
  sampleRows?: number;
  /** Name shown for the file in results and messages. __Default value:__ the path */
  displayName?: string;
  /** Called as the file is read: bytes read so far and rows so far (for a progress bar). */
  onProgress?: (bytesRead: number, rows: number) => void;
}

export async function analyzeFile(file: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  return withInput(file, options, (input, diagnostics) => analyzeInput(input, options, diagnostics));
}

async function analyzeInput(input: CsvInput, options: AnalyzeOptions, diagnostics: Diagnostic[]): Promise<Analysis> {
  const displayName = options.displayName ?? input.file;
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const decimalComma = input.delimiter === ';';
  const sample = new Sample();
  /** The lines the sample's rows were read from, to name a row in an error. */
  const sampleLines: number[] = [];
  const numbering = new LateColumns();
  let headers: ColumnHeader[] = [];
  let tabulation: Tabulation | null = null;
  let where: ((t: Tabulation) => boolean) | null = null;
  let whereNames: readonly string[] = [];
  let rows = 0;
  let excluded = 0;
  let weightId: string | undefined;
  let resultsTable: ResultsTable | null = null;

  const count = (t: Tabulation, cells: Cells, line: number) => {
    t.read(cells);
    if (where && !where(t)) {
      excluded++;
      return;
    }
    t.count(line);
  };
  const start = (): Tabulation => {
    const codebook = inferCodebook(headers, sample.rows, { decimalComma, distinct: (i) => sample.distinct(i) });
    resultsTable = looksLikeResultsTable(sample.rows);
    const by = (options.by ?? []).map((name) => {
      const id = resolveQuestionOrItem(codebook, name, '--by', splitsCrosstab);
      if (codebook.questions.find((q) => q.id === id)?.type === 'pii') throw new SurveyError('SURVEY_OPTION_INVALID', `--by: '${id}' is personal data and is never tabulated`);
      return id;
    });
    weightId = options.weight === undefined ? undefined : weightQuestion(codebook, options.weight);
    const plan = weightId === undefined ? { tables: 'all' as const, by } : { tables: 'all' as const, by, weight: weightId, stats: { ...DEFAULT_TABLE_STATS, weighted: true } };
    const t = new Tabulation(codebook, plan, { decimalComma });
    if (options.where !== undefined) {
      const expr = compile(options.where);
      checkNames(expr, t.values, '--where');
      const personal = expr.names.find((n) => findRef(codebook.questions, n)?.question.type === 'pii');
      if (personal !== undefined) throw new SurveyError('SURVEY_OPTION_INVALID', `--where: ${messages.piiSelects(personal)}`, { hint: messages.piiSelectsHint() });
      // A slip in an answer (">60" for "> 60") would leave every table empty: refused, as in a spec.
      const problem = comparisonProblem(expr, choicesOf(codebook.questions, listedAnswers), true);
      if (problem !== null) throw new SurveyError('SURVEY_OPTION_INVALID', `--where: ${problem.message}`, problem.hint !== undefined ? { hint: problem.hint } : {});
      whereNames = expr.names;
      where = (tab) => truthy(expr.evaluate(tab.values.resolve));
    }
    // The rest of the file comes with the choice columns numbered by the reading thread.
    numbering.set(t.choiceColumns());
    sample.rows.forEach((row, r) => count(t, Cells.of(row), sampleLines[r]!));
    sample.clear();
    sampleLines.length = 0;
    return t;
  };

  // One reading: a workbook keeps no copy of its rows for another.
  input.lastReading?.();
  const scanned = await scanRows(
    input,
    displayName,
    (header) => {
      headers = header.headers;
      return (cells, line) => {
        rows++;
        if (tabulation) count(tabulation, cells, line);
        else {
          sample.add(cells.toArray());
          sampleLines.push(line);
          if (sample.length >= sampleRows) tabulation = start();
        }
      };
    },
    { headerRows: options.headerRows, onProgress: options.onProgress, dictionary: numbering },
  );
  if (rows === 0) throw new SurveyError('SURVEY_CSV_HEADER_ONLY', messages.headerOnly(), { location: { file: displayName } });
  const t = tabulation ?? start();
  if (scanned.emptyRows > 0) diagnostics.push({ level: 'info', code: 'SURVEY_EMPTY_ROWS', message: messages.emptyRows(scanned.emptyRows) });
  // Published percentages tabulated as answers give tables that look right and mean nothing: said first.
  const found = resultsTable as ResultsTable | null;
  if (found) diagnostics.unshift({ level: 'warning', code: 'SURVEY_RESULTS_TABLE', message: messages.resultsTable(found.percentColumns, found.filledColumns, found.example) });
  if (options.where !== undefined) {
    diagnostics.push({ level: 'info', code: 'SURVEY_WHERE', message: messages.whereExcluded(excluded, options.where) });
    // Every table is empty: most likely the expression's spelling of an answer or its type is not the data's.
    if (excluded === rows) diagnostics.push({ level: 'warning', code: 'SURVEY_WHERE_NONE', message: messages.whereNone(options.where, answersOf(t, whereNames)) });
  }
  const weight = weightId;
  // Rows weighted below 0 are counted to the end, then refused: every one of them, and the first by line.
  if (t.negative.rows > 0) throw t.negativeWeightsError(displayName);
  if (weight === undefined) {
    const looksLike = t.codebook.questions.find((q) => q.type === 'numeric' && WEIGHT_NAME.test(q.id));
    if (looksLike) diagnostics.push({ level: 'info', code: 'SURVEY_WEIGHT_UNUSED', message: messages.weightUnused(looksLike.id) });
  } else if (t.unweighted > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_WEIGHT_MISSING', message: messages.weightMissing(t.unweighted, t.noWeight) });
  const analysis = finish(t, input, scanned.header, displayName, rows, diagnostics);
  // --where is a rule of its own: every output counts the rows it left out, as a report's funnel does.
  const funnel: Pick<AnalysisResult, 'funnel'> =
    options.where === undefined ? {} : { funnel: [{ rule: 'read', removed: 0, remaining: rows }, { rule: `where ${options.where}`, removed: excluded, remaining: rows - excluded }] };
  if (weight === undefined) return { ...analysis, result: { ...analysis.result, ...funnel } };
  // The weights' own summary is no finding of the survey: the weighting line says what matters of them.
  const tables = analysis.result.tables.filter((x) => !(x.kind === 'numeric' && x.question === weight));
  return { ...analysis, result: { ...analysis.result, ...funnel, tables, weights: summarizeWeights(t, 'column', weight, null, {}) } };
}

/** A column named as weights usually are (weight, wt, wgt, final_weight, weight_2): said when left unused. */
const WEIGHT_NAME = /^(?:weights?|wt|wgt|pweight|\w+_(?:weights?|wt|wgt)|(?:weights?|wt|wgt)_\w+)$/i;

/** The questions --by is listed as taking: choice questions (a grid splits by an item, grid.item, not listed). */
function splitsCrosstab(q: Question): boolean {
  return (q.type === 'single' || q.type === 'multi') && q.metadata === undefined;
}

function weightQuestion(codebook: Codebook, name: string): string {
  const id = resolveQuestionOrItem(codebook, name, '--weight', canWeight, () => noWeightsHint(codebook.questions));
  const q = codebook.questions.find((x) => x.id === id);
  if (q === undefined) throw new SurveyError('SURVEY_OPTION_INVALID', `--weight: '${id}' is a grid's item; weights must be a numeric question`);
  if (q.type !== 'numeric') {
    // A few distinct numbers (1 and -1, 0.5 and 2) read as answers: a spec can say they are numbers.
    const hint = numbersReadAsAnswers(q) ? `its answers are numbers read as choices: in a spec (survey init), declare it - { id: ${q.id}, column: ..., type: numeric }` : undefined;
    throw new SurveyError('SURVEY_OPTION_INVALID', `--weight: '${id}' is ${q.type === 'single' ? 'a choice question' : q.type}; weights must be numbers`, hint ? { hint } : {});
  }
  return id;
}
