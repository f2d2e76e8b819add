/**
 * A progress line on stderr while a long input is read: percent of the file's bytes,
 * rows so far and rows per second. Only on a terminal, only for inputs large enough to
 * take a while (and only once one has: nothing for a file read in under half a second),
 * redrawn at most a few times a second, and erased when done. Silent everywhere else.
 */
import { statSync } from 'node:fs';
import type { Io } from './io.js';

/** Inputs smaller than this never show progress (a workbook of a few MiB can take seconds). */
const MIN_BYTES = 1 << 20;
const FIRST_DRAW_MS = 500;
const REDRAW_MS = 200;

export interface Progress {
  /** The engine's `onProgress` callback. */
  update(bytesRead: number, rows: number): void;
  /** Erases the line (call before printing results or errors). */
  done(): void;
}

const SILENT: Progress = { update: () => {}, done: () => {} };

export function progress(io: Io, totalBytes: number, now: () => number = () => performance.now()): Progress {
  const err = io.stderr;
  if (err.isTTY !== true || totalBytes < MIN_BYTES || io.env.CI !== undefined) return SILENT;
  // Timed from the first report: the pass that reports may start after others (a sample, a spec).
  let started = -1;
  let rows0 = 0;
  let last = -Infinity;
  let drawn = false;
  let previous = 0;
  /** The furthest point drawn: the line never steps back. */
  let furthest = 0;
  return {
    update(bytesRead, rows) {
      const t = now();
      // A pass begins (a workbook's sample, then its main pass): rows per second are counted afresh.
      if (started < 0 || bytesRead < previous) {
        started = t;
        rows0 = rows;
      }
      previous = bytesRead;
      // A later pass over what an earlier one read (a workbook's sheet read again) leaves the line as it is.
      if (bytesRead < furthest || t - started < FIRST_DRAW_MS || t - last < REDRAW_MS) return;
      last = t;
      furthest = bytesRead;
      drawn = true;
      err.write(`\r${line(bytesRead / totalBytes, rows, (rows - rows0) / ((t - started) / 1000), err.columns ?? 80)}`);
    },
    done() {
      if (drawn) err.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/** `[#####.....]  42%  1,234,567 rows  812,345 rows/s`, fitted to the terminal's width. */
export function line(share: number, rows: number, rate: number, columns: number): string {
  const pct = Math.min(100, Math.max(0, Math.floor(share * 100)));
  const text = ` ${String(pct).padStart(3)}%  ${group(rows)} rows  ${group(Math.round(rate))} rows/s`;
  const width = Math.max(0, Math.min(40, columns - text.length - 3));
  const full = Math.round((width * pct) / 100);
  return width > 0 ? `[${'#'.repeat(full)}${'.'.repeat(width - full)}]${text}` : text.trim();
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The size of a file, or 0 when it cannot be read (the engine reports that properly). */
export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
