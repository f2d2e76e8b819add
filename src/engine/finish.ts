/**
 * What both pipelines (analyze.ts, zero-configuration; report.ts, a spec's) share: how many
 * rows the codebook is inferred from, the result they return, and its diagnostics.
 */
import { findRef, type Codebook } from '../spec/codebook.js';
import type { AnalysisResult, Diagnostic } from '../spec/result.js';
import type { ColumnHeader } from '../codebook/header.js';
import { R_MISSING } from '../codebook/infer.js';
import type { CsvInput } from '../ingest/input.js';
import { answersShown, messages } from '../errors/messages.js';
import type { Tabulation } from './tabulation.js';
import type { HeaderInfo } from './rows.js';

export interface Analysis {
  result: AnalysisResult;
  codebook: Codebook;
  headers: ColumnHeader[];
}

export const DEFAULT_SAMPLE_ROWS = 50_000;

/** What the questions an expression names hold, to show beside an expression that kept no row: `gender: Female, Male`. */
export function answersOf(t: Tabulation, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    const q = findRef(t.codebook.questions, name)?.question;
    if (!q) return [];
    return [q.options.length > 0 ? answersShown(name, q.options) : `${name}: ${q.type}`];
  });
}

/** The result every pipeline returns: input facts, questions, tables, withheld columns. */
export function finish(t: Tabulation, input: CsvInput, header: HeaderInfo, displayName: string, rows: number, diagnostics: Diagnostic[]): Analysis {
  const questions = t.questions();
  // A survey export has a column per question: one column is most likely another kind of file, or a delimiter missed.
  if (header.width === 1) diagnostics.push({ level: 'warning', code: 'SURVEY_ONE_COLUMN', message: messages.oneColumn(input.format === 'xlsx' ? null : input.delimiter) });
  const na = t.codebook.missing;
  if (na?.includes(R_MISSING)) diagnostics.push({ level: 'info', code: 'SURVEY_NA_MISSING', message: messages.naMissing(R_MISSING) });
  for (const q of questions) {
    if (q.type === 'date' && q.dateOrderGuessed) diagnostics.push({ level: 'info', code: 'SURVEY_DATE_ORDER_GUESSED', message: messages.dateOrderGuessed(q.label) });
  }
  const tables = t.tables();
  for (const x of tables) {
    if (x.kind === 'crosstab' && x.stats && x.stats.lowExpected > 0.2) {
      diagnostics.push({ level: 'warning', code: 'SURVEY_LOW_EXPECTED', message: messages.lowExpected(x.label, x.stats.lowExpected) });
    }
  }
  const result: AnalysisResult = {
    input: { file: displayName, rows, encoding: input.encoding, delimiter: input.delimiter, headerRows: header.headerRows, ...(input.format ? { format: input.format } : {}), ...(input.sheet !== undefined ? { sheet: input.sheet } : {}) },
    questions: questions.map((q) => ({ id: q.id, label: q.label, type: q.type, options: q.layout?.kind === 'columns' ? q.items.map((i) => i.label) : q.options, items: q.type === 'matrix' ? q.items.map((i) => i.label) : [], ...(q.metadata ? { metadata: true as const } : {}) })),
    tables,
    withheld: questions.filter((q) => q.type === 'pii').map((q) => ({ column: q.label, kind: q.pii!.kind, reason: q.pii!.reason })),
    diagnostics,
  };
  return { result, codebook: { questions, ...(na ? { missing: na } : {}) }, headers: header.headers };
}
