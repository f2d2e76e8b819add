/**
 * An in-process `Io` for `main(argv, io)`: stdout and stderr collect strings, the
 * environment is empty (so the developer's NO_COLOR/FORCE_COLOR never leak in) and
 * the working directory is the repository root, so tests pass fixture paths as
 * `fixtures/...`, the way a user types them.
 */
import { repoRoot } from './paths.js';
import type { Io, Output } from '../../src/cli/io.js';

export { fromRoot, repoRoot } from './paths.js';

export interface CapturedOutput extends Output {
  /** Everything written so far. */
  text: string;
  chunks: string[];
}

export interface CapturedIo extends Io {
  stdout: CapturedOutput;
  stderr: CapturedOutput;
}

function capture(isTTY: boolean | undefined, columns: number | undefined): CapturedOutput {
  const out: CapturedOutput = {
    text: '',
    chunks: [],
    write(chunk: string) {
      out.chunks.push(chunk);
      out.text += chunk;
      return true;
    },
  };
  if (isTTY !== undefined) out.isTTY = isTTY;
  if (columns !== undefined) out.columns = columns;
  return out;
}

export interface CaptureOptions {
  env?: Record<string, string | undefined>;
  /** Pretend stdout/stderr are terminals. __Default value:__ not set (a pipe) */
  isTTY?: boolean;
  columns?: number;
  cwd?: string;
}

export function captureIo(options: CaptureOptions = {}): CapturedIo {
  return {
    stdout: capture(options.isTTY, options.columns),
    stderr: capture(options.isTTY, options.columns),
    env: { ...(options.env ?? {}) },
    cwd: options.cwd ?? repoRoot(),
  };
}
