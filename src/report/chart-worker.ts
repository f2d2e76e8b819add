/**
 * The chart thread (see chart-thread.ts): loads vega, warms it up, then draws what it is sent.
 * It loads vega at once, or, started before the main thread has set V8's flags (bin/survey.js),
 * when told `'go'`: vega's code cache is made under those flags, and V8 rejects it under others.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { usedCodeCache } from '../bundle/load.js';

type Svg = typeof import('../render/chart/svg.js');

const port = parentPort;
if (port) {
  let loaded: { svg: Promise<Svg>; warm: Promise<unknown> } | null = null;
  const load = (): { svg: Promise<Svg>; warm: Promise<unknown> } => {
    if (loaded) return loaded;
    const svg = import('../render/chart/svg.js');
    // A first, throw-away chart compiles vega's code paths before the real ones arrive.
    const warm = svg.then(({ renderSvg }) => renderSvg({ data: { values: [{ a: 'x', b: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } }).catch(() => ''));
    // Whether vega came from its code cache: V8 rejects it when loaded under other flags.
    void warm.then(() => port.postMessage({ ready: true, codeCache: usedCodeCache('charts') }));
    return (loaded = { svg, warm });
  };
  if ((workerData as { gated?: boolean } | null)?.gated !== true) load();
  port.on('message', (m: 'go' | { id: number; spec: TopLevelSpec; seed?: number }) => {
    if (m === 'go') return void load();
    const { svg, warm } = load();
    const warnings: string[] = [];
    warm
      .then(() => svg)
      .then(({ renderSvg }) => renderSvg(m.spec, { onWarning: (w) => warnings.push(w), ...(m.seed !== undefined ? { seed: m.seed } : {}) }))
      .then((out) => port.postMessage({ id: m.id, svg: out, warnings }))
      .catch((e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e), warnings }));
  });
}
