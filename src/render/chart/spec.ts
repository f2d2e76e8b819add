/**
 * Chart specs: pure functions from a table to a Vega-Lite spec (plain JSON with inline data,
 * no URLs to load, system fonts only) plus the warnings raised while building it. Render a spec
 * with `renderSvg` from `./svg.js`.
 *
 * Every chart has the question as its title, a subtitle naming the base and what the
 * percentages are of, value labels, answer labels wrapped (never truncated), colour-blind-safe
 * colours and a text description for the SVG `<desc>`. Percentages are rounded half-up, as in
 * the tables.
 */
export type { ChartOptions, ChartResult } from './common.js';
export { frequencyChart, DONUT_MAX_ANSWERS, type FrequencyChartOptions } from './frequency.js';
export { crosstabChart, type CrosstabChartOptions } from './crosstab.js';
export { likertChart, type LikertChartOptions } from './likert.js';
export { histogramChart, type HistogramChartOptions } from './histogram.js';
export { profileChart } from './profile.js';
export { chartMessages } from './messages.js';
