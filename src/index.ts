/**
 * The programmatic API: what the commands do, without the terminal. Read an export and tabulate
 * it (`analyzeFile`), or run a study spec (`loadSpec`, then `runReport`), and render the result.
 * The result's shape is the public JSON contract (schema/analysis-result.schema.json).
 */
export { analyzeFile, type AnalyzeOptions, type Analysis } from './engine/analyze.js';
export { loadSpec, parseSpec, type LoadedSpec } from './config/load-spec.js';
export { runReport, type ReportOptions, type Report, type ReportResult } from './engine/report.js';
export { renderText, plain, type Styler, type TextOptions } from './render/table/text.js';
export { renderMarkdown } from './render/table/markdown.js';
export { renderCsv, funnelCsv } from './render/table/csv.js';
export { SurveyError, isSurveyError, type Location } from './errors/survey-error.js';
export { EXIT, type ExitCode, type SurveyErrorCode } from './errors/codes.js';
export type * from './spec/result.js';
export type { StudySpec } from './spec/analysis.js';
export type { Codebook, Question, QuestionType } from './spec/codebook.js';
