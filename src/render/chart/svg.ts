/**
 * Renders a Vega-Lite spec to an SVG string in-process: no browser, no canvas.
 *
 *   spec ──vega-lite compile──▶ Vega spec ──vega.parse──▶ View{renderer: 'none'} ──toSVG──▶ SVG
 *
 * The output depends only on the spec and the vega/vega-lite versions: SVG definition ids and
 * vega-lite's id counter are reset, vega's random source is seeded, and text is measured with a
 * fixed table of font metrics (see `text.ts`) instead of whatever fonts the machine has. vega
 * and vega-lite are loaded on first use, so a CLI run that draws no chart never loads them.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ViewOptions } from 'vega';
import { loadBundle } from '../../bundle/load.js';
import { measureText } from './text.js';
import { drawSource, sourceOf } from './source.js';

/** Options of {@link renderSvg}. */
export interface RenderOptions {
  /** Receives vega and vega-lite warnings (nothing is ever written to the console). */
  onWarning?: (message: string) => void;
  /** Seed of vega's random source. __Default value:__ `123456789` */
  seed?: number;
}

/** The parts of vega's module that its type declarations leave out. */
interface VegaInternals {
  setRandom(random: () => number): void;
  randomLCG(seed: number): () => number;
  textMetrics: { width: (item: TextItem, text: unknown) => number };
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

type Logger = NonNullable<ViewOptions['logger']>;

const DEFAULT_SEED = 123456789;
const WARN = 2;

/**
 * Renders one spec at a time: vega's def-id counter, random source and text metrics are
 * module-global, so two interleaved renders could otherwise disturb each other's output.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders a Vega-Lite spec to a standalone SVG document whose first children are a `<title>`
 * (the chart title) and a `<desc>` (the spec's description).
 *
 * @example
 * const { spec } = frequencyChart(table);
 * await writeFile('q1.svg', await renderSvg(spec, { onWarning: (m) => diagnostics.warn(m) }));
 */
export function renderSvg(spec: TopLevelSpec, opts: RenderOptions = {}): Promise<string> {
  const run = queue.then(() => render(spec, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function render(spec: TopLevelSpec, opts: RenderOptions): Promise<string> {
  const { vega, vl } = await loadVega();
  const internals = vega as unknown as VegaInternals;
  const errors: string[] = [];
  const logger = createLogger(opts.onWarning, errors);
  const previousWidth = internals.textMetrics.width;
  internals.textMetrics.width = estimateWidth;
  try {
    // A source line is drawn onto the chart drawn without it, at the width vega gave it (see source.ts).
    const source = sourceOf(spec as unknown as Record<string, unknown>);
    vl.resetIdCounter();
    vega.resetSVGDefIds();
    internals.setRandom(internals.randomLCG(opts.seed ?? DEFAULT_SEED));
    const vgSpec = vl.compile((source?.bare ?? spec) as TopLevelSpec, { logger }).spec;
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logger, logLevel: WARN });
    let svg: string;
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    if (errors.length > 0) throw new Error(`cannot render the chart: ${errors.join('; ')}`);
    return addTitleAndDesc(source === undefined ? svg : drawSource(svg, source), titleOf(spec), spec.description);
  } finally {
    internals.textMetrics.width = previousWidth;
    internals.setRandom(Math.random);
  }
}

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

/** vega and vega-lite: from their bundle's code cache when the build made one (bundle/load.ts). */
async function loadVega(): Promise<{ vega: Vega; vl: VegaLite }> {
  const bundled = loadBundle<{ vega: Vega; vl: VegaLite }>('charts');
  if (bundled) return bundled;
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  return { vega, vl };
}

/** Text width from font metrics; vega truncates to `limit` itself when a mark sets one. */
function estimateWidth(item: TextItem, text: unknown): number {
  const line = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
  return measureText(line, size, bold);
}

function createLogger(onWarning: ((message: string) => void) | undefined, errors: string[]): Logger {
  let level = WARN;
  const text = (args: unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: unknown[]) {
      if (level >= WARN) onWarning?.(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as Logger;
}

/** The chart title as one line of plain text. */
function titleOf(spec: TopLevelSpec): string {
  const title: unknown = (spec as { title?: unknown }).title;
  const flat = (t: unknown): string => (Array.isArray(t) ? t.map(String).join(' ') : t == null ? '' : String(t));
  if (typeof title === 'object' && title !== null && !Array.isArray(title)) {
    return flat((title as { text?: unknown }).text);
  }
  return flat(title);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Inserts `<title>` and `<desc>` as the first children of the root `<svg>`, which is where
 * assistive technology looks for an SVG's name and description, and marks the root as a
 * graphics document as vega does for the charts it draws in a browser.
 */
function addTitleAndDesc(svg: string, title: string, desc: string | undefined): string {
  const start = svg.indexOf('<svg');
  const end = svg.indexOf('>', start);
  if (start < 0 || end < 0) return svg;
  const open = `${svg.slice(start, end)} role="graphics-document document" aria-roledescription="visualization">`;
  const head = `<title>${escapeXml(title)}</title>${desc ? `<desc>${escapeXml(desc)}</desc>` : ''}`;
  return `${svg.slice(0, start)}${open}${head}${svg.slice(end + 1)}`;
}
