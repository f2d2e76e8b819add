/** The workbook thread (see xlsx-thread.ts): loads exceljs at once, then builds the one workbook asked for. */
import { parentPort } from 'node:worker_threads';
import type { XlsxInput } from './xlsx.js';

const port = parentPort;
if (port) {
  // Start loading exceljs now: the main thread is still reading the spec and the data.
  const ready = import('./xlsx.js');
  void import('exceljs');
  port.once('message', (input: XlsxInput) => {
    ready
      .then(({ buildWorkbook }) => buildWorkbook(input))
      .then((bytes) => port.postMessage({ bytes }, [bytes.buffer as ArrayBuffer]))
      .catch((e: unknown) => port.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }));
  });
}
