/**
 * The house style of every chart: fonts, sizes, greys and colour-blind-safe palettes, as a
 * Vega-Lite `config`. Callers may override any part of it (`opts.config`, deep-merged).
 */
import type { Config } from 'vega-lite';

/** System fonts only: a chart must never fetch a web font. Helvetica and Arial share metrics. */
export const FONT = 'Helvetica, Arial, "Liberation Sans", "Nimbus Sans", sans-serif';

/** Font sizes the layout arithmetic relies on (label wrapping, band steps). */
export const SIZE = { label: 11, lineHeight: 13, title: 15, titleLineHeight: 19, subtitle: 11.5, subtitleLineHeight: 15, source: 10, sourceLineHeight: 13 } as const;

/**
 * Okabe & Ito (2008), the palette designed to stay distinct under every common colour-vision
 * deficiency, reordered so that the first colours are the most distinct and yellow comes late.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** One-series bars, and the darker shade that sets nets apart from the answers they combine. */
export const BAR_COLOR = '#0072B2';
export const NET_COLOR = '#5E5E5E';

/** Text on white, in two strengths. */
export const INK = '#1A1A1A';
export const MUTED = '#595959';

/**
 * Diverging colours for agreement scales: oranges (ColorBrewer PuOr) for the first half of the
 * scale and blues (ColorBrewer RdBu) for the second, darkest at the ends. Orange against blue
 * stays distinct for protan, deutan and tritan viewers alike; the neutral point is a light grey.
 */
const DIVERGING_LEFT = ['#B35806', '#E08214', '#FDB863', '#FEE0B6'];
const DIVERGING_RIGHT = ['#2166AC', '#4393C3', '#92C5DE', '#D1E5F0'];
export const NEUTRAL_COLOR = '#D9D9D9';

/**
 * Answers that give no answer ("No answer", "Don't know", "Prefer not to say"), and answers off a
 * scale: one grey in every chart (a bar, a stacked segment, a donut slice), darker than a scale's
 * neutral middle so that the two are not read as one, and always drawn last.
 */
export const NO_ANSWER_COLOR = '#969696';

/** Shades for `n` options on one side of a diverging scale, from the end inwards. */
function side(shades: string[], n: number): string[] {
  const pick: Record<number, number[]> = { 1: [1], 2: [0, 2], 3: [0, 1, 2], 4: [0, 1, 2, 3] };
  const idx = pick[n];
  if (idx) return idx.map((i) => shades[i] ?? NEUTRAL_COLOR);
  const from = shades[0] ?? NEUTRAL_COLOR;
  const to = shades[shades.length - 1] ?? NEUTRAL_COLOR;
  return Array.from({ length: n }, (_, i) => mix(from, to, i / (n - 1)));
}

/**
 * Colours for an `n`-point scale in scale order: the first half orange, the second half blue,
 * and the middle option grey when `n` is odd.
 *
 * @example divergingColors(5) // ['#B35806', '#E08214', '#D9D9D9', '#92C5DE', '#2166AC']
 */
export function divergingColors(n: number): string[] {
  const half = Math.floor(n / 2);
  const left = side(DIVERGING_LEFT, half);
  const right = side(DIVERGING_RIGHT, half).reverse();
  return n % 2 === 1 ? [...left, NEUTRAL_COLOR, ...right] : [...left, ...right];
}

/**
 * Shades of one hue (ColorBrewer Blues) for an `n`-point one-sided scale ("Extremely" .. "Not at
 * all", "Every day" .. "Never"), darkest first: the scale has no second side to give another hue.
 *
 * @example sequentialColors(3) // ['#08519C', '#739ECA', '#DEEBF7']
 */
export function sequentialColors(n: number): string[] {
  if (n <= 1) return ['#3182BD'];
  return Array.from({ length: n }, (_, i) => mix('#08519C', '#DEEBF7', i / (n - 1)));
}

function mix(a: string, b: string, t: number): string {
  const ca = rgb(a);
  const cb = rgb(b);
  const hex = ca.map((v, i) => Math.round(v + ((cb[i] ?? v) - v) * t).toString(16).padStart(2, '0'));
  return `#${hex.join('')}`.toUpperCase();
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = parseInt(full.slice(0, 6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance(hex: string): number {
  const lin = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (lin[0] ?? 0) + 0.7152 * (lin[1] ?? 0) + 0.0722 * (lin[2] ?? 0);
}

/**
 * The text colour (white or near-black) with the higher WCAG contrast on `background`.
 * Colours that are not `#rgb`/`#rrggbb` get near-black.
 */
export function textColorOn(background: string): string {
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(background)) return INK;
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onInk = (l + 0.05) / (luminance(INK) + 0.05);
  return onWhite > onInk ? '#FFFFFF' : INK;
}

/** The base theme; see {@link chartConfig} for merging the caller's overrides. */
export const THEME: Config = {
  font: FONT,
  background: '#FFFFFF',
  padding: 16,
  view: { stroke: null },
  title: {
    anchor: 'start',
    frame: 'bounds',
    fontSize: SIZE.title,
    fontWeight: 'bold',
    color: INK,
    lineHeight: SIZE.titleLineHeight,
    subtitleFontSize: SIZE.subtitle,
    subtitleColor: MUTED,
    subtitleLineHeight: SIZE.subtitleLineHeight,
    subtitlePadding: 6,
    offset: 14,
  },
  axis: {
    labelFontSize: SIZE.label,
    labelColor: INK,
    labelLimit: 0,
    labelLineHeight: SIZE.lineHeight,
    titleFontSize: SIZE.label,
    titleFontWeight: 'normal',
    titleColor: MUTED,
    titlePadding: 8,
    domainColor: '#8C8C8C',
    tickColor: '#8C8C8C',
    gridColor: '#E6E6E6',
  },
  axisBand: { domain: false, ticks: false, grid: false, labelPadding: 8, tickSize: 0 },
  legend: {
    labelFontSize: SIZE.label,
    labelColor: INK,
    labelLimit: 0,
    titleFontSize: SIZE.label,
    titleFontWeight: 'normal',
    titleColor: MUTED,
    symbolType: 'square',
    symbolSize: 110,
    symbolStrokeWidth: 0,
    rowPadding: 6,
    columnPadding: 14,
    // Top legends start at the left edge of the plot, where the eye starts reading.
    layout: { top: { anchor: 'start' } },
  } as NonNullable<Config['legend']>,
  header: { labelFontSize: SIZE.label, labelFontWeight: 'bold', labelColor: MUTED, titleFontSize: SIZE.label },
  text: { fontSize: SIZE.label, color: INK },
  range: { category: OKABE_ITO },
};

/** The theme with `overrides` deep-merged over it (objects merge, arrays and values replace). */
export function chartConfig(overrides: Config | undefined): Config {
  return overrides === undefined ? structuredClone(THEME) : (deepMerge(THEME, overrides) as Config);
}

/**
 * `n` colours for categories: the palette, then its tints half way to white, so that up to twice
 * its length no two categories share a colour (an income question has eleven answers).
 */
export function categoryPalette(config: Config, n: number): { colors: string[]; distinct: number } {
  const base = categoryColors(config);
  // Only colours written in hex can be tinted here ("red" cannot): a palette of names repeats, and says so.
  const tints = base.filter((c) => /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(c)).map((c) => mix(c, '#FFFFFF', 0.5));
  const all = n > base.length ? [...base, ...farthestFirst(base.filter((c) => /^#/.test(c)), tints)] : base;
  return { colors: Array.from({ length: n }, (_, i) => all[i % all.length] ?? '#000000'), distinct: new Set(all.map((c) => c.toLowerCase())).size };
}

/**
 * `candidates` in the order that keeps each as far as can be from the colours before it (CIELAB
 * distance): a tint next to a colour it resembles (the blue's tint beside the sky blue) would make
 * two answers look alike.
 */
function farthestFirst(used: readonly string[], candidates: readonly string[]): string[] {
  const taken = used.map(lab);
  const left = candidates.map((c) => ({ c, lab: lab(c) }));
  const out: string[] = [];
  const gap = (x: Lab) => Math.min(Infinity, ...taken.map((t) => Math.hypot(x[0] - t[0], x[1] - t[1], x[2] - t[2])));
  while (left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (gap(left[i]!.lab) > gap(left[best]!.lab)) best = i;
    const [pick] = left.splice(best, 1);
    out.push(pick!.c);
    taken.push(pick!.lab);
  }
  return out;
}

type Lab = [number, number, number];

/** CIELAB (D65) of a hex colour: distances there follow what the eye tells apart. */
function lab(hex: string): Lab {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Lab;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047);
  const y = f(r * 0.2126 + g * 0.7152 + b * 0.0722);
  const z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** The categorical palette in effect after the caller's overrides. */
/** One-series bars: the first category colour (the theme's, or BAR_COLOR). */
export function barColor(config: Config): string {
  return categoryColors(config)[0] ?? BAR_COLOR;
}

export function categoryColors(config: Config): string[] {
  const range: unknown = config.range?.category;
  return Array.isArray(range) && range.length > 0 && range.every((c): c is string => typeof c === 'string') ? range : OKABE_ITO;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Keys that name JavaScript's object machinery rather than a setting: a spec's chart config
 * holding them (YAML reads `__proto__:` as an ordinary key) would give the merged config
 * another prototype, or hand vega an object where it expects the constructor. Dropped.
 */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deep-merges `b` over `a` without mutating either; keys in UNSAFE_KEYS are dropped at every depth. */
export function deepMerge(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return safeClone(b === undefined ? a : b);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(a)) if (!UNSAFE_KEYS.has(key)) out[key] = safeClone(a[key]);
  for (const key of Object.keys(b)) if (!UNSAFE_KEYS.has(key)) out[key] = Object.hasOwn(a, key) ? deepMerge(a[key], b[key]) : safeClone(b[key]);
  return out;
}

/** A deep copy of plain data without UNSAFE_KEYS. */
function safeClone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(safeClone);
  if (!isPlainObject(v)) return structuredClone(v);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) if (!UNSAFE_KEYS.has(key)) out[key] = safeClone(v[key]);
  return out;
}
