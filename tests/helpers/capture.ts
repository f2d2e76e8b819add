/** captureIo with `out()`/`err()` accessors, over tests/helpers/io.ts. */
import { captureIo as base, type CapturedIo as BaseIo } from './io.js';
import { ROOT } from './paths.js';

export interface CapturedIo extends BaseIo {
  out(): string;
  err(): string;
}

export function captureIo(env: Record<string, string | undefined> = {}, cwd = ROOT): CapturedIo {
  const io = base({ env, cwd, isTTY: false, columns: 100 });
  return { ...io, out: () => io.stdout.text, err: () => io.stderr.text };
}
