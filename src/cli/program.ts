import { Command } from 'commander';
import type { Io } from './io.js';
import { createAnalyzeCommand } from './commands/analyze.js';
import { createInitCommand } from './commands/init.js';
import { createReportCommand } from './commands/report.js';
import { createCleanCommand } from './commands/clean.js';
import { EXIT } from '../errors/codes.js';

const EXIT_CODES = `
Exit codes:
  ${EXIT.ok}  success
  ${EXIT.checkFailed}  a check failed (report --check found stale figures)
  ${EXIT.usage}  usage error: unknown flag, bad value, invalid spec
  ${EXIT.data}  the input is not a readable survey export (bad CSV, empty, binary)
  ${EXIT.io}  a file could not be read or written
  ${EXIT.internal} a bug in survey (please report it)`;

export function createProgram(io: Io, version: string): Command {
  const program = new Command('survey')
    .description('turn raw survey exports into validated, publishable tables and charts')
    .version(version)
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
      // Usage errors get the same one-line shape and stable code as every other error.
      outputError: (message, write) => write(`error SURVEY_USAGE: ${message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()} (see 'survey --help')\n`),
    })
    .addHelpText('after', EXIT_CODES);
  program.addCommand(createAnalyzeCommand(io));
  program.addCommand(createReportCommand(io));
  program.addCommand(createInitCommand(io));
  program.addCommand(createCleanCommand(io));
  // Every command writes through io and throws instead of exiting.
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride();
    if (cmd !== program) cmd.configureOutput(program.configureOutput());
  }
  return program;
}
