/**
 * Start-up work that can begin before the command's modules are loaded: `report --out`
 * draws charts, and loading vega on the chart thread takes as long as loading survey's
 * own modules, so bin/survey.js starts the thread first (from the raw arguments) and the
 * report command takes it over. Nothing here is needed for correctness: a command that
 * finds no thread started starts its own.
 */
import { startChartThread, type ChartThread } from '../report/chart-thread.js';

let chartThread: ChartThread | undefined;

export function prestart(argv: readonly string[]): void {
  if (argv[0] === 'report' && argv.some((a) => a === '--out' || a.startsWith('--out='))) chartThread = startChartThread();
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
  const t = chartThread;
  chartThread = undefined;
  return t;
}
