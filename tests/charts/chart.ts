/**
 * The chart snapshot harness (after Observable Plot's `test/plot.js`): each chart test is a
 * named function returning a chart spec; its name gives the goldens
 * `tests/output/<kebab-name>.vl.json` (exact) and `.svg` (normalized). A test whose name starts
 * with `warn` must raise exactly one warning (from the spec builder or from vega), every other
 * test none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChartResult } from '../../src/render/chart/spec.js';
import { renderSvg } from '../../src/render/chart/svg.js';
import { assertGolden, normalizeSvg, stableJson } from '../helpers/snapshot.js';

export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Checks every chart must pass, whatever it shows. */
export function assertAccessibleSvg(svg: string): void {
  assert.match(svg, /^<svg [^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/, 'title and desc are the first children of <svg>');
  assert.doesNotMatch(svg, /https?:\/\/(?!www\.w3\.org\/)/, 'no external URL in the SVG');
  assert.doesNotMatch(svg, /…|&#8230;/, 'no truncated label');
  assert.doesNotMatch(svg, /NaN|undefined|Infinity/, 'no broken number or label');
}

/**
 * Registers a snapshot test for a chart; `check` may assert more on the rendered SVG.
 *
 * @example chart(function graph1Bars() { return frequencyChart(graph1); });
 */
export function chart(fn: () => ChartResult, check?: (svg: string, result: ChartResult) => void): void {
  const name = kebab(fn.name);
  test(`chart ${name}`, async () => {
    const result = fn();
    const vegaWarnings: string[] = [];
    const svg = await renderSvg(result.spec, { onWarning: (m) => vegaWarnings.push(m) });
    const warnings = [...result.warnings, ...vegaWarnings];
    if (fn.name.startsWith('warn')) assert.equal(warnings.length, 1, `exactly one warning expected, got: ${JSON.stringify(warnings)}`);
    else assert.deepEqual(warnings, []);
    assertAccessibleSvg(svg);
    check?.(svg, result);
    assertGolden(`${name}.vl.json`, stableJson(result.spec));
    assertGolden(`${name}.svg`, svg, { normalize: normalizeSvg });
  });
}
