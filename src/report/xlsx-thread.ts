/**
 * The workbook built on a second thread: exceljs takes as long to load as the charts
 * take to draw, so the thread starts loading it as soon as a command knows it will
 * write files, and builds the workbook while the main thread draws the charts.
 */
import { Worker } from 'node:worker_threads';
import type { XlsxInput } from './xlsx.js';

export interface WorkbookThread {
  /** The workbook's bytes, the same as `buildWorkbook(input)`. */
  build(input: XlsxInput): Promise<Uint8Array>;
  /** Stops the thread (when no workbook is needed after all). */
  close(): void;
}

export function startWorkbookThread(): WorkbookThread {
  const worker = new Worker(new URL('./xlsx-worker.js', import.meta.url));
  // An idle thread never keeps the process alive.
  worker.unref();
  let used = false;
  return {
    build(input) {
      if (used) throw new Error('a workbook thread builds one workbook');
      used = true;
      return new Promise<Uint8Array>((resolve, reject) => {
        worker.once('message', (m: { bytes?: Uint8Array; error?: string }) => {
          void worker.terminate();
          if (m.bytes) resolve(m.bytes);
          else reject(new Error(m.error ?? 'the workbook thread failed'));
        });
        worker.once('error', reject);
        worker.postMessage(input);
      });
    },
    close() {
      void worker.terminate();
    },
  };
}
