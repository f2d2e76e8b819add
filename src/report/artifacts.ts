/**
 * Everything a run writes, built in memory first (so `--check` can compare and
 * a failure writes nothing): tables as CSV, Markdown and JSON, a chart per
 * table as SVG (and Vega-Lite JSON on request), the spec's consolidated charts
 * (a respondent profile), the funnel, report.html (everything in one
 * self-contained page), tables.xlsx (a sheet per table) and a manifest.
 * Same input, same bytes: no timestamps, no random ids, stable order.
 */
import { createHash } from 'node:crypto';
import type { Codebook } from '../spec/codebook.js';
import type { StudySpec, TableSpec } from '../spec/analysis.js';
import type { AnalysisResult, FrequencyTable, Table } from '../spec/result.js';
import type { FunnelStep } from '../filters/apply.js';
import type { Artifact } from '../io/write.js';
import { funnelCsv, tablesCsv } from '../render/table/csv.js';
import { renderMarkdown, tableMarkdown } from '../render/table/markdown.js';
import { slug } from '../codebook/ids.js';
import { chartForGrid, chartForTable } from './choose-chart.js';
import type { ChartResult } from '../render/chart/spec.js';
import { consolidatedCharts } from './profile.js';
import { renderHtml } from './html.js';
import { buildWorkbook } from './xlsx.js';
import type { WorkbookThread } from './xlsx-thread.js';
import type { ChartThread } from './chart-thread.js';

export interface ArtifactOptions {
  codebook: Codebook;
  spec?: StudySpec;
  /** Also write each chart's Vega-Lite spec. */
  vegaLite: boolean;
  /** Words for the base in chart subtitles when a table does not say. */
  baseLabel: string;
  /** Hash of the input file, recorded in the manifest. */
  inputSha256?: string;
  /** Builds the workbook on a second thread while the charts are drawn here. */
  workbook?: WorkbookThread;
  /** Draws the charts on another thread (started early to load vega meanwhile). */
  charts?: ChartThread;
}

export interface Built {
  artifacts: Artifact[];
  warnings: string[];
  /** Chart file stem per table index, for the HTML report. */
  charts: { id: string; tables: number[]; svg: string }[];
}

export async function buildArtifacts(result: AnalysisResult & { funnel?: FunnelStep[] }, opts: ArtifactOptions): Promise<Built> {
  const ids = tableIds(result.tables);
  const report = { result, spec: opts.spec, ids, baseLabel: opts.baseLabel, inputSha256: opts.inputSha256 };
  // The workbook is built meanwhile on its thread, if there is one.
  const workbook = opts.workbook ? opts.workbook.build(report) : null;
  workbook?.catch(() => {});
  const renderSvg = opts.charts ? opts.charts.render : (await import('../render/chart/svg.js')).renderSvg;
  const specTables = new Map((opts.spec?.tables ?? []).filter((t) => t.id).map((t) => [t.id!, t] as const));
  const artifacts: Artifact[] = [
    { path: 'results.json', content: json(result) },
    { path: 'tables.csv', content: tablesCsv(result.tables) },
    { path: 'tables.md', content: renderMarkdown(result) },
  ];
  if (result.funnel) artifacts.push({ path: 'funnel.csv', content: funnelCsv(result.funnel) });
  result.tables.forEach((t, i) => {
    artifacts.push({ path: `tables/${ids[i]}.csv`, content: tablesCsv([t]) }, { path: `tables/${ids[i]}.md`, content: `${tableMarkdown(t)}\n` }, { path: `tables/${ids[i]}.json`, content: json(t) });
  });

  const warnings: string[] = [];
  const charts: Built['charts'] = [];
  const draw = async (id: string, chart: ChartResult | null, tables: number[]) => {
    if (!chart) return;
    if (artifacts.some((a) => a.path === `charts/${id}.svg`)) {
      warnings.push(`${id}: another chart is already written to charts/${id}.svg; this one is left out`);
      return;
    }
    warnings.push(...chart.warnings.map((w) => `${id}: ${w}`));
    const svg = await renderSvg(chart.spec, { onWarning: (w) => warnings.push(`${id}: ${w}`) });
    artifacts.push({ path: `charts/${id}.svg`, content: svg });
    if (opts.vegaLite) artifacts.push({ path: `charts/${id}.vl.json`, content: json(chart.spec) });
    charts.push({ id, tables, svg });
  };
  const drawnGrids = new Set<string>();
  for (const [i, t] of result.tables.entries()) {
    const spec: TableSpec | undefined = t.id ? specTables.get(t.id.split('.')[0]!) : undefined;
    if (spec?.chart === false) continue;
    const ctx = { chart: spec?.chart || undefined, baseLabel: spec?.baseLabel ?? opts.baseLabel, title: spec?.title };
    // Grid items on a recognised scale share one diverging chart; otherwise each gets bars.
    if (t.kind === 'frequency' && t.item !== undefined && !t.id) {
      const q = opts.codebook.questions.find((x) => x.id === t.question);
      if (q && !drawnGrids.has(q.id)) {
        const members = result.tables.map((x, k) => [x, k] as const).filter(([x]) => x.kind === 'frequency' && x.question === q.id && x.item !== undefined);
        const grid = chartForGrid(q, members.map(([x]) => x as FrequencyTable), ctx);
        if (grid) {
          drawnGrids.add(q.id);
          await draw(fileSafe(q.id), grid, members.map(([, k]) => k));
          continue;
        }
      } else if (q && drawnGrids.has(q.id)) continue;
    }
    await draw(ids[i]!, chartForTable(t, ctx), [i]);
  }
  for (const c of consolidatedCharts(result, opts.spec, opts.baseLabel, warnings)) await draw(c.id, c.chart, c.tables);
  artifacts.push({ path: 'report.html', content: renderHtml({ ...report, charts }) }, { path: 'tables.xlsx', content: await (workbook ?? buildWorkbook(report)) });
  artifacts.push({ path: 'manifest.json', content: manifest(artifacts, result, opts.inputSha256) });
  return { artifacts, warnings, charts };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
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
