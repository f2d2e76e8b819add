/** An Io that collects what a command writes, for in-process CLI tests. */
import type { Io } from '../../src/cli/io.js';
import { ROOT } from './paths.js';

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(env: Record<string, string | undefined> = {}, cwd = ROOT): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (s: string) => out.push(s), isTTY: false, columns: 100 },
    stderr: { write: (s: string) => err.push(s), isTTY: false, columns: 100 },
    env,
    cwd,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
