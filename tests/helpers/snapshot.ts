/**
 * Golden files for node:test, the way Observable Plot's snapshot tests work.
 *
 * `assertGolden(name, actual)` compares `actual` with `tests/output/<name>`. On a mismatch it
 * writes `tests/output/<stem>-changed.<ext>` next to the golden (git-ignored, uploaded by CI) and
 * fails; with `UPDATE=1` in the environment it (re)writes the golden instead. A golden that does
 * not exist yet fails too (and is written as `-changed`), so a forgotten golden never passes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { repoRoot } from './paths.js';

export { repoRoot } from './paths.js';

/** Where goldens live. */
export function outputDir(): string {
  return join(repoRoot(), 'tests', 'output');
}

export interface GoldenOptions {
  /** Applied to `actual` before it is compared or written (goldens are stored normalized). */
  normalize?: (text: string) => string;
}

/**
 * Compares `actual` with the golden file `tests/output/<name>`.
 *
 * @example assertGolden('graph1.svg', svg, { normalize: normalizeSvg });
 */
export function assertGolden(name: string, actual: string, opts: GoldenOptions = {}): void {
  const text = opts.normalize ? opts.normalize(actual) : actual;
  const golden = join(outputDir(), name);
  // `graph1.vl.json` → `graph1-changed.vl.json`: the suffix goes before the first dot.
  const { dir, base } = parse(golden);
  const dot = base.indexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  const changed = join(dir, `${stem}-changed${ext}`);
  if (process.env['UPDATE'] === '1') {
    mkdirSync(dirname(golden), { recursive: true });
    writeFileSync(golden, text);
    rmSync(changed, { force: true });
    return;
  }
  const expected = existsSync(golden) ? readFileSync(golden, 'utf8') : undefined;
  if (expected === text) {
    rmSync(changed, { force: true });
    return;
  }
  mkdirSync(dirname(changed), { recursive: true });
  writeFileSync(changed, text);
  if (expected === undefined) {
    assert.fail(`missing golden tests/output/${name}: wrote ${stem}-changed${ext}; review it and run with UPDATE=1`);
  }
  assert.equal(text, expected, `tests/output/${name} differs: see ${stem}-changed${ext}, or run with UPDATE=1 to accept`);
}

/** JSON for a golden: two-space indented, keys in the order the code wrote them, final newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Makes an SVG string reviewable and robust to floating-point noise: numbers with four or more
 * decimals are rounded to three, generated ids are renumbered in order of appearance, and every
 * element goes on its own line, indented by depth.
 */
export function normalizeSvg(svg: string): string {
  const rounded = svg.replace(/-?\d+\.\d{4,}/g, (n) => {
    const r = Number(Number(n).toFixed(3));
    return String(Object.is(r, -0) ? 0 : r);
  });
  const renumbered = renumberIds(rounded);
  return `${indent(renumbered.replace(/>\s*</g, '>\n<').split('\n')).join('\n')}\n`;
}

/** Renames `id="x"` (and its `url(#x)`/`href="#x"` references) to `id0`, `id1`, … in document order. */
function renumberIds(svg: string): string {
  const names = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] ?? '';
    if (!names.has(id)) names.set(id, `id${names.size}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (_all, pre: string, id: string, post: string) => `${pre}${names.get(id) ?? id}${post}`)
    .replace(/#([^)"\s]+)(?=[)"])/g, (all, id: string) => (names.has(id) ? `#${names.get(id) ?? id}` : all));
}

function indent(lines: string[]): string[] {
  let depth = 0;
  return lines.map((line) => {
    const closing = line.startsWith('</');
    if (closing) depth = Math.max(0, depth - 1);
    const out = `${'  '.repeat(depth)}${line}`;
    const opens = line.startsWith('<') && !closing && !line.startsWith('<?') && !line.startsWith('<!');
    const selfContained = line.endsWith('/>') || /<\/[^>]+>$/.test(line);
    if (opens && !selfContained) depth += 1;
    return out;
  });
}
