/**
 * The reading passes of `survey report`: the first reading takes the sample, from which the study
 * is planned (engine/plan.ts); then come a pass for each rule that needs the whole file first
 * (median durations, last submissions), one over the kept rows for raking, and the main pass,
 * every row through the rules and kept rows counted in every table.
 *
 * A file read on this thread is read once when no pass comes between: the sample's rows go
 * through the main pass and the same reading goes on. A file read on a second thread is read
 * again from the start, as are the passes. Each pass streams the file; only the sample
 * (bounded) and the rules' keys are held.
 */
import type { Codebook } from '../spec/codebook.js';
import type { Diagnostic } from '../spec/result.js';
import type { CsvInput } from '../ingest/input.js';
import { Cells } from '../ingest/cells.js';
import { columnLabel } from '../codebook/header.js';
import type { LoadedSpec } from '../config/load-spec.js';
import type { Rejection } from '../filters/apply.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import type { Tabulation } from './tabulation.js';
import { Sample, scanRows, type HeaderInfo, type RowHandler, type ScannedRows } from './rows.js';
import { DEFAULT_SAMPLE_ROWS } from './finish.js';
import { planStudy, type Plan } from './plan.js';
import { checkRakeAnswers, checkRakeTargets } from './rake-checks.js';

/** What the passes hand out as they read, and how much they sample. */
export interface PassOptions {
  sampleRows?: number;
  /** Called for every removed row with its non-personal cells (see `rejectColumns`). */
  onReject?: (rejection: Rejection, cells: string[]) => void;
  /** Called once the codebook is known, with the header of the rejects file. */
  onRejectColumns?: (columns: string[]) => void;
  /** Called for every kept row after it is coded (`survey clean` writes it out). */
  onKeep?: (tabulation: Tabulation, cells: Cells) => void;
  /** Called once the codebook is known, before the main pass. */
  onCodebook?: (codebook: Codebook) => void;
  /** Called as the main pass reads the file (a workbook: as it is first parsed, too): bytes read so far and rows so far (for a progress bar). */
  onProgress?: (bytesRead: number, rows: number) => void;
}

/** The study planned and every row read through its rules, the kept ones counted. */
export interface StudyRead {
  plan: Plan;
  /** The main pass's reading: the header, and the rows of empty cells it skipped. */
  scanned: ScannedRows;
  /** The rows the main pass read, kept or removed. */
  rows: number;
  /** The first lines of kept rows without a valid weight (blank, negative, no number), to name them. */
  noWeightLines: number[];
  /** What raking said of itself (not run, not converged, a target with no respondents, rows left unraked). */
  diagnostics: Diagnostic[];
}

/** Reads the export through every pass; `minCell` is disclosure control's minimum cell, which the plan's tables are given. */
export async function readStudy(input: CsvInput, loaded: LoadedSpec, displayName: string, options: PassOptions, minCell: number | undefined): Promise<StudyRead> {
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
        tabulation.count(line);
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
    plan = planStudy(header!, sample, loaded, decimalComma, options.onKeep !== undefined, minCell);
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
  const diagnostics: Diagnostic[] = [];
  if (main === null) scanned = await morePasses(input, displayName, p, loaded, diagnostics, mainPass(p), options.onProgress);
  // Kept rows weighted below 0 are counted to the end, then refused: every one of them, and the first by line.
  if (p.tabulation.negative.rows > 0) throw p.tabulation.negativeWeightsError(displayName);
  return { plan: p, scanned, rows, noWeightLines, diagnostics };
}

/**
 * The progress of the first reading: a workbook's, whose parse is what takes time (a sheet kept
 * in memory is read again at once); a CSV's once it is known to be the main pass, so that a bar
 * never runs to the end of the sample and starts over for the passes after it.
 */
function firstReadingProgress(input: CsvInput, onProgress: NonNullable<PassOptions['onProgress']>, mainPass: () => boolean): NonNullable<PassOptions['onProgress']> {
  return input.format === 'xlsx' ? onProgress : (bytes, rows) => void (mainPass() && onProgress(bytes, rows));
}

/**
 * The passes after the sample: one for each rule that needs the whole file first (median
 * durations, last submissions), one over the kept rows for raking (each cell's factor), and the
 * main pass.
 */
async function morePasses(input: CsvInput, displayName: string, p: Plan, loaded: LoadedSpec, diagnostics: Diagnostic[], mainPass: RowHandler, onProgress: PassOptions['onProgress']): Promise<ScannedRows> {
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
    // Design weights below 0 are refused before the raking they would upset is checked and solved.
    const negative = { rows: 0, first: NaN, line: 0 };
    await scanRows(input, displayName, () => (cells, line) => {
      tabulation.read(cells);
      if (chain.apply(context(cells, line)) !== null) return;
      raking.collect();
      if (tabulation.weightIsNegative() && negative.rows++ === 0) {
        negative.first = tabulation.rowWeightValue();
        negative.line = line;
      }
    }, scanOptions);
    if (negative.rows > 0) throw tabulation.negativeWeightsError(displayName, negative.rows, negative.first, negative.line);
    chain.startMainPass();
    checkRakeAnswers(rake, tabulation, loaded);
    checkRakeTargets(rake, raking, loaded);
    raking.solve(rake, spec.weighting!);
    tabulation.setAdjustment(() => raking.factor());
    diagnostics.push(...raking.diagnostics());
  }
  return scanRows(input, displayName, () => mainPass, { ...scanOptions, onProgress });
}
