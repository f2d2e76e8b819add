/**
 * Start-up work that can begin before the command's modules are loaded: `report --out`
 * draws charts, and loading vega on the chart thread takes as long as loading survey's
 * own modules, so bin/survey.js starts the thread first (from the raw arguments) and the
 * report command takes it over. Nothing here is needed for correctness: a command that
 * finds no thread started starts its own.
 */
import { startChartThread, type ChartThread } from '../report/chart-thread.js';

/**
 * The thread is kept on globalThis, not in this module: the report command that takes it
 * may come from survey's bundle (dist/bundle/cli.cjs), which has its own copy of this module.
 */
const SLOT = Symbol.for('survey.prestart.chartThread');
const slot = globalThis as { [SLOT]?: ChartThread | undefined };

export function prestart(argv: readonly string[]): void {
  if (argv[0] === 'report' && argv.some((a) => a === '--out' || a.startsWith('--out='))) slot[SLOT] = startChartThread();
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
