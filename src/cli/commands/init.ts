import { Command } from 'commander';
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../io.js';
import type { Diagnostic } from '../../spec/result.js';
import { analyzeFile } from '../../engine/analyze.js';
import { codebookToSpec } from '../../codebook/to-spec.js';
import { checkOutputs, csvFlags, delimiterOption, encodingOption, headerRowsOption, sheetOption, type CsvFlags } from '../options.js';
import { writeAtomic } from '../../io/write.js';
import { SurveyError } from '../../errors/survey-error.js';
import { STDIN, withInputFile } from '../input-file.js';
import { formatDiagnostic, useColor } from '../print.js';

const EXAMPLES = `
Examples:
  $ survey init responses.csv > survey.yaml           the inferred codebook, ready to edit
  $ survey init responses.csv -o survey.yaml
  $ survey init responses.csv -o survey.yaml --force  replace a spec written before (its edits are lost)`;

interface InitFlags extends CsvFlags {
  output?: string;
  force?: boolean;
}

export function createInitCommand(io: Io): Command {
  return new Command('init')
    .description('print the inferred codebook of an export as an editable YAML spec')
    .argument('<file>', "the export; '-' reads it from standard input")
    .option('-o, --output <file>', 'write the spec to this file instead of stdout (not over an existing file)')
    .option('--force', 'with -o: replace the file if it exists')
    .addOption(encodingOption())
    .addOption(delimiterOption())
    .addOption(headerRowsOption())
    .addOption(sheetOption())
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, flags: InitFlags) => {
      if (flags.output !== undefined) {
        checkOutputs([{ flag: '-o', name: flags.output, file: resolve(io.cwd, flags.output) }], file === STDIN ? [] : [{ what: 'the export', file: resolve(io.cwd, file) }]);
        // A spec is edited by hand once written: a second init must not wipe the edits.
        if (!flags.force && statSync(resolve(io.cwd, flags.output), { throwIfNoEntry: false })?.isFile()) {
          throw new SurveyError('SURVEY_USAGE', `-o ${flags.output}: the file exists (a spec edited since?) and would be overwritten`, { hint: 'write to another file, or add --force to replace it' });
        }
      }
      const target = flags.output === undefined ? undefined : resolve(io.cwd, flags.output);
      const schema = fileURLToPath(new URL('../../../../schema/survey-spec.schema.json', import.meta.url));
      const from = target === undefined ? io.cwd : resolve(target, '..');
      // '-' (standard input) or a pipe is read from a private copy, as analyze reads it (cli/input-file.ts).
      const spec = await withInputFile(io, file, async (path, displayName, copied) => {
        const { result, codebook, headers } = await analyzeFile(path, { ...csvFlags(flags), displayName });
        warn(io, result.diagnostics);
        // A copy of standard input or of a pipe is gone after the run: the spec names no file then (a comment says so).
        if (copied) return codebookToSpec(codebook, headers, result.input, relative(from, schema), { readFrom: displayName });
        return codebookToSpec(codebook, headers, { ...result.input, file: target === undefined ? file : relative(from, resolve(io.cwd, file)) }, relative(from, schema));
      });
      if (target === undefined) io.stdout.write(spec);
      else await writeAtomic(target, spec);
    });
}

/**
 * What analyze warns of about the file (a table of published percentages, one column) goes to
 * stderr, never into the spec: a spec written silently from such a file would be edited and run
 * with no hint that its tables mean nothing. Notes (level info) are left out: what they say the spec
 * writes out itself (missing: [NA], dateOrder:, encoding:), and some name analyze's flags (--weight).
 */
function warn(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) if (d.level === 'warning') io.stderr.write(formatDiagnostic(d, useColor(io.stderr, io.env, undefined)));
}
