/**
 * The spec-driven pipeline (`survey report`):
 *
 *   spec ──► load + validate ─────────────────────────────┐
 *   export ─► sample ─► infer ─► apply spec codebook ─► plan tables, build rules   (plan.ts)
 *             [pass for rules that need the whole file (medians, last submissions); raking]
 *             main pass: code ─► rules in order ─► kept rows counted in every table   (passes.ts)
 *                                    └─► rejected rows: funnel + rejects
 *   the spec checked against every row; warnings about the reading   (report-diagnostics.ts)
 *   tables and statistics, weights, disclosure control   (here)
 *
 * The rake targets are checked in rake-checks.ts, before, while and after the file is read.
 */
import type { AnalysisResult, Diagnostic, FunnelStep } from '../spec/result.js';
import type { CsvInput, CsvOptions } from '../ingest/input.js';
import type { Encoding } from '../ingest/detect.js';
import { specInputFile } from '../config/spec-input.js';
import type { LoadedSpec } from '../config/load-spec.js';
import type { StudySpec } from '../spec/analysis.js';
import { suppressTables } from '../stats/suppress.js';
import { withInput } from './input.js';
import { finish, type Analysis } from './finish.js';
import { summarizeWeights } from './weighting.js';
import { readStudy, type PassOptions } from './passes.js';
import { checkAfterReading } from './report-diagnostics.js';
import { weightsOutsideTrim } from './rake-checks.js';

/** A report always has its funnel. */
export interface ReportResult extends AnalysisResult {
  funnel: FunnelStep[];
}

export interface Report extends Analysis {
  result: ReportResult;
}

/** How a report reads: its export, and the callbacks of its passes (PassOptions). */
export interface ReportOptions extends PassOptions {
  /** Overrides the spec's input file (resolved against the working directory). */
  input?: string;
  /** Overrides the spec's input.sheet (an .xlsx workbook's worksheet). */
  sheet?: string;
  /** Overrides statistics.minCell: cells with fewer respondents are suppressed. */
  minCell?: number;
  /** Name shown for the input in results. */
  displayName?: string;
  /**
   * Called when the export turns out not to be UTF-8 past its start and is read again from the
   * start (as Windows-1252 or Mac OS Roman): what the callbacks of PassOptions received so far is void.
   */
  onRestart?: () => void;
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
  const minCell = minCellOf(options, spec);
  const read = await readStudy(input, loaded, displayName, options, minCell);
  const { plan: p, scanned, rows } = read;
  const { tabulation } = p;
  const funnel = p.chain.funnel();
  diagnostics.push(...read.diagnostics, ...checkAfterReading(loaded, read, funnel));
  const analysis = finish(tabulation, input, scanned.header, displayName, rows, diagnostics);
  const result: ReportResult = { ...(spec.title ? { title: spec.title } : {}), ...analysis.result, funnel };
  if (p.weighted) {
    const method = p.weightId !== undefined && p.raking ? 'column+raking' : p.raking ? 'raking' : 'column';
    const w = (result.weights = summarizeWeights(tabulation, method, p.weightId, p.raking, spec.weighting ?? {}));
    if (p.raking) result.diagnostics.push(...weightsOutsideTrim(w, spec.weighting?.trim));
  }
  if (minCell !== undefined) {
    const suppressed = suppressTables(result.tables, minCell);
    result.tables = suppressed.tables;
    result.disclosure = suppressed.summary;
  }
  return { ...analysis, result };
}

/** Disclosure control's minimum cell: --min-cell over the spec's statistics.minCell. */
function minCellOf(options: ReportOptions, spec: StudySpec): number | undefined {
  return options.minCell ?? spec.statistics?.minCell;
}
