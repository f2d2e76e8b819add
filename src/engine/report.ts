/**
 * The spec-driven pipeline (`survey report`):
 *
 *   spec ──► load + validate ─────────────────────────────┐
 *   export ─► sample ─► infer ─► apply spec codebook ─► plan tables, build rules
 *             [pass for rules that need the whole file (medians, last submissions); raking]
 *             main pass: code ─► rules in order ─► kept rows counted in every table
 *                                    └─► rejected rows: funnel + rejects
 *
 * A file read on this thread is read once when no pass comes between: the sample's rows go
 * through the main pass and the same reading goes on. A file read on a second thread is read
 * again from the start, as are the passes. Each pass streams the file; only the sample
 * (bounded) and the rules' keys are held.
 */
import { findRef, type Codebook, type Question } from '../spec/codebook.js';
import { gapOf } from '../codebook/values.js';
import type { FilterSpec, StudySpec, TableSpec } from '../spec/analysis.js';
import type { AnalysisResult, Diagnostic, FunnelStep } from '../spec/result.js';
import type { CsvInput, CsvOptions } from '../ingest/read-csv.js';
import type { Encoding } from '../ingest/detect.js';
import { inferCodebook, numbersReadAsAnswers } from '../codebook/infer.js';
import { applySpecCodebook, specError, unknownRef } from '../config/apply-codebook.js';
import { specInputFile } from '../config/spec-input.js';
import type { LoadedSpec } from '../config/load-spec.js';
import { compile, truthy, type Compiled, type Evaluator } from '../expr/compile.js';
import { createFilter } from '../filters/index.js';
import { FilterChain, type Rejection } from '../filters/apply.js';
import type { FilterEnv, RowContext } from '../filters/types.js';
import { SurveyError } from '../errors/survey-error.js';
import { answersShown, messages } from '../errors/messages.js';
import { Tabulation, type PlannedTable } from './tabulation.js';
import { BandCoder } from './coder.js';
import { closest } from '../errors/suggest.js';
import { withInput } from './input.js';
import { Sample, scanRows, type HeaderInfo, type RowHandler, type ScannedRows } from './rows.js';
import type { ScanOptions } from '../ingest/read-csv.js';
import { columnLabel, type ColumnHeader } from '../codebook/header.js';
import { Cells } from '../ingest/cells.js';
import { DEFAULT_SAMPLE_ROWS, answersOf, finish, type Analysis } from './analyze.js';
import { Raking, summarizeWeights, targetScale, type TargetScale } from './weighting.js';
import { checkRecodesAndMissing, choicesOf, comparisonProblem, listedAnswers } from './check-answers.js';
import { DEFAULT_LETTERS } from '../stats/column-tests.js';
import type { TableStatsOptions } from '../tabulate/options.js';
import { suppressTables } from '../stats/suppress.js';

/** A report always has its funnel. */
export interface ReportResult extends AnalysisResult {
  funnel: FunnelStep[];
}

export interface Report extends Analysis {
  result: ReportResult;
}

export interface ReportOptions {
  /** Overrides the spec's input file (resolved against the working directory). */
  input?: string;
  /** Overrides the spec's input.sheet (an .xlsx workbook's worksheet). */
  sheet?: string;
  /** Overrides statistics.minCell: cells with fewer respondents are suppressed. */
  minCell?: number;
  /** Name shown for the input in results. */
  displayName?: string;
  sampleRows?: number;
  /** Called for every removed row with its non-personal cells (see `rejectColumns`). */
  onReject?: (rejection: Rejection, cells: string[]) => void;
  /** Called once the codebook is known, with the header of the rejects file. */
  onRejectColumns?: (columns: string[]) => void;
  /** Called for every kept row after it is coded (`survey clean` writes it out). */
  onKeep?: (tabulation: Tabulation, cells: Cells) => void;
  /** Called once the codebook is known, before the main pass. */
  onCodebook?: (codebook: Codebook) => void;
  /**
   * Called when the export turns out not to be UTF-8 past its start and is read again from the
   * start (as Windows-1252 or Mac OS Roman): what the callbacks above received so far is void.
   */
  onRestart?: () => void;
  /** Called as the main pass reads the file (a workbook: as it is first parsed, too): bytes read so far and rows so far (for a progress bar). */
  onProgress?: (bytesRead: number, rows: number) => void;
  /** Reads on a second thread (true) or not (false); by default, for files of 8 MiB or more. */
  readingThread?: boolean;
}

export async function runReport(loaded: LoadedSpec, specPath: string, options: ReportOptions = {}): Promise<Report> {
  const spec = loaded.spec;
  const file = options.input ?? specInputFile(loaded, specPath);
  const csvOptions: CsvOptions = {};
  if (spec.input?.encoding) {
    csvOptions.encoding = spec.input.encoding as Encoding;
    csvOptions.encodingFrom = 'spec';
  }
  if (spec.input?.delimiter) csvOptions.delimiter = spec.input.delimiter;
  const sheet = options.sheet ?? spec.input?.sheet;
  if (sheet !== undefined) csvOptions.sheet = sheet;
  const displayName = options.displayName ?? spec.input?.file ?? file;
  // Reading errors name the export as the spec or --input gave it, like analyze does, never the resolved path.
  csvOptions.displayName = displayName;
  if (options.readingThread !== undefined) csvOptions.worker = options.readingThread;
  return withInput(file, csvOptions, (input, diagnostics) => reportInput(input, loaded, options, displayName, diagnostics), options.onRestart);
}

async function reportInput(input: CsvInput, loaded: LoadedSpec, options: ReportOptions, displayName: string, diagnostics: Diagnostic[]): Promise<Report> {
  const spec = loaded.spec;
  const headerRows = spec.input?.headerRows;
  const decimalComma = input.delimiter === ';';
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const sample = new Sample();
  const sampleLines: number[] = [];
  let header = null as HeaderInfo | null;
  let plan = null as Plan | null;
  let main = null as RowHandler | null;
  let rows = 0;
  /** The first lines of kept rows without a valid weight (blank, negative, no number), to name them. */
  const noWeightLines: number[] = [];

  // The main pass's handler: every row through the rules; kept rows are counted.
  const mainPass = (p: Plan): RowHandler => {
    const { tabulation, chain, context } = p;
    const { onKeep, onReject } = options;
    options.onCodebook?.(p.codebook);
    options.onRejectColumns?.(p.keptColumns.map((i) => columnLabel(p.headers[i]!)));
    return (cells, line) => {
      rows++;
      tabulation.read(cells);
      const rejection = chain.apply(context(cells, line));
      if (rejection === null) {
        const unweighted = tabulation.unweighted;
        tabulation.count();
        if (tabulation.unweighted > unweighted && noWeightLines.length < 5) noWeightLines.push(line);
        onKeep?.(tabulation, cells);
      } else onReject?.(rejection, p.keptColumns.map((i) => cells.get(i)));
    };
  };
  // Read on this thread, the file is read once: the sample's rows go through the main pass,
  // and the rest of the file follows. A reading thread reads it again instead, which costs this
  // thread little, and numbers cells and keeps keys from the first row on. So do passes that
  // come before the main pass (a rule that needs the whole file, raking).
  const afterSample = (): boolean => {
    plan = planStudy(header!, sample, loaded, decimalComma, options.onKeep !== undefined, minCellOf(options, spec));
    if (input.threaded || plan.passes) {
      sample.clear();
      return false;
    }
    input.lastReading?.();
    const handler = mainPass(plan);
    const kept = sample.rows;
    for (let r = 0; r < kept.length; r++) handler(Cells.of(kept[r]!), sampleLines[r]!);
    sample.clear();
    sampleLines.length = 0;
    main = handler;
    return true;
  };

  let scanned = await scanRows(input, displayName, (h) => {
    header = h;
    return (cells, line) => {
      if (main !== null) return main(cells, line);
      sample.add(cells.toArray());
      sampleLines.push(line);
      if (sample.length >= sampleRows) return afterSample();
    };
  }, { headerRows, ...(input.threaded || !options.onProgress ? {} : { onProgress: firstReadingProgress(input, options.onProgress, () => main !== null) }) });
  if (plan === null) {
    if (sample.length === 0) throw new SurveyError('SURVEY_CSV_HEADER_ONLY', messages.headerOnly(), { location: { file: displayName } });
    afterSample();
  }
  const p = plan!;
  if (main === null) scanned = await morePasses(input, displayName, p, loaded, diagnostics, mainPass(p), options.onProgress);

  const { tabulation, chain } = p;
  // Every row is coded: the answers the spec names are checked against all the data's.
  checkRecodesAndMissing(loaded, tabulation);
  // A question whose answers the spec lists is closed: an answer outside the list is a slip, not one a later wave may bring.
  const listing = new Set((loaded.spec.questions ?? []).filter((q) => q.options !== undefined).map((q) => q.id));
  const seen = choicesOf(
    p.codebook.questions,
    (q) => {
      const coder = tabulation.coders.get(q.id);
      return coder !== undefined && 'options' in coder ? coder.options.labels : listedAnswers(q);
    },
    (q) => listing.has(q.id),
  );
  for (const { expr, error } of p.expressions) {
    const problem = comparisonProblem(expr, seen, false);
    if (problem?.unseen) {
      const at = error(problem.message);
      const location = at instanceof SurveyError && at.location?.line !== undefined ? { location: { file: at.location.file, line: at.location.line } } : {};
      diagnostics.push({ level: 'warning', code: 'SURVEY_ANSWER_UNSEEN', message: `${at.message}: no row holds it, so it matches none`, ...location });
    } else if (problem !== null) throw error(problem.message, problem.hint);
  }
  if (scanned.emptyRows > 0) diagnostics.push({ level: 'info', code: 'SURVEY_EMPTY_ROWS', message: messages.emptyRows(scanned.emptyRows) });
  if (tabulation.unweighted > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_WEIGHT_MISSING', message: messages.weightMissing(tabulation.unweighted, noWeightLines) });
  for (const c of tabulation.coders.values()) {
    if (c instanceof BandCoder && c.outside > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_DERIVE_OUTSIDE', message: messages.outsideBands(c.question.id, c.question.derived!.from, c.outside, String(Number(c.firstOutside.toPrecision(4))), gapOf(c.question.derived!.bands, c.firstOutside)) });
  }
  const funnel = chain.funnel();
  // A rule that leaves no respondent is most often a misspelt answer or a wrong window: said, not left to empty tables.
  for (const step of funnel.slice(1)) {
    if (step.removed > 0 && step.remaining === 0) diagnostics.push({ level: 'warning', code: 'SURVEY_RULE_REMOVED_ALL', message: `rule '${step.rule}' removed every row that reached it (${step.removed}): check its settings against the answers in the data` });
  }
  for (const f of p.tableFilters) {
    if (!f.met && (funnel[funnel.length - 1]?.remaining ?? rows) > 0) diagnostics.push({ level: 'warning', code: 'SURVEY_TABLE_FILTER_NONE', message: messages.tableFilterNone(f.index, f.source, answersOf(tabulation, f.names)) });
  }
  const analysis = finish(tabulation, input, scanned.header, displayName, rows, diagnostics);
  const result: ReportResult = { ...(spec.title ? { title: spec.title } : {}), ...analysis.result, funnel };
  if (p.weighted) {
    const method = p.weightId !== undefined && p.raking ? 'column+raking' : p.raking ? 'raking' : 'column';
    const w = (result.weights = summarizeWeights(tabulation, method, p.weightId, p.raking, spec.weighting ?? {}));
    // Trimming bounds cells' mean weights: with design weights, single respondents can stay outside
    // (1% of slack: bounds apply to the mean at the last trim, which the trim itself moves).
    const trim = spec.weighting?.trim;
    if (trim && p.raking && (w.max > trim.upper * w.mean * 1.01 || w.min < trim.lower * w.mean * 0.99)) {
      result.diagnostics.push({ level: 'warning', code: 'SURVEY_WEIGHTS_OUTSIDE_TRIM', message: `weights run from ${formatRatio(w.min / w.mean)} to ${formatRatio(w.max / w.mean)} x their mean, outside the trim bounds ${trim.lower} to ${trim.upper}: trimming bounds each raking cell's mean weight, and design weights spread respondents around it` });
    }
  }
  const minCell = minCellOf(options, spec);
  if (minCell !== undefined) {
    const suppressed = suppressTables(result.tables, minCell);
    result.tables = suppressed.tables;
    result.disclosure = suppressed.summary;
  }
  return { ...analysis, result };
}

/**
 * The progress of the first reading: a workbook's, whose parse is what takes time (a sheet kept
 * in memory is read again at once); a CSV's once it is known to be the main pass, so that a bar
 * never runs to the end of the sample and starts over for the passes after it.
 */
function firstReadingProgress(input: CsvInput, onProgress: NonNullable<ReportOptions['onProgress']>, mainPass: () => boolean): NonNullable<ReportOptions['onProgress']> {
  return input.format === 'xlsx' ? onProgress : (bytes, rows) => void (mainPass() && onProgress(bytes, rows));
}

/** The study as planned from the spec and the sample: what is coded, counted and checked. */
interface Plan {
  headers: ColumnHeader[];
  codebook: Codebook;
  tabulation: Tabulation;
  chain: FilterChain;
  /** One context, pointed at each row in turn: rules read it while the row is current. */
  context: (cells: Cells, line: number) => RowContext;
  /** The key of a leading one-key `keep: first` duplicates rule, kept on the reading thread. */
  leadKey: ScanOptions['firstSeen'] | null;
  /** Columns a rejected row is written with: all but personal data. */
  keptColumns: number[];
  weighted: boolean;
  weightId: string | undefined;
  /** Raking, its targets checked; solved by `morePasses`. */
  raking: Raking | null;
  /** A rule needs the whole file first (median durations, last submissions), or rows are raked. */
  passes: boolean;
  /** Each table filter of the spec, and whether any kept row has met it. */
  tableFilters: TableFilterUse[];
  /** Every expression of the spec, to check its answers against all the data's once it is read. */
  expressions: CheckedExpression[];
}

interface CheckedExpression {
  expr: Compiled;
  /** A spec error at the expression's path. */
  error: (message: string, hint?: string) => Error;
}

/** An expression's answers checked against the sample's now (a slip is an error), and kept to check against every row's. */
function checkAnswers(expr: Compiled, codebook: Codebook, error: CheckedExpression['error'], expressions: CheckedExpression[]): void {
  const problem = comparisonProblem(expr, choicesOf(codebook.questions, listedAnswers), true);
  if (problem !== null) throw error(problem.message, problem.hint);
  expressions.push({ expr, error });
}

interface TableFilterUse {
  index: number;
  source: string;
  names: string[];
  met: boolean;
}

function planStudy(header: HeaderInfo, sample: Sample, loaded: LoadedSpec, decimalComma: boolean, codeAll: boolean, minCell: number | undefined): Plan {
  const spec = loaded.spec;
  const { headers } = header;
  const codebook = applySpecCodebook(inferCodebook(headers, sample.rows, { decimalComma, distinct: (i) => sample.distinct(i) }), headers, loaded);

  // Every question a table, rule, weight or filter uses: only those are coded row by row.
  const used = new Set<string>();
  const tableFilters: TableFilterUse[] = [];
  const expressions: CheckedExpression[] = [];
  const tables = planTables(spec, codebook, loaded, used, tableFilters, expressions);
  const weightingSpec = spec.weighting ?? {};
  const weightId = weightingSpec.weight ?? spec.weight;
  const weightPath = weightingSpec.weight !== undefined ? ['weighting', 'weight'] : ['weight'];
  const weighted = weightId !== undefined || weightingSpec.rake !== undefined;
  const stats = statsOptions(spec, weighted, minCell);
  const tabulation = new Tabulation(
    codebook,
    { tables, by: [], stats, ...(weightId !== undefined ? { weight: checkWeight(weightId, codebook, loaded, weightPath) } : {}), ...(spec.input?.timezone !== undefined ? { timezone: spec.input.timezone } : {}) },
    { decimalComma },
  );
  const chain = new FilterChain((spec.filters ?? []).map((f, i) => createFilter(f, filterEnv(f, i, codebook, loaded, spec, used, headers, expressions))));
  if (weightId !== undefined) used.add(weightId);
  for (const id of Object.keys(weightingSpec.rake ?? {})) used.add(id);
  // `survey clean` writes every question of the kept rows.
  if (tables !== 'all' && !codeAll) tabulation.codeOnly(used);
  const raking = weightingSpec.rake ? new Raking(tabulation, rakeVariables(weightingSpec.rake, codebook, tabulation, loaded)) : null;
  if (weightingSpec.rake) checkRakeTotals(weightingSpec.rake, loaded);
  // A leading one-key `keep: first` duplicates rule sees every row in order: the reading
  // thread can keep its keys, which takes the key set off this thread.
  const key = chain.filters[0]?.firstSeen;
  const row: { -readonly [K in keyof RowContext]: RowContext[K] } = { cells: Cells.of([]), line: 0, values: tabulation.values, coders: tabulation.coders };
  const context = (cells: Cells, line: number): RowContext => {
    row.cells = cells;
    row.line = line;
    return row;
  };
  const pii = codebook.questions.filter((q) => q.type === 'pii').flatMap((q) => q.columns);
  return {
    headers,
    codebook,
    tabulation,
    chain,
    context,
    leadKey: key ? { key, skip: header.headerRows } : null,
    keptColumns: headers.map((h) => h.index).filter((i) => !pii.includes(i)),
    tableFilters,
    expressions,
    weighted,
    weightId,
    raking,
    passes: chain.needsPreparation || raking !== null,
  };
}

/**
 * The passes after the sample: one for each rule that needs the whole file first (median
 * durations, last submissions), one over the kept rows for raking (each cell's factor), and the
 * main pass.
 */
async function morePasses(input: CsvInput, displayName: string, p: Plan, loaded: LoadedSpec, diagnostics: Diagnostic[], mainPass: RowHandler, onProgress: ReportOptions['onProgress']): Promise<ScannedRows> {
  const spec = loaded.spec;
  const { tabulation, chain, context, raking } = p;
  const scanOptions = { headerRows: spec.input?.headerRows, dictionary: tabulation.choiceColumns(), ...(p.leadKey ? { firstSeen: p.leadKey } : {}) };
  for (let stage = 0; stage < chain.preparations; stage++) {
    await scanRows(input, displayName, () => (cells, line) => {
      tabulation.read(cells);
      chain.prepare(stage, context(cells, line));
    }, scanOptions);
    chain.startMainPass();
  }
  if (raking) {
    const rake = spec.weighting!.rake!;
    await scanRows(input, displayName, () => (cells, line) => {
      tabulation.read(cells);
      if (chain.apply(context(cells, line)) === null) raking.collect();
    }, scanOptions);
    chain.startMainPass();
    checkRakeAnswers(rake, tabulation, loaded);
    checkRakeTargets(rake, raking, loaded);
    raking.solve(rake, spec.weighting!);
    tabulation.setAdjustment(() => raking.factor());
    diagnostics.push(...raking.diagnostics());
  }
  return scanRows(input, displayName, () => mainPass, { ...scanOptions, onProgress });
}

function statsOptions(spec: StudySpec, weighted: boolean, minCell: number | undefined): TableStatsOptions {
  const s = spec.statistics ?? {};
  const letters = s.letters === true ? DEFAULT_LETTERS : s.letters ? { ...DEFAULT_LETTERS, ...s.letters } : null;
  return { weighted, confidence: s.confidence ?? 0.95, raoScott: s.raoScott ?? 2, letters, ...(minCell !== undefined ? { minCell } : {}) };
}

/** Disclosure control's minimum cell: --min-cell over the spec's statistics.minCell. */
function minCellOf(options: ReportOptions, spec: StudySpec): number | undefined {
  return options.minCell ?? spec.statistics?.minCell;
}

function checkWeight(id: string, codebook: Codebook, loaded: LoadedSpec, path: (string | number)[]): string {
  const q = codebook.questions.find((x) => x.id === id);
  if (!q) throw unknownRef(loaded, path, id, codebook.questions);
  if (q.type !== 'numeric') throw specError(loaded, path, `'${id}' is ${q.type}; weights must be a numeric question`, numbersReadAsAnswers(q) ? `its answers are numbers read as choices: declare it type: numeric in questions:` : undefined);
  return id;
}

/** Raking variables must be single-choice questions. */
function rakeVariables(targets: Record<string, Record<string, number>>, codebook: Codebook, t: Tabulation, loaded: LoadedSpec): string[] {
  return Object.keys(targets).map((id) => {
    const q = codebook.questions.find((x) => x.id === id);
    if (!q) throw unknownRef(loaded, ['weighting', 'rake', id], id, codebook.questions);
    if (q.type !== 'single' || t.coders.get(id)?.kind !== 'single') throw specError(loaded, ['weighting', 'rake', id], `'${id}' is ${q.type}; raking needs single-choice questions`);
    return id;
  });
}

/** Every rake target an answer of its question: checked once the raking pass has coded the whole file (an answer may first come late). */
function checkRakeAnswers(targets: Record<string, Record<string, number>>, t: Tabulation, loaded: LoadedSpec): void {
  for (const [id, answers] of Object.entries(targets)) {
    const coder = t.coders.get(id);
    if (coder?.kind !== 'single') continue;
    for (const label of Object.keys(answers)) {
      if (coder.options.find(label) < 0) {
        throw specError(loaded, ['weighting', 'rake', id, label], messages.notAnAnswer(label, id, closest(label, coder.options.labels), [answersShown(id, coder.options.labels)]));
      }
    }
  }
}

/**
 * Targets whose totals would rake silently to nonsense, told before any row is read: shares that
 * do not add up to 1 (read as counts, they would shrink every count to a fraction of a
 * respondent), and variables whose targets disagree on the total, which each raking step would
 * move to its own: counts of different totals, or counts beside shares or percentages.
 */
function checkRakeTotals(targets: Record<string, Record<string, number>>, loaded: LoadedSpec): void {
  let first: RakeTotal | undefined;
  for (const [id, answers] of Object.entries(targets)) {
    const values = Object.values(answers);
    const sum = values.reduce((a, b) => a + b, 0);
    const path = ['weighting', 'rake', id];
    if (!(sum > 0)) throw specError(loaded, path, `the targets of '${id}' add up to 0: every respondent would weigh 0`);
    const scale = targetScale(answers);
    if (scale === 'counts' && values.every((x) => x < 1)) {
      throw specError(loaded, path, `the shares of '${id}' add up to ${formatTotal(sum)}, not 1`, 'give shares that add up to 1, or population counts');
    }
    const these: RakeTotal = { id, sum, scale };
    first ??= these;
    if (!disagree(first, these)) continue;
    // Rounded percentages may not add up to 100, and are read as counts: the likelier slip is named first.
    const [a, b] = nearlyPercent(first) ? [first, these] : [these, first];
    const message = a.scale === 'counts' && b.scale === 'counts'
      ? `the population counts of '${a.id}' add up to ${formatTotal(a.sum)} and those of '${b.id}' to ${formatTotal(b.sum)}: raking cannot meet both totals`
      : `'${a.id}' has ${kindOf(a)} and '${b.id}' ${kindOf(b)}: every variable needs one kind of target`;
    throw specError(loaded, ['weighting', 'rake', a.id], message, nearlyPercent(a) ? `percentages must add up to 100: those of '${a.id}' add up to ${formatTotal(a.sum)}` : 'give every variable shares (adding up to 1) or percentages (adding up to 100), or population counts of one total');
  }
}

interface RakeTotal {
  id: string;
  sum: number;
  scale: TargetScale;
}

function nearlyPercent(t: RakeTotal): boolean {
  return t.scale === 'counts' && Math.abs(t.sum - 100) <= 5;
}

/** Counts beside shares or percentages, or counts of two totals (a relative difference past rounding). */
function disagree(a: RakeTotal, b: RakeTotal): boolean {
  if ((a.scale === 'counts') !== (b.scale === 'counts')) return true;
  return a.scale === 'counts' && Math.abs(a.sum - b.sum) > 1e-9 * Math.max(a.sum, b.sum);
}

function kindOf(t: RakeTotal): string {
  return t.scale === 'counts' ? `population counts (adding up to ${formatTotal(t.sum)})` : t.scale === 'shares' ? 'shares (adding up to 1)' : 'percentages (adding up to 100)';
}

/** `1000`, `1.1`: a sum without floating-point noise. */
function formatTotal(x: number): number {
  return Number(x.toFixed(6));
}

/** An answer kept rows give but with no target: its respondents would weigh 0. */
function checkRakeTargets(targets: Record<string, Record<string, number>>, raking: Raking, loaded: LoadedSpec): void {
  for (const [id, answers] of Object.entries(targets)) {
    const untargeted = raking.answered(id).filter((a) => !Object.hasOwn(answers, a));
    if (untargeted.length > 0) {
      const list = untargeted.map((a) => `'${a}'`).join(', ');
      throw specError(loaded, ['weighting', 'rake', id], `${list} ${untargeted.length === 1 ? 'is an answer' : 'are answers'} of '${id}' in kept rows with no target: ${untargeted.length === 1 ? 'its' : 'their'} respondents would weigh 0`, `give ${untargeted.length === 1 ? 'it a target' : 'each a target'} (0 leaves them out on purpose), or declare ${untargeted.length === 1 ? 'it' : 'them'} missing for '${id}'`);
    }
  }
}

function filterEnv(f: FilterSpec, index: number, codebook: Codebook, loaded: LoadedSpec, spec: StudySpec, used: Set<string>, headers: readonly ColumnHeader[], expressions: CheckedExpression[]): FilterEnv {
  const path = (key: string) => ['filters', index, ...key.split(/[.[\]]+/).filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
  const error = (key: string, message: string, hint?: string) => specError(loaded, path(key), `${f.rule}: ${message}`, hint);
  return {
    codebook,
    timezone: spec.input?.timezone ?? 'UTC',
    header: (column: number) => columnLabel(headers[column]!),
    question(id: string, key: string, expression?: string): Question {
      const q = findId(codebook, id);
      if (!q) throw unknownRef(loaded, path(key), id, codebook.questions, expression);
      used.add(q.id);
      return q;
    },
    error,
    checkAnswers: (expr, key) => checkAnswers(expr, codebook, (message, hint) => error(key, message, hint), expressions),
  };
}

/** A question id, or `grid.item` for a grid item (returns the grid). */
function findId(codebook: Codebook, id: string): Question | undefined {
  return findRef(codebook.questions, id)?.question;
}

function planTables(spec: StudySpec, codebook: Codebook, loaded: LoadedSpec, used: Set<string>, filters: TableFilterUse[], expressions: CheckedExpression[]): PlannedTable[] | 'all' {
  if (!spec.tables) return 'all';
  // Two tables with one id would write one file over the other (or get a renamed one nobody asked for).
  const ids = new Map<string, number>();
  spec.tables.forEach((t, i) => {
    if (t.id === undefined) return;
    const first = ids.get(t.id);
    if (first !== undefined) throw specError(loaded, ['tables', i, 'id'], `two tables have the id '${t.id}' (tables ${first + 1} and ${i + 1}); ids must be unique`);
    ids.set(t.id, i);
  });
  return spec.tables.flatMap((t, i): PlannedTable[] => {
    // `at`: where in the table the id is written (['row'], ['columns', 2]).
    const ref = (at: (string | number)[], id: string): string => {
      const q = findId(codebook, id);
      if (!q) throw unknownRef(loaded, ['tables', i, ...at], id, codebook.questions);
      if (q.type === 'pii') throw specError(loaded, ['tables', i, ...at], `'${id}' is personal data and is never tabulated`);
      used.add(q.id);
      return id;
    };
    // Crosstabs and banners split by answers: a question whose cells are numbers, text or a whole grid has none to split by.
    const choice = (at: (string | number)[], id: string): string => {
      ref(at, id);
      const q = findId(codebook, id)!;
      if (q.type === 'single' || q.type === 'multi' || (q.type === 'matrix' && findRef(codebook.questions, id)?.item !== undefined)) return id;
      const hint = q.type === 'numeric' ? `band it into answers with derive (derive: [{ id: ${q.id}_band, from: ${q.id}, bands: [...] }])` : q.type === 'matrix' && q.items[0] ? `name one of its items, e.g. ${q.id}.${q.items[0].id}` : undefined;
      throw specError(loaded, ['tables', i, ...at], messages.notCategorical(id, q.type === 'matrix' ? 'a grid' : q.type), hint);
    };
    const filter = tableFilter(t, i, codebook, loaded, used, filters, expressions);
    const common = { ...(t.id ? { id: t.id } : {}), ...(t.title ? { title: t.title } : {}), ...(filter ? { filter, where: t.filter! } : {}) };
    switch (t.type) {
      case 'frequency':
        return [{ kind: 'frequency', question: ref(['question'], t.question!), ...common }];
      case 'crosstab':
        return [{ kind: 'crosstab', row: choice(['row'], t.row!), column: choice(['column'], t.column!), ...common }];
      case 'banner': {
        const columns = t.columns!.map((c, k) => choice(['columns', k], c));
        const rows = t.rows ? t.rows.map((r, k) => ref(['rows', k], r)) : [ref(['row'], t.row!)];
        return [{ kind: 'banner', rows, columns, total: t.total ?? true, minBase: t.minBase ?? 0, ...common }];
      }
    }
  });
}

function tableFilter(t: TableSpec, i: number, codebook: Codebook, loaded: LoadedSpec, used: Set<string>, uses: TableFilterUse[], expressions: CheckedExpression[]): Evaluator | undefined {
  if (t.filter === undefined) return undefined;
  let expr;
  try {
    expr = compile(t.filter);
  } catch (e) {
    throw specError(loaded, ['tables', i, 'filter'], (e as Error).message, (e as SurveyError).hint);
  }
  for (const name of expr.names) {
    const q = findId(codebook, name);
    if (!q) throw unknownRef(loaded, ['tables', i, 'filter'], name, codebook.questions, t.filter);
    if (q.type === 'pii') throw specError(loaded, ['tables', i, 'filter'], messages.piiSelects(name), messages.piiSelectsHint());
    used.add(q.id);
  }
  checkAnswers(expr, codebook, (message, hint) => specError(loaded, ['tables', i, 'filter'], message, hint), expressions);
  // Whether a kept row ever meets it: a filter that none meets is most likely a misspelt answer.
  const use: TableFilterUse = { index: i, source: t.filter, names: expr.names, met: false };
  uses.push(use);
  const evaluate = expr.evaluate;
  return (resolve) => {
    const v = evaluate(resolve);
    if (!use.met && truthy(v)) use.met = true;
    return v;
  };
}

/** `0.015`, `10.9`: a ratio to two significant digits at least. */
function formatRatio(x: number): string {
  return x >= 10 ? x.toFixed(1) : Number(x.toPrecision(2)).toString();
}
