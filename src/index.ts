/**
 * The programmatic API: what the commands do, without the terminal. Read an export and tabulate
 * it (`analyzeFile`), or run a study spec (`loadSpec`, then `runReport`), and render the result.
 * The result's shape is the public JSON contract (schema/analysis-result.schema.json).
 */
import { analyzeFile as analyzeRaw, type AnalyzeOptions } from './engine/analyze.js';
import type { Analysis } from './engine/finish.js';
import { runReport as reportRaw, type ReportOptions, type Report } from './engine/report.js';
import type { LoadedSpec } from './config/load-spec.js';
import { maskResult } from './privacy/mask.js';

export type { AnalyzeOptions, Analysis, ReportOptions, Report, LoadedSpec };
export type { ReportResult } from './engine/report.js';
export { loadSpec, parseSpec } from './config/load-spec.js';
export { maskContacts } from './privacy/mask.js';

/** An export's codebook and tables, as `analyze --format json` gives them: contact details typed into answers masked. */
export async function analyzeFile(file: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  const analysis = await analyzeRaw(file, options);
  return { ...analysis, result: maskResult(analysis.result) };
}

/** A study spec run, as `report --format json` gives it: contact details typed into answers masked. */
export async function runReport(loaded: LoadedSpec, specPath: string, options: ReportOptions = {}): Promise<Report> {
  const report = await reportRaw(loaded, specPath, options);
  return { ...report, result: maskResult(report.result) };
}

export { renderText, plain, type Styler, type TextOptions } from './render/table/text.js';
export { renderMarkdown } from './render/table/markdown.js';
export { renderCsv, funnelCsv } from './render/table/csv.js';
export { SurveyError, isSurveyError, type Location } from './errors/survey-error.js';
export { EXIT, type ExitCode, type SurveyErrorCode } from './errors/codes.js';
export type * from './spec/result.js';
export type { StudySpec } from './spec/analysis.js';
export type { Codebook, Question, QuestionType } from './spec/codebook.js';
