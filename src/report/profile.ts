/**
 * Charts drawn from several tables: the spec's top-level `charts` list. A `profile` chart
 * (a respondent profile, like a study's "who answered" figure) puts one panel of bars per
 * frequency table on a shared percent axis; it is written to charts/<id>.svg and shown in
 * report.html beside the tables it draws.
 */
import type { Config } from 'vega-lite';
import type { ConsolidatedChartSpec, StudySpec } from '../spec/analysis.js';
import type { AnalysisResult, FrequencyTable } from '../spec/result.js';
import type { LoadedSpec } from '../config/load-spec.js';
import { specError } from '../config/apply-codebook.js';
import { didYouMean } from '../errors/suggest.js';
import { profileChart, type ChartResult } from '../render/chart/spec.js';
import { chartSource } from './choose-chart.js';

export interface ConsolidatedChart {
  /** File name stem. */
  id: string;
  chart: ChartResult;
  /** Indices into result.tables, in panel order. */
  tables: number[];
}

/**
 * Checks the spec's `charts` against its `tables` before anything is read: every chart id is
 * unique and differs from every table id (both name a file in charts/), and every table it
 * draws exists and is a frequency table. Errors name the spec path, e.g. `charts[0].tables[2]`.
 */
export function checkCharts(loaded: LoadedSpec): void {
  const spec = loaded.spec;
  const tables = new Map<string, { type: string; index: number }>();
  (spec.tables ?? []).forEach((t, index) => {
    if (t.id !== undefined) tables.set(t.id, { type: t.type, index });
  });
  const seen = new Set<string>();
  (spec.charts ?? []).forEach((c, i) => {
    if (tables.has(c.id)) throw specError(loaded, ['charts', i, 'id'], `'${c.id}' is also a table id (tables[${tables.get(c.id)!.index}]); a chart needs its own id, as both are files in charts/`);
    if (seen.has(c.id)) throw specError(loaded, ['charts', i, 'id'], `two charts have the id '${c.id}'; ids must be unique`);
    seen.add(c.id);
    const panels = new Set<string>();
    c.tables.forEach((id, k) => {
      const t = tables.get(id);
      if (!t) throw specError(loaded, ['charts', i, 'tables', k], `unknown table '${id}'${didYouMean(id, [...tables.keys()])}; list the ids of tables in \`tables\``);
      if (t.type !== 'frequency') throw specError(loaded, ['charts', i, 'tables', k], `'${id}' is a ${t.type} table; a ${c.type} chart draws frequency tables`);
      if (panels.has(id)) throw specError(loaded, ['charts', i, 'tables', k], `'${id}' is listed twice`);
      panels.add(id);
    });
  });
}

/** The spec's consolidated charts, ready to render. Tables that cannot be drawn are left out with a warning. */
export function consolidatedCharts(result: AnalysisResult, spec: StudySpec | undefined, baseLabel: string, warnings: string[], source?: string): ConsolidatedChart[] {
  const out: ConsolidatedChart[] = [];
  for (const c of spec?.charts ?? []) {
    const members: { table: FrequencyTable; index: number }[] = [];
    for (const id of c.tables) {
      const index = result.tables.findIndex((t) => t.id === id);
      const table = result.tables[index];
      if (!table) warnings.push(`${c.id}: table '${id}' is not in the result; left out of the chart`);
      else if (table.kind !== 'frequency') warnings.push(`${c.id}: table '${id}' is a ${table.kind} table; left out of the ${c.type} chart`);
      else if (table.rows.every((r) => r.count === 0)) warnings.push(`${c.id}: table '${id}' has no answers; left out of the chart`);
      else members.push({ table, index });
    }
    if (members.length === 0) {
      warnings.push(`${c.id}: no table to draw; chart not written`);
      continue;
    }
    const title = c.title ?? 'Respondent profile';
    const tables = members.map(({ table }) => ({ ...table, label: panelHeading(table.label, title) }));
    const own = chartSource(c.source, source);
    const chart = profileChart(tables, {
      title,
      ...(own !== undefined ? { source: own } : {}),
      baseLabel: c.baseLabel ?? sharedBaseLabel(c, spec) ?? baseLabel,
      ...(c.config ? { config: c.config as Config } : {}),
    });
    out.push({ id: c.id, chart, tables: members.map((m) => m.index) });
  }
  return out;
}

/** "Respondent profile: age" under the title "Respondent profile" is headed "Age". */
export function panelHeading(label: string, chartTitle: string): string {
  const prefix = `${chartTitle.trim().toLowerCase()}:`;
  if (!label.toLowerCase().startsWith(prefix)) return label;
  const rest = label.slice(prefix.length).trim();
  return rest === '' ? label : rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** The member tables' own base label, when they all give the same one. */
function sharedBaseLabel(c: ConsolidatedChartSpec, spec: StudySpec | undefined): string | undefined {
  const labels = new Set(c.tables.map((id) => spec?.tables?.find((t) => t.id === id)?.baseLabel));
  return labels.size === 1 ? [...labels][0] : undefined;
}

