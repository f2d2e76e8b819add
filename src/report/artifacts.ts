/**
 * Everything a run writes, built in memory first (so `--check` can compare and
 * a failure writes nothing): tables as CSV, Markdown and JSON, a chart per
 * table as SVG (and Vega-Lite JSON on request), the spec's consolidated charts
 * (a respondent profile), the funnel, report.html (everything in one
 * self-contained page), tables.xlsx (a sheet per table) and a manifest.
 * Same input, same bytes: no timestamps, no random ids, stable order.
 */
import { chartMessages } from '../render/chart/messages.js';
import { createHash } from 'node:crypto';
import { findRef, type Codebook } from '../spec/codebook.js';
import type { StudySpec, TableSpec } from '../spec/analysis.js';
import type { AnalysisResult, FrequencyTable, Table } from '../spec/result.js';
import type { Artifact } from '../io/write.js';
import { funnelCsv, tablesCsv } from '../render/table/csv.js';
import { renderMarkdown, tableMarkdown } from '../render/table/markdown.js';
import { slug } from '../codebook/ids.js';
import { chartForGrid, chartForTable, chartSource, type ChartContext } from './choose-chart.js';
import { inputName } from '../render/title.js';
import { jsonText } from '../render/sanitize.js';
import type { ChartResult } from '../render/chart/spec.js';
import { consolidatedCharts } from './profile.js';
import { renderHtml } from './html.js';
import { buildWorkbook } from './xlsx.js';
import type { ChartThread } from './chart-thread.js';

export interface ArtifactOptions {
  codebook: Codebook;
  spec?: StudySpec;
  /** Also write each chart's Vega-Lite spec. */
  vegaLite: boolean;
  /** Words for the base in chart subtitles when a table does not say. */
  baseLabel: string;
  /** The source line under every chart whose spec entry gives none of its own (the spec's `source`, analyze's --source). */
  source?: string;
  /** Hash of the input file, recorded in the manifest. */
  inputSha256?: string;
  /** Draws the charts on another thread (started early to load vega meanwhile). */
  charts?: ChartThread;
}

export interface Built {
  artifacts: Artifact[];
  warnings: string[];
  /** Chart file stem per table index, for the HTML report. */
  charts: { id: string; tables: number[]; svg: string }[];
}

export async function buildArtifacts(given: AnalysisResult, opts: ArtifactOptions): Promise<Built> {
  const result = { ...given, input: { ...given.input, file: inputName(given.input.file) } };
  const ids = tableIds(result.tables);
  const report = { result, spec: opts.spec, ids, baseLabel: opts.baseLabel, inputSha256: opts.inputSha256 };
  const renderSvg = opts.charts ? opts.charts.render : (await import('../render/chart/svg.js')).renderSvg;
  const specTables = new Map((opts.spec?.tables ?? []).filter((t) => t.id).map((t) => [t.id!, t] as const));

  // Every chart is sent to the renderer at once (a thread, when there is one), first, so that the
  // thread draws while the tables' files and the workbook are made here; they are collected in
  // order afterwards, and warnings keep the order they had when charts were drawn one by one.
  interface Job {
    id: string;
    tables: number[];
    spec: ChartResult['spec'];
    svg: Promise<string>;
    warnings: string[];
  }
  const log: (string | Job)[] = [];
  const jobs: Job[] = [];
  const queued = new Set<string>();
  const draw = (id: string, chart: ChartResult | null, tables: number[]): void => {
    if (!chart) return;
    if (queued.has(id)) {
      log.push(`${id}: another chart is already written to charts/${id}.svg; this one is left out`);
      return;
    }
    queued.add(id);
    log.push(...chart.warnings.map((w) => `${id}: ${w}`));
    const warnings: string[] = [];
    const job: Job = { id, tables, spec: chart.spec, svg: renderSvg(chart.spec, { onWarning: (w) => warnings.push(`${id}: ${w}`) }), warnings };
    job.svg.catch(() => {});
    jobs.push(job);
    log.push(job);
  };
  const contextOf = (t: Table): ChartContext | null => {
    const spec: TableSpec | undefined = t.id ? specTables.get(t.id) : undefined;
    if (spec?.chart === false) return null;
    // A table's own baseLabel says whom it counts ("women aged 18-34"); without one, its filter is said.
    const filter = spec?.baseLabel === undefined ? t.filter : undefined;
    return { chart: spec?.chart || undefined, baseLabel: spec?.baseLabel ?? opts.baseLabel, title: spec?.title, filter, source: chartSource(spec?.chart?.source, opts.source) };
  };
  const peaks = sharedPeaks(result.tables, contextOf);
  const drawnGrids = new Set<string>();
  for (const [i, t] of result.tables.entries()) {
    const ctx = contextOf(t);
    if (ctx === null) continue;
    // Grid items on a recognised scale share one diverging chart; otherwise each gets bars.
    // A spec table of a whole grid (its items share the table's id) is one chart too, named by the id.
    if (t.kind === 'frequency' && t.item !== undefined) {
      const q = opts.codebook.questions.find((x) => x.id === t.question);
      const group = `${t.id ?? ''}\u0000${t.question}`;
      if (q && !drawnGrids.has(group)) {
        const members = result.tables.map((x, k) => [x, k] as const).filter(([x]) => x.kind === 'frequency' && x.question === q.id && x.item !== undefined && x.id === t.id);
        const grid = chartForGrid(q, members.map(([x]) => x as FrequencyTable), ctx);
        if (grid) {
          drawnGrids.add(group);
          draw(fileSafe(t.id ?? q.id), grid, members.map(([, k]) => k));
          continue;
        }
        // Asked for diverging bars that its answers cannot give: said once for the grid, not per item.
        const told = `${group}\u0000told`;
        if (ctx.chart?.type === 'likert' && !drawnGrids.has(told)) {
          drawnGrids.add(told);
          log.push(`${fileSafe(t.id ?? q.id)}: ${chartMessages.likertNoSides(ctx.title ?? q.label)}`);
        }
      } else if (q && drawnGrids.has(group)) continue;
    }
    const rowQuestion = t.kind === 'crosstab' ? findRef(opts.codebook.questions, t.row)?.question : undefined;
    draw(ids[i]!, chartForTable(t, { ...ctx, rowQuestion, axisPeak: peaks.get(t) }), [i]);
  }
  const consolidatedWarnings: string[] = [];
  const consolidated = consolidatedCharts(result, opts.spec, opts.baseLabel, consolidatedWarnings, opts.source);
  log.push(...consolidatedWarnings);
  for (const c of consolidated) draw(c.id, c.chart, c.tables);

  const artifacts: Artifact[] = [
    { path: 'results.json', content: json(result) },
    { path: 'tables.csv', content: tablesCsv(result.tables) },
    { path: 'tables.md', content: renderMarkdown(result) },
  ];
  if (result.funnel) artifacts.push({ path: 'funnel.csv', content: funnelCsv(result.funnel) });
  result.tables.forEach((t, i) => {
    artifacts.push({ path: `tables/${ids[i]}.csv`, content: tablesCsv([t]) }, { path: `tables/${ids[i]}.md`, content: `${tableMarkdown(t)}\n` }, { path: `tables/${ids[i]}.json`, content: json(t) });
  });
  // The workbook is built here while the chart thread (if any) draws.
  const xlsx = buildWorkbook(report);
  xlsx.catch(() => {});
  const charts: Built['charts'] = [];
  for (const job of jobs) {
    const svg = await job.svg;
    artifacts.push({ path: `charts/${job.id}.svg`, content: svg });
    if (opts.vegaLite) artifacts.push({ path: `charts/${job.id}.vl.json`, content: json(job.spec) });
    charts.push({ id: job.id, tables: job.tables, svg });
  }
  const warnings = log.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.warnings));
  artifacts.push({ path: 'report.html', content: renderHtml({ ...report, charts }) }, { path: 'tables.xlsx', content: await xlsx });
  artifacts.push({ path: 'manifest.json', content: manifest(artifacts, result, opts.inputSha256) });
  return { artifacts, warnings, charts };
}

/**
 * Bar charts of one question in one report (a filtered table beside the whole: graph3b and its
 * subgroup) share the top of their percent axis, the largest bar of them all: each fitting its own,
 * 0-60% beside 0-80%, would make equal bars look unequal side by side. Per table, the peak its
 * axis must reach, for questions drawn as bars more than once on one unit.
 */
function sharedPeaks(tables: readonly Table[], contextOf: (t: Table) => ChartContext | null): Map<Table, number> {
  // Only a question tabulated more than once can share an axis; the others' charts are not built twice.
  const byQuestion = new Map<string, Table[]>();
  for (const t of tables) {
    if (t.kind !== 'frequency') continue;
    const key = `${t.question}\u0000${t.item ?? ''}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), t]);
  }
  const peaks = new Map<Table, number>();
  for (const [key, candidates] of byQuestion) {
    if (candidates.length < 2) continue;
    const groups = new Map<string, { table: Table; peak: number }[]>();
    for (const t of candidates) {
      const ctx = contextOf(t);
      const axis = ctx === null ? undefined : chartForTable(t, ctx)?.axis;
      if (axis === undefined) continue;
      const unitKey = `${key}\u0000${axis.unit}`;
      groups.set(unitKey, [...(groups.get(unitKey) ?? []), { table: t, peak: axis.peak }]);
    }
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const peak = Math.max(...members.map((m) => m.peak));
      for (const m of members) peaks.set(m.table, peak);
    }
  }
  return peaks;
}

/** results.json, tables/*.json, manifest.json: the exact text of the data, hidden characters as \u escapes. */
function json(value: unknown): string {
  return `${jsonText(value)}\n`;
}

export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

function manifest(artifacts: readonly Artifact[], result: AnalysisResult, inputSha256: string | undefined): string {
  const files = [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((a) => ({ path: a.path, sha256: sha256(a.content), bytes: typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.byteLength }));
  return json({ input: { file: result.input.file, rows: result.input.rows, ...(inputSha256 ? { sha256: inputSha256 } : {}) }, files });
}

/** File-name-safe, unique ids for tables: the spec's id, else from the question(s). */
export function tableIds(tables: readonly Table[]): string[] {
  const seen = new Map<string, number>();
  return tables.map((t) => {
    let base = t.id ?? (t.kind === 'crosstab' ? `${t.row}_by_${t.column}` : t.kind === 'banner' ? 'banner' : t.kind === 'frequency' && t.item !== undefined ? `${t.question}.${slug(t.item) || 'item'}` : t.question);
    base = fileSafe(base);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  });
}

function fileSafe(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[.-]+/, '_').slice(0, 80) || 'table';
}
