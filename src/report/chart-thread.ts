/**
 * Charts drawn on a second thread: vega and vega-lite take a quarter of a second to load
 * and the first chart as long again to warm up, so the thread starts doing both as soon as
 * a command knows it will draw charts, while the main thread reads the spec and the data.
 * Rendering is deterministic (see render/chart/svg.ts): the SVGs are the same bytes.
 */
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { RenderOptions } from '../render/chart/svg.js';

export interface ChartThread {
  /** The same as `renderSvg(spec, opts)`, on the thread. */
  render(spec: TopLevelSpec, opts?: RenderOptions): Promise<string>;
  /** A gated thread loads vega now (a render says so too). */
  go(): void;
  /** Once vega is loaded and warmed up: whether it was compiled from the build's code cache. */
  readonly ready: Promise<{ codeCache: boolean }>;
  close(): void;
}

type Reply = { id: number; svg: string; warnings: string[] } | { id: number; error: string; warnings: string[] } | { ready: true; codeCache: boolean };

/** `gated`: the thread starts, but loads vega only once told to `go` (see chart-worker.ts). */
export function startChartThread(gated = false): ChartThread {
  const worker = new Worker(new URL('./chart-worker.js', import.meta.url), { workerData: { gated } });
  worker.unref();
  let next = 0;
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void; onWarning: ((m: string) => void) | undefined }>();
  let onReady: (r: { codeCache: boolean }) => void = () => {};
  const ready = new Promise<{ codeCache: boolean }>((resolve) => (onReady = resolve));
  worker.on('message', (reply: Reply) => {
    if ('ready' in reply) return onReady({ codeCache: reply.codeCache });
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    for (const w of reply.warnings) p.onWarning?.(w);
    if ('svg' in reply) p.resolve(reply.svg);
    else p.reject(new Error(reply.error));
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  return {
    render(spec, opts = {}) {
      const id = next++;
      return new Promise<string>((resolve, reject) => {
        pending.set(id, { resolve, reject, onWarning: opts.onWarning });
        // Keep the process alive while a chart is being drawn.
        worker.ref();
        worker.postMessage({ id, spec, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
      });
    },
    go() {
      worker.postMessage('go');
    },
    ready,
    close() {
      void worker.terminate();
    },
  };
}
