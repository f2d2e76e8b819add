/**
 * Planning the study (`survey report`), once the sample is read: the codebook inferred, then the
 * spec's applied; the tables, rules, weight and raking built, each reference checked. Only the
 * questions something uses are coded row by row. Each expression's answers are checked against
 * the sample's now, and kept to check against every row's once the file is read
 * (engine/report-diagnostics.ts).
 */
import { findRef, type Codebook, type Question } from '../spec/codebook.js';
import type { FilterSpec, StudySpec, TableSpec } from '../spec/analysis.js';
import type { ScanOptions } from '../ingest/input.js';
import { Cells } from '../ingest/cells.js';
import { columnLabel, type ColumnHeader } from '../codebook/header.js';
import { inferCodebook, numbersReadAsAnswers } from '../codebook/infer.js';
import { applySpecCodebook, specError, unknownRef } from '../config/apply-codebook.js';
import type { LoadedSpec } from '../config/load-spec.js';
import { compile, truthy, type Compiled, type Evaluator } from '../expr/compile.js';
import { createFilter } from '../filters/index.js';
import { FilterChain } from '../filters/apply.js';
import type { FilterEnv, RowContext } from '../filters/types.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { DEFAULT_LETTERS } from '../stats/column-tests.js';
import type { TableStatsOptions } from '../tabulate/options.js';
import { Tabulation, type PlannedTable } from './tabulation.js';
import type { HeaderInfo, Sample } from './rows.js';
import { Raking } from './weighting.js';
import { weightsHint } from './resolve.js';
import { choicesOf, comparisonProblem, listedAnswers } from './check-answers.js';
import { checkRakeTotals, rakeVariables } from './rake-checks.js';

/** The study as planned from the spec and the sample: what is coded, counted and checked. */
export interface Plan {
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
  /** Raking, its targets checked; solved by the raking pass (engine/passes.ts). */
  raking: Raking | null;
  /** A rule needs the whole file first (median durations, last submissions), or rows are raked. */
  passes: boolean;
  /** Each table filter of the spec, and whether any kept row has met it. */
  tableFilters: TableFilterUse[];
  /** Every expression of the spec, to check its answers against all the data's once it is read. */
  expressions: CheckedExpression[];
}

/** An expression of the spec, kept to check its answers against every row's once the file is read. */
export interface CheckedExpression {
  expr: Compiled;
  /** A spec error at the expression's path. */
  error: (message: string, hint?: string) => Error;
}

/** A table's filter, and whether any kept row has met it: one that none meets is most likely a misspelt answer. */
export interface TableFilterUse {
  /** The table's index in the spec's tables. */
  index: number;
  /** The table's id, where the spec gives one: messages name the table by it. */
  id?: string;
  /** The filter as the spec writes it. */
  source: string;
  /** The questions it names. */
  names: string[];
  met: boolean;
}

/**
 * Plans the study once the sample is read. `codeAll`: every question is coded, not only those
 * something uses (`survey clean` writes them all); `minCell`: disclosure control's minimum cell.
 */
export function planStudy(header: HeaderInfo, sample: Sample, loaded: LoadedSpec, decimalComma: boolean, codeAll: boolean, minCell: number | undefined): Plan {
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

/** An expression's answers checked against the sample's now (a slip is an error), and kept to check against every row's. */
function checkAnswers(expr: Compiled, codebook: Codebook, error: CheckedExpression['error'], expressions: CheckedExpression[]): void {
  const problem = comparisonProblem(expr, choicesOf(codebook.questions, listedAnswers), true);
  if (problem !== null) throw error(problem.message, problem.hint);
  expressions.push({ expr, error });
}

function statsOptions(spec: StudySpec, weighted: boolean, minCell: number | undefined): TableStatsOptions {
  const s = spec.statistics ?? {};
  const letters = s.letters === true ? DEFAULT_LETTERS : s.letters ? { ...DEFAULT_LETTERS, ...s.letters } : null;
  return { weighted, confidence: s.confidence ?? 0.95, raoScott: s.raoScott ?? 2, letters, ...(minCell !== undefined ? { minCell } : {}) };
}

function checkWeight(id: string, codebook: Codebook, loaded: LoadedSpec, path: (string | number)[]): string {
  const q = codebook.questions.find((x) => x.id === id);
  if (!q) throw unknownRef(loaded, path, id, codebook.questions, undefined, weightsHint(codebook.questions, 'weight'));
  if (q.type !== 'numeric') throw specError(loaded, path, `'${id}' is ${q.type}; weights must be a numeric question`, numbersReadAsAnswers(q) ? `its answers are numbers read as choices: declare it type: numeric in questions:` : undefined);
  return id;
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
  const use: TableFilterUse = { index: i, ...(t.id !== undefined ? { id: t.id } : {}), source: t.filter, names: expr.names, met: false };
  uses.push(use);
  const evaluate = expr.evaluate;
  return (resolve) => {
    const v = evaluate(resolve);
    if (!use.met && truthy(v)) use.met = true;
    return v;
  };
}

