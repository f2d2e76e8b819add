/** The chart thread (see chart-thread.ts): loads vega at once, warms it up, then draws what it is sent. */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';

const port = parentPort;
if (port) {
  const svg = import('../render/chart/svg.js');
  // A first, throw-away chart compiles vega's code paths before the real ones arrive.
  const warm = svg.then(({ renderSvg }) => renderSvg({ data: { values: [{ a: 'x', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } }).catch(() => ''));
  port.on('message', (m: { id: number; spec: TopLevelSpec; seed?: number }) => {
    const warnings: string[] = [];
    warm
      .then(() => svg)
      .then(({ renderSvg }) => renderSvg(m.spec, { onWarning: (w) => warnings.push(w), ...(m.seed !== undefined ? { seed: m.seed } : {}) }))
      .then((out) => port.postMessage({ id: m.id, svg: out, warnings }))
      .catch((e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e), warnings }));
  });
}
