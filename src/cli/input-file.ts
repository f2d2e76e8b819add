/**
 * An export named on the command line, as a file the engine can read twice (the sample, then the
 * whole): `-` (standard input), a pipe or a process substitution (`<(unzip -p x.zip)`) is first
 * copied, streamed, to a private temporary file that is removed afterwards.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Io } from './io.js';
import { SurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';

export const STDIN = '-';

/**
 * Runs `run` on the export `file` names (relative to `io.cwd`): the file itself, or the copy of
 * what `-` or a pipe gave (`copied`), with the name errors show it by (`stdin` for `-`).
 */
export async function withInputFile<T>(io: Io, file: string, run: (path: string, displayName: string, copied: boolean) => Promise<T>): Promise<T> {
  const source = streamOf(io, file);
  if (source === null) return run(resolve(io.cwd, file), file, false);
  const name = file === STDIN ? 'stdin' : file;
  let dir: string | undefined;
  // Interrupted (Ctrl-C), the copy of respondents' answers goes too.
  const remove = () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  const interrupted = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    let copy: string;
    try {
      dir = mkdtempSync(join(tmpdir(), 'survey-input-'));
      copy = join(dir, 'export');
      // Created readable by its owner only: the export holds respondents' answers.
      await pipeline(source, createWriteStream(copy, { mode: 0o600 }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (typeof code !== 'string') throw e;
      throw new SurveyError('SURVEY_IO_WRITE', `${messages.cannotWrite(code)}: the copy of ${name} in ${tmpdir()}`, { location: { file: name }, hint: 'set TMPDIR to a folder with room that you can write to', cause: e });
    }
    return await run(copy, name, true);
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    remove();
  }
}

/** What to copy first, or null for a file that can be read as it is (or that does not exist, which the engine says). */
function streamOf(io: Io, file: string): NodeJS.ReadableStream | null {
  if (file === STDIN) {
    if (io.stdin === undefined || io.stdin.isTTY === true) throw new SurveyError('SURVEY_USAGE', "'-' reads the export from standard input, which is a terminal here", { hint: "pipe it in (… - < responses.csv) or give the export's file name instead of '-'" });
    return io.stdin;
  }
  const path = resolve(io.cwd, file);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return null;
  }
  if (stat.isFIFO() || stat.isSocket()) return createReadStream(path);
  // /dev/zero, /dev/urandom or a terminal: no export, and some never end.
  if (stat.isCharacterDevice() || stat.isBlockDevice()) throw new SurveyError('SURVEY_IO_READ', 'a device, not an export', { location: { file } });
  return null;
}
