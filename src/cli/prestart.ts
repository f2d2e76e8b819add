/**
 * Start-up work that can begin before the command's modules are loaded: `report --out`
 * draws charts, and loading vega on the chart thread takes as long as loading survey's
 * own modules, so bin/survey.js starts the thread first (from the raw arguments) and the
 * report command takes it over. Nothing here is needed for correctness: a command that
 * finds no thread started starts its own.
 */
import { statSync } from 'node:fs';
import v8 from 'node:v8';
import { startChartThread, type ChartThread } from '../report/chart-thread.js';
import { THREADED_MIN_BYTES, prestartReadingThread } from '../ingest/reading-thread.js';

/**
 * V8 flags of a run that writes charts and a workbook (`report --out`, `analyze --out`): V8 optimises a function (TurboFan) after it has run 4x
 * longer than by default. Such a run draws each chart and writes each sheet once, so code
 * optimised for them rarely pays for its compile, and on two cores the compile takes the
 * core that the other thread needs (the small reference study ran 0.1 s faster; the 1M-row
 * reference job, per-row loops optimised all the same, no slower). V8 rejects a code cache
 * made under other flags: scripts/warm-bundles.mjs makes the caches of the bundles loaded
 * after this (vega, exceljs) under these flags, and bin/survey.js loads survey's own bundle
 * before.
 */
export const REPORT_V8_FLAGS = '--interrupt-budget=540672';

/**
 * The thread is kept on globalThis, not in this module: the report command that takes it
 * may come from survey's bundle (dist/bundle/cli.cjs), which has its own copy of this module.
 */
const SLOT = Symbol.for('survey.prestart.chartThread');
const slot = globalThis as { [SLOT]?: ChartThread | undefined };

/**
 * The threads that load while survey's modules do, started first: the reading thread of a
 * large export (ingest/reading-thread.ts), and `report --out`'s chart thread, which starts
 * but loads vega only once `prestart` has set V8's flags.
 */
export function prestartThreads(argv: readonly string[]): void {
  const input = exportArgument(argv);
  // A workbook is read on this thread (ingest/read-xlsx.ts).
  if (input !== undefined && !/\.xls[xmb]?$/i.test(input) && sizeOf(input) >= THREADED_MIN_BYTES) prestartReadingThread();
  if (argv[0] === 'report' && writesFiles(argv)) slot[SLOT] = startChartThread(true);
}

/** After survey's modules are loaded: V8's flags for a run that writes charts, and the chart thread told to load vega. */
export function prestart(argv: readonly string[]): void {
  // `analyze --out` draws its charts on the main thread, with the same bundles.
  if (!writesFiles(argv)) return;
  if (argv[0] === 'report' || argv[0] === 'analyze') v8.setFlagsFromString(REPORT_V8_FLAGS);
  slot[SLOT]?.go();
}

function writesFiles(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--out' || a.startsWith('--out='));
}

/** The export named on the command line, if plainly: `analyze FILE`, `report SPEC --input FILE`. */
function exportArgument(argv: readonly string[]): string | undefined {
  if (argv[0] === 'analyze') return argv[1] !== undefined && !argv[1].startsWith('-') ? argv[1] : undefined;
  if (argv[0] !== 'report') return undefined;
  const i = argv.indexOf('--input');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--input='))?.slice('--input='.length);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Stops a thread no command took (a usage error before the command ran): a thread still
 * loading vega when the main thread ends would keep the process from exiting.
 */
export function endPrestart(): void {
  takeChartThread()?.close();
}

/** The chart thread prestart began, once. */
export function takeChartThread(): ChartThread | undefined {
  const t = slot[SLOT];
  slot[SLOT] = undefined;
  return t;
}
