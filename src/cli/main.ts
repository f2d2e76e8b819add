/**
 * The CLI edge: runs a command and maps whatever it throws to an exit code.
 * A user's mistake prints one line with a stable code; only a bug prints more.
 */
import { CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import type { Io } from './io.js';
import { createProgram } from './program.js';
import { EXIT, type ExitCode } from '../errors/codes.js';
import { isSurveyError } from '../errors/survey-error.js';
import { messages } from '../errors/messages.js';
import { formatError, useColor } from './print.js';
import { maskContacts } from '../privacy/mask.js';
import { forTerminal } from '../render/sanitize.js';

export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const program = createProgram(io, version());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    return handle(e, io);
  }
}

function handle(e: unknown, io: Io): ExitCode {
  if (e instanceof CommanderError) {
    // --help and --version arrive here too, with exit code 0; commander has printed its message.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isSurveyError(e)) {
    io.stderr.write(formatError(e, useColor(io.stderr, io.env, undefined)));
    return e.exitCode;
  }
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT.ok;
  const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  // A bug's message may quote data: contact details masked, control characters shown line by line (the stack keeps its lines).
  io.stderr.write(`survey: ${messages.internal(maskContacts(detail).split('\n').map(forTerminal).join('\n'))}\n`);
  return EXIT.internal;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
